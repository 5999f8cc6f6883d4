package grid

import (
	"math"
	"sort"
)

// maxOpenPitches bounds how far (in row pitches of the grid below) the
// column rules of an open row may reach past the table's last row rule.
const maxOpenPitches = 3

// closeFrame draws the outer row rule a page break leaves out. A table
// that goes on from the page before may start with a row that has no top
// rule: every column rule begins a row's height above the first row rule
// (西安 一般公共预算支出表, page 28: rules from y 36, first row rule at 52,
// the row 24 | 215 | 资源勘探工业信息等支出 | … between them, read as running
// text). A table that goes on to the next page may likewise end with a row
// that has no bottom rule. When three or more column rules begin (or end)
// level with each other, no row rule touches any of them there, and a row
// rule crossing them all lies at most maxOpenPitches row pitches away (the
// grid having rows of its own), a row rule is drawn across them at that
// height. Returns hs with the drawn rules appended.
func closeFrame(hs, vs []Seg, tol float64) []Seg {
	if len(vs) < 3 || len(hs) < 2 || len(hs)*len(vs) > maxCloseWork {
		return hs
	}
	out := hs
	for _, top := range []bool{true, false} {
		end := func(v Seg) float64 {
			if top {
				return v.Y0
			}
			return v.Y1
		}
		order := make([]int, len(vs))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(a, b int) bool { return end(vs[order[a]]) < end(vs[order[b]]) })
		for i := 0; i < len(order); {
			j := i + 1
			for j < len(order) && end(vs[order[j]])-end(vs[order[i]]) <= tol {
				j++
			}
			if j-i >= 3 {
				var group []Seg
				for _, k := range order[i:j] {
					group = append(group, vs[k])
				}
				if h, ok := openEdge(hs, group, top, tol); ok {
					out = append(out, h)
				}
			}
			i = j
		}
	}
	if len(out) == len(hs) {
		return hs
	}
	return out
}

// openEdge returns the row rule that closes the column rules group at
// their common top (or bottom) end, if that end is open.
func openEdge(hs, group []Seg, top bool, tol float64) (Seg, bool) {
	x0, x1, y := math.Inf(1), math.Inf(-1), 0.0
	for _, v := range group {
		x0, x1 = math.Min(x0, v.X0), math.Max(x1, v.X0)
		if top {
			y += v.Y0
		} else {
			y += v.Y1
		}
	}
	y /= float64(len(group))
	// Row rules crossing every rule of the group, and any row rule
	// touching one of them at the open end.
	var across []float64
	for _, h := range hs {
		if math.Abs(h.Y0-y) <= 2*tol {
			for _, v := range group {
				if v.X0 >= h.X0-tol && v.X0 <= h.X1+tol {
					return Seg{}, false // closed, if only in part
				}
			}
		}
		if h.X0 > x0+tol || h.X1 < x1-tol {
			continue
		}
		// clear of the open end, up to the rules' other end
		inside := true
		for _, v := range group {
			if top && (h.Y0 <= v.Y0+tol || h.Y0 > v.Y1+tol) || !top && (h.Y0 < v.Y0-tol || h.Y0 >= v.Y1-tol) {
				inside = false
				break
			}
		}
		if inside {
			across = append(across, h.Y0)
		}
	}
	if len(across) < 2 {
		return Seg{}, false
	}
	sort.Float64s(across)
	edge := across[0] // the row rule nearest the open end
	if !top {
		edge = across[len(across)-1]
	}
	pitches := make([]float64, 0, len(across)-1)
	for i := 1; i < len(across); i++ {
		pitches = append(pitches, across[i]-across[i-1])
	}
	sort.Float64s(pitches)
	pitch := pitches[len(pitches)/2]
	gap := math.Abs(edge - y)
	if gap <= 2*tol || gap > maxOpenPitches*pitch {
		return Seg{}, false
	}
	// The drawn rule spans the row rule it stands for.
	for _, h := range hs {
		if h.Y0 == edge && h.X0 <= x0+tol && h.X1 >= x1-tol {
			return Seg{h.X0, y, h.X1, y}, true
		}
	}
	return Seg{x0, y, x1, y}, true
}
