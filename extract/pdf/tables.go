package pdf

import (
	"math"
	"sort"

	"github.com/yusuan-data/yusuan/extract/align"
	"github.com/yusuan-data/yusuan/extract/grid"
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

// ruledTable is a table the grid package found on the page's rules.
type ruledTable grid.Table

// findTables runs the grid steps over the merged edges.
func findTables(edges []seg, s *Settings) []*ruledTable {
	var hs, vs []grid.Seg
	for _, e := range edges {
		g := grid.Seg{X0: e.X0, Y0: e.Y0, X1: e.X1, Y1: e.Y1}
		if e.horizontal() {
			hs = append(hs, g)
		} else {
			vs = append(vs, g)
		}
	}
	var out []*ruledTable
	for _, t := range grid.Find(hs, vs, s.IntersectTol, s.MinTableCells) {
		out = append(out, (*ruledTable)(t))
	}
	return out
}

// straddles returns the height at which ch is read: its centre, or, for a
// character the table's top or bottom rule runs through with its centre
// just outside, the middle of its part inside. A rule drawn through text
// is the edge of a clip: a page break cutting a tall merged cell leaves
// the line in its middle half printed at the foot of one page (北京
// 项目支出绩效目标表: code, name and both amounts of a project, centre
// 0.04 pt below the grid's last rule) and the other half clipped away at
// the head of the next. Read by centre, that line fell out of the table as
// running text and its amounts were in no cell.
func (t *ruledTable) straddles(ch rawChar, s *Settings) float64 {
	cy, h := ch.cy(), ch.h()
	if h <= 0 {
		return cy
	}
	switch {
	case cy >= t.Box.Y1 && ch.Y0 < t.Box.Y1 && t.Box.Y1-ch.Y0 >= s.StraddleIn*h:
		return (ch.Y0 + t.Box.Y1) / 2
	case cy <= t.Box.Y0 && ch.Y1 > t.Box.Y0 && ch.Y1-t.Box.Y0 >= s.StraddleIn*h:
		return (t.Box.Y0 + ch.Y1) / 2
	}
	return cy
}

// rows assigns characters to the table's cells (by box centre, marking
// them used) and returns one tabular line per grid row that has text.
func (t *ruledTable) rows(chars []rawChar, used []bool, s *Settings) []layout.Line {
	nr, nc := len(t.Ys)-1, len(t.Xs)-1
	spans, slot := (*grid.Table)(t).Slots()
	content := make([][]rawChar, len(t.Cells))
	for i, ch := range chars {
		if used[i] {
			continue
		}
		cx, cy := ch.cx(), t.straddles(ch, s)
		if cx <= t.Box.X0 || cx >= t.Box.X1 || cy <= t.Box.Y0 || cy >= t.Box.Y1 {
			continue
		}
		r, c := grid.Index(t.Ys, cy), grid.Index(t.Xs, cx)
		if r < 0 || r >= nr || c < 0 || c >= nc || slot[r][c] < 0 {
			continue
		}
		content[slot[r][c]] = append(content[slot[r][c]], ch)
		used[i] = true
	}
	texts := make([]string, len(t.Cells))
	fused := map[int][]string{} // one-row cells across columns split by column (fused.go)
	for i, cs := range content {
		if len(cs) > 0 {
			texts[i] = align.JoinWrapped(groupLines(cs, s), &s.Settings)
			if sp := spans[i]; sp.R1-sp.R0 == 1 && sp.C1-sp.C0 >= 2 {
				if parts := splitFused(cs, t.Xs[sp.C0:sp.C1+1], s); parts != nil {
					fused[i] = parts
				}
			}
		}
	}
	var out []layout.Line
	for r := 0; r < nr; r++ {
		line := layout.Line{Tabular: true, Box: layout.Box{X0: t.Box.X0, Y0: t.Ys[r], X1: t.Box.X1, Y1: t.Ys[r+1]}}
		blank := true
		for c := 0; c < nc; c++ {
			cell := layout.Cell{Conf: -1, Box: layout.Box{X0: t.Xs[c], Y0: t.Ys[r], X1: t.Xs[c+1], Y1: t.Ys[r+1]}}
			if i := slot[r][c]; i >= 0 && fused[i] != nil {
				cell.Text = fused[i][c-spans[i].C0]
				blank = blank && cell.Text == ""
			} else if i >= 0 && spans[i].R0 == r && spans[i].C0 == c {
				cell.Text = texts[i]
				cb := t.Cells[i]
				cell.Box = layout.Box{X0: cb.X0, Y0: cb.Y0, X1: cb.X1, Y1: cb.Y1}
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
