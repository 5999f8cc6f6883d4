package main

import (
	"fmt"
	"testing"
)

// A number wrapped in a narrow cell (长春: 1378.4 over 1, its fraction short
// of the page's two digits) is read whole; a number printed over the next
// row's own number (西安-人社: 49.2 over a row that also holds text) is not.
func TestJoinWrapped(t *testing.T) {
	ws := []*word{
		{x0: 194.6, y0: 225.2, x1: 217.0, y1: 232.6, text: "1378.4"},
		{x0: 204.0, y0: 234.9, x1: 207.7, y1: 242.3, text: "1"},
		{x0: 421.3, y0: 225.2, x1: 432.5, y1: 232.6, text: "0.0"},
		{x0: 421.3, y0: 234.9, x1: 425.0, y1: 242.3, text: "0"},
	}
	var got []string
	for _, w := range joinWrapped(ws, 2) {
		got = append(got, w.text)
	}
	if fmt.Sprint(got) != "[1378.41 0.00]" {
		t.Errorf("wrapped: %v", got)
	}
	ws = []*word{
		{x0: 499.3, y0: 491.5, x1: 521.4, y1: 502.5, text: "49.2"},
		{x0: 40, y0: 505.1, x1: 60, y1: 516.1, text: "30231"},
		{x0: 70, y0: 505.1, x1: 140, y1: 516.1, text: "公务用车运行维护费"},
		{x0: 515.7, y0: 505.1, x1: 521.2, y1: 516.1, text: "2"},
	}
	if n := len(joinWrapped(ws, 2)); n != 4 {
		t.Errorf("a row under a short number was joined to it: %d words left", n)
	}
}

// readPGM reads pdftoppm's grey output; inked finds dark pixels in a box.
func TestPGM(t *testing.T) {
	data := append([]byte("P5\n4 2\n255\n"), 255, 255, 255, 255, 255, 255, 10, 255)
	img, ok := readPGM(data)
	if !ok || img.w != 4 || img.h != 2 {
		t.Fatalf("readPGM: %+v %v", img, ok)
	}
	if !img.inked(2, 1, 2.5, 1.5) || img.inked(0, 0, 1, 1) {
		t.Error("inked")
	}
}

// A word cut through its middle by a clip edge (ink above the middle or
// below it only) is a half copy; a whole word, inked across its middle,
// is not.
func TestHalfInked(t *testing.T) {
	g := pgm{w: 20, h: 20, pix: make([]byte, 400)}
	for i := range g.pix {
		g.pix[i] = 255
	}
	ink := func(y0, y1 int) {
		for y := y0; y <= y1; y++ {
			g.pix[y*g.w+5] = 0
		}
	}
	w := &word{x0: 2, y0: 4, x1: 10, y1: 16, text: "23.930400"}
	ink(5, 9) // the top only: the page's clip ends at the middle
	if !g.halfInked(w) {
		t.Error("top half only: not taken for a cut copy")
	}
	ink(5, 15) // the glyph whole
	if g.halfInked(w) {
		t.Error("whole word taken for a cut copy")
	}
}
