package align

import (
	"sort"
	"unicode"
)

// Character boxes in units the page gives. A text layer's loose box is the
// advance width by the font's ascent and descent as the PDF states them,
// and that statement varies wildly: a font descriptor with its real metrics
// gives boxes 1.2–1.45 em tall (Noto CJK), one with ascent and descent 0
// (LibreOffice's subset fonts) leaves PDFium to take the font's bounding
// box, 2–3 em tall, or whatever glyph sits at 'A'. Every unruled step
// measures in text heights (gaps, row tolerances, line grouping), so the
// same table read in another font would be cut differently.
//
// The advance of a Han character is one em in every CJK font: that width
// is measured on the page, whatever the descriptor says. EmBoxes gives each
// character a box of one em from its baseline (ascent emAscent, descent
// 1-emAscent), the em being the width of the character itself when it is
// Han or full width, else the width of the Han characters on its baseline
// (the median of those in its band of s.EmBand points of baselines and
// the bands beside it), else of the page. Widths (X) are kept.
func EmBoxes(cs []Piece, s *Settings) []Piece {
	if len(cs) == 0 {
		return cs
	}
	var all []float64
	byBase := map[int][]float64{}
	key := func(b float64) int { return int(b / s.EmBand) }
	for _, c := range cs {
		if w := c.X1 - c.X0; fullWidth(c.R) && w > 0 {
			all = append(all, w)
			byBase[key(c.Base)] = append(byBase[key(c.Base)], w)
		}
	}
	if len(all) == 0 {
		return cs
	}
	page := median(all)
	out := make([]Piece, len(cs))
	for i, c := range cs {
		em := page
		if w := c.X1 - c.X0; fullWidth(c.R) && w > 0 {
			em = w
		} else if ws := append(append(byBase[key(c.Base)-1], byBase[key(c.Base)]...), byBase[key(c.Base)+1]...); len(ws) > 0 {
			em = median(ws)
		}
		c.Y0, c.Y1 = c.Base-emAscent*em, c.Base+(1-emAscent)*em
		out[i] = c
	}
	return out
}

// emAscent is the share of an em above the baseline in the boxes EmBoxes
// makes (the ideographic em box of CJK fonts: 0.88 above, 0.12 below).
const emAscent = 0.88

func fullWidth(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0xff01 && r <= 0xff5e || r >= 0x3000 && r <= 0x303f
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}
