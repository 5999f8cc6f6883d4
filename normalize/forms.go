package normalize

import (
	"fmt"
	"strings"

	"github.com/yusuan-data/yusuan/segment"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/zh"
)

// A performance form (整体绩效目标表, 项目绩效目标表) has two parts: a key–value
// part (项目名称 …, 当年预算（万元） …, 项目概述 …) and an indicator grid under a
// header row (一级指标 二级指标 三级指标 指标权重 …). Each becomes its own table:
// the key–value part as (field, label, value) rows, the grid as columns.

// formFields maps form labels (spaces removed, full width folded) to
// canonical field names.
var formFields = map[string]string{
	"项目名称": "project_name", "业务主管部门": "supervisor", "主管部门": "supervisor",
	"预算执行率权重": "execution_weight", "项目分类": "project_category", "项目类型": "project_category",
	"当年预算(万元)": "budget_current_year", "当年预算": "budget_current_year", "当年预算(元)": "budget_current_year",
	"本级安排(万元)": "budget_own", "本级安排": "budget_own", "本级安排(元)": "budget_own",
	"上级补助(万元)": "budget_higher", "上级补助": "budget_higher", "上级补助(元)": "budget_higher",
	"项目概述": "summary", "立项依据": "basis", "当年绩效目标": "goal", "年度绩效目标": "goal",
	"部门(单位)名称": "dept_name", "部门名称": "dept_name", "单位名称": "dept_name",
	"部门支出预算数": "dept_budget", "部门预算数": "dept_budget", "当年整体绩效目标": "goal",
	"整体绩效目标": "goal", "项目资金": "project_funds", "资金总额": "funds_total",
	"项目负责人": "manager", "联系电话": "phone", "实施单位": "implementer", "项目期限": "period",
	"项目概况": "summary", "市级支出": "budget_city", "补助区县": "budget_county",
}

// level1Indicators are the 一级指标 every grid uses; a row that starts with
// one of them has lost its leading merged 绩效指标 cell.
var level1Indicators = map[string]bool{"产出指标": true, "效益指标": true, "满意度指标": true, "成本指标": true}

// formTables splits a form into its key–value table and its grid.
func formTables(base *table.Table, st *segment.Table, year int) ([]*table.Table, []table.Finding) {
	rows := append(append([]segment.Row{}, st.Header...), st.Body...)
	g := gridStart(rows)
	prefix := ""
	if base.Attachment > 0 && st.Part > 0 {
		prefix = base.ID[strings.Index(base.ID, "-")+1:] + "/"
	}
	if g == 0 {
		// No key–value part: all projects in one grid (Beijing's 项目支出绩效
		// 目标表: a project row, then its indicator rows), under the
		// table's own multi-level header.
		grid := *base
		grid.ID = base.ID + "-indicators"
		grid.Kind = base.Kind + "_indicators"
		grid.Part = prefix + "indicators"
		t, fs := gridTable(&grid, st, year)
		return []*table.Table{t}, fs
	}
	kv := *base
	kv.ID = base.ID + "-form"
	kv.Kind = base.Kind + "_form"
	kv.Part = prefix + "form"
	kv.Header = [][]string{{"字段", "名称", "值"}}
	kv.Columns = []table.Column{
		{Name: "field", Label: "字段", Type: table.String},
		{Name: "label", Label: "名称", Type: table.String},
		{Name: "value", Label: "值", Type: table.String},
	}
	bands := fundBands(rows[:g])
	for i, r := range rows[:g] {
		if b, ok := bands[i]; ok {
			if b.amounts {
				kv.Rows = append(kv.Rows, b.fields(rows, i)...)
			}
			continue
		}
		ps := pairs(r.Cells)
		// A label alone on its row (当年整体绩效目标, printed across the
		// form) over a row of text alone: the text is its value.
		if n := len(kv.Rows); n > 0 && len(ps) == 1 && ps[0][1] == "" && !isFormLabel(ps[0][0]) {
			if last := kv.Rows[n-1].Cells; last[2].Text == "" && isFormLabel(last[1].Text) {
				last[2].Text = rowText(r.Cells) // a value, not a label: prose keeps its punctuation
				continue
			}
		}
		for _, p := range ps {
			kv.Rows = append(kv.Rows, table.Row{Page: r.Page, Line: r.Line, Cells: []table.Value{
				{Text: fieldName(p[0])}, {Text: p[0]}, {Text: p[1]},
			}})
		}
	}
	out := []*table.Table{&kv}
	if g == len(rows) {
		return out, nil
	}
	grid := *base
	grid.ID = base.ID + "-indicators"
	grid.Kind = base.Kind + "_indicators"
	grid.Part = prefix + "indicators"
	header, body, pages := alignToHeader(rows[g], rows[g+1:])
	gt, fs := indicatorGrid(&grid, header, body, year)
	if len(pages) > 0 {
		fs = append(fs, table.Finding{Severity: table.Info, Rule: "table.columns_realigned", Table: gt.ID, Pages: pages,
			Message: fmt.Sprintf("pages %v: the rows' grid has fewer columns than the header's, whose labels span two grid columns; their cells were put under the header's labels from the right", pages)})
	}
	return append(out, gt), fs
}

