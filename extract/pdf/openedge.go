package pdf

// Columns of a ruled table that have no horizontal rules of their own.
//
// A per-project form (北京 项目支出绩效目标表) prints the project's code,
// name, amounts and goal in tall cells on the left, one cell spanning all the
// indicator rows on the right; where the project runs over a page break the
// left columns carry only their vertical rules, no rule on top or below. The
// grid closes on the right part only, and the project's text fell outside
// it: the project row was lost and its amounts with it. Vertical rules
// beside a table that run over its whole height, in a band with no
// horizontal rule, are columns of the table: the table's top and bottom
// rules are extended to them.

// openColumnTol is how far (in points) a vertical rule may fall short of the
// table's top or bottom and still run over its whole height.
const openColumnTol = 3.0

// closeOpenColumns returns edges with the top and bottom rules of each table
// extended over the open columns beside it; edges itself when there are none.
func closeOpenColumns(edges []seg, tables []*ruledTable) []seg {
	var added []seg
	for _, t := range tables {
		b := t.Box
		for _, side := range []int{-1, 1} {
			far, ok := openBand(edges, b.X0, b.X1, b.Y0, b.Y1, side)
			if !ok {
				continue
			}
			x0, x1 := far, b.X0
			if side > 0 {
				x0, x1 = b.X1, far
			}
			added = append(added, seg{X0: x0, Y0: b.Y0, X1: x1, Y1: b.Y0}, seg{X0: x0, Y0: b.Y1, X1: x1, Y1: b.Y1})
		}
	}
	if len(added) == 0 {
		return edges
	}
	return append(append([]seg(nil), edges...), added...)
}

// openBand finds, on one side of the box x0..x1 × y0..y1, the vertical rules
// that run over the box's whole height next to it, with no horizontal rule
// between them and the box in that height; it returns the x of the farthest
// one. Two or more such rules make a band of columns; one alone does when
// it starts and ends with the box (a page frame or a margin rule runs on
// past the table: 北京-应急 p.28, the project's code column, the only tall
// column left of the grid, ends exactly at the table's top and bottom).
func openBand(edges []seg, x0, x1, y0, y1 float64, side int) (float64, bool) {
	var xs []float64
	flush := false // the one rule found ends where the box does
	for _, e := range edges {
		if e.horizontal() {
			continue
		}
		lo, hi := min(e.Y0, e.Y1), max(e.Y0, e.Y1)
		if lo > y0+openColumnTol || hi < y1-openColumnTol {
			continue
		}
		if side < 0 && e.X0 < x0-openColumnTol || side > 0 && e.X0 > x1+openColumnTol {
			xs = append(xs, e.X0)
			flush = lo >= y0-openColumnTol && hi <= y1+openColumnTol
		}
	}
	if len(xs) < 2 && !(len(xs) == 1 && flush) {
		return 0, false
	}
	far := xs[0]
	for _, x := range xs {
		if side < 0 && x < far || side > 0 && x > far {
			far = x
		}
	}
	for _, e := range edges {
		if !e.horizontal() || e.Y0 <= y0+openColumnTol || e.Y0 >= y1-openColumnTol {
			continue
		}
		lo, hi := min(e.X0, e.X1), max(e.X0, e.X1)
		if side < 0 && hi > far+openColumnTol && lo < x0-openColumnTol || side > 0 && lo < far-openColumnTol && hi > x1+openColumnTol {
			return 0, false // a ruled band: a table of its own, not open columns
		}
	}
	return far, true
}
