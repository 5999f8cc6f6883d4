package pdf

import (
	"math"
	"sort"
	"strings"

	"github.com/yusuan-data/yusuan/layout"
)

// Unruled tables: lines that break into several widely spaced segments,
// several lines in a row, with segments lining up into columns.

// segment is a run of characters of one line without a column-wide gap.
type segment struct {
	chars  []rawChar
	x0, x1 float64
}

func splitSegments(l *textLine, s *Settings) []segment {
	h := medianHeight(l.chars)
	var out []segment
	for i, c := range l.chars {
		if i == 0 || c.X0-l.chars[i-1].X1 > s.ColumnGap*h {
			out = append(out, segment{x0: c.X0, x1: c.X1})
		}
		sg := &out[len(out)-1]
		sg.chars = append(sg.chars, c)
		sg.x1 = math.Max(sg.x1, c.X1)
	}
	return out
}

func medianHeight(cs []rawChar) float64 {
	hs := make([]float64, len(cs))
	for i, c := range cs {
		hs[i] = c.h()
	}
	sort.Float64s(hs)
	if len(hs) == 0 {
		return 10
	}
	return math.Max(hs[len(hs)/2], 1)
}

// unruled turns lines into layout lines, finding unruled table blocks.
func unruled(lines []*textLine, s *Settings) []layout.Line {
	segs := make([][]segment, len(lines))
	for i, l := range lines {
		segs[i] = splitSegments(l, s)
	}
	var out []layout.Line
	i := 0
	for i < len(lines) {
		j := blockEnd(lines, segs, i, s)
		if j-i >= s.MinUnruledRows {
			if rows := tabulate(lines[i:j], segs[i:j], s); rows != nil {
				out = append(out, rows...)
				i = j
				continue
			}
		}
		out = append(out, plainLine(lines[i], s))
		i++
	}
	return out
}

// blockEnd returns the end of the run of multi-segment lines starting at i
// (i itself when line i has a single segment). A single-segment line is
// allowed inside a run when multi-segment lines follow it.
func blockEnd(lines []*textLine, segs [][]segment, i int, s *Settings) int {
	if len(segs[i]) < 2 {
		return i
	}
	j := i + 1
	for j < len(lines) {
		prev, cur := lines[j-1], lines[j]
		h := math.Max(prev.height(), cur.height())
		if cur.Y0-prev.Y1 > s.MaxRowGap*h {
			break
		}
		if len(segs[j]) >= 2 {
			j++
			continue
		}
		// bridge one single-segment line (a row with only its name)
		if j+1 < len(lines) && len(segs[j+1]) >= 2 && lines[j+1].Y0-cur.Y1 <= s.MaxRowGap*h {
			j += 2
			continue
		}
		break
	}
	return j
}

// tabulate finds columns from x coverage of the block's segments: a column
// boundary is an x range that (almost) no segment covers.
func tabulate(lines []*textLine, segs [][]segment, s *Settings) []layout.Line {
	x0, x1 := math.Inf(1), math.Inf(-1)
	for _, ls := range segs {
		for _, sg := range ls {
			x0, x1 = math.Min(x0, sg.x0), math.Max(x1, sg.x1)
		}
	}
	const step = 1.0
	n := int((x1-x0)/step) + 1
	cover := make([]int, n)
	for _, ls := range segs {
		for _, sg := range ls {
			for k := int((sg.x0 - x0) / step); k <= int((sg.x1-x0)/step) && k < n; k++ {
				cover[k]++
			}
		}
	}
	limit := int(0.15 * float64(len(lines)))
	// columns: maximal runs with cover > limit
	type col struct{ x0, x1 float64 }
	var cols []col
	in := false
	for k := 0; k < n; k++ {
		if cover[k] > limit {
			x := x0 + float64(k)*step
			if !in {
				cols = append(cols, col{x, x + step})
				in = true
			} else {
				cols[len(cols)-1].x1 = x + step
			}
		} else {
			in = false
		}
	}
	if len(cols) < 2 {
		return nil
	}
	// Every line must use at least two columns for most of the block,
	// otherwise this is justified prose, not a table.
	multi := 0
	assign := func(sg segment) int {
		for c := range cols {
			if sg.x0 < cols[c].x1 {
				return c
			}
		}
		return len(cols) - 1
	}
	for _, ls := range segs {
		used := map[int]bool{}
		for _, sg := range ls {
			used[assign(sg)] = true
		}
		if len(used) >= 2 {
			multi++
		}
	}
	if multi*3 < len(lines)*2 {
		return nil
	}
	var out []layout.Line
	for li, ls := range segs {
		l := lines[li]
		texts := make([]string, len(cols))
		boxes := make([]layout.Box, len(cols))
		for c := range cols {
			boxes[c] = layout.Box{X0: cols[c].x0, Y0: l.Y0, X1: cols[c].x1, Y1: l.Y1}
		}
		for _, sg := range ls {
			c := assign(sg)
			t := lineText(sg.chars, s, false)
			if texts[c] != "" {
				texts[c] += " "
			}
			texts[c] += t
		}
		line := layout.Line{Tabular: true, Box: lineBox(l)}
		for c := range cols {
			line.Cells = append(line.Cells, layout.Cell{Text: strings.TrimSpace(texts[c]), Box: boxes[c], Conf: -1})
		}
		out = append(out, line)
	}
	return out
}
