package dataset

import (
	"fmt"
	"strings"
	"testing"
)

// TestFitNames: names stay as they are unless they clash with a document
// column, run past 63 bytes, or clash (without case) with a name before.
func TestFitNames(t *testing.T) {
	long := strings.Repeat("ji_guan_yun_xing_", 4) // 68 bytes
	in := []string{"total", "year", long + "a", long + "b", "Total", "row_number", "is_total", strings.Repeat("x", 63)}
	got := fitNames(in)
	seen := map[string]bool{}
	for i, n := range got {
		if len(n) > MaxNameBytes {
			t.Errorf("%q: %d bytes", n, len(n))
		}
		if seen[strings.ToLower(n)] {
			t.Errorf("%q twice", n)
		}
		seen[strings.ToLower(n)] = true
		if i == 0 && n != "total" || i == 1 && n != "table_year" || i == 4 && n != "Total_2" ||
			i == 5 && n != "table_row_number" || i == 6 && n != "table_is_total" || i == 7 && n != in[7] {
			t.Errorf("%q → %q", in[i], n)
		}
	}
	if !strings.HasPrefix(got[2], long[:54]) || got[2] == got[3] {
		t.Errorf("long names %q %q", got[2], got[3])
	}
	// The same names always give the same result.
	if again := fitNames(in); fmt.Sprint(again) != fmt.Sprint(got) {
		t.Errorf("not deterministic: %v vs %v", again, got)
	}
}

func TestTableFlags(t *testing.T) {
	l := &layout{names: []string{"subject_code", "subject_name", "total"}, decimal: []bool{false, false, true}}
	rows := [][]string{
		{"", "合计", "10"},
		{"201", "一般公共服务支出", "6"},
		{"20101", "人大事务", "6"},
		{"2010101", "行政运行", "4"},
		{"2010102", "一般行政管理事务", "2"},
		{"208", "社会保障和就业支出", "4"}, // a 类 printed without its parts
		{"", "其中：备注", ""},
	}
	want := []string{"T-f", "F1f", "F2f", "F3d", "F3d", "F1d", "F-f"}
	for _, totals := range [][]int{{1}, nil} { // from the manifest; from the text
		flags := tableFlags(l, rows, totals)
		for i, f := range flags {
			s := map[bool]string{true: "T", false: "F"}[f.total]
			if f.level > 0 {
				s += fmt.Sprint(f.level)
			} else {
				s += "-"
			}
			s += map[bool]string{true: "d", false: "f"}[f.detail]
			if s != want[i] {
				t.Errorf("totals %v row %d %v: %s, want %s", totals, i+1, rows[i], s, want[i])
			}
		}
	}
	// Without codes, every row that is not a total is a detail when they
	// add up to the total (within rounding) …
	l = &layout{names: []string{"item", "amount"}, decimal: []bool{false, true}}
	flags := tableFlags(l, [][]string{{"因公出国(境)费", "1.01"}, {"公务接待费", "2.01"}, {"总计", "3.01"}}, nil)
	if flags[0] != (rowFlags{detail: true}) || flags[2] != (rowFlags{total: true}) {
		t.Errorf("uncoded flags %+v", flags)
	}
	// … and unknown when they do not: levels only in the names' indentation.
	flags = tableFlags(l, [][]string{{"合计", "5"}, {"科学技术支出", "5"}, {"技术研究与开发", "5"}}, []int{1})
	if flags[0] != (rowFlags{total: true}) || flags[1] != (rowFlags{unknown: true}) || flags[2] != (rowFlags{unknown: true}) {
		t.Errorf("uncoded flags that do not add up %+v", flags)
	}
}
