package pdf

import (
	"testing"

	"github.com/yusuan-data/yusuan/extract/align"
)

// TestDropOverprints: fake bold (each glyph printed three or four times a
// fraction of a point apart, 合合合合计计计) reads as 合计; two real 1s side
// by side stay two.
func TestDropOverprints(t *testing.T) {
	var chars []rawChar
	put := func(r rune, x float64) {
		chars = append(chars, rawChar{Piece: align.Piece{R: r, X0: x, X1: x + 10, Y0: 100, Y1: 110}})
	}
	for _, dx := range []float64{0, 0.3, 0.6, 0.9} {
		put('合', 50+dx)
	}
	for _, dx := range []float64{0, 0.4, 0.8} {
		put('计', 60+dx)
	}
	put('1', 80)
	put('1', 85.5) // narrow digits: box 10 wide, but offset by a full advance
	chars[len(chars)-1].X1 = 91
	chars[len(chars)-2].X1 = 85.5
	got := ""
	for _, c := range dropOverprints(chars) {
		got += string(c.R)
	}
	if got != "合计11" {
		t.Errorf("got %q, want 合计11", got)
	}
}
