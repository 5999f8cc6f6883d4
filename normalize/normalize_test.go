package normalize

import (
	"github.com/yusuan-data/yusuan/segment"
	"reflect"
	"strings"
	"testing"
)

func TestCleanCell(t *testing.T) {
	cases := map[string]string{
		".": "", ",": "", "„": "", "-": "", "—": "", " ": "",
		"其他网信 事务支出":  "其他网信事务支出",
		"网信办（本级）":    "网信办(本级)",
		"402.21":     "402.21",
		"一、收入，支出。很长": "一、收入，支出。很长", // prose keeps its punctuation
	}
	for in, want := range cases {
		if got := CleanCell(in); got != want {
			t.Errorf("CleanCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseAmount(t *testing.T) {
	cases := []struct {
		in    string
		want  string
		scale int
	}{
		{"402.21", "402.21", 2}, {"260.00", "260.00", 2}, {"1,234.50", "1234.50", 2},
		{"１２．５", "12.5", 1}, {"3 240.00", "3240.00", 2}, {"(12.00)", "-12.00", 2},
		{"0", "0", 0}, {"-0.05", "-0.05", 2}, {"35.678", "35.678", 3}, {"1,234,567.123456", "1234567.123456", 6},
	}
	for _, c := range cases {
		d, scale, ok := ParseAmount(c.in)
		if !ok || FormatAmount(d, scale) != c.want || scale != c.scale {
			t.Errorf("ParseAmount(%q) = %s scale %d ok %v; want %s scale %d", c.in, FormatAmount(d, scale), scale, ok, c.want, c.scale)
		}
	}
	for _, bad := range []string{"", "abc", "1.2.3", "12,34", "2025年", "≥", "1e5"} {
		if _, _, ok := ParseAmount(bad); ok {
			t.Errorf("ParseAmount(%q) ok", bad)
		}
	}
}

func TestSplitCodeName(t *testing.T) {
	cases := []struct{ in, code, name string }{
		{"307001- 网信办(本级)", "307001", "网信办(本级)"},
		{"50015225T00000499429 3-2025 网络宣传", "50015225T000004994293", "2025 网络宣传"},
		{"2010801-行政运行", "2010801", "行政运行"},
		{"2070113旅游宣传", "2070113", "旅游宣传"},
		{"30227 委托业务费", "30227", "委托业务费"},
		{"50015225T000004994630-网络安全协调指挥平台建设", "50015225T000004994630", "网络安全协调指挥平台建设"},
	}
	for _, c := range cases {
		code, name, ok := SplitCodeName(c.in)
		if !ok || code != c.code || name != c.name {
			t.Errorf("SplitCodeName(%q) = %q %q %v", c.in, code, name, ok)
		}
	}
	for _, bad := range []string{"合计", "2025 网络宣传", "12-3", "一般公共服务支出", "会议纪要2022-60", "2025年预算数", "3020费用"} {
		if _, _, ok := SplitCodeName(bad); ok {
			t.Errorf("SplitCodeName(%q) ok", bad)
		}
	}
	if got := CleanCode("20137 99"); got != "2013799" {
		t.Errorf("CleanCode = %q", got)
	}
	if got := CleanCode("合 计"); got != "合 计" {
		t.Errorf("CleanCode(合 计) = %q", got)
	}
}

func TestIsTotalLabel(t *testing.T) {
	for _, s := range []string{"合计", "总计", "小计", "收入合计", "支出总计", "本年收入合计", "合 计"} {
		if !IsTotalLabel(s) {
			t.Errorf("IsTotalLabel(%q) false", s)
		}
	}
	for _, s := range []string{"一、本年收入", "合计数说明", "工资福利支出"} {
		if IsTotalLabel(s) {
			t.Errorf("IsTotalLabel(%q) true", s)
		}
	}
}

// TestKindOf maps titles from several regions' templates to kinds.
func TestKindOf(t *testing.T) {
	cases := map[string]string{
		"财政拨款收支总表":           KindFiscalSummary,
		"预算11表财政拨款政府购买服务明细表": KindPurchasedServices,
		"部门决算单位构成":           KindUnits,
		"2026年财政拨款收支预算总表":    KindFiscalSummary,
		"一般公共预算财政拨款支出预算表":    KindGPBExpenditure,
		"一般公共预算支出功能分类预算表":    KindGPBExpenditure,
		"一般公共预算财政拨款基本支出预算表":  KindGPBBasicExpenditure,
		"一般公共预算支出“三公”经费预算表":  KindThreePublic,
		"政府性基金预算支出表":         KindGovFundExpenditure,
		"部门收支总表":             KindDeptSummary,
		"1．2026年部门财务收支预算总表":  KindDeptSummary,
		"公开表一 收支预算总表":        KindDeptSummary,
		"部门收入总表":             KindDeptIncome,
		"部门支出总表":             KindDeptExpenditure,
		"政府采购预算明细表":          KindProcurement,
		"项目支出明细表":            KindProjectExpenditure,
		"整体绩效目标表":            KindDeptPerformance,
		"2025 年预算项目绩效目标表-1":  KindProjectPerformance,
		"收入支出决算总表":           KindDeptSummary,
		"机关运行经费预算表":          KindOfficeOperation,
		"人员编制情况表":            KindOther,
	}
	for title, want := range cases {
		if got := KindOf(title); got != want {
			t.Errorf("KindOf(%q) = %s, want %s", title, got, want)
		}
	}
}

// TestResolveHeader resolves the seed's 附件 10 header, whose 上级专项 label
// text extraction printed one column left of its 小计.
func TestResolveHeader(t *testing.T) {
	rows := [][]string{
		strings.Split("序号|预算单位|功能分类科目||项目名称|合计|年初特定目标|||上级专项||||", "|"),
		strings.Split("||科目编码|科目名称|||小计|人员性项目|一般性项目|民生配套项目|小计|提前下达专项|结转项目|市级专项", "|"),
	}
	h := ResolveHeader(rows, 14)
	var leaves []string
	for j := 0; j < h.Width(); j++ {
		leaves = append(leaves, h.Leaf(j))
	}
	want := []string{"序号", "预算单位", "功能分类科目/科目编码", "功能分类科目/科目名称", "项目名称", "合计",
		"年初特定目标/小计", "年初特定目标/人员性项目", "年初特定目标/一般性项目", "年初特定目标/民生配套项目",
		"上级专项/小计", "上级专项/提前下达专项", "上级专项/结转项目", "上级专项/市级专项"}
	if !reflect.DeepEqual(leaves, want) {
		t.Errorf("leaves:\n got %q\nwant %q", leaves, want)
	}
	names := columnNames(h, 2025)
	wantNames := []string{"seq", "unit", "subject_code", "subject_name", "project_name", "total",
		"initial_subtotal", "initial_personnel", "initial_general", "initial_livelihood",
		"higher_subtotal", "higher_advance", "higher_carryover", "higher_city"}
	if !reflect.DeepEqual(names, wantNames) {
		t.Errorf("names:\n got %q\nwant %q", names, wantNames)
	}
}

func TestColumnNamesByYear(t *testing.T) {
	rows := [][]string{
		strings.Split("功能分类科目||2024 年预算数|2025 年预算数||", "|"),
		strings.Split("科目编码|科目名称||总计|基本支出|项目支出", "|"),
	}
	got := columnNames(ResolveHeader(rows, 6), 2025)
	want := []string{"subject_code", "subject_name", "prior_budget", "total", "basic", "project"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"机关运行经费":    "ji_guan_yun_xing_jing_fei",
		"2025年预算":   "n2025_nian_yu_suan",
		"GDP（亿元）":   "gdp_yi_yuan",
		"":          "x",
		"人员编制情况统计表": "ren_yuan_bian_zhi_qing_kuang_tong_ji_biao",
	}
	for in, want := range cases {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	if got := uniqueNames([]string{"total", "x", "total", "total"}); !reflect.DeepEqual(got, []string{"total", "x", "total_2", "total_3"}) {
		t.Errorf("uniqueNames = %q", got)
	}
}

// An untitled table is named by the heading of its section; a section on
// performance holding a plain grid is project_goals, not a form.
func TestUntitledTableNamedByHeading(t *testing.T) {
	st := &segment.Table{Order: 1, Heading: "二、部门决算单位构成", Pages: []int{5},
		Header: []segment.Row{{Cells: []string{"序号", "单位名称", "备注"}}},
		Body:   []segment.Row{{Cells: []string{"1", "上海市普陀区财政局（本级）", ""}, Page: 5, Line: 9}}}
	ts, _ := Tables(st, 2024)
	if ts[0].Kind != KindUnits || ts[0].Title != "部门决算单位构成" {
		t.Errorf("kind %q title %q", ts[0].Kind, ts[0].Title)
	}
	st = &segment.Table{Order: 1, Heading: "第七部分 重点项目预算绩效情况说明", Pages: []int{11},
		Header: []segment.Row{{Cells: []string{"二级预算单位名称", "一级项目名称", "预算数（万元）", "绩效目标"}}},
		Body:   []segment.Row{{Cells: []string{"深圳市统计局（本级）", "统计管理", "352.27", "为统计管理工作提供支持保障。"}, Page: 11, Line: 5}}}
	ts, _ = Tables(st, 2026)
	if len(ts) != 1 || ts[0].Kind != KindProjectGoals || ts[0].Columns[2].Name != "amount" {
		t.Fatalf("%d tables, kind %q, columns %+v", len(ts), ts[0].Kind, ts[0].Columns)
	}
}

// A total printed across 项目编号 | 项目 (a procurement table's merged 合计)
// is the label of the row, not a project code: it goes to item.
func TestTotalLabelOutOfProjectCode(t *testing.T) {
	st := &segment.Table{Order: 1, Title: "2026年政府采购预算明细表", Unit: "万元", Pages: []int{25},
		Header: []segment.Row{{Cells: []string{"项目编号", "项目", "总计", "一般公共预算拨款收入"}}},
		Body: []segment.Row{
			{Cells: []string{"合计", "", "6,143.52", "2,521.44"}, Page: 25, Line: 5},
			{Cells: []string{"A", "货物", "5,242.52", "2,020.44"}, Page: 25, Line: 6},
		}}
	ts, _ := Tables(st, 2026)
	tb := ts[0]
	if tb.Columns[0].Name != "project_code" || tb.Columns[1].Name != "item" {
		t.Fatalf("columns %+v", tb.Columns)
	}
	if got := tb.Rows[0].Cells; got[0].Text != "" || got[1].Text != "合计" {
		t.Errorf("total row: code %q item %q, want \"\" and 合计", got[0].Text, got[1].Text)
	}
	if got := tb.Rows[1].Cells; got[0].Text != "A" || got[1].Text != "货物" {
		t.Errorf("row 2: %q %q", got[0].Text, got[1].Text)
	}
}

// Chongqing's 市级一般性项目绩效目标表(一级项目) is a grid of projects and their
// indicators under one header row whose weight column reads 指标权重（%）:
// it is an indicator grid, not a key–value form, with canonical column
// names and the project's money as an amount.
func TestProjectIndicatorGridWithWeightPercent(t *testing.T) {
	st := &segment.Table{Order: 12, Title: "2026年市级一般性项目绩效目标表（一级项目）", Unit: "万元", Pages: []int{28},
		Header: []segment.Row{{Cells: []string{"序号", "项目名称", "当年财政拨款预算金额", "当年绩效目标", "指标名称", "指标性质", "指标值", "计量单位", "指标权重（%）"}}},
		Body: []segment.Row{
			{Cells: []string{"1", "科学事务管理", "26,675.34", "保障局机关全年正常有序运转。", "转改制院所保障经费发放单位", "≥", "16", "个", "20"}, Page: 28, Line: 5},
			{Cells: []string{"", "", "", "", "年度预算执行率", "＝", "100", "%", "10"}, Page: 28, Line: 6},
		}}
	ts, _ := Tables(st, 2026)
	if len(ts) != 1 || ts[0].Kind != "project_performance_indicators" {
		for _, tb := range ts {
			t.Logf("%s %s", tb.ID, tb.Kind)
		}
		t.Fatalf("want one project_performance_indicators table")
	}
	var names []string
	for _, c := range ts[0].Columns {
		names = append(names, c.Name+":"+string(c.Type))
	}
	want := "seq:string project_name:string fiscal_funds:decimal goal:string indicator_name:string nature:string target:string measure_unit:string weight:decimal"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("columns\n got %s\nwant %s", got, want)
	}
	if got := ts[0].Rows[0].Cells[2].Text; got != "26675.34" {
		t.Errorf("fiscal_funds %q, want 26675.34", got)
	}
	if got := gridStart([]segment.Row{{Cells: []string{"指标名称", "指标性质", "指标值", "计量单位", "指标权重(％)", "是否核心"}}}); got != 0 {
		t.Errorf("gridStart = %d, want 0", got)
	}
}

// A form label printed alone across the form (当年整体绩效目标) takes the
// text of the row under it as its value; 市级支出 and 补助区县 beside 当年预算
// are fields of their own, not part of its value.
func TestFormLabelOverText(t *testing.T) {
	st := &segment.Table{Order: 10, Title: "2026年部门整体绩效目标表", Pages: []int{26},
		Body: []segment.Row{
			{Cells: []string{"当年整体绩效目标"}, Page: 26, Line: 4},
			{Cells: []string{"提质建设科技创新布局。"}, Page: 26, Line: 5},
			{Cells: []string{"当年预算", "109,703.00", "市级支出", "109,703.00"}, Page: 26, Line: 6},
			{Cells: []string{"", "", "补助区县", ""}, Page: 26, Line: 7},
		}}
	ts, _ := Tables(st, 2026)
	var got []string
	for _, r := range ts[0].Rows {
		got = append(got, r.Cells[0].Text+"="+r.Cells[2].Text)
	}
	want := "goal=提质建设科技创新布局。 budget_current_year=109,703.00 budget_city=109,703.00 budget_county="
	if strings.Join(got, " ") != want {
		t.Errorf("form rows\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

// TestNarrativeKeepsFrontAndParts: text before the first heading is kept
// as a section without heading (not the document's title and department),
// 第N部分 heads a section, a definition under 一、 does not, and table of
// contents entries are dropped.
func TestNarrativeKeepsFrontAndParts(t *testing.T) {
	lines := []segment.TextLine{
		{Text: "某区司法局"}, {Text: "2026年部门预算情况说明"},
		{Text: "一、部门主要职能 ……………………………… 3"},
		{Text: "编制说明：2026年收入预算9628.22万元。"},
		{Text: "第一部分 部门概况"}, {Text: "负责全区司法行政工作。"},
		{Text: "一、财政拨款收入：指预算单位从本级财政部门取得的财政拨款。"},
		{Text: "二、机构设置"}, {Text: "内设机构3个。"},
	}
	front, sections := Narrative(lines)
	title, dept, _ := frontMatter(front, nil)
	all := append(frontSection(front, title, dept), sections...)
	var heads []string
	for _, s := range all {
		heads = append(heads, s.Heading)
	}
	if got := strings.Join(heads, "|"); got != "|第一部分 部门概况|二、机构设置" {
		t.Fatalf("headings %q", got)
	}
	if all[0].Text != "编制说明：2026年收入预算9628.22万元。" {
		t.Errorf("front section %q", all[0].Text)
	}
	if !strings.Contains(all[1].Text, "一、财政拨款收入：指") {
		t.Errorf("definition lost: %q", all[1].Text)
	}
}

// A report's title over two lines is one title; a date line under it names
// the occasion, not the body (and a department after the title is none).
func TestFrontMatterSkipsDatedLine(t *testing.T) {
	title, dept, _ := frontMatter([]string{"关于淮安市2025年预算执行情况", "与2026年预算草案的报告", "2026年1月21日在淮安市第九届人民代表大会第五次会议上", "淮安市财政局"}, nil)
	if dept != "" || title != "关于淮安市2025年预算执行情况与2026年预算草案的报告" {
		t.Errorf("title %q department %q", title, dept)
	}
}
