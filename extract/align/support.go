package align

import "math"

// The header is the template of an unruled table: a column stands under a
// label, or holds amounts aligned down the table. A column that has
// neither and holds the text of a single body row is a piece of its
// neighbour's cell, cut off where the gap inside it (a space in a code,
// "20137 99") happened to fall on an edge other rows share; it never makes
// a column of its own, which would shift every cell after it.

// dropUnsupported gives the blocks of every unsupported column (no leaf
// label, text in one body row only: one number is no amounts aligned down
// a table) to the neighbouring column
// holding a block of the same row nearest to them, and removes the column.
// cols are sorted by x and blocks carry indexes into them.
func dropUnsupported(cols []ucol, blocks []*cblock, s *Settings) []ucol {
	for k := 0; k < len(cols); k++ {
		if !math.IsNaN(cols[k].label) {
			continue
		}
		var in []*cblock
		rows := map[int]bool{}
		supported := false
		for _, b := range blocks {
			if b.col != k {
				continue
			}
			if b.header {
				supported = true
				break
			}
			in = append(in, b)
			rows[b.row] = true
		}
		if supported || len(rows) != 1 {
			continue
		}
		to := neighbourOf(k, in, blocks, cols, s)
		if to < 0 {
			continue
		}
		for _, b := range in {
			b.col = to
			cols[to].x0, cols[to].x1 = math.Min(cols[to].x0, b.x0), math.Max(cols[to].x1, b.x1)
		}
		for _, b := range blocks {
			if b.col > k {
				b.col--
			}
		}
		cols = append(cols[:k], cols[k+1:]...)
		k--
	}
	return cols
}

// spacedFirst is taken off the distance to a neighbour that a space
// character joins the piece to: more than any distance on a page, so that
// neighbour wins over every other (a ranking, not a tolerance).
const spacedFirst = 1000

// neighbourOf returns the column next to k (k-1 or k+1) holding a block
// of the same body row on the line of the piece in (one block, baselines
// within BaselineTol), beside it; -1 when neither does. The piece goes to
// the side a space character of the PDF joins it to (the printed text
// went on there), failing that to the nearer.
func neighbourOf(k int, in []*cblock, blocks []*cblock, cols []ucol, s *Settings) int {
	if len(in) != 1 || len(in[0].segs) != 1 {
		return -1
	}
	p := in[0].segs[0]
	best, bestD := -1, math.Inf(1)
	for _, b := range blocks {
		if b.header || b.row != in[0].row || b.col != k-1 && b.col != k+1 || b.col < 0 || b.col >= len(cols) {
			continue
		}
		for _, sg := range b.segs {
			if sg.line != p.line || math.Abs(sg.base-p.base) > s.BaselineTol*p.h {
				continue
			}
			var d float64
			var spaced bool
			if b.col == k-1 {
				d, spaced = p.x0-sg.x1, p.chars[0].RealSpace
			} else {
				d, spaced = sg.x0-p.x1, sg.chars[0].RealSpace
			}
			if spaced {
				d -= spacedFirst
			}
			if d < bestD {
				best, bestD = b.col, d
			}
		}
	}
	return best
}
