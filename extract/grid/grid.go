// Package grid finds ruled tables: ruling lines → intersections → cells →
// tables, the steps of pdfplumber's table finder, each a plain function over
// plain data, after two steps of their own that close the cells a page break
// leaves open (closeEnds, closeFrame). The PDF reader feeds it the lines a page draws; the OCR
// reader feeds it the lines found on a scan.
package grid

import (
	"math"
	"sort"

	"github.com/yusuan-data/yusuan/internal/unionfind"
)

// Seg is a horizontal (Y0 == Y1) or vertical (X0 == X1) ruling line, in any
// unit with Y growing downwards.
type Seg struct{ X0, Y0, X1, Y1 float64 }

// Box is a cell's rectangle.
type Box struct{ X0, Y0, X1, Y1 float64 }

// Table is a connected set of cells on a grid.
type Table struct {
	Cells []Box
	Xs    []float64 // column boundaries, ascending
	Ys    []float64 // row boundaries, ascending
	Box   Box       // the table's outline
}

type point struct{ x, y float64 }

// Find returns the tables drawn by horizontal lines hs and vertical lines
// vs: lines meet within tol, and a table has at least minCells cells and
// two columns (a one-column frame is not a table).
func Find(hs, vs []Seg, tol float64, minCells int) []*Table {
	if len(hs) < 2 || len(vs) < 2 {
		return nil
	}
	pts, hOf, vOf := intersections(closeFrame(closeEnds(hs, vs, tol), vs, tol), vs, tol)
	return group(cellsFrom(pts, hOf, vOf), minCells)
}

// maxCloseWork bounds closeEnds to pages with at most this many
// (row rule, column rule) pairs: a dense real table has some 60 × 15.
const maxCloseWork = 250_000

// closeEnds draws the horizontal rules a table split by a page break leaves
// out: merged cells that go on to the next page end at the table's last
// row with no bottom rule (and begin on the next page with no top rule),
// so their column rules end in mid-air, level with a row rule that covers
// only the other columns. Such a row rule is carried sideways over each
// neighbouring column whose two column rules end (or begin) at that same
// height, as long as the two rules already belong to one grid: some other
// row rule crosses both. Returns hs, with the extended rules in place.
func closeEnds(hs, vs []Seg, tol float64) []Seg {
	if len(hs)*len(vs) > maxCloseWork {
		return hs // no real table; a hostile page must not cost H×V×(H+V)
	}
	// end reports whether v ends at y: -1 its top, +1 its bottom, 0 neither.
	end := func(v Seg, y float64) int {
		switch {
		case math.Abs(v.Y1-y) <= tol && v.Y0 < y-tol:
			return 1
		case math.Abs(v.Y0-y) <= tol && v.Y1 > y+tol:
			return -1
		}
		return 0
	}
	// next is the vertical rule nearest to x in direction dir (-1 left,
	// +1 right) that reaches height y, or -1.
	next := func(x, y float64, dir float64) int {
		best := -1
		for i, v := range vs {
			if (v.X0-x)*dir <= tol || y < v.Y0-tol || y > v.Y1+tol {
				continue
			}
			if best < 0 || (v.X0-vs[best].X0)*dir < 0 {
				best = i
			}
		}
		return best
	}
	// linked: a row rule crosses both a and b clear of their ends.
	linked := func(a, b Seg) bool {
		lo, hi := math.Min(a.X0, b.X0), math.Max(a.X0, b.X0)
		for _, h := range hs {
			if h.X0 <= lo+tol && h.X1 >= hi-tol &&
				h.Y0 > math.Max(a.Y0, b.Y0)+tol && h.Y0 < math.Min(a.Y1, b.Y1)-tol {
				return true
			}
		}
		return false
	}
	var out []Seg
	for hi, h := range hs {
		for _, dir := range []float64{-1, 1} {
			x := h.X0
			if dir > 0 {
				x = h.X1
			}
			// The rule must stop at a column rule that ends level with it.
			v := next(x-dir*2*tol, h.Y0, dir)
			if v < 0 || math.Abs(vs[v].X0-x) > tol {
				continue
			}
			side := end(vs[v], h.Y0)
			if side == 0 {
				continue
			}
			moved := false
			for {
				w := next(vs[v].X0, h.Y0, dir)
				if w < 0 || end(vs[w], h.Y0) != side || !linked(vs[v], vs[w]) {
					break
				}
				v, moved = w, true
			}
			switch {
			case !moved:
			case dir < 0:
				h.X0 = vs[v].X0
			default:
				h.X1 = vs[v].X0
			}
		}
		if h != hs[hi] {
			if out == nil {
				out = append([]Seg(nil), hs...)
			}
			out[hi] = h
		}
	}
	if out == nil {
		return hs
	}
	return out
}

