package align

import (
	"fmt"
	"math"
	"sort"

	"github.com/yusuan-data/yusuan/internal/unionfind"
)

// Rows of an unruled table body. A word processor places a cell's text at
// the top of its row or centres it (Word's and LibreOffice's "top" and
// "middle"); one table does one or the other. Centred, the cells of a row
// share a vertical centre whatever their number of lines (groupRows); at
// the top, they share their first baseline, and a name wrapped over five
// lines has its centre two lines below that of the sequence number beside
// it, so grouping by centres scatters one row over several and hands
// wrapped cells to the row above.

// bodyRowsOf groups body blocks into rows by centre (groupRows), by
// first baseline (topRows), or by either (bothRows: a form whose first
// rows are centred and whose long values stand at the top of theirs),
// whichever gives the fewest rows with no two blocks of one row over each
// other (the alignment the table was printed with gathers each row whole;
// another splits rows apart), and of as many rows the one that parts the
// fewest blocks sharing a baseline or a centre.
func bodyRowsOf(body []*cblock, s *Settings) [][]*cblock {
	best := groupRows(body, s)
	for _, alt := range [][][]*cblock{topRows(body, s), bothRows(body, s)} {
		if Debug {
			fmt.Printf("rows: %d, alternative %d, stacked %v\n", len(best), len(alt), stacked(alt))
		}
		if !stacked(alt) && (len(alt) < len(best) || len(alt) == len(best) && broken(alt, s) < broken(best, s)) {
			best = alt
		}
	}
	return best
}

// bothRows joins blocks that share a first baseline or a vertical centre
// (within RowCentre) into one row.
func bothRows(blocks []*cblock, s *Settings) [][]*cblock {
	sets := unionfind.New(len(blocks))
	for i, a := range blocks {
		for j := i + 1; j < len(blocks); j++ {
			b := blocks[j]
			tol := s.RowCentre * math.Min(a.segs[0].h, b.segs[0].h)
			if math.Abs(a.top-b.top) <= tol || math.Abs(a.centre()-b.centre()) <= tol {
				sets.Union(j, i)
			}
		}
	}
	index := map[int]int{}
	var rows [][]*cblock
	for i, b := range blocks {
		r := sets.Find(i)
		k, ok := index[r]
		if !ok {
			k = len(rows)
			index[r] = k
			rows = append(rows, nil)
		}
		rows[k] = append(rows[k], b)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rowTop(rows[i]) < rowTop(rows[j]) })
	return rows
}

func rowTop(r []*cblock) float64 {
	t := math.Inf(1)
	for _, b := range r {
		t = math.Min(t, b.top)
	}
	return t
}

// topRows clusters blocks by their first baseline (within RowCentre).
func topRows(blocks []*cblock, s *Settings) [][]*cblock {
	bs := append([]*cblock(nil), blocks...)
	sort.SliceStable(bs, func(i, j int) bool { return bs[i].top < bs[j].top })
	var rows [][]*cblock
	var tops []float64
	for _, b := range bs {
		if n := len(rows); n > 0 && b.top-tops[n-1] <= s.RowCentre*b.segs[0].h {
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

// broken counts the pairs of blocks that share a first baseline or a
// vertical centre but stand in different rows: the grouping that keeps
// the rows the print aligned breaks none.
func broken(rows [][]*cblock, s *Settings) int {
	type placed struct {
		b   *cblock
		row int
	}
	var all []placed
	for i, r := range rows {
		for _, b := range r {
			all = append(all, placed{b, i})
		}
	}
	n := 0
	for i, p := range all {
		for _, q := range all[i+1:] {
			a, b := p.b, q.b
			tol := s.RowCentre * math.Min(a.segs[0].h, b.segs[0].h)
			if p.row != q.row && (math.Abs(a.top-b.top) <= tol || math.Abs(a.centre()-b.centre()) <= tol) {
				n++
			}
		}
	}
	return n
}
