package segment

import (
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/extract"
)

func split(t *testing.T, text string) *Document {
	t.Helper()
	ld, err := extract.ReadText("t.txt", []byte(strings.ReplaceAll(text, "|", "\t")))
	if err != nil {
		t.Fatal(err)
	}
	return Split(ld)
}

// TestTitlesWithoutMarkers finds tables by their titles alone, in the
// numbering styles of other regions, and keeps a table of contents out.
func TestTitlesWithoutMarkers(t *testing.T) {
	doc := split(t, `上海市普陀区司法局2026年度部门预算
目录
一、收支总表……………………3
二、收入总表……………………4
一、部门主要职能
负责全区司法行政工作。
1．2026年部门财务收支预算总表
编制单位：上海市普陀区司法局    单位：元
项目|预算数|项目|预算数
一般公共预算资金|1,234.00|一般公共服务支出|1,234.00
公开表一 收入预算总表
单位：万元
项目|合计|财政拨款
合计|10.00|10.00
`)
	if len(doc.Tables) != 2 {
		t.Fatalf("%d tables, want 2", len(doc.Tables))
	}
	a, b := doc.Tables[0], doc.Tables[1]
	if a.Title != "1．2026年部门财务收支预算总表" || a.Unit != "元" || a.Department != "上海市普陀区司法局" || a.Attachment != 0 || a.Order != 1 {
		t.Errorf("table 1: %q unit %q dept %q att %d order %d", a.Title, a.Unit, a.Department, a.Attachment, a.Order)
	}
	if len(a.Header) != 1 || len(a.Body) != 1 {
		t.Errorf("table 1: %d header, %d body rows", len(a.Header), len(a.Body))
	}
	if b.Title != "公开表一 收入预算总表" || b.Unit != "万元" || b.Order != 2 {
		t.Errorf("table 2: %q %q", b.Title, b.Unit)
	}
	text := ""
	for _, l := range doc.Text {
		text += l.Text + "\n"
	}
	if !strings.Contains(text, "一、收支总表……") || !strings.Contains(text, "负责全区司法行政工作。") {
		t.Errorf("narrative lost the contents or prose:\n%s", text)
	}
}

// TestContinuation merges a page that repeats a garbled title and the header,
// and a page that repeats only the header.
func TestContinuation(t *testing.T) {
	doc := split(t, `附件 2
重庆市潼南区某局 一般公共预算财政拨款支出预算表
单位：万元
科目编码|科目名称|金额
201|一般公共服务支出|1.00
重庆市某某局
一般公共预算财政拨款支出预算表
单位：万元
科目编码|科目名称|金额
20101|人大事务|1.00
`+"\f"+`科目编码|科目名称|金额
2010101|行政运行|1.00
备注：本表反映当年支出。
附件 3
重庆市潼南区某局 部门收支总表
项目|预算数
合计|1.00
`)
	if len(doc.Tables) != 2 {
		t.Fatalf("%d tables, want 2", len(doc.Tables))
	}
	a := doc.Tables[0]
	if len(a.Body) != 3 || a.DroppedHeaders != 2 || a.Continuations != 1 || a.Attachment != 2 {
		t.Errorf("body %d dropped %d continuations %d attachment %d", len(a.Body), a.DroppedHeaders, a.Continuations, a.Attachment)
	}
	if a.Department != "重庆市潼南区某局" || len(a.Notes) != 1 || !equal(a.Pages, []int{1, 2}) {
		t.Errorf("dept %q notes %d pages %v", a.Department, len(a.Notes), a.Pages)
	}
	if doc.Tables[1].Attachment != 3 || doc.Tables[1].Title != "部门收支总表" {
		t.Errorf("table 2: %+v", doc.Tables[1])
	}
}

// TestNarrativeOnly gives no tables and keeps all the text.
func TestNarrativeOnly(t *testing.T) {
	doc := split(t, "某局2025年部门预算情况说明\n一、单位基本情况\n本部门预算表另行公开。\n")
	if len(doc.Tables) != 0 || len(doc.Text) != 3 {
		t.Errorf("tables %d text %d", len(doc.Tables), len(doc.Text))
	}
}

