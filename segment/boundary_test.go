package segment

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// genTable is one table of a generated document: the title lines printed
// above it, the title the segmenter must report, and its body rows.
type genTable struct {
	above []string // lines above the rows: number, title, qualifier, compiler, unit
	title string   // the title as it must come out
	rows  int
}

// sameShapeHeader is the header the 一般公共预算, 政府性基金 and 国有资本经营
// expenditure tables share.
const sameShapeHeader = "科目编码|科目名称|小计|基本支出|项目支出"

// genBoundaryDoc writes a document of tables that a repeated header would
// run together: titles of one shape, numbered 表N/公开表N on a line of their
// own with no 附件 marker, a section heading above (六、…表), titles over
// two lines (…一般公共预算 / 拨款支出预算表), a qualifier
// under the title, a 部门（单位）： line; tables run over pages whose repeat
// of the title varies (repeated, 续, none).
func genBoundaryDoc(r *rand.Rand) (string, []genTable) {
	names := []string{
		"一般公共预算拨款支出预算表", "政府性基金预算拨款支出预算表", "国有资本经营预算拨款支出预算表",
		"一般公共预算基本支出明细表", "一般公共预算支出经济分类情况表", "一般公共预算基本支出经济分类情况表",
	}
	quals := []string{"（按功能科目分）", "（按经济分类科目分）", "（按支出经济分类科目-不含上年结转）"}
	year := []string{"", "2026年度", "2026年部门综合预算"}[r.IntN(3)]
	numStyle := []string{"表%d", "公开表%d", "预算%02d表"}[r.IntN(3)]
	compiler := []string{"部门（单位）：某市某局", "预算单位：某市某局", "单位名称：某市某局"}[r.IntN(3)]
	var tables []genTable
	used := map[string]bool{}
	for i := 0; i < 3+r.IntN(4); i++ {
		name := names[r.IntN(len(names))]
		q := ""
		if r.IntN(2) == 0 {
			q = quals[r.IntN(len(quals))]
		}
		if used[name+q] {
			continue
		}
		used[name+q] = true
		t := genTable{title: year + name + q, rows: 2 + r.IntN(30)}
		if r.IntN(2) == 0 {
			t.above = append(t.above, fmt.Sprintf("%s、%s", "一二三四五六七八九"[3*i:3*i+3], name))
		}
		t.above = append(t.above, fmt.Sprintf(numStyle, len(tables)+1))
		if cut := strings.Index(name, "预算") + len("预算"); year != "" && r.IntN(3) == 0 && cut < len(name)-len("表") {
			t.above = append(t.above, year+name[:cut], name[cut:]) // a title over two lines
		} else {
			t.above = append(t.above, year+name)
		}
		if q != "" {
			t.above = append(t.above, q)
		}
		t.above = append(t.above, compiler, "单位：万元")
		tables = append(tables, t)
	}
	var b strings.Builder
	for i, t := range tables {
		if i > 0 || r.IntN(2) == 0 {
			b.WriteString("\f")
		}
		for _, l := range t.above {
			b.WriteString(l + "\n")
		}
		b.WriteString(sameShapeHeader + "\n")
		for k := 0; k < t.rows; k++ {
			if k > 0 && k%12 == 0 { // a page break: the page repeats the title, says 续, or only the header
				b.WriteString("\f")
				switch r.IntN(3) {
				case 0:
					b.WriteString(t.title + "\n" + "单位：万元\n")
				case 1:
					b.WriteString(t.title + "（续）\n")
				}
				b.WriteString(sameShapeHeader + "\n")
			}
			fmt.Fprintf(&b, "2010%d%02d|行政运行|%d.00|%d.00|0.00\n", i+1, k, 10+k, 10+k)
		}
	}
	return b.String(), tables
}

// TestBoundariesGenerated: on many generated documents every table comes
// out on its own with its full title, however alike their headers.
func TestBoundariesGenerated(t *testing.T) {
	for seed := uint64(0); seed < 300; seed++ {
		r := rand.New(rand.NewPCG(seed, 13))
		text, want := genBoundaryDoc(r)
		doc := split(t, text)
		if len(doc.Tables) != len(want) {
			for _, tb := range doc.Tables {
				t.Logf("got %q pages %v", tb.Title, tb.Pages)
			}
			t.Fatalf("seed %d: %d tables, want %d\n%s", seed, len(doc.Tables), len(want), text)
		}
		for i, w := range want {
			g := doc.Tables[i]
			if g.Title != w.title || len(g.Body) != w.rows || g.Department != "某市某局" || g.Unit != "万元" {
				t.Fatalf("seed %d table %d: title %q body %d dept %q unit %q, want %q body %d\n%s", seed, i+1, g.Title, len(g.Body), g.Department, g.Unit, w.title, w.rows, text)
			}
		}
	}
}

