package normalize

import (
	"strconv"
	"strings"

	"github.com/yusuan-data/yusuan/zh"
)

// Header is a multi-level header resolved per column: Levels[k][j] is the
// label at level k over column j. A parent label repeats over the columns
// it spans; a label that ends at a higher level leaves "" below it.
type Header struct {
	Levels [][]string
}

// Width is the number of columns.
func (h Header) Width() int {
	if len(h.Levels) == 0 {
		return 0
	}
	return len(h.Levels[0])
}

// Path returns the non-empty labels over column j, top level first.
func (h Header) Path(j int) []string {
	var p []string
	for _, lv := range h.Levels {
		if lv[j] != "" {
			p = append(p, lv[j])
		}
	}
	return p
}

// Leaf returns the labels over column j joined by "/": "2025年预算数/总计".
func (h Header) Leaf(j int) string { return strings.Join(h.Path(j), "/") }

// ResolveHeader turns header rows as printed (a merged cell is its text
// followed by empty cells) into per-column labels, width columns wide.
//
// Steps, each a small function: clean the labels, realign group labels
// over their 小计 column, then spread each label over the columns it spans.
func ResolveHeader(rows [][]string, width int) Header {
	var kept [][]string
	for _, r := range rows {
		if !isColumnNumbering(r) {
			kept = append(kept, r)
		}
	}
	rows = kept
	grid := make([][]string, len(rows))
	for k, r := range rows {
		grid[k] = make([]string, width)
		for j := 0; j < width && j < len(r); j++ {
			grid[k][j] = CleanLabel(r[j])
		}
	}
	realignGroups(grid)
	levels := spread(grid)
	inheritUnlabelled(levels)
	return Header{Levels: levels}
}

// realignGroups fixes a group label printed one column off its children.
// Groups of amounts open with a 小计 (subtotal) column; when a label sits one
// column left of a 小计 that has no label of its own above it, and the
// column under the label is not a group start, the label belongs over the
// 小计. Text extraction of centred merged cells shifts them this way.
func realignGroups(grid [][]string) {
	for k := 0; k+1 < len(grid); k++ {
		up, down := grid[k], grid[k+1]
		for j := 0; j+1 < len(up); j++ {
			if up[j] == "" || up[j+1] != "" || isSubtotal(down[j]) || !isSubtotal(down[j+1]) {
				continue
			}
			// Column j must belong to the group on its left: its own label
			// below says so when a group to the left is still open.
			if j == 0 || down[j] == "" {
				continue
			}
			up[j+1], up[j] = up[j], ""
		}
	}
}

// isColumnNumbering recognises the 栏次 row of final-account tables (栏次 1
// 2 3 …, or ** 1 2 3): it numbers the columns and names none of them.
func isColumnNumbering(cells []string) bool {
	want, seen := 1, 0
	for _, c := range cells {
		c = zh.Squash(zh.Fold(c))
		switch {
		case c == "" || c == "栏次" || c == "行次" || strings.Trim(c, "*") == "":
		case c == strconv.Itoa(want):
			want++
			seen++
		default:
			return false
		}
	}
	return seen >= 3
}

func isSubtotal(s string) bool { return s == "小计" }

// spread fills each empty cell that lies under a spanning label: an empty
// cell at level k takes the label on its left when both columns have the
// same labels at every level above and the column has a label deeper down
// (it is a child column of a merged cell, not a cell merged from above).
func spread(grid [][]string) [][]string {
	out := make([][]string, len(grid))
	for k := range grid {
		out[k] = append([]string(nil), grid[k]...)
	}
	for k := range out {
		for j := 1; j < len(out[k]); j++ {
			if out[k][j] != "" || out[k][j-1] == "" {
				continue
			}
			if !hasDeeper(grid, k, j) || !samePrefix(out, k, j-1, j) {
				continue
			}
			// The label spreads only if it is a group: a child label sits
			// under it. A label with nothing under it is merged downwards
			// (支出项目类别 over its rows), not across.
			if src := spreadSource(grid, k, j); src < 0 || !hasDeeper(grid, k, src) {
				continue
			}
			out[k][j] = out[k][j-1]
		}
	}
	return out
}

// inheritUnlabelled gives a column with no label at any level the labels of
// its left neighbour: the second half of a header cell merged across two
// columns (项目名称 over 一般公共预算资金 | 小计). Names are made unique later.
func inheritUnlabelled(levels [][]string) {
	if len(levels) == 0 {
		return
	}
	for j := 1; j < len(levels[0]); j++ {
		empty := true
		for k := range levels {
			empty = empty && levels[k][j] == ""
		}
		if !empty {
			continue
		}
		for k := range levels {
			levels[k][j] = levels[k][j-1]
		}
	}
}

// spreadSource is the column whose label at level k would spread into
// column j: the nearest non-empty one on the left.
func spreadSource(grid [][]string, k, j int) int {
	for c := j - 1; c >= 0; c-- {
		if grid[k][c] != "" {
			return c
		}
	}
	return -1
}

func hasDeeper(grid [][]string, k, j int) bool {
	for d := k + 1; d < len(grid); d++ {
		if grid[d][j] != "" {
			return true
		}
	}
	return false
}

func samePrefix(grid [][]string, k, a, b int) bool {
	for d := 0; d < k; d++ {
		if grid[d][a] != grid[d][b] {
			return false
		}
	}
	return true
}
