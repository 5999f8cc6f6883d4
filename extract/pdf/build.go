package pdf

import (
	"math"
	"slices"
	"strings"

	"github.com/yusuan-data/yusuan/extract/align"
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
	// A character the table's top or bottom rule runs through, with at
	// least this share of its height inside, is read into the edge row
	// (tables.go, straddles).
	StraddleIn float64
	// Text rows and unruled tables (extract/align).
	align.Settings
}

// DefaultSettings returns the tolerances used by Reader.
func DefaultSettings() Settings {
	return Settings{
		SnapTol:       2,
		JoinTol:       3,
		EdgeMinLen:    3,
		IntersectTol:  2.5,
		MinTableCells: 2,
		StraddleIn:    0.4,
		Settings:      align.Defaults(),
	}
}

// buildPage turns the raw characters and rules of a page into lines.
func buildPage(rp *rawPage, s *Settings) layout.Page {
	pg, _ := buildPageFrom(rp, s, nil)
	return pg
}

// buildPageFrom is buildPage for a page that may continue the unruled
// table the page before ended with (carry: extract/align); it returns
// what this page hands on to the next.
func buildPageFrom(rp *rawPage, s *Settings, carry *align.Carry) (layout.Page, *align.Carry) {
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
	var rest []align.Piece // the text no ruled table holds
	for i, c := range chars {
		if !used[i] {
			rest = append(rest, c.Piece)
		}
	}
	lines := align.Rows(align.EmBoxes(rest, &s.Settings), &s.Settings)
	res := align.Read(lines, &s.Settings, carry)
	out = append(out, res.Lines...)
	pg.Unruled = res.Unruled()
	next := res.Carry
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

// groupLines clusters characters into text rows by baseline
// (align.Rows), on a copy of chars.
func groupLines(chars []rawChar, s *Settings) []*align.Row {
	return align.Rows(pieces(chars), &s.Settings)
}

// pieces is the text of chars as extract/align takes it.
func pieces(chars []rawChar) []align.Piece {
	if len(chars) == 0 {
		return nil
	}
	out := make([]align.Piece, len(chars))
	for i, c := range chars {
		out[i] = c.Piece
	}
	return out
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
