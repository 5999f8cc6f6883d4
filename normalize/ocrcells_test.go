package normalize

import (
	"testing"

	"github.com/yusuan-data/yusuan/table"
)

func TestFixScannedCells(t *testing.T) {
	cols := []column{{name: "subject_code", label: "科目编码"}, {name: "subject_name", label: "科目名称"}, {name: "total", label: "合计"}}
	rows := []rawRow{
		{cells: []string{"201", "一般公共服务支出", "10.50"}, ocr: true},
		{cells: []string{"20101.", "人大事务", "1050"}, ocr: true},
		{cells: []string{"2010101", "行政运行", ".3.25"}, ocr: true},
		{cells: []string{"2010102", "一般行政管理事务", "7.25"}, ocr: true},
		{cells: []string{"2010103", "机关服务", "100"}, ocr: false}, // a text layer: as printed
		{cells: []string{"2010104", "人大会议", "2.00"}, ocr: true},
	}
	fs := fixScannedCells(&table.Table{ID: "a02"}, cols, rows)
	want := [][]string{{"201", "10.50"}, {"20101", "10.50"}, {"2010101", "3.25"}, {"2010102", "7.25"}, {"2010103", "100"}}
	for i, w := range want {
		if rows[i].cells[0] != w[0] || rows[i].cells[2] != w[1] {
			t.Errorf("row %d: %q %q, want %q %q", i, rows[i].cells[0], rows[i].cells[2], w[0], w[1])
		}
	}
	if len(fs) != 3 {
		t.Errorf("%d findings, want 3 (code, lost point, mark): %+v", len(fs), fs)
	}
}

func TestReadLabel(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"科目名称、", "科目名称", true},
		{"“人员经费", "人员经费", true},
		{"a “2024年预算数", "2024年预算数", true},
		{"公务用车运行维护®", "公务用车运行维护费", true},
		{"科目名称", "科目名称", false},
		{"2025年预算数", "2025年预算数", false},
		{"网络安全", "网络安全", false},
	}
	for _, c := range cases {
		got, ok := readLabel(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("readLabel(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestNameGapsAndMarks(t *testing.T) {
	for in, want := range map[string]string{
		"20 25网络宣传": "2025网络宣传",
		".网信办(本级)":  "网信办(本级)",
		":网络安全维护":   "网络安全维护",
		"网信办(本级)":   "网信办(本级)",
		"- 2025 网络": "- 2025 网络",
	} {
		if got := nameGapRe.ReplaceAllString(trimLeadingMarks(in), "$1$2"); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