// alignToHeader fits a form's indicator grid to its header row when the
// header's labels span two grid columns on the first page and the rows of
// later pages have a grid of their own (北京 部门整体支出绩效目标表: the
// funds band above splits 活动, 绩效指标 and 指标值 into two grid columns
// each on the first page, 9 in all; the next pages print the same five
// columns, 6 grid columns with a blank margin one). The columns with no
// label and no text in a row of the header's width are left out; a row of
// another width takes the remaining labels from its right when what it
// leaves out on its left is empty or the merged 绩效指标 label (西安-人社:
// printed once, on the page of the narrower grid), else it is kept as it
// is. pages lists
// the pages of the rows so placed.
func alignToHeader(header segment.Row, body []segment.Row) (segment.Row, []segment.Row, []int) {
	width := len(header.Cells)
	var keep []int
	for j, h := range header.Cells {
		used := strings.TrimSpace(h) != ""
		for _, r := range body {
			used = used || len(r.Cells) == width && CleanCell(r.Cells[j]) != ""
		}
		if used {
			keep = append(keep, j)
		}
	}
	if len(keep) == width {
		return header, body, nil
	}
	pick := func(r segment.Row) segment.Row {
		cells := make([]string, len(keep))
		for i, j := range keep {
			cells[i] = r.Cells[j]
		}
		r.Cells = cells
		return r
	}
	out := make([]segment.Row, len(body))
	var pages []int
	for i, r := range body {
		out[i] = r
		switch n := len(r.Cells); {
		case n == width:
			out[i] = pick(r)
		case n > len(keep) && mergedLabelOnly(r.Cells[:n-len(keep)]):
			out[i].Cells = append([]string(nil), r.Cells[n-len(keep):]...)
			fallthrough
		case n == len(keep):
			if len(pages) == 0 || pages[len(pages)-1] != r.Page {
				pages = append(pages, r.Page)
			}
		}
	}
	return pick(header), out, pages
}

// mergedLabelOnly reports whether cells hold nothing but the vertically
// merged 绩效指标 label a grid prints once, in the middle of its rows
// (isMergedLabelColumn): cells a row may leave out.
func mergedLabelOnly(cells []string) bool {
	for _, c := range cells {
		if c = zh.Squash(CleanCell(c)); c != "" && c != "绩效指标" {
			return false
		}
	}
	return true
}

// gridStart returns the index of the indicator grid's header row, or
// len(rows) when the form has no grid.
func gridStart(rows []segment.Row) int {
	for i, r := range rows {
		has := map[string]bool{}
		for _, c := range r.Cells {
			k := zh.Squash(c)
			if strings.HasPrefix(k, "指标权重") {
				k = "指标权重" // 指标权重（%）, 指标权重(％)
			}
			has[k] = true
		}
		// 一级指标 …; or 指标权重 with 指标值 or 计量单位; or, in forms with no
		// weights (北京 部门整体支出绩效目标表: 活动 | 绩效指标 | 指标性质 |
		// 指标值 | 度量单位), 指标值 with 指标性质 or a unit column
		if has["一级指标"] || (has["指标权重"] && (has["指标值"] || has["计量单位"])) ||
			has["指标值"] && (has["指标性质"] || has["度量单位"] || has["计量单位"]) {
			return i
		}
	}
	return len(rows)
}

