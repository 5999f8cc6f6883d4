// Package htmlgen writes web pages of the kinds scrapers save under a
// budget's file name, with what a reader must get from them, for tests of
// the HTML reader (extract.ReadHTML) and of the pipeline's screening.
package htmlgen

import (
	"fmt"
	"math/rand"
	"strings"
)

// Page is a generated web page and the tabular lines (cells in order, a
// spanned place empty) a reader must give for its table.
type Page struct {
	HTML string
	Rows [][]string // the table's rows as a text export lays them out
	// Amounts are the data rows' 总计 (2025 budget total) column by 科目编码.
	Amounts map[string]string
}

// subjects are functional classification codes and names (2 levels).
var subjects = [][2]string{
	{"201", "一般公共服务支出"}, {"20101", "人大事务"}, {"2010101", "行政运行"},
	{"208", "社会保障和就业支出"}, {"20805", "行政事业单位养老支出"}, {"2080505", "机关事业单位基本养老保险缴费支出"},
	{"210", "卫生健康支出"}, {"21011", "行政事业单位医疗"}, {"2101101", "行政单位医疗"},
	{"221", "住房保障支出"}, {"22102", "住房改革支出"}, {"2210201", "住房公积金"},
}

func amount(r *rand.Rand) (string, int64) {
	c := r.Int63n(5_000_000) + 1
	return fmt.Sprintf("%d.%02d", c/100, c%100), c
}

func money(c int64) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }

// BudgetPage writes a page holding a 一般公共预算财政拨款支出预算表 whose
// header is two rows joined by colspan and rowspan, among the furniture
// of a government site (script, style, nav, footer). r varies the markup:
// thead/tbody or bare rows, th or td, &nbsp; and line breaks in cells,
// attribute quoting and case, and the number of rows.
func BudgetPage(r *rand.Rand) Page {
	var b strings.Builder
	th := "th"
	if r.Intn(2) == 0 {
		th = "td"
	}
	ws := func(s string) string { // markup noise inside a cell
		switch r.Intn(4) {
		case 0:
			return "&nbsp;" + s + " "
		case 1:
			return "\n      " + s + "\n    "
		case 2:
			return "<span style='font-size:12px'>" + s + "</span>"
		}
		return s
	}
	dept := []string{"重庆市潼南区财政局", "某某市教育委员会", "中共某县委办公室"}[r.Intn(3)]
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + dept + "2025年部门预算</title>\n")
	b.WriteString("<style>td{border:1px solid #000}</style><script>var a='<td>1</td>';</script></head>\n<body>\n")
	b.WriteString("<nav><a href='/'>首页</a> | <a href='/zwgk'>政务公开</a></nav>\n")
	b.WriteString("<div class=\"title\"><h2>" + dept + "</h2><h3>一般公共预算财政拨款支出预算表</h3></div>\n")
	b.WriteString("<p style=\"text-align:right\">单位：万元</p>\n")
	b.WriteString("<table border=1 cellspacing=0>\n")
	thead := r.Intn(2) == 0
	if thead {
		b.WriteString("<thead>")
	}
	cs := []string{"colspan=2", "COLSPAN=\"2\"", "colspan='2'"}[r.Intn(3)]
	fmt.Fprintf(&b, "<tr><%s %s>%s</%s><%s rowspan=\"2\">%s</%s><%s colspan=\"3\">%s</%s></tr>\n",
		th, cs, ws("功能分类科目"), th, th, ws("2024年预算数"), th, th, ws("2025年预算数"), th)
	fmt.Fprintf(&b, "<tr><%s>科目编码</%s><%s>科目名称</%s><%s>总计</%s><%s>基本支出</%s><%s>项目支出</%s></tr>\n",
		th, th, th, th, th, th, th, th, th, th)
	if thead {
		b.WriteString("</thead><tbody>")
	}
	p := Page{Amounts: map[string]string{}}
	p.Rows = [][]string{
		{"功能分类科目", "", "2024年预算数", "2025年预算数", "", ""},
		{"科目编码", "科目名称", "", "总计", "基本支出", "项目支出"},
	}
	n := 3 + r.Intn(len(subjects)-2)
	start := r.Intn(len(subjects) - n + 1)
	var rows [][]string
	var sum24, sum, sumB, sumP int64
	for _, s := range subjects[start : start+n] {
		a24, c24 := amount(r)
		_, cb := amount(r)
		_, cp := amount(r)
		proj := money(cp)
		if r.Intn(3) == 0 {
			cp, proj = 0, ""
		}
		tot := money(cb + cp)
		rows = append(rows, []string{s[0], s[1], a24, tot, money(cb), proj})
		p.Amounts[s[0]] = tot
		sum24 += c24
		sum += cb + cp
		sumB += cb
		sumP += cp
	}
	total := []string{"合计", "", money(sum24), money(sum), money(sumB), money(sumP)}
	p.Rows = append(p.Rows, total)
	p.Rows = append(p.Rows, rows...)
	fmt.Fprintf(&b, "<tr><td colspan=2>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		ws("合计"), total[2], ws(total[3]), total[4], total[5])
	for _, row := range rows {
		b.WriteString("<tr>")
		for _, c := range row {
			if c == "" && r.Intn(2) == 0 {
				c = "&nbsp;"
			}
			fmt.Fprintf(&b, "<td>%s</td>", c)
		}
		b.WriteString("</tr>\n")
	}
	if thead {
		b.WriteString("</tbody>")
	}
	b.WriteString("</table>\n<p>备注：本表反映当年一般公共预算财政拨款支出情况。</p>\n")
	b.WriteString("<footer>版权所有：某某财政局 <script>document.write('x')</script></footer>\n</body></html>\n")
	p.HTML = b.String()
	return p
}

// IndexPage writes a page that lists links to departments' budgets, as a
// finance bureau publishes them: budget words everywhere, no table.
func IndexPage(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>市级预算单位2026年部门预算_某市财政局</title></head><body>\n")
	b.WriteString("<div class=\"crumb\">您当前的位置：首页 &gt; 政务公开 &gt; 预算/决算 &gt; 部门预算</div>\n")
	b.WriteString("<h1>市级预算单位2026年部门预算</h1>\n<p>根据《预算法》第十四条规定，经本级政府财政部门批复的部门预算、决算及报表，应当在批复后二十日内由各部门向社会公开。</p>\n<ul>\n")
	names := []string{"市人民政府办公厅", "市教育委员会", "市财政局", "市卫生健康委员会", "市民政局"}
	for i := 0; i < 5+r.Intn(30); i++ {
		fmt.Fprintf(&b, "<li><a href=\"/bmys/%d.html\">%d－%s2026年部门预算</a></li>\n", 100+i, 100+i, names[r.Intn(len(names))])
	}
	b.WriteString("</ul></body></html>\n")
	return b.String()
}
