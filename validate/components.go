package validate

import (
	"regexp"
	"strings"

	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/vocab"
)

// Components of a row total, read from the table's own header rather than
// from a fixed pair: the templates differ in what a 合计 is made of (基本支出
// + 项目支出; Jiangsu adds 单位预留机动经费 and 结转下年资金; the 部门支出总表
// of most regions adds 事业单位经营支出, 上缴上级支出, 对附属单位补助支出).
//
// The components of the column Result are its sibling amount columns: the
// decimal columns right after it that sit under the same parent header
// (Beijing's 预算数 over 合计 | 基本支出 | 项目支出). Siblings are grouped
// by their own header label; a group counts
//
//   - as its one column when it has one (项目支出);
//   - as its 小计/合计/总计/总数 column when it has one (基本支出 → 小计,
//     not 小计 + 人员经费 + 公用经费);
//   - else as the sum of its columns (Hangzhou's 基本支出 → 人员支出 +
//     日常公用支出);
//
// and a group or column whose label is a memo (RowSum.Memo: 其中…,
// 政府采购项目) is left out: it is part of another column, not an addend.
// A table that carries no header labels (a test table) falls back to the
// rule's fixed Parts, else to every decimal column after Result; the rule
// does not apply when one of them is a subtotal, whose parts could not be
// told apart.

var (
	subtotalLabelRe = vocab.SumLabel
	indexLabelRe    = regexp.MustCompile(`^[0-9*＊]+$`)
)

func isSubtotalCol(c table.Column, label string) bool {
	return c.Name == "subtotal" || strings.HasSuffix(c.Name, "_subtotal") || subtotalLabelRe.MatchString(label)
}

// labelPaths is each column's header path, levels top down, empty levels
// and column-number rows (1 2 3 …, **) dropped; nil when the table has no
// labels at all.
func labelPaths(t *table.Table) [][]string {
	paths := make([][]string, len(t.Columns))
	any := false
	fromHeader := len(t.Header) > 0
	for _, lv := range t.Header {
		if len(lv) != len(t.Columns) {
			fromHeader = false
		}
	}
	for j, c := range t.Columns {
		var raw []string
		if fromHeader {
			for _, lv := range t.Header {
				raw = append(raw, lv[j])
			}
		} else if c.Label != "" {
			raw = strings.Split(c.Label, "/")
		}
		for _, l := range raw {
			l = squash(l)
			if l == "" || indexLabelRe.MatchString(l) {
				continue
			}
			paths[j] = append(paths[j], l)
			any = true
		}
	}
	if !any {
		return nil
	}
	return paths
}

// components is the list of columns whose sum Result must be, and whether
// it could be read from the table.
func components(t *table.Table, result string, memo string) ([]string, bool) {
	ri := t.Col(result)
	if ri < 0 {
		return nil, false
	}
	var memoRe *regexp.Regexp
	if memo != "" {
		memoRe = regexp.MustCompile(memo)
	}
	isMemo := func(l string) bool { return memoRe != nil && memoRe.MatchString(l) && !namesPart(l) }
	paths := labelPaths(t)
	if paths == nil || len(paths[ri]) == 0 {
		return nil, false
	}
	L := len(paths[ri]) - 1 // the level of Result's own label
	sibling := func(j int) bool {
		p := paths[j]
		if len(p) <= L {
			return false
		}
		for l := 0; l < L; l++ {
			if p[l] != paths[ri][l] {
				return false
			}
		}
		return true
	}
	type group struct {
		label string
		cols  []int
	}
	var groups []group
	for j := ri + 1; j < len(t.Columns); j++ {
		if t.Columns[j].Type != table.Decimal {
			continue
		}
		if !sibling(j) {
			break
		}
		l := paths[j][L]
		if n := len(groups); n > 0 && groups[n-1].label == l {
			groups[n-1].cols = append(groups[n-1].cols, j)
		} else {
			groups = append(groups, group{l, []int{j}})
		}
	}
	var parts []string
	for _, g := range groups {
		if isMemo(g.label) {
			continue
		}
		if len(g.cols) == 1 {
			parts = append(parts, t.Columns[g.cols[0]].Name)
			continue
		}
		sub := -1
		var leaves []int
		for _, j := range g.cols {
			leaf := ""
			if len(paths[j]) > L+1 {
				leaf = paths[j][len(paths[j])-1]
			}
			if sub < 0 && isSubtotalCol(t.Columns[j], leaf) {
				sub = j
			}
			if !isMemo(leaf) {
				leaves = append(leaves, j)
			}
		}
		if sub >= 0 {
			parts = append(parts, t.Columns[sub].Name)
			continue
		}
		for _, j := range leaves {
			parts = append(parts, t.Columns[j].Name)
		}
	}
	return parts, len(parts) > 0
}

// hasHeader reports whether t carries any header label.
func hasHeader(t *table.Table) bool { return labelPaths(t) != nil }

// afterCols is every decimal column after result, or nil when one of them
// is a subtotal (its parts would be counted twice).
func afterCols(t *table.Table, result string) []string {
	ri := t.Col(result)
	if ri < 0 {
		return nil
	}
	var parts []string
	for _, c := range t.Columns[ri+1:] {
		if c.Type != table.Decimal {
			continue
		}
		if isSubtotalCol(c, "") {
			return nil
		}
		parts = append(parts, c.Name)
	}
	return parts
}

// partAfterQiZhongRe is a 其中 that only introduces the parts of the total
// before it, printed in the first part's own cell: 小计 | 其中：基本支出 |
// 项目支出 (广州). 基本支出 is an addend there, not a memo.
var partAfterQiZhongRe = regexp.MustCompile(`^其中[:：]\s*(基本支出|项目支出)$`)

func namesPart(label string) bool { return partAfterQiZhongRe.MatchString(label) }