// TestSameShapeTitlesSplit (泉州): 政府性基金 and 国有资本经营 tables of the
// same header as the 一般公共预算 table before them are tables of their own.
func TestSameShapeTitlesSplit(t *testing.T) {
	doc := split(t, `五、一般公共预算拨款支出预算表
2026 年度一般公共预算拨款支出预算表
单位：万元
科目编码|科目名称|小计|基本支出|项目支出
201|一般公共服务支出|1.00|1.00|0.00
`+"\f"+`六、政府性基金预算拨款支出预算表
2026 年度政府性基金预算拨款支出预算表
单位：万元
科目编码|科目名称|小计|基本支出|项目支出
合计|0.00|0.00|0.00|0.00
`)
	if len(doc.Tables) != 2 || doc.Tables[1].Title != "2026 年度政府性基金预算拨款支出预算表" {
		for _, tb := range doc.Tables {
			t.Logf("%q %v", tb.Title, tb.Pages)
		}
		t.Fatal("政府性基金 table merged into the 一般公共预算 table")
	}
}

// TestQualifierLine (西安): a title whose qualifier is printed on the line
// under it is one title, and a new table, not a titleless continuation.
func TestQualifierLine(t *testing.T) {
	doc := split(t, `2022年部门综合预算一般公共预算基本支出明细表（按功能科目分）
预算单位：西安市某局    金额单位：万元
科目编码|科目名称|合计
201|一般公共服务支出|1.00
`+"\f"+`2022年部门综合预算一般公共预算基本支出明细表
（按支出经济分类科目-不含上年结转）
预算单位：西安市某局    金额单位：万元
科目编码|科目名称|合计
301|工资福利支出|1.00
`)
	if len(doc.Tables) != 2 || doc.Tables[1].Title != "2022年部门综合预算一般公共预算基本支出明细表（按支出经济分类科目-不含上年结转）" {
		for _, tb := range doc.Tables {
			t.Logf("%q %v", tb.Title, tb.Pages)
		}
		t.Fatal("two-line title not read")
	}
}

// TestDeptUnitLine (烟台): "部门（单位）：X" under a 公开表N title names the
// department; the title above it is seen and starts a table.
func TestDeptUnitLine(t *testing.T) {
	doc := split(t, `公开表1
收支总体情况表
部门（单位）：烟台市某局
单位：万元
项目|预算数|项目|预算数
一、财政拨款收入|1.00|一、一般公共服务支出|1.00
`+"\f"+`公开表2
收入总体情况表
部门（单位）：烟台市某局
单位：万元
项目|预算数|项目|预算数
一、财政拨款收入|1.00|一、一般公共服务支出|1.00
`)
	if len(doc.Tables) != 2 || doc.Tables[1].Title != "收入总体情况表" || doc.Tables[1].Department != "烟台市某局" {
		for _, tb := range doc.Tables {
			t.Logf("%q %q %v", tb.Title, tb.Department, tb.Pages)
		}
		t.Fatal("公开表2 merged")
	}
}

// TestUnitRowInGrid (长春): the 预算单位/单位 line printed as the top row of
// the table's grid is the title block's, not a header row over every column.
func TestUnitRowInGrid(t *testing.T) {
	doc := split(t, `收支总表（预算表 1）
预算单位：长春市某局|||单位：万元
收入||支出|
项目|本年预算|项目|本年预算
一、财政拨款收入|1.00|一、一般公共服务支出|1.00
`)
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables", len(doc.Tables))
	}
	tb := doc.Tables[0]
	if tb.Department != "长春市某局" || tb.Unit != "万元" || len(tb.Header) != 2 || tb.Header[0].Cells[0] != "收入" {
		t.Errorf("dept %q unit %q header %v", tb.Department, tb.Unit, tb.Header)
	}
}

