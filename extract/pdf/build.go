package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/yusuan-data/yusuan/layout"
)

// Settings are the tolerances of the layout steps, in points unless said
// otherwise. DefaultSettings suits the budget disclosures of the corpus.
type Settings struct {
	// Edges.
	SnapTol    float64 // parallel rules closer than this are one rule
	JoinTol    float64 // collinear rules with a gap up to this are joined
	EdgeMinLen float64 // shorter rules are dropped
	// Intersections and cells.
	IntersectTol  float64 // a rule ending this close to another still meets it
	MinTableCells int     // a ruled grid with fewer cells is a frame, not a table
	// Text lines: two characters are on one line when their baselines
	// differ by at most this share of the smaller character height.
	LineOverlap float64
	// Word gap: a gap wider than this share of the font height between two
	// Latin or digit characters is a space.
	SpaceGap float64
	// Unruled tables: a gap wider than this share of the line height (an
	// em of the text layer: emBoxes) splits a line into column segments.
	ColumnGap float64
	// Unruled tables: a line cut by gaps this wide (a share of the line
	// height) into three or more pieces without sentence punctuation is a
	// table row as well; 0: only ColumnGap counts.
	NarrowColumnGap float64
	// Unruled tables, inside a table region: a gap wider than this share of
	// the line height splits cells.
	CellGap float64
	// Unruled tables: two amounts side by side are two cells when a gap
	// wider than this share of the line height parts them; 0: no such cut.
	AmountGap float64
	// Unruled tables: a wrapped line's pitch may be up to WrapRowRatio times
	// below the row pitch when it is at most WrapTight line heights; 0: the
	// row pitch must be within 1.45 wrap pitches.
	WrapTight    float64
	WrapRowRatio float64
	// Unruled tables: lines closer than this share of the line height are
	// no wrapped lines of one cell (labels at half-line offsets are not).
	WrapMinPitch float64
	// Unruled tables: a gap up to this share of the line height holding a
	// space character of the PDF is a word space, never a column gap; 0:
	// gaps are judged by width alone.
	RealSpaceGap float64
	// OCR gives the unruled settings for characters a recogniser read,
	// whose boxes are the height of their line's ink, not ems
	// (UnruledChars): they keep the tolerances tuned on scans.
	OCR *Settings
	// Unruled tables: minimum consecutive lines of at least two segments.
	MinUnruledRows int
	// Unruled tables: a line further below the previous one than this many
	// line heights ends the block.
	MaxRowGap float64
}

// DefaultSettings returns the tolerances used by Reader.
func DefaultSettings() Settings {
	s := textSettings()
	o := s
	o.ColumnGap, o.NarrowColumnGap, o.CellGap, o.AmountGap, o.WrapTight, o.WrapMinPitch, o.RealSpaceGap = 1.6, 0, 0.55, 0, 0, 0.6, 0
	s.OCR = &o
	return s
}

func textSettings() Settings {
	return Settings{
		SnapTol:         2,
		JoinTol:         3,
		EdgeMinLen:      3,
		IntersectTol:    2.5,
		MinTableCells:   2,
		LineOverlap:     0.3,
		SpaceGap:        0.22,
		ColumnGap:       1.0,
		NarrowColumnGap: 0.38,
		CellGap:         0.35,
		AmountGap:       0.15,
		WrapTight:       1.45,
		WrapRowRatio:    2.5,
		WrapMinPitch:    0.95,
		RealSpaceGap:    0.6,
		MinUnruledRows:  3,
		MaxRowGap:       2.5,
	}
}

// buildPage turns the raw characters and rules of a page into lines.
func buildPage(rp *rawPage, s *Settings) layout.Page {
	pg, _ := buildPageFrom(rp, s, nil)
	return pg
}

