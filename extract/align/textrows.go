package align

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/yusuan-data/yusuan/layout"
)

// Piece is one positioned character of text, in page space (points, Y
// down): a character of a PDF text layer, or one a recogniser read (Chars).
type Piece struct {
	X0, Y0, X1, Y1 float64 // loose box: advance width × ascent/descent
	Base           float64 // baseline: the character origin's Y
	R              rune
	SpaceBefore    bool // a space (real or generated) preceded it
	RealSpace      bool // a space character of the source itself preceded it
}

func (c Piece) h() float64 { return c.Y1 - c.Y0 }

// Row is a text row: a run of pieces sharing a baseline, left to right.
type Row struct {
	Pieces         []Piece
	X0, Y0, X1, Y1 float64
	Base           float64 // baseline of the first piece
}

func (l *Row) add(c Piece) {
	if len(l.Pieces) == 0 {
		l.X0, l.Y0, l.X1, l.Y1 = c.X0, c.Y0, c.X1, c.Y1
	} else {
		l.X0, l.Y0 = math.Min(l.X0, c.X0), math.Min(l.Y0, c.Y0)
		l.X1, l.Y1 = math.Max(l.X1, c.X1), math.Max(l.Y1, c.Y1)
	}
	l.Pieces = append(l.Pieces, c)
}

func (l *Row) height() float64 { return l.Y1 - l.Y0 }

// Rows clusters pieces into text rows by baseline: a piece joins the
// nearest recent row whose baseline is within LineOverlap of the smaller
// piece height; rows come out top to bottom, pieces left to right.
// Baselines, not boxes: fonts of one line differ in ascent and descent,
// and wrapped lines in a narrow cell nearly touch. Rows sorts ps in place
// (callers hand it a slice of their own).
func Rows(ps []Piece, s *Settings) []*Row {
	if len(ps) == 0 {
		return nil
	}
	cs := ps
	slices.SortStableFunc(cs, func(a, b Piece) int { return cmpLess(a.Base < b.Base, b.Base < a.Base) })
	var lines []*Row
	for _, c := range cs {
		var best *Row
		bestD := math.Inf(1)
		for k := len(lines) - 1; k >= 0 && k >= len(lines)-s.RowLookback; k-- {
			l := lines[k]
			d := math.Abs(l.Base - c.Base)
			tol := s.LineOverlap * math.Min(l.height(), c.h())
			if d <= tol && d < bestD {
				best, bestD = l, d
			}
		}
		if best == nil {
			best = &Row{Base: c.Base}
			lines = append(lines, best)
		}
		best.add(c)
	}
	for _, l := range lines {
		slices.SortStableFunc(l.Pieces, func(a, b Piece) int { return cmpLess(a.X0 < b.X0, b.X0 < a.X0) })
	}
	slices.SortStableFunc(lines, func(a, b *Row) int {
		if math.Abs(a.Base-b.Base) > s.LineOverlap*math.Min(a.height(), b.height()) {
			return cmpLess(a.Base < b.Base, b.Base < a.Base)
		}
		return cmpLess(a.X0 < b.X0, b.X0 < a.X0)
	})
	return lines
}

// cmpLess is a comparison for slices.SortStableFunc made from the
// "less" of sort.SliceStable (ab: a before b, ba: b before a). The two
// stable sorts are one algorithm (both generated from sort's template)
// that only asks whether the comparison is below zero, so the order is
// the same even where the tolerance makes the relation intransitive.
func cmpLess(ab, ba bool) int {
	switch {
	case ab:
		return -1
	case ba:
		return 1
	}
	return 0
}

// isWordRune: Latin letters and digits (and the punctuation that lives
// inside numbers and codes) are the runs that keep spaces between them.
func isWordRune(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".,%-+/()", r))
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// Text joins the pieces of one row: CJK never gets a space, two
// Latin/digit runs keep one when the source shows a visible gap (or
// carried a space character) between them. cjkGaps: the row is running
// text, not a cell, where a wide gap or a space character between CJK
// characters is a space too.
func Text(cs []Piece, s *Settings, cjkGaps bool) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			p := cs[i-1]
			gap := c.X0 - p.X1
			h := math.Max(math.Min(p.h(), c.h()), s.MinHeight)
			if isWordRune(p.R) && isWordRune(c.R) {
				if gap > s.SpaceGap*h || (c.SpaceBefore && gap > s.SpacedWordGap*h) {
					b.WriteByte(' ')
				}
			} else if cjkGaps && textGap(p.R, c, gap, h, s) {
				b.WriteByte(' ')
			} else if !cjkGaps && isWordRune(p.R) != isWordRune(c.R) && !unicode.IsSpace(p.R) && c.RealSpace && gap > s.MixedSpaceGap*h {
				// "2025 网络宣传" in a cell: a space the PDF carries between a
				// number or Latin word and Chinese is part of the text.
				b.WriteByte(' ')
			}
		}
		b.WriteRune(c.R)
	}
	return b.String()
}

// textGap decides, for a text line (not a cell), whether a gap before c
// is a space: a space character in the PDF counts when there is some gap
// (TextCJKSpaceGap between two CJK characters, whose letter spacing can be
// wide), a wide gap counts even without one (TextCJKGap between CJK).
func textGap(p rune, c Piece, gap, h float64, s *Settings) bool {
	cjk := isCJK(p) && isCJK(c.R)
	switch {
	case cjk:
		return gap > s.TextCJKGap*h || c.SpaceBefore && gap > s.TextCJKSpaceGap*h
	default:
		return gap > s.TextGap*h || c.SpaceBefore && gap > s.TextSpaceGap*h
	}
}

// JoinWrapped joins the text rows of one cell: no line break, no space
// unless both sides are Latin words and the source had a space there.
func JoinWrapped(lines []*Row, s *Settings) string {
	var b strings.Builder
	var prev rune
	for i, l := range lines {
		t := Text(l.Pieces, s, false)
		if t == "" {
			continue
		}
		if i > 0 && prev != 0 {
			first := l.Pieces[0]
			if unicode.IsLetter(prev) && prev < 0x80 && unicode.IsLetter(first.R) && first.R < 0x80 && first.SpaceBefore {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
		prev = l.Pieces[len(l.Pieces)-1].R
	}
	return b.String()
}

func lineBox(l *Row) layout.Box { return layout.Box{X0: l.X0, Y0: l.Y0, X1: l.X1, Y1: l.Y1} }

func plainLine(l *Row, s *Settings) layout.Line {
	box := lineBox(l)
	return layout.Line{Box: box, Cells: []layout.Cell{{Text: Text(l.Pieces, s, true), Box: box, Conf: -1}}}
}