// TestHeaderCutByText (上海): a header label printed outside the grid
// (收入预算) between header rows does not turn the rows under it into data.
func TestHeaderCutByText(t *testing.T) {
	doc := split(t, `2026年预算单位收入预算总表
编制单位：上海市某局
项目||||
收入预算
功能分类科目编码|||功能分类科目名称|合计
类|款|项||
201|||一般公共服务支出|463,892,324
201|41||数据事务|463,892,324
`)
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables", len(doc.Tables))
	}
	tb := doc.Tables[0]
	if len(tb.Header) != 3 || len(tb.Body) != 2 || tb.Body[0].Cells[0] != "201" {
		t.Errorf("header %v body %v", tb.Header, tb.Body)
	}
}

// TestRowsAfterProseStartAfresh (西安): rows with no title under a
// paragraph (a chart's labels) are not appended to the table pages before,
// and, being only numbers, go back to the narrative;
// a page that only repeats a running header still continues its table.
func TestRowsAfterProseStartAfresh(t *testing.T) {
	doc := split(t, `部门预算单位构成表
单位名称|人数
某局本级|12
`+"\f"+`某局2022年部门预算
某单位|3
`+"\f"+`2022 年本部门当年一般公共预算拨款支出 105364.27 万元，较上年增加 29447.58 万元。
一般公共预算拨款支出明细
120000 102180.52|
20000 1419.73 458.2|
`)
	if len(doc.Tables) != 1 || len(doc.Tables[0].Body) != 2 || !equal(doc.Tables[0].Pages, []int{1, 2}) {
		for _, tb := range doc.Tables {
			t.Logf("%q %v %d", tb.Title, tb.Pages, len(tb.Body))
		}
		t.Fatal("chart rows after prose appended to the table before")
	}
	// The chart's labels are running text, after the paragraph above them.
	var text []string
	for _, l := range doc.Text {
		text = append(text, l.Text)
	}
	if got := strings.Join(text, "\n"); !strings.HasSuffix(got, "一般公共预算拨款支出明细\n120000 102180.52\n20000 1419.73 458.2") {
		t.Errorf("chart labels not in the narrative:\n%s", got)
	}
}

// TestTwoLineTitle (西安 表12, 表13): a title broken over two lines, the
// first not ending in 表, is read whole and starts its table.
func TestTwoLineTitle(t *testing.T) {
	doc := split(t, `表11
2022部门综合预算财政拨款结转资金支出表
预算单位：西安市某局    金额单位：万元
序号|预算单位名称|金额
1|某局|1.00
`+"\f"+`表12
2022年部门综合预算政府采购（资产配置、购买服务）
预算表（不含上年结转）
预算单位：西安市某局    金额单位：万元
序号|预算单位名称|金额
1|某局|2.00
`)
	if len(doc.Tables) != 2 || doc.Tables[1].Title != "2022年部门综合预算政府采购（资产配置、购买服务）预算表（不含上年结转）" {
		for _, tb := range doc.Tables {
			t.Logf("%q %v", tb.Title, tb.Pages)
		}
		t.Fatal("two-line title not read whole")
	}
}

// TestCellTextOutsideGridKeepsTable (北京 项目支出绩效目标表): short pieces of
// a tall cell's text read outside the grid, even ending a sentence, do not
// cut the table.
func TestCellTextOutsideGridKeepsTable(t *testing.T) {
	doc := split(t, `预算表12项目支出绩效目标表
单位：万元
项目名称|一级指标|二级指标|指标值
某项目|产出指标|数量指标|46
保证我局应急指挥
工作顺利开展。
|产出指标|时效指标|365
`+"\f"+`技术保障服务台
工作顺利开展。
|效益指标|社会效益指标|99
`)
	if len(doc.Tables) != 1 || len(doc.Tables[0].Body) != 3 {
		for _, tb := range doc.Tables {
			t.Logf("%q %v %d", tb.Title, tb.Pages, len(tb.Body))
		}
		t.Fatal("table cut by its own cell text")
	}
}

