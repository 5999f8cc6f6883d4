// Package grid finds ruled tables: ruling lines → intersections → cells →
// tables, the steps of pdfplumber's table finder, each a plain function over
// plain data. The PDF reader feeds it the lines a page draws; the OCR
// reader feeds it the lines found on a scan.
package grid

import (
	"math"
	"sort"
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
	pts, hOf, vOf := intersections(hs, vs, tol)
	return group(cellsFrom(pts, hOf, vOf), minCells)
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
		var below, right []point
		for _, q := range byX[p.x] {
			if q.y > p.y {
				below = append(below, q)
			}
		}
		for _, q := range byY[p.y] {
			if q.x > p.x {
				right = append(right, q)
			}
		}
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
	parent := make([]int, len(cells))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	corner := map[point]int{}
	for i, c := range cells {
		for _, p := range []point{{c.X0, c.Y0}, {c.X1, c.Y0}, {c.X0, c.Y1}, {c.X1, c.Y1}} {
			if j, ok := corner[p]; ok {
				parent[find(i)] = find(j)
			} else {
				corner[p] = i
			}
		}
	}
	groups := map[int][]Box{}
	var order []int
	for i, c := range cells {
		r := find(i)
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