// buildPageFrom is buildPage for a page that may continue the unruled
// table the page before ended with (carry: unruled_carry.go); it returns
// what this page hands on to the next.
func buildPageFrom(rp *rawPage, s *Settings, carry *unruledCarry) (layout.Page, *unruledCarry) {
	if rp == nil {
		return layout.Page{}, nil
	}
	pg := layout.Page{Number: rp.Number, Width: rp.W, Height: rp.H}

	// Normalise code points and gather statistics for garble detection.
	var st GarbleStats
	st.ImageObj = rp.Images
	var sb strings.Builder
	chars := make([]rawChar, 0, len(rp.Chars))
	for _, c := range rp.Chars {
		if c.MapErr && c.R != 0 {
			// PDFium guessed a code point without a usable map: count it as bad.
			st.Chars++
			st.Bad++
			if !c.Clipped {
				chars = append(chars, c)
			}
			continue
		}
		c.R = normalizeRune(c.R)
		classify(c.R, &st)
		sb.WriteRune(c.R)
		// Characters off the page or clipped away (clip.go) are not
		// visible; they still count for garble detection.
		if c.Clipped || c.X1 < 0 || c.Y1 < 0 || c.X0 > rp.W || c.Y0 > rp.H || c.X1-c.X0 <= 0 && c.Y1-c.Y0 <= 0 {
			continue
		}
		chars = append(chars, c)
	}

	chars = dropOverprints(chars)
	edges := mergeEdges(rp.Segs, s)
	for _, e := range edges {
		pg.Rules = append(pg.Rules, layout.Rule{X0: e.X0, Y0: e.Y0, X1: e.X1, Y1: e.Y1})
	}
	if g, _ := garbled(st, sb.String()); g {
		pg.Garbled = true
		return pg, nil
	}

	// Ruled tables take their characters first.
	tables := findTables(edges, s)
	if closed := closeOpenColumns(edges, tables); len(closed) > len(edges) {
		tables = findTables(closed, s)
	}
	used := make([]bool, len(chars))
	var out []layout.Line
	for _, t := range tables {
		out = append(out, t.rows(chars, used, s)...)
	}
	var rest []rawChar
	for i, c := range chars {
		if !used[i] {
			rest = append(rest, c)
		}
	}
	lines := groupLines(emBoxes(rest), s)
	un, next := unruledFrom(lines, s, carry)
	out = append(out, un...)
	if len(tables) > 0 {
		next = nil // a ruled table on the page: it is no unruled run
	}

	slices.SortStableFunc(out, func(p, q layout.Line) int {
		a, b := p.Box, q.Box
		if math.Abs(a.Y0-b.Y0) > 1 {
			return cmpLess(a.Y0 < b.Y0, b.Y0 < a.Y0)
		}
		return cmpLess(a.X0 < b.X0, b.X0 < a.X0)
	})
	for i := range out {
		out[i].Number = i + 1
	}
	pg.Lines = out
	return pg, next
}

// ---------------------------------------------------------------- text lines

// textLine is a run of characters sharing a baseline, left to right.
type textLine struct {
	chars          []rawChar
	X0, Y0, X1, Y1 float64
	base           float64 // baseline of the first character
}

func (l *textLine) add(c rawChar) {
	if len(l.chars) == 0 {
		l.X0, l.Y0, l.X1, l.Y1 = c.X0, c.Y0, c.X1, c.Y1
	} else {
		l.X0, l.Y0 = math.Min(l.X0, c.X0), math.Min(l.Y0, c.Y0)
		l.X1, l.Y1 = math.Max(l.X1, c.X1), math.Max(l.Y1, c.Y1)
	}
	l.chars = append(l.chars, c)
}

func (l *textLine) height() float64 { return l.Y1 - l.Y0 }