// intersections returns the points where a vertical and a horizontal line
// meet, with the lines through each point.
func intersections(hs, vs []Seg, tol float64) ([]point, map[point][]int, map[point][]int) {
	hOf := map[point][]int{}
	vOf := map[point][]int{}
	var pts []point
	for vi, v := range vs {
		for hi, h := range hs {
			if v.X0 < h.X0-tol || v.X0 > h.X1+tol || h.Y0 < v.Y0-tol || h.Y0 > v.Y1+tol {
				continue
			}
			p := point{v.X0, h.Y0}
			if _, ok := hOf[p]; !ok {
				pts = append(pts, p)
			}
			hOf[p] = append(hOf[p], hi)
			vOf[p] = append(vOf[p], vi)
		}
	}
	sort.Slice(pts, func(i, j int) bool {
		if pts[i].y != pts[j].y {
			return pts[i].y < pts[j].y
		}
		return pts[i].x < pts[j].x
	})
	return pts, hOf, vOf
}

func shares(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// cellsFrom finds, for every intersection, the smallest rectangle whose
// four corners are intersections joined by edges.
func cellsFrom(pts []point, hOf, vOf map[point][]int) []Box {
	byX := map[float64][]point{}
	byY := map[float64][]point{}
	for _, p := range pts {
		byX[p.x] = append(byX[p.x], p)
		byY[p.y] = append(byY[p.y], p)
	}
	for _, l := range byX {
		sort.Slice(l, func(i, j int) bool { return l[i].y < l[j].y })
	}
	for _, l := range byY {
		sort.Slice(l, func(i, j int) bool { return l[i].x < l[j].x })
	}
	var cells []Box
	for _, p := range pts {
		// The intersections below p and right of it: the tails of its
		// column and row, which are sorted.
		col, row := byX[p.x], byY[p.y]
		below := col[sort.Search(len(col), func(i int) bool { return col[i].y > p.y }):]
		right := row[sort.Search(len(row), func(i int) bool { return row[i].x > p.x }):]
	search:
		for _, b := range below {
			if !shares(vOf[p], vOf[b]) {
				continue
			}
			for _, r := range right {
				if !shares(hOf[p], hOf[r]) {
					continue
				}
				br := point{r.x, b.y}
				if _, ok := hOf[br]; !ok {
					continue
				}
				if shares(vOf[br], vOf[r]) && shares(hOf[br], hOf[b]) {
					cells = append(cells, Box{p.x, p.y, br.x, br.y})
					break search
				}
			}
		}
	}
	return cells
}

// group joins cells that share a corner into tables.
func group(cells []Box, minCells int) []*Table {
	sets := unionfind.New(len(cells))
	corner := map[point]int{}
	for i, c := range cells {
		for _, p := range []point{{c.X0, c.Y0}, {c.X1, c.Y0}, {c.X0, c.Y1}, {c.X1, c.Y1}} {
			if j, ok := corner[p]; ok {
				sets.Union(i, j)
			} else {
				corner[p] = i
			}
		}
	}
	groups := map[int][]Box{}
	var order []int
	for i, c := range cells {
		r := sets.Find(i)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], c)
	}
	var out []*Table
	for _, r := range order {
		cs := groups[r]
		if len(cs) < minCells {
			continue
		}
		t := &Table{Cells: cs, Box: Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}}
		xset, yset := map[float64]bool{}, map[float64]bool{}
		for _, c := range cs {
			xset[c.X0], xset[c.X1], yset[c.Y0], yset[c.Y1] = true, true, true, true
			t.Box.X0, t.Box.Y0 = math.Min(t.Box.X0, c.X0), math.Min(t.Box.Y0, c.Y0)
			t.Box.X1, t.Box.Y1 = math.Max(t.Box.X1, c.X1), math.Max(t.Box.Y1, c.Y1)
		}
		t.Xs, t.Ys = sortedKeys(xset), sortedKeys(yset)
		if len(t.Xs) < 3 { // one column: a frame or a list, not a table
			continue
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Box.Y0 < out[j].Box.Y0 })
	return out
}

func sortedKeys(m map[float64]bool) []float64 {
	out := make([]float64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Float64s(out)
	return out
}

// Index is the largest i with bounds[i] <= v: -1 before the first bound,
// len-1 past the last.
func Index(bounds []float64, v float64) int {
	i := sort.SearchFloat64s(bounds, v)
	if i < len(bounds) && bounds[i] == v {
		return i
	}
	return i - 1
}

// Span is the grid rows R0..R1 and columns C0..C1 (exclusive ends) a cell
// covers.
type Span struct{ R0, R1, C0, C1 int }

// Slots returns each cell's span and, for every grid slot (row, column),
// the index of the cell covering it (-1 for none): a merged cell covers
// several slots.
func (t *Table) Slots() ([]Span, [][]int) {
	nr, nc := len(t.Ys)-1, len(t.Xs)-1
	slot := make([][]int, nr)
	for r := range slot {
		slot[r] = make([]int, nc)
		for c := range slot[r] {
			slot[r][c] = -1
		}
	}
	spans := make([]Span, len(t.Cells))
	for i, cb := range t.Cells {
		sp := Span{Index(t.Ys, cb.Y0), Index(t.Ys, cb.Y1), Index(t.Xs, cb.X0), Index(t.Xs, cb.X1)}
		spans[i] = sp
		for r := sp.R0; r < sp.R1; r++ {
			for c := sp.C0; c < sp.C1; c++ {
				if slot[r][c] < 0 {
					slot[r][c] = i
				}
			}
		}
	}
	return spans, slot
}
