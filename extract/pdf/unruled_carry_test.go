package pdf

import (
	"reflect"
	"testing"

	"github.com/yusuan-data/yusuan/extract/align"
)

// TestUnruledContinuedPage: a two-sided summary breaks over a page; the
// second page has no header and fills only the expenditure side, one label
// a line and one amount, so alone it shows no columns. Read after the
// first page, its lines are rows in the first page's four columns.
func TestUnruledContinuedPage(t *testing.T) {
	s := DefaultSettings()
	num := func(v string, right, base float64) []rawChar { return run(v, right-float64(len(v))*4, base, 8) }
	p1 := &rawPage{Number: 1, W: 400, H: 300, Chars: chars(
		run("部门收支总表", 10, 20, 10),
		run("收入项目", 10, 50, 8), run("预算数", 110, 50, 8), run("支出科目", 180, 50, 8), run("预算数", 300, 50, 8),
		run("一般公共预算拨款收入", 10, 64, 8), num("10.00", 150, 64), run("一、一般公共服务支出", 180, 64, 8), num("6.00", 330, 64),
		run("事业收入", 10, 78, 8), num("2.00", 150, 78), run("二、外交支出", 180, 78, 8),
		run("其他收入", 10, 92, 8), run("三、国防支出", 180, 92, 8), num("4.00", 330, 92),
	)}
	p2 := &rawPage{Number: 2, W: 400, H: 300, Chars: chars(
		run("四、公共安全支出", 180, 20, 8),
		run("五、教育支出", 180, 34, 8), num("2.00", 330, 34),
		run("六、科学技术支出", 180, 48, 8),
		run("注：本表无数据时为空。", 10, 80, 8),
	)}
	_, carry := buildPageFrom(p1, &s, nil)
	if carry == nil {
		t.Fatal("a table running to the foot of the page hands on no columns")
	}
	pg, next := buildPageFrom(p2, &s, carry)
	rows, _ := texts(pg)
	want := [][]string{
		{"", "", "四、公共安全支出", ""},
		{"", "", "五、教育支出", "2.00"},
		{"", "", "六、科学技术支出", ""},
		{"注：本表无数据时为空。"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("got  %q\nwant %q", rows, want)
	}
	if next != nil {
		t.Error("a table followed by a note goes on over no page")
	}
	// Alone, the second page has no table.
	rows, _ = texts(buildPage(p2, &s))
	if len(rows[0]) != 1 {
		t.Errorf("without the page before, got %q", rows)
	}
}

// TestUnruledTopAligned: cells printed at the top of their rows. The
// wrapped names' centres are lines below the sequence number's; rows are
// still whole, with nothing given to the row above.
func TestUnruledTopAligned(t *testing.T) {
	s := DefaultSettings()
	num := func(v string, right, base float64) []rawChar { return run(v, right-float64(len(v))*4, base, 8) }
	rp := &rawPage{Number: 1, W: 400, H: 300, Chars: chars(
		run("项目支出表", 10, 20, 10),
		run("序号", 10, 50, 8), run("单位名称", 40, 50, 8), run("项目名称", 100, 50, 8), run("金额", 200, 50, 8),
		run("合计", 100, 64, 8), num("30.00", 216, 64),
		run("1", 10, 78, 8), run("网信办", 40, 78, 8), run("网络宣传专", 100, 78, 8), num("10.00", 216, 78),
		run("（本级）", 40, 88, 8), run("项工作经费", 100, 88, 8), run("及其他", 100, 98, 8),
		run("2", 10, 112, 8), run("网信办", 40, 112, 8), run("舆情监测", 100, 112, 8), num("20.00", 216, 112),
		run("（本级）", 40, 122, 8),
		run("3", 10, 136, 8), run("中心", 40, 136, 8), run("平台建设", 100, 136, 8), num("0.50", 216, 136),
	)}
	align.Debug = testing.Verbose()
	defer func() { align.Debug = false }()
	rows, _ := texts(buildPage(rp, &s))
	want := [][]string{
		{"项目支出表"},
		{"序号", "单位名称", "项目名称", "金额"},
		{"", "", "合计", "30.00"},
		{"1", "网信办（本级）", "网络宣传专项工作经费及其他", "10.00"},
		{"2", "网信办（本级）", "舆情监测", "20.00"},
		{"3", "中心", "平台建设", "0.50"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("got  %q\nwant %q", rows, want)
	}
}

// TestUnruledLabelBesideProse: a form with narrow column gaps (0.9 em, under
// the 1 em that starts a region). The line holding the label 当年绩效目标 and
// a line of its wrapped goal is one segment with sentence punctuation, like
// prose; the goal's other lines start where its piece after the gap does,
// so it is a table line and the form's top is not cut off.
func TestUnruledLabelBesideProse(t *testing.T) {
	s := DefaultSettings()
	rp := &rawPage{Number: 1, W: 400, H: 300, Chars: chars(
		run("整体绩效目标表", 10, 20, 10),
		run("部门名称", 10, 50, 8), run("网信办", 49, 50, 8), run("预算数", 120, 50, 8), run("48.17", 152, 50, 8),
		run("完成市级各项工作指令，服务中宣部", 49, 64, 8),
		run("绩效目标", 10, 74, 8), run("和基层工作要求。针对全区网信展现", 49, 74, 8),
		run("开展培训。", 49, 84, 8),
		run("一级指标", 10, 100, 8), run("指标", 49, 100, 8), run("指标值", 120, 100, 8),
		run("产出指标", 10, 114, 8), run("培训场次", 49, 114, 8), run("2", 120, 114, 8),
		run("效益指标", 10, 128, 8), run("满意度", 49, 128, 8), run("95", 120, 128, 8),
	)}
	rows, tab := texts(buildPage(rp, &s))
	if len(rows) < 2 || !tab[1] || rows[1][0] != "部门名称" {
		t.Errorf("the form's first line is no table row: %q", rows)
	}
}
