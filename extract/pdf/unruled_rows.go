package pdf

import (
	"math"
	"sort"
)

// Rows of an unruled table body. A word processor places a cell's text at
// the top of its row or centres it (Word's and LibreOffice's "top" and
// "middle"); one table does one or the other. Centred, the cells of a row
// share a vertical centre whatever their number of lines (groupRows); at
// the top, they share their first baseline, and a name wrapped over five
// lines has its centre two lines below that of the sequence number beside
// it, so grouping by centres scatters one row over several and hands
// wrapped cells to the row above.

// bodyRowsOf groups body blocks into rows by centre (groupRows) or by
// first baseline (topRows), whichever gives fewer rows with no two blocks
// of one row over each other: the alignment the table was printed with
// gathers each row whole; the other splits rows apart.
func bodyRowsOf(body []*cblock) [][]*cblock {
	byCentre := groupRows(body)
	byTop := topRows(body)
	if len(byTop) < len(byCentre) && !stacked(byTop) {
		return byTop
	}
	return byCentre
}

// topRows clusters blocks by their first baseline.
func topRows(blocks []*cblock) [][]*cblock {
	bs := append([]*cblock(nil), blocks...)
	sort.SliceStable(bs, func(i, j int) bool { return bs[i].top < bs[j].top })
	var rows [][]*cblock
	var tops []float64
	for _, b := range bs {
		if n := len(rows); n > 0 && b.top-tops[n-1] <= 0.3*b.segs[0].h {
			rows[n-1] = append(rows[n-1], b)
			continue
		}
		rows = append(rows, []*cblock{b})
		tops = append(tops, b.top)
	}
	return rows
}

// stacked reports whether some row holds two blocks over each other (x
// ranges overlapping): two cells of one column, so not one row.
func stacked(rows [][]*cblock) bool {
	for _, r := range rows {
		for i, a := range r {
			for _, b := range r[i+1:] {
				if math.Min(a.x1, b.x1)-math.Max(a.x0, b.x0) > 0 {
					return true
				}
			}
		}
	}
	return false
}
