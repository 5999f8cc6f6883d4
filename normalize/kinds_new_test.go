package normalize

import (
	"testing"

	"github.com/yusuan-data/yusuan/segment"
)

// TestNewKinds: tables the documents name (西安 表9–11) get kinds of their
// own and canonical columns, instead of dept_expenditure or other.
func TestNewKinds(t *testing.T) {
	cases := []struct {
		title  string
		kind   string
		header []string
		cols   []string
	}{
		{"2022年部门综合预算专项业务经费支出表", KindSpecialProject,
			[]string{"序号", "单位编码", "单位（项目）名称", "项目金额", "项目简介"},
			[]string{"seq", "unit_code", "unit_project_name", "amount", "project_summary"}},
		{"2022部门综合预算财政拨款结转资金支出表", KindCarryover,
			[]string{"序号", "预算单位代码", "预算单位名称", "预算项目名称", "金额", "功能分类科目代码", "功能分类科目名称", "政府经济分类科目代码", "政府经济分类科目名称", "资金性质"},
			[]string{"seq", "unit_code", "unit_name", "project_name", "amount", "subject_code", "subject_name", "gov_econ_code", "gov_econ_name", "fund_nature"}},
		{"2022年部门综合预算政府性基金收支表（不含上年结转）", KindGovFundSummary,
			[]string{"项目", "预算数", "支出功能分类科目（按大类）", "预算数"},
			[]string{"item", "amount", "function_class", "amount_2"}},
		{"2020年部门综合预算政府性基金收支总表", KindGovFundSummary, nil, nil},
		{"政府性基金预算支出表", KindGovFundExpenditure, nil, nil},
	}
	for _, c := range cases {
		if k := KindOf(c.title); k != c.kind {
			t.Errorf("KindOf(%q) = %s, want %s", c.title, k, c.kind)
		}
		if c.header == nil {
			continue
		}
		row := make([]string, len(c.header))
		for j := range row {
			row[j] = "1.00"
			if c.cols[j] == "unit_code" || c.cols[j] == "seq" {
				row[j] = "1"
			}
		}
		st := &segment.Table{Order: 1, Title: c.title, Unit: "万元", Pages: []int{1},
			Header: []segment.Row{{Cells: c.header}}, Body: []segment.Row{{Cells: row, Page: 1, Line: 3}}}
		ts, _ := Tables(st, 2022)
		var got []string
		for _, col := range ts[0].Columns {
			got = append(got, col.Name)
		}
		if ts[0].Kind != c.kind || len(got) != len(c.cols) {
			t.Errorf("%s: kind %s columns %v", c.title, ts[0].Kind, got)
			continue
		}
		for j := range got {
			if got[j] != c.cols[j] {
				t.Errorf("%s: column %d %q, want %q", c.title, j, got[j], c.cols[j])
			}
		}
	}
}

// TestComponentWithQiZhong (广州 表5): "其中：基本支出" names the basic column,
// and "[2210201]住房公积金" is a code and a name.
func TestComponentWithQiZhong(t *testing.T) {
	st := &segment.Table{Order: 5, Title: "一般公共预算支出情况表（按功能分类科目）", Unit: "万元", Pages: []int{12},
		Header: []segment.Row{
			{Cells: []string{"功能科目名称", "一般公共预算支出", "", ""}},
			{Cells: []string{"", "小计", "其中：基本支出", "项目支出"}},
		},
		Body: []segment.Row{{Cells: []string{"[2210201]住房公积金", "894.14", "894.14", "0.00"}, Page: 12, Line: 5}}}
	ts, _ := Tables(st, 2026)
	var got []string
	for _, c := range ts[0].Columns {
		got = append(got, c.Name)
	}
	want := []string{"subject_code", "subject_name", "total", "basic", "project"}
	if len(got) != len(want) {
		t.Fatalf("columns %v, want %v", got, want)
	}
	for j := range want {
		if got[j] != want[j] {
			t.Errorf("columns %v, want %v", got, want)
			break
		}
	}
}
