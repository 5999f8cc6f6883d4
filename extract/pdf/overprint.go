package pdf

import "math"

// overprintWindow is how many kept characters back a repeat is looked for:
// fake bold prints each glyph several times in a row, or a whole label
// several times over.
const overprintWindow = 16

// overprintShift is the largest offset, as a share of the glyph's box, at
// which a second copy of a glyph is the same glyph printed again (fake
// bold: 合合合合计计计) rather than a character of its own (11 is offset by a
// whole advance).
const overprintShift = 0.3

// dropOverprints removes the extra copies of glyphs printed several times at
// (almost) the same place to look bold. The text layer holds every copy;
// the page shows one character.
func dropOverprints(chars []rawChar) []rawChar {
	out := chars[:0]
	for _, c := range chars {
		dup := false
		for k := len(out) - 1; k >= 0 && k >= len(out)-overprintWindow; k-- {
			if overprints(out[k], c) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, c)
		}
	}
	return out
}

func overprints(a, b rawChar) bool {
	if a.R != b.R || a.R == ' ' {
		return false
	}
	w := math.Max(a.X1-a.X0, b.X1-b.X0)
	h := math.Max(a.h(), b.h())
	if w <= 0 || h <= 0 {
		return false
	}
	return math.Abs(a.X0-b.X0) < overprintShift*w && math.Abs(a.Y0-b.Y0) < overprintShift*h
}