// TestParts keeps numbered forms of one attachment apart.
func TestParts(t *testing.T) {
	doc := split(t, `附件 12
某局 2025 年预算项目绩效目标表-1
项目名称|A|业务主管部门|某局
预算执行率权重|10|项目分类|一般性项目
某局
2025 年预算项目绩效目标表-2
项目名称|B|业务主管部门|某局
预算执行率权重|10|项目分类|一般性项目
`)
	if len(doc.Tables) != 2 || doc.Tables[1].Attachment != 12 || doc.Tables[1].Part != 2 || doc.Tables[0].Part != 1 {
		for _, tb := range doc.Tables {
			t.Logf("%+v", tb)
		}
		t.Fatalf("parts not kept apart")
	}
}

func TestClassify(t *testing.T) {
	cases := map[string]lineKind{
		"附件 1": markerLine, "附件12": markerLine, "附件三：": markerLine,
		"单位：万元": unitLine, "金额单位：元": unitLine,
		"编制单位：中共重庆市潼南区委网络安全和信息化办公室（本级）": compilerLine,
		"财政拨款收支总表": titleLine, "2025 年预算项目绩效目标表-1": titleLine, "部门收支总表（续）": titleLine,
		"备注：本表反映当年一般公共预算财政拨款支出情况。":    noteLine,
		"一、收支总表……………3":                tocLine,
		"本表反映部门收支总表。":                 textLine,
		"中共重庆市潼南区委网络安全和信息化委员会办公室（本级）": textLine,
	}
	for s, want := range cases {
		if got := classify(s); got != want {
			t.Errorf("classify(%q) = %d, want %d", s, got, want)
		}
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestRowCutByPage: a page that ends inside a wrapped cell leaves the rest
// of the cell as the next page's top row; it is joined to its row. A top
// row with a short cell, an amount or a new item is a row of its own.
func TestRowCutByPage(t *testing.T) {
	doc := split(t, `附件 10
某局 项目支出明细表
项目名称|金额|绩效目标
专项普查活动|110.00|在规定时间内完成制定方案、普查试点、普查区划分与绘图等普查准备工作，参加培
`+"\f"+`||训人次达到300人次以上，按规定时间完成清查工作。
统计管理|352.27|为统计管理工作提供支持保障，2026年预计完成不少于4次统计大讲堂，每月完成一次
`+"\f"+`||（一）完成月度经济监测预测报告
网站运维|7.50|保障系统正常运行
`+"\f"+`||一年
`)
	tb := doc.Tables[0]
	if len(tb.Body) != 5 || len(tb.Rejoined) != 1 {
		t.Fatalf("body %d rows, %d rejoined; want 5 and 1: %v", len(tb.Body), len(tb.Rejoined), tb.Body)
	}
	want := "在规定时间内完成制定方案、普查试点、普查区划分与绘图等普查准备工作，参加培训人次达到300人次以上，按规定时间完成清查工作。"
	if got := tb.Body[0].Cells[2]; got != want {
		t.Errorf("joined cell %q, want %q", got, want)
	}
	if r := tb.Rejoined[0]; r.Page != 2 {
		t.Errorf("rejoined row on page %d, want 2", r.Page)
	}
}

// TestFolios: page numbers at the foot or head of a page are page
// furniture; a paragraph running over the break joins without them.
func TestFolios(t *testing.T) {
	for _, s := range []string{"3", "— 3 —", "一 12 一", "-3-", "第 3 页", "第3页 共12页", "3/12", "—9一"} {
		if !isFolio(s) {
			t.Errorf("isFolio(%q) = false", s)
		}
	}
	for _, s := range []string{"一、基本情况", "2025", "合计 3", "（一）3", "3.5"} {
		if isFolio(s) {
			t.Errorf("isFolio(%q) = true", s)
		}
	}
	doc := split(t, "某局2025年部门预算情况说明\n一、收支情况\n全年民生领域支出53.9亿元，占一般公共预算支\n一 9 一\f出77.1%。\n")
	var text []string
	for _, l := range doc.Text {
		text = append(text, l.Text)
	}
	if got := strings.Join(text, "|"); strings.Contains(got, "9 一") {
		t.Errorf("folio kept in the text: %q", got)
	}
}

// TestHeadingOfUntitledTable: a table with no title of its own keeps the
// heading of the section it stands in.
func TestHeadingOfUntitledTable(t *testing.T) {
	doc := split(t, "某局2024年度部门决算\n一、部门主要职能\n负责全区财政工作。\n二、部门决算单位构成\n纳入本部门2024年度部门决算编制范围的单位共2家，具体包括：\n序号|单位名称|备注\n1|某局（本级）|\n2|某局财政所|预算不单列\n")
	if len(doc.Tables) != 1 || doc.Tables[0].Title != "" || doc.Tables[0].Heading != "二、部门决算单位构成" {
		t.Fatalf("tables %d: %+v", len(doc.Tables), doc.Tables)
	}
	if isHeading("纳入本部门2024年度部门决算编制范围的单位共2家，具体包括：") || !isHeading("第七部分 重点项目预算绩效情况说明") {
		t.Errorf("isHeading wrong")
	}
}

// TestNumberedTablesOfOneLayout: two tables with the same header under
// different table numbers are two tables, though a differing title with a
// repeated header otherwise reads as a garbled continuation (Beijing's
// empty 预算07表 and 预算08表; Shenzhen's 表7 and 表8, the functional and
// economic one-page-each 一般公共预算支出表). The same number repeated is
// still a continuation.
func TestNumberedTablesOfOneLayout(t *testing.T) {
	doc := split(t, `预算07表 政府性基金预算支出表
金额单位：万元
科目编码|科目名称|合计|基本支出|项目支出
|合计|||
`+"\f"+`预算08表 国有资本经营预算支出表
金额单位：万元
科目编码|科目名称|合计|基本支出|项目支出
|合计|||
`+"\f"+`表7
一般公共预算支出表（按功能分类）
单位：万元
科目编码|科目名称|支出总计
201|一般公共服务支出|1.00
`+"\f"+`表7
一般公共预算支出表（按功能分类）
单位：万元
科目编码|科目名称|支出总计
20101|人大事务|1.00
`+"\f"+`表8
一般公共预算支出表（按经济分类）
单位：万元
科目编码|科目名称|支出总计
301|工资福利支出|1.00
`)
	var got []string
	for _, tb := range doc.Tables {
		got = append(got, tb.Title+" "+strings.Repeat("|", len(tb.Body)))
	}
	want := []string{"预算07表 政府性基金预算支出表 |", "预算08表 国有资本经营预算支出表 |", "一般公共预算支出表（按功能分类） ||", "一般公共预算支出表（按经济分类） |"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tables:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// 表十一 on its own line reads as a title ending in 表N too: it is the
	// number of the title under it, not a title, nor narrative.
	doc = split(t, "一、说明\n联系方式：023—67512578\n表十一\n2026年市级重点专项资金绩效目标表\n单位：万元\n项目名称|科技发展专项\n")
	if len(doc.Tables) != 1 || doc.Tables[0].Title != "2026年市级重点专项资金绩效目标表" || doc.Tables[0].number != 11 {
		t.Fatalf("tables: %+v", doc.Tables)
	}
	for _, l := range doc.Text {
		if strings.Contains(l.Text, "表十一") {
			t.Errorf("table number left in the narrative: %q", l.Text)
		}
	}
	for s, n := range map[string]int{"预算08表 国有资本经营预算支出表": 8, "预算表12 项目支出绩效目标表": 12, "预算 13表 部门整体支出绩效目标表": 13, "公开表一 收入预算总表": 1, "表 10": 10, "预算支出表": 0, "2026年部门收支总体情况表": 0} {
		if got := tableNumber(s); got != n {
			t.Errorf("tableNumber(%q) = %d, want %d", s, got, n)
		}
	}
}

// TestPeriodUnderTitle: a line giving only the year under a title
// （2026年度） belongs to the title block; the table it heads is new, not a
// continuation of the table before (Beijing's 预算13表 under 预算表12).
func TestPeriodUnderTitle(t *testing.T) {
	doc := split(t, `预算表12 项目支出绩效目标表
金额单位：万元
项目名称|项目总额|绩效目标
审计管理|3.10|开展审计计划
`+"\f"+`预算 13表 部门整体支出绩效目标表
（2026年度）
部门名称|北京市审计局|
总体资金情况（万元）|预算支出总额|32,852.05
`)
	if len(doc.Tables) != 2 || doc.Tables[1].Title != "预算 13表 部门整体支出绩效目标表" || len(doc.Tables[0].Body) != 1 {
		t.Fatalf("tables %d: %+v", len(doc.Tables), doc.Tables)
	}
	for _, l := range doc.Text {
		if strings.Contains(l.Text, "2026年度") {
			t.Errorf("period line left in the narrative: %q", l.Text)
		}
	}
	if !isPeriodLine("（2026年度）") || !isPeriodLine("(2026年)") || isPeriodLine("（2026年度部门预算）") {
		t.Errorf("isPeriodLine wrong")
	}
}