// pairs reads the key–value pairs of a form row: "项目名称 | X | 业务主管部门 | Y"
// gives (项目名称, X), (业务主管部门, Y). A known label always starts a pair,
// but for the open pair's own label repeated before its value (a merged
// label cell read in two grid columns); other text is the value of the
// open pair, or a key when none is open.
//
// A value printed over several cells (a long 绩效目标 cut by the reader) is
// joined before it is cleaned: whether it is prose, which keeps its
// full-width punctuation, is a property of the whole text, not of a piece.
func pairs(cells []string) [][2]string {
	var out [][2]string
	open := false
	for _, raw := range cells {
		c := CleanCell(raw)
		if c == "" {
			continue
		}
		label := CleanLabel(c)
		_, known := formFields[label]
		switch {
		case known && open && out[len(out)-1] == [2]string{label, ""}:
			// the label again in the next grid column, no value between:
			// one merged cell read twice (北京-审计局 整体绩效目标)
		case known || !open:
			out = append(out, [2]string{label, ""})
			open = true
		case out[len(out)-1][1] == "":
			out[len(out)-1][1] = raw
		default:
			out[len(out)-1][1] += " " + raw
		}
	}
	for i := range out {
		out[i][1] = CleanCell(out[i][1])
	}
	return out
}

// rowText is the text of a row's cells as one value.
func rowText(cells []string) string {
	var parts []string
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			parts = append(parts, c)
		}
	}
	return CleanCell(strings.Join(parts, " "))
}

// isFormLabel reports whether s is a known form label.
func isFormLabel(s string) bool {
	_, ok := formFields[s]
	return ok
}

// fieldName is the canonical name of a form label, or its slug.
func fieldName(label string) string {
	if f, ok := formFields[label]; ok {
		return f
	}
	return Slug(label)
}

// indicatorGrid normalises the indicator grid under its header row. Rows
// that lost the leading merged 绩效指标 cell are shifted back under their
// columns, and a column that only repeats that merged label is dropped.
func indicatorGrid(t *table.Table, header segment.Row, body []segment.Row, year int) (*table.Table, []table.Finding) {
	hdr := trimTrailing(header.Cells)
	width := len(hdr)
	var rows []segment.Row
	for _, r := range body {
		cells := trimTrailing(r.Cells)
		if len(cells) > 0 && len(cells) < width && level1Indicators[zh.Squash(cells[0])] && width > 1 &&
			zh.Squash(hdr[1]) == "一级指标" {
			cells = append(make([]string, width-len(cells)), cells...)
		}
		rows = append(rows, segment.Row{Cells: cells, Page: r.Page, Line: r.Line})
	}
	if width > 1 && isMergedLabelColumn(hdr[0], rows) {
		hdr = hdr[1:]
		width--
		for i := range rows {
			if len(rows[i].Cells) > 0 {
				rows[i].Cells = rows[i].Cells[1:]
			}
		}
	}
	st := &segment.Table{Header: []segment.Row{{Cells: hdr, Page: header.Page, Line: header.Line}}, Body: rows}
	out, fs := gridTable(t, st, year)
	return out, fs
}

// isMergedLabelColumn reports whether a grid's first column holds nothing
// but a vertically merged label (绩效指标) printed once.
func isMergedLabelColumn(label string, rows []segment.Row) bool {
	label = zh.Squash(label)
	for _, r := range rows {
		if len(r.Cells) == 0 {
			continue
		}
		v := zh.Squash(r.Cells[0])
		if v != "" && v != label && v != "绩效指标" {
			return false
		}
	}
	return true
}
