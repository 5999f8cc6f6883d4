package ocr

import (
	"image"
	"math"
	"testing"
)

// TestPieceChars: the recogniser's word boxes inside Chinese text are
// rough (a first word's box spanning the whole piece), so CJK words are
// one run set on a fixed pitch between the piece's ink edges, in reading
// order; a number keeps its own box, and a second number starts a word.
func TestPieceChars(t *testing.T) {
	p := piece{
		textPiece: textPiece{box: image.Rect(100, 50, 360, 73), parts: []image.Rectangle{image.Rect(100, 50, 360, 73)}, line: image.Rect(0, 50, 1000, 73)},
		words: []word{
			{x0: 100, x1: 360, text: "社会", conf: 0.9},
			{x0: 150, x1: 190, text: "保障", conf: 0.5},
			{x0: 190, x1: 230, text: "支出", conf: 0.9},
			{x0: 250, x1: 300, text: "16.19", conf: 0.8},
			{x0: 310, x1: 350, text: "16.20", conf: 0.8},
		},
	}
	cs := pieceChars([]piece{p}, 1)
	var text []rune
	for i, c := range cs {
		text = append(text, c.R)
		if i > 0 && c.X0 < cs[i-1].X0 {
			t.Errorf("%c at %.1f left of %c at %.1f", c.R, c.X0, cs[i-1].R, cs[i-1].X0)
		}
		if c.Y0 != cs[0].Y0 || c.Y1 != cs[0].Y1 || c.Base != cs[0].Base {
			t.Errorf("%c: box %.1f-%.1f, not the line's", c.R, c.Y0, c.Y1)
		}
	}
	if string(text) != "社会保障支出16.1916.20" {
		t.Fatalf("text %q", string(text))
	}
	if cs[2].Conf != 0.5 || cs[0].Conf != 0.9 {
		t.Errorf("confidences %v %v: not their words'", cs[0].Conf, cs[2].Conf)
	}
	// six CJK characters share 100..230 (widened by the bearings) evenly
	if w0, w5 := cs[0].X1-cs[0].X0, cs[5].X1-cs[5].X0; math.Abs(w0-w5) > 1e-9 || cs[0].X0 >= 100 {
		t.Errorf("CJK widths %.1f, %.1f from %.1f", w0, w5, cs[0].X0)
	}
	if !cs[0].WordStart || cs[1].WordStart || cs[6].WordStart || cs[7].WordStart || !cs[11].WordStart {
		t.Errorf("word starts wrong")
	}
	if last := cs[len(cs)-1]; last.X1 <= 360 {
		t.Errorf("number ends at %.1f, inside its ink", last.X1)
	}
}