// groupLines clusters characters into visual lines by baseline: a
// character joins the nearest recent line whose baseline is within
// LineOverlap of the smaller character height; lines come out top to bottom, characters
// left to right. Baselines, not boxes: fonts of one line differ in ascent
// and descent, and wrapped lines in a narrow cell nearly touch.
func groupLines(chars []rawChar, s *Settings) []*textLine {
	if len(chars) == 0 {
		return nil
	}
	cs := append([]rawChar(nil), chars...)
	slices.SortStableFunc(cs, func(a, b rawChar) int { return cmpLess(a.Base < b.Base, b.Base < a.Base) })
	var lines []*textLine
	for _, c := range cs {
		var best *textLine
		bestD := math.Inf(1)
		for k := len(lines) - 1; k >= 0 && k >= len(lines)-4; k-- {
			l := lines[k]
			d := math.Abs(l.base - c.Base)
			tol := s.LineOverlap * math.Min(l.height(), c.h())
			if d <= tol && d < bestD {
				best, bestD = l, d
			}
		}
		if best == nil {
			best = &textLine{base: c.Base}
			lines = append(lines, best)
		}
		best.add(c)
	}
	for _, l := range lines {
		slices.SortStableFunc(l.chars, func(a, b rawChar) int { return cmpLess(a.X0 < b.X0, b.X0 < a.X0) })
	}
	slices.SortStableFunc(lines, func(a, b *textLine) int {
		if math.Abs(a.base-b.base) > 0.3*math.Min(a.height(), b.height()) {
			return cmpLess(a.base < b.base, b.base < a.base)
		}
		return cmpLess(a.X0 < b.X0, b.X0 < a.X0)
	})
	return lines
}

// cmpLess is a comparison for slices.SortStableFunc made from the
// "less" of sort.SliceStable (ab: a before b, ba: b before a). The two
// stable sorts are one algorithm (both generated from sort's template)
// that only asks whether the comparison is below zero, so the order is
// the same even where the tolerance makes the relation intransitive; the
// generic one just spares the reflection.
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

// lineText joins the characters of one line: CJK never gets a space, two
// Latin/digit runs keep one when the PDF shows a visible gap (or carried a
// space character) between them.
func lineText(cs []rawChar, s *Settings, cjkGaps bool) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			p := cs[i-1]
			gap := c.X0 - p.X1
			h := math.Max(math.Min(p.h(), c.h()), 1)
			if isWordRune(p.R) && isWordRune(c.R) {
				if gap > s.SpaceGap*h || (c.SpaceBefore && gap > 0.05*h) {
					b.WriteByte(' ')
				}
			} else if cjkGaps && textGap(p.R, c, gap, h) {
				b.WriteByte(' ')
			} else if !cjkGaps && isWordRune(p.R) != isWordRune(c.R) && !unicode.IsSpace(p.R) && c.RealSpace && gap > 0.1*h {
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
// (a quarter em between two CJK characters, whose letter spacing can be
// wide), a wide gap counts even without one (4 em between CJK).
func textGap(p rune, c rawChar, gap, h float64) bool {
	cjk := isCJK(p) && isCJK(c.R)
	switch {
	case cjk:
		return gap > 4*h || c.SpaceBefore && gap > 0.25*h
	default:
		return gap > 1.0*h || c.SpaceBefore && gap > 0.1*h
	}
}

// joinWrapped joins the text lines of one cell: no line break, no space
// unless both sides are Latin words and the PDF had a space there.
func joinWrapped(lines []*textLine, s *Settings) string {
	var b strings.Builder
	var prev rune
	for i, l := range lines {
		t := lineText(l.chars, s, false)
		if t == "" {
			continue
		}
		if i > 0 && prev != 0 {
			first := l.chars[0]
			if unicode.IsLetter(prev) && prev < 0x80 && unicode.IsLetter(first.R) && first.R < 0x80 && first.SpaceBefore {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
		prev = l.chars[len(l.chars)-1].R
	}
	return b.String()
}

func lineBox(l *textLine) layout.Box { return layout.Box{X0: l.X0, Y0: l.Y0, X1: l.X1, Y1: l.Y1} }

func plainLine(l *textLine, s *Settings) layout.Line {
	box := lineBox(l)
	return layout.Line{Box: box, Cells: []layout.Cell{{Text: lineText(l.chars, s, true), Box: box, Conf: -1}}}
}
