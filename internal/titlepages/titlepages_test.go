package titlepages

import (
	"strings"
	"testing"
)

// pageTitle reads the title block at a page's top as printed, unit far right,
// a two-line title joined, a qualifier under it kept; a contents page, a
// page of running text or a part's cover has none.
func TestPageTitle(t *testing.T) {
	for _, c := range []struct{ page, want string }{
		{"附件3\n  2026年部门预算一般公共预算支出表          单位：万元\n科目编码   科目名称   合计\n201  一般公共服务支出   12.00", "2026年部门预算一般公共预算支出表"},
		{"  2022年部门综合预算\n  一般公共预算支出明细表\n预算单位：某局   金额单位：元\n序号  合计\n1  合计  12.00", "2022年部门综合预算一般公共预算支出明细表"},
		{"  一般公共预算支出表（续）\n科目编码   科目名称   合计\n201  一般公共服务支出   12.00", "一般公共预算支出表(续)"},
		{"  基本支出明细表\n（按经济分类科目分）\n科目编码   科目名称   合计\n301  工资福利支出   12.00", "基本支出明细表(按经济分类科目分)"},
		{"目录\n一、部门收支总表........3\n二、部门收入总表........4", ""},
		{"科目编码   科目名称   合计\n201  一般公共服务支出   12.00\n  部门收支总表", ""},
	} {
		var got string
		lines := strings.Split(c.page, "\n")
		if !isTOC(lines) && !prose(lines) && !tooShort(lines) {
			got = squash(pageTitle(lines))
		}
		if got != c.want {
			t.Errorf("page %q: title %q, want %q", c.page, got, c.want)
		}
	}
}

// Judge: a title page starts a table (found), repeats the title of the
// table it lies in (continued), lies in a table of another title (merged),
// or in none (missed).
func TestJudge(t *testing.T) {
	pages := []Page{
		{Number: 1, Title: "部门收支总表"},
		{Number: 2, Title: ""},
		{Number: 3, Title: "一般公共预算支出表"},
		{Number: 4, Title: "一般公共预算支出表(续)"},
		{Number: 5, Title: "政府性基金预算支出表"},
		{Number: 6, Title: "三公经费支出表"},
	}
	tables := []Table{
		{ID: "a01", Title: "部门收支总表", Pages: []int{1, 2}},
		{ID: "a02", Title: "2026年一般公共预算支出表", Pages: []int{3, 4, 5}},
	}
	want := map[int]string{1: "found", 3: "found", 4: "continued", 5: "merged", 6: "missed"}
	vs := Judge(pages, tables)
	if len(vs) != len(want) {
		t.Fatalf("verdicts %+v", vs)
	}
	for _, v := range vs {
		if want[v.Page] != v.What {
			t.Errorf("page %d: %s, want %s", v.Page, v.What, want[v.Page])
		}
	}
}
