package normalize

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/segment"
)

// deptForm writes the shape of 北京's 部门整体支出绩效目标表 as the ruled
// reader gives it: on the first page a grid of 9 columns (the funds band
// splits 活动, 绩效指标 and 指标值 into two grid columns each), a band of
// two label rows over the amounts, the goal, then the indicator header and
// rows; on later pages the indicator rows in a grid of their own, 6
// columns with a blank margin or 5 without. It returns the table, the
// band's amounts by field and the indicator rows as they should come out.
func deptForm(r *rand.Rand, margin bool) (*segment.Table, map[string]string, [][]string) {
	amt := func() string { return fmt.Sprintf("%d.%06d", 1+r.Intn(90000), r.Intn(1000000)) }
	a := []string{amt(), amt(), amt(), amt(), amt(), amt()}
	fields := map[string]string{
		"yu_suan_zhi_chu_zong_e": a[0], "cai_zheng_bo_kuan_he_ji": a[1], "cai_zheng_bo_kuan_ji_ben_zhi_chu": a[2],
		"cai_zheng_bo_kuan_xiang_mu_zhi_chu": a[3], "qi_ta_zi_jin_he_ji": a[4], "qi_ta_zi_jin_xiang_mu_zhi_chu": a[5],
	}
	row := func(page, line int, cells ...string) segment.Row {
		return segment.Row{Cells: cells, Page: page, Line: line}
	}
	st := &segment.Table{Order: 13, Title: "预算13表部门整体支出绩效目标表", Pages: []int{1, 2, 3}}
	st.Body = []segment.Row{
		row(1, 3, "部门名称", "", "北京市某某局", "", "", "", "", "", ""),
		row(1, 4, "总体资金情况（万元）", "", "预算支出总额", "财政拨款", "", "", "其他资金", "", ""),
		row(1, 5, "", "", "", "合计", "基本支出", "项目支出", "合计", "基本支出", "项目支出"),
		row(1, 6, "", "", a[0], a[1], a[2], a[3], a[4], "", a[5]),
		row(1, 7, "", "整体绩效目标", "一、责任体系闭环化，筑牢安全治理根基。", "", "", "", "", "", ""),
		row(1, 8, "", "活动", "", "绩效指标", "", "指标性质", "指标值", "", "度量单位"),
	}
	var want [][]string
	acts := []string{"安全预防及隐患治理", "危险化学品管理", "宣传教育活动", "应急救援队伍建设"}
	line := 9
	for page := 1; page <= 3; page++ {
		for i := 0; i < 2+r.Intn(4); i++ {
			w := []string{acts[r.Intn(len(acts))], "产出指标数量指标某项工作数量", []string{"≥", "＝", "≤"}[r.Intn(3)], fmt.Sprint(1 + r.Intn(500)), []string{"个", "份", "%"}[r.Intn(3)]}
			want = append(want, w)
			var cells []string
			switch {
			case page == 1:
				cells = []string{"", w[0], "", w[1], "", w[2], w[3], "", w[4]}
			case margin:
				cells = append([]string{""}, w...)
			default:
				cells = append([]string(nil), w...)
			}
			st.Body = append(st.Body, row(page, line, cells...))
			line++
		}
	}
	return st, fields, want
}

// TestDeptFormBandAndGrid: the funds band comes out as one field per
// amount, named by its column's labels, and the indicator rows of every
// page under the header's five labels, the later pages' placed from the
// right with an info finding naming them. Generated: 20 forms.
func TestDeptFormBandAndGrid(t *testing.T) {
	r := rand.New(rand.NewSource(143))
	for n := 0; n < 20; n++ {
		st, fields, want := deptForm(r, n%2 == 0)
		ts, fs := Tables(st, 2026)
		if len(ts) != 2 {
			t.Fatalf("form %d: %d tables, want form and indicators", n, len(ts))
		}
		got := map[string]string{}
		for _, row := range ts[0].Rows {
			got[row.Cells[0].Text] = row.Cells[2].Text
		}
		for f, v := range fields {
			if strings.ReplaceAll(got[f], ",", "") != v {
				t.Errorf("form %d: field %s = %q, want %q (fields %v)", n, f, got[f], v, got)
			}
		}
		if v, ok := got["qi_ta_zi_jin_ji_ben_zhi_chu"]; !ok || v != "" {
			t.Errorf("form %d: the empty 其他资金/基本支出 is no empty field (%q, %v)", n, v, ok)
		}
		if got["dept_name"] != "北京市某某局" {
			t.Errorf("form %d: dept_name %q", n, got["dept_name"])
		}
		g := ts[1]
		var names []string
		for _, c := range g.Columns {
			names = append(names, c.Name)
		}
		if fmt.Sprint(names) != "[activity indicator nature target measure_unit]" || len(g.Rows) != len(want) {
			t.Fatalf("form %d: indicators columns %v, %d rows, want 5 columns, %d rows", n, names, len(g.Rows), len(want))
		}
		for i, w := range want {
			var cells []string
			for _, v := range g.Rows[i].Cells {
				cells = append(cells, v.Text)
			}
			if strings.Join(cells, "|") != strings.Join(w, "|") && strings.Join(cells, "|") != strings.ReplaceAll(strings.Join(w, "|"), "＝", "=") {
				t.Errorf("form %d: row %d %q, want %q", n, i, cells, w)
			}
		}
		found := false
		for _, f := range fs {
			found = found || f.Rule == "table.columns_realigned" && fmt.Sprint(f.Pages) == "[2 3]"
		}
		if !found {
			t.Errorf("form %d: no table.columns_realigned finding for pages 2 and 3", n)
		}
	}
}

// TestAlignMergedLabel (西安-人社 部门整体支出绩效目标表): the merged 绩效指标
// label, printed once on the page of the narrower grid, is left out with
// the margin; text anywhere else keeps a row as it is.
func TestAlignMergedLabel(t *testing.T) {
	header := segment.Row{Cells: []string{"", "一级指标", "二级指标", "", "指标内容", "", "指标值", ""}, Page: 56}
	body := []segment.Row{
		{Cells: []string{"", "产出指标", "数量指标", "", "指标1：城镇登记失业率", "", "≦4.5%", ""}, Page: 56},
		{Cells: []string{"绩效指标", "", "时效指标", "指标：各项目标任务按期完成率", "100%"}, Page: 57},
		{Cells: []string{"", "效益指标", "经济效益指标", "指标：西安市经济社会发展", "有所促进"}, Page: 57},
		{Cells: []string{"说明", "", "时效指标", "指标：x", "1"}, Page: 58},
	}
	h, rows, pages := alignToHeader(header, body)
	want := [][]string{
		{"产出指标", "数量指标", "指标1：城镇登记失业率", "≦4.5%"},
		{"", "时效指标", "指标：各项目标任务按期完成率", "100%"},
		{"效益指标", "经济效益指标", "指标：西安市经济社会发展", "有所促进"},
		{"说明", "", "时效指标", "指标：x", "1"},
	}
	if fmt.Sprint(h.Cells) != fmt.Sprint([]string{"一级指标", "二级指标", "指标内容", "指标值"}) {
		t.Errorf("header %q", h.Cells)
	}
	for i, w := range want {
		if fmt.Sprint(rows[i].Cells) != fmt.Sprint(w) {
			t.Errorf("row %d: %q, want %q", i, rows[i].Cells, w)
		}
	}
	if fmt.Sprint(pages) != "[57]" {
		t.Errorf("pages %v, want [57]", pages)
	}
}
