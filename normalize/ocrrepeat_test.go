package normalize

import (
	"testing"

	"github.com/yusuan-data/yusuan/segment"
)

// A table read from a scan: a speck in an empty amount cell, the header
// repeated on the next page with cells lost, junk under the last row. Each
// goes with a finding; a text layer keeps every row and cell.
func TestScanRowsAndSpecks(t *testing.T) {
	body := [][]string{
		{"", "合计", "30.00", "10.00", "20.00"},
		{"201", "一般公共服务支出", "30.00", "10.00", "wo"},
		{"科目编码", "", "合计", "", "项目支出"},
		{"20101", "人大事务", "30.00", "10.00", "20.00"},
		{"", "~", "", "ar", "Be"},
	}
	for _, ocr := range []bool{true, false} {
		st := &segment.Table{Attachment: 2, Title: "一般公共预算财政拨款支出预算表", Pages: []int{5},
			Header: []segment.Row{{Cells: []string{"科目编码", "科目名称", "合计", "基本支出", "项目支出"}, OCR: ocr}}}
		for i, r := range body {
			st.Body = append(st.Body, segment.Row{Cells: r, Page: 5, Line: 10 + i, OCR: ocr})
		}
		ts, fs := Tables(st, 2025)
		tb := ts[0]
		rules := map[string]int{}
		for _, f := range fs {
			rules[f.Rule]++
		}
		if !ocr {
			if len(tb.Rows) != len(body) || rules["ocr.speck_dropped"]+rules["ocr.header_repeated"]+rules["ocr.noise_dropped"] > 0 {
				t.Errorf("text layer: %d rows, findings %v: want every row kept, nothing dropped", len(tb.Rows), rules)
			}
			continue
		}
		if len(tb.Rows) != 3 {
			t.Fatalf("%d rows, want 3 (repeated header and junk dropped)", len(tb.Rows))
		}
		if got := tb.Rows[1].Cells[4].Text; got != "" {
			t.Errorf("speck kept: %q", got)
		}
		if got := tb.Rows[2].Cells[0].Text; got != "20101" {
			t.Errorf("row after the repeated header: %q", got)
		}
		if rules["ocr.speck_dropped"] != 1 || rules["ocr.header_repeated"] != 1 || rules["ocr.noise_dropped"] != 1 {
			t.Errorf("findings %v: want one speck_dropped, one header_repeated, one noise_dropped", rules)
		}
	}
}

func TestFirstTotalLabel(t *testing.T) {
	for in, want := range map[string]string{"ait": "合计", "合计 le": "合计", "一般": "一般"} {
		st := &segment.Table{Attachment: 2, Title: "一般公共预算财政拨款支出预算表", Pages: []int{5},
			Header: []segment.Row{{Cells: []string{"科目编码", "科目名称", "合计"}, OCR: true}}}
		for i, r := range [][]string{{"", in, "30.00"}, {"201", "一般公共服务支出", "30.00"}, {"20101", "人大事务", "30.00"}} {
			st.Body = append(st.Body, segment.Row{Cells: r, Page: 5, Line: 10 + i, OCR: true})
		}
		ts, _ := Tables(st, 2025)
		if got := ts[0].Rows[0].Cells[1].Text; got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
