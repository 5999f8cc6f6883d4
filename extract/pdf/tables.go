package pdf

import (
	"math"
	"sort"

	"github.com/yusuan-data/yusuan/layout"
)

// Ruled tables, the pdfplumber way: edges → intersections → cells →
// tables, then characters go to the cell holding their box centre.

// mergeEdges snaps nearly collinear rules together and joins the pieces of
// a rule drawn in several strokes; too short pieces are dropped.
func mergeEdges(segs []seg, s *Settings) []seg {
	var hs, vs []seg
	for _, e := range segs {
		if e.horizontal() {
			if e.X1 < e.X0 {
				e.X0, e.X1 = e.X1, e.X0
			}
			hs = append(hs, e)
		} else {
			if e.Y1 < e.Y0 {
				e.Y0, e.Y1 = e.Y1, e.Y0
			}
			vs = append(vs, e)
		}
	}
	out := joinAxis(hs, s, true)
	out = append(out, joinAxis(vs, s, false)...)
	return out
}

// joinAxis works on rules of one orientation; "pos" is y for horizontal
// rules and x for vertical ones, "lo/hi" the extent along the rule.
func joinAxis(es []seg, s *Settings, horiz bool) []seg {
	type r struct{ pos, lo, hi float64 }
	rs := make([]r, len(es))
	for i, e := range es {
		if horiz {
			rs[i] = r{e.Y0, e.X0, e.X1}
		} else {
			rs[i] = r{e.X0, e.Y0, e.Y1}
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].pos < rs[j].pos })
	// Snap: clusters of positions within SnapTol of the cluster's first.
	for i := 0; i < len(rs); {
		j := i + 1
		sum := rs[i].pos
		for j < len(rs) && rs[j].pos-rs[j-1].pos <= s.SnapTol && rs[j].pos-rs[i].pos <= 2*s.SnapTol {
			sum += rs[j].pos
			j++
		}
		mean := sum / float64(j-i)
		for k := i; k < j; k++ {
			rs[k].pos = mean
		}
		i = j
	}
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].pos != rs[j].pos {
			return rs[i].pos < rs[j].pos
		}
		return rs[i].lo < rs[j].lo
	})
	var out []seg
	emit := func(x r) {
		if x.hi-x.lo < s.EdgeMinLen {
			return
		}
		if horiz {
			out = append(out, seg{x.lo, x.pos, x.hi, x.pos})
		} else {
			out = append(out, seg{x.pos, x.lo, x.pos, x.hi})
		}
	}
	for i := 0; i < len(rs); {
		cur := rs[i]
		j := i + 1
		for j < len(rs) && rs[j].pos == cur.pos {
			if rs[j].lo <= cur.hi+s.JoinTol {
				cur.hi = math.Max(cur.hi, rs[j].hi)
			} else {
				emit(cur)
				cur = rs[j]
			}
			j++
		}
		emit(cur)
		i = j
	}
	return out
}

type ipoint struct{ x, y float64 }

type cellBox struct{ x0, y0, x1, y1 float64 }

// ruledTable is a connected set of cells on a grid.
type ruledTable struct {
	cells []cellBox
	xs    []float64 // grid column boundaries
	ys    []float64 // grid row boundaries
	box   cellBox
}

// findTables runs the grid steps over the merged edges.
func findTables(edges []seg, s *Settings) []*ruledTable {
	var hs, vs []seg
	for _, e := range edges {
		if e.horizontal() {
			hs = append(hs, e)
		} else {
			vs = append(vs, e)
		}
	}
	if len(hs) < 2 || len(vs) < 2 {
		return nil
	}
	pts, hOf, vOf := intersections(hs, vs, s.IntersectTol)
	cells := cellsFrom(pts, hOf, vOf)
	return groupTables(cells, s)
}

