package pdf

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/yusuan-data/yusuan/extract/align"
)

// TestUnruledLines prints the text rows of a page:
// YUSUAN_LINES=file.pdf:page go test ./extract/pdf -run UnruledLines -v
func TestUnruledLines(t *testing.T) {
	rp, _ := specPage(t, "YUSUAN_LINES")
	s := DefaultSettings()
	var cs []rawChar
	for _, c := range rp.Chars {
		c.R = normalizeRune(c.R)
		cs = append(cs, c)
	}
	for _, l := range groupLines(cs, &s) {
		fmt.Printf("base=%6.1f y=%6.1f-%6.1f h=%4.1f | %s\n", l.Base, l.Y0, l.Y1, l.Y1-l.Y0, align.Text(l.Pieces, &s.Settings, true))
	}
}

// TestUnruledDebug prints the columns and rows tabulate finds on a page:
// YUSUAN_UNRULED=file.pdf:page go test ./extract/pdf -run UnruledDebug -v
func TestUnruledDebug(t *testing.T) {
	rp, _ := specPage(t, "YUSUAN_UNRULED")
	s := DefaultSettings()
	align.Debug = true
	defer func() { align.Debug = false }()
	buildPage(rp, &s)
}

// TestUnruledMultiLevelHeader: a header of two rows without rules. The
// cells merged over both rows (编码, the wrapped 部门名称) are centred on the
// header, so their lines fall between the rows' lines; a wrapped leaf label
// (项目支出) sits at its own baselines. The group label goes to the first
// of the columns it spans, merged cells to the first row, as a ruled grid
// gives them.
func TestUnruledMultiLevelHeader(t *testing.T) {
	s := DefaultSettings()
	num := func(v string, right, base float64) []rawChar { return run(v, right-float64(len(v))*4, base, 8) }
	rp := &rawPage{Number: 1, W: 400, H: 300, Chars: chars(
		run("表一 支出预算表", 10, 20, 10),
		run("本年预算数", 197, 50, 8),
		run("编码", 10, 62, 8), run("部门", 60, 57, 8), run("名称", 60, 67, 8),
		run("合计", 146, 69, 8), run("基本支出", 192, 69, 8), run("项目", 266, 64, 8), run("支出", 266, 74, 8),
		run("001", 10, 90, 8), run("办公室", 60, 90, 8), num("10.00", 170, 90), num("6.00", 236, 90), num("4.00", 296, 90),
		run("002", 10, 104, 8), run("信息中心", 60, 104, 8), num("8.00", 170, 104), num("8.00", 236, 104),
		run("003", 10, 118, 8), run("宣传中心", 60, 118, 8), num("2.50", 170, 118), num("2.50", 296, 118),
		run("注：本表无数据时为空。", 10, 150, 8),
	)}
	rows, _ := texts(buildPage(rp, &s))
	want := [][]string{
		{"表一 支出预算表"},
		{"编码", "部门名称", "本年预算数", "", ""},
		{"", "", "合计", "基本支出", "项目支出"},
		{"001", "办公室", "10.00", "6.00", "4.00"},
		{"002", "信息中心", "8.00", "8.00", ""},
		{"003", "宣传中心", "2.50", "", "2.50"},
		{"注：本表无数据时为空。"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("got  %q\nwant %q", rows, want)
	}
}

// TestUnruledFormAndGrid: a key–value form over an indicator grid in one
// unruled region. The form's long values and labels reach across the
// grid's narrow columns; they are cells merged over columns, not a sign
// that the columns are one. 绩效指标, merged over the grid's rows, is centred
// on them and goes to the first.
func TestUnruledFormAndGrid(t *testing.T) {
	s := DefaultSettings()
	num := func(v string, right, base float64) []rawChar { return run(v, right-float64(len(v))*4, base, 8) }
	rp := &rawPage{Number: 1, W: 400, H: 300, Chars: chars(
		run("项目绩效目标表", 10, 20, 10),
		run("项目名称", 10, 50, 8), run("P001宣传项目", 100, 50, 8), run("主管部门", 220, 50, 8), run("网信办", 296, 50, 8),
		run("预算执行率权重", 10, 64, 8), run("10", 100, 64, 8), run("当年预算", 220, 64, 8), num("20.00", 316, 64),
		run("项目概述", 10, 78, 8), run("年度网络宣传活动经费保障支出及其他", 100, 78, 8),
		run("一级指标", 56, 92, 8), run("二级指标", 112, 92, 8), run("三级指标", 166, 92, 8), run("指标值", 264, 92, 8), run("权重", 318, 92, 8),
		run("产出指标", 56, 106, 8), run("数量指标", 112, 106, 8), run("活动次数", 166, 106, 8), num("3", 284, 106), num("10", 334, 106),
		run("产出指标", 56, 120, 8), run("质量指标", 112, 120, 8), run("知晓率", 166, 120, 8), num("90", 284, 120), num("20", 334, 120),
		run("效益指标", 56, 134, 8), run("社会效益指标", 104, 134, 8), run("舆论引导", 166, 134, 8), num("1", 284, 134), num("20", 334, 134),
		run("绩效指标", 10, 127, 8),
		run("满意度指标", 52, 148, 8), run("满意度", 116, 148, 8), run("群众满意度", 166, 148, 8), num("95", 284, 148), num("10", 334, 148),
		run("注：本表无数据时为空。", 10, 180, 8),
	)}
	rows, _ := texts(buildPage(rp, &s))
	want := [][]string{
		{"项目绩效目标表"},
		{"项目名称", "", "P001宣传项目", "", "主管部门", "", "网信办", ""},
		{"预算执行率权重", "", "10", "", "当年预算", "", "20.00", ""},
		{"项目概述", "", "年度网络宣传活动经费保障支出及其他", "", "", "", "", ""},
		{"", "一级指标", "二级指标", "三级指标", "", "指标值", "", "权重"},
		{"绩效指标", "产出指标", "数量指标", "活动次数", "", "3", "", "10"},
		{"", "产出指标", "质量指标", "知晓率", "", "90", "", "20"},
		{"", "效益指标", "社会效益指标", "舆论引导", "", "1", "", "20"},
		{"", "满意度指标", "满意度", "群众满意度", "", "95", "", "10"},
		{"注：本表无数据时为空。"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("got  %q\nwant %q", rows, want)
	}
}