// TestPerProjectForms (烟台): one form per project under one title, each
// opening with 项目名称, are tables of their own; a form whose indicators
// run onto the next page stays one.
func TestPerProjectForms(t *testing.T) {
	form := func(name string, more bool) string {
		s := "政策和项目预算绩效目标表\n(2026年度)\n项目名称|" + name + "\n项目资金（万元）|年度预算资金总额：|430.00\n|一级指标|二级指标|三级指标|指标值\n绩效指标|产出指标|数量指标|扶持项目数量|≥10个\n"
		if more {
			s += "\f政策和项目预算绩效目标表\n(2026年度)\n绩效指标|效益指标|社会效益指标|广告覆盖人群|≥1000万人次\n"
		}
		return s
	}
	doc := split(t, form("甲", true)+"\f"+form("乙", false)+"\f"+form("丙", true))
	if len(doc.Tables) != 3 || !equal(doc.Tables[0].Pages, []int{1, 2}) || !equal(doc.Tables[2].Pages, []int{4, 5}) {
		for _, tb := range doc.Tables {
			t.Logf("%q %v", tb.Title, tb.Pages)
		}
		t.Fatal("per-project forms run together")
	}
}

// TestRepeatedProjectHeaderContinues: a project list whose header opens with
// 项目名称 and repeats on every page is one table, not one form per page.
func TestRepeatedProjectHeaderContinues(t *testing.T) {
	page := "项目支出表\n单位：万元\n项目名称|金额\n某项目|1.00\n"
	doc := split(t, page+"\f"+page+"\f"+page)
	if len(doc.Tables) != 1 || len(doc.Tables[0].Body) != 3 {
		t.Fatalf("%d tables", len(doc.Tables))
	}
}

// TestTableAfterContentsPage (西安): a contents page printed as a grid (表1 |
// 2022年部门综合预算收支总表 | 是否空表) and the first table after it are two
// tables, however the contents grid is titled.
func TestTableAfterContentsPage(t *testing.T) {
	doc := split(t, `公开报表
目录
报表|报表名称|是否空表
表1|2022年部门综合预算收支总表|否
表2|2022年部门综合预算收入总表|否
`+"\f"+`表1
2022年部门综合预算收支总表
预算单位：西安市某局    金额单位：万元
项目|预算数|项目|预算数
一、财政拨款收入|1.00|一、一般公共服务支出|1.00
`)
	if len(doc.Tables) != 2 || doc.Tables[1].Title != "2022年部门综合预算收支总表" || !equal(doc.Tables[1].Pages, []int{2}) {
		for _, tb := range doc.Tables {
			t.Logf("%q %v", tb.Title, tb.Pages)
		}
		t.Fatal("first table merged into the contents")
	}
}

// TestIsAxis: a chart's value axis read as one cell is an arithmetic run
// of numbers down to 0 or up from it; codes and amounts are not.
func TestIsAxis(t *testing.T) {
	for _, s := range []string{"200180160140120100806040200", "02004006008001000", "50403020100", "2013799", "1086420", "20101", "402", "12345678", "100000000", "201 208 210"} {
		want := s == "200180160140120100806040200" || s == "02004006008001000" || s == "50403020100"
		if got := isAxis(s); got != want {
			t.Errorf("isAxis(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestChartAfterHeadingEndsTable (西安-工信 p.7): a bar chart whose gridlines
// read as a ruled grid, under a section heading and a paragraph on the
// page where a table ends, is neither more rows of that table nor a table
// of its own: its labels go to the narrative.
func TestChartAfterHeadingEndsTable(t *testing.T) {
	doc := split(t, `三、部门预算单位构成
部门预算单位构成
序号|单位名称|拟变动情况
1|某某局（机关）|无
2|某某支队|无
四、部门人员情况说明
截止 2021 年底，本部门人员编制 249 人，其中行政编制 77 人、事业编制 172 人；实有人员 228 人，其中行政 76 人。
|172|||124|
200180160140120100806040200|||||
||152|||
|||||行政单位事业单位
77|||76||
|编制人数|实有人数|离休人员|退休人员|
`)
	if len(doc.Tables) != 1 || len(doc.Tables[0].Body) != 2 {
		for _, tb := range doc.Tables {
			t.Logf("%q %v %v", tb.Title, tb.Pages, tb.Body)
		}
		t.Fatalf("%d tables, want the units table of 2 rows alone", len(doc.Tables))
	}
	found := false
	for _, l := range doc.Text {
		found = found || strings.Contains(l.Text, "编制人数")
	}
	if !found {
		t.Error("the chart's labels are not in the narrative")
	}
}