// intersections returns the points where a vertical and a horizontal edge
// meet, with the edges through each point.
func intersections(hs, vs []seg, tol float64) ([]ipoint, map[ipoint][]int, map[ipoint][]int) {
	hOf := map[ipoint][]int{}
	vOf := map[ipoint][]int{}
	var pts []ipoint
	for vi, v := range vs {
		for hi, h := range hs {
			if v.X0 < h.X0-tol || v.X0 > h.X1+tol || h.Y0 < v.Y0-tol || h.Y0 > v.Y1+tol {
				continue
			}
			p := ipoint{v.X0, h.Y0}
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
func cellsFrom(pts []ipoint, hOf, vOf map[ipoint][]int) []cellBox {
	byX := map[float64][]ipoint{}
	byY := map[float64][]ipoint{}
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
	var cells []cellBox
	for _, p := range pts {
		var below, right []ipoint
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
				br := ipoint{r.x, b.y}
				if _, ok := hOf[br]; !ok {
					continue
				}
				if shares(vOf[br], vOf[r]) && shares(hOf[br], hOf[b]) {
					cells = append(cells, cellBox{p.x, p.y, br.x, br.y})
					break search
				}
			}
		}
	}
	return cells
}

// groupTables joins cells that share a corner into tables.
func groupTables(cells []cellBox, s *Settings) []*ruledTable {
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
	corner := map[ipoint]int{}
	for i, c := range cells {
		for _, p := range []ipoint{{c.x0, c.y0}, {c.x1, c.y0}, {c.x0, c.y1}, {c.x1, c.y1}} {
			if j, ok := corner[p]; ok {
				parent[find(i)] = find(j)
			} else {
				corner[p] = i
			}
		}
	}
	groups := map[int][]cellBox{}
	var order []int
	for i, c := range cells {
		r := find(i)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], c)
	}
	var out []*ruledTable
	for _, r := range order {
		cs := groups[r]
		if len(cs) < s.MinTableCells {
			continue
		}
		t := &ruledTable{cells: cs, box: cellBox{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}}
		xset, yset := map[float64]bool{}, map[float64]bool{}
		for _, c := range cs {
			xset[c.x0], xset[c.x1], yset[c.y0], yset[c.y1] = true, true, true, true
			t.box.x0, t.box.y0 = math.Min(t.box.x0, c.x0), math.Min(t.box.y0, c.y0)
			t.box.x1, t.box.y1 = math.Max(t.box.x1, c.x1), math.Max(t.box.y1, c.y1)
		}
		t.xs, t.ys = sortedKeys(xset), sortedKeys(yset)
		if len(t.xs) < 3 { // one column: a frame or a list, not a table
			continue
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].box.y0 < out[j].box.y0 })
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

func index(bounds []float64, v float64) int {
	// Largest i with bounds[i] <= v, -1 before the first; len-1 past the last.
	i := sort.SearchFloat64s(bounds, v)
	if i < len(bounds) && bounds[i] == v {
		return i
	}
	return i - 1
}

// rows assigns characters to the table's cells (by box centre, marking
// them used) and returns one tabular line per grid row that has text.
func (t *ruledTable) rows(chars []rawChar, used []bool, s *Settings) []layout.Line {
	nr, nc := len(t.ys)-1, len(t.xs)-1
	// slot → cell index covering it
	slot := make([][]int, nr)
	for r := range slot {
		slot[r] = make([]int, nc)
		for c := range slot[r] {
			slot[r][c] = -1
		}
	}
	type span struct{ r0, r1, c0, c1 int }
	spans := make([]span, len(t.cells))
	for i, cb := range t.cells {
		sp := span{index(t.ys, cb.y0), index(t.ys, cb.y1), index(t.xs, cb.x0), index(t.xs, cb.x1)}
		spans[i] = sp
		for r := sp.r0; r < sp.r1; r++ {
			for c := sp.c0; c < sp.c1; c++ {
				if slot[r][c] < 0 {
					slot[r][c] = i
				}
			}
		}
	}
	content := make([][]rawChar, len(t.cells))
	for i, ch := range chars {
		if used[i] {
			continue
		}
		cx, cy := ch.cx(), ch.cy()
		if cx <= t.box.x0 || cx >= t.box.x1 || cy <= t.box.y0 || cy >= t.box.y1 {
			continue
		}
		r, c := index(t.ys, cy), index(t.xs, cx)
		if r < 0 || r >= nr || c < 0 || c >= nc || slot[r][c] < 0 {
			continue
		}
		content[slot[r][c]] = append(content[slot[r][c]], ch)
		used[i] = true
	}
	texts := make([]string, len(t.cells))
	for i, cs := range content {
		if len(cs) > 0 {
			texts[i] = joinWrapped(groupLines(cs, s), s)
		}
	}
	var out []layout.Line
	for r := 0; r < nr; r++ {
		line := layout.Line{Tabular: true, Box: layout.Box{X0: t.box.x0, Y0: t.ys[r], X1: t.box.x1, Y1: t.ys[r+1]}}
		blank := true
		for c := 0; c < nc; c++ {
			cell := layout.Cell{Conf: -1, Box: layout.Box{X0: t.xs[c], Y0: t.ys[r], X1: t.xs[c+1], Y1: t.ys[r+1]}}
			if i := slot[r][c]; i >= 0 && spans[i].r0 == r && spans[i].c0 == c {
				cell.Text = texts[i]
				cb := t.cells[i]
				cell.Box = layout.Box{X0: cb.x0, Y0: cb.y0, X1: cb.x1, Y1: cb.y1}
				if cell.Text != "" {
					blank = false
				}
			}
			line.Cells = append(line.Cells, cell)
		}
		if !blank {
			out = append(out, line)
		}
	}
	return out
}
