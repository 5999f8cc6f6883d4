package pdf

import (
	"reflect"
	"testing"
)

// A table broken by a page break: the code and the amount of the second
// item sit in cells merged down to the end of the page, with no bottom rule
// there (the cells go on on the next page). Their text belongs to the
// item's first row, not to loose lines between the rows.
func TestMergedCellsOpenAtPageEnd(t *testing.T) {
	s := DefaultSettings()
	xs := []float64{10, 80, 130, 200}
	ys := []float64{10, 30, 50, 70, 90}
	var segs []seg
	for i, y := range ys {
		x0 := xs[0]
		if i >= 2 { // rows of the second item: its merged cells are open
			x0 = xs[2]
		}
		segs = append(segs, seg{x0, y, xs[3], y})
	}
	for _, x := range xs {
		segs = append(segs, seg{x, ys[0], x, ys[len(ys)-1]})
	}
	rp := &rawPage{Number: 1, W: 300, H: 120, Segs: segs, Chars: chars(
		run("101", 12, 24, 8), run("1.00", 82, 24, 8), run("甲", 132, 24, 8),
		run("102-", 12, 52, 8), run("项目", 12, 62, 8), run("2.50", 82, 62, 8),
		run("乙", 132, 44, 8), run("丙", 132, 64, 8), run("丁", 132, 84, 8),
	)}
	p := buildPage(rp, &s)
	rows, tab := texts(p)
	want := [][]string{{"101", "1.00", "甲"}, {"102-项目", "2.50", "乙"}, {"", "", "丙"}, {"", "", "丁"}}
	if !reflect.DeepEqual(rows, want) || len(tab) != 4 || !tab[0] || !tab[1] || !tab[2] || !tab[3] {
		t.Errorf("got %q (tabular %v), want %q", rows, tab, want)
	}
}

// The Beijing project performance table (landscape, WPS): the second
// project's code–name, amounts and goal are merged over every indicator row
// to the page end, with no rule under them.
func TestCorpusMergedCellsAtPageEnd(t *testing.T) {
	d := readCorpus(t, "beijing-shenjiju-2026-budget-tables.pdf")
	p := page(t, d, 16)
	want := []string{"11000024T000002975715-内部审计指导监督经费", "61.800000", "61.800000", "",
		"开展内部审计的培训、宣传、交流、业务质量检查和有关审计报告核查等工作，有效提升全市内部审计人员业务能力与综合素质，增强企事业单位和社会公众对内部审计工作的认知，进一步推动内部审计工作的质量与水平，促进社会审计机构依法诚信执业。",
		"成本指标", "经济成本指标", "核查社会审计机构出具的审计报告专家费", "≤", "0.8", "万元"}
	if !hasRow(p, want) {
		t.Errorf("page 16: no tabular line %q", want)
		dumpPage(t, p)
	}
	for _, l := range p.Lines {
		if !l.Tabular {
			t.Errorf("page 16: loose line %d %q", l.Number, l.Text())
		}
	}
}
