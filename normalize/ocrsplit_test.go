package normalize

import (
	"testing"

	"github.com/yusuan-data/yusuan/segment"
)

// Two rows read as one under a seal: codes, names and two amounts of a
// cell joined. The classification cuts them apart; a cell of one amount
// stays on the first row, reported.
func TestJoinedRowsSplit(t *testing.T) {
	st := &segment.Table{Attachment: 3, Title: "一般公共预算财政拨款基本支出预算表", Pages: []int{6},
		Header: []segment.Row{{Cells: []string{"科目编码", "科目名称", "合计", "人员经费", "公用经费"}, OCR: true}}}
	for i, r := range [][]string{
		{"301", "工资福利支出", "123.50", "123.50", ""},
		{"30109", "职业年金缴费", "54.00", "54.00", ""},
		{"30110 30112", "职工基本医疗保险缴费其他社会保障缴费", "67.50 2.00", "4", ""},
	} {
		st.Body = append(st.Body, segment.Row{Cells: r, Page: 6, Line: 10 + i, OCR: true})
	}
	ts, fs := Tables(st, 2025)
	tb := ts[0]
	if len(tb.Rows) != 4 {
		t.Fatalf("%d rows, want 4", len(tb.Rows))
	}
	for i, w := range [][3]string{{"30110", "职工基本医疗保险缴费", "67.50"}, {"30112", "其他社会保障缴费", "2.00"}} {
		r := tb.Rows[2+i]
		if r.Cells[0].Text != w[0] || r.Cells[1].Text != w[1] || r.Cells[2].Text != w[2] {
			t.Errorf("row %d: %q %q %q, want %v", 2+i, r.Cells[0].Text, r.Cells[1].Text, r.Cells[2].Text, w)
		}
	}
	n := 0
	for _, f := range fs {
		if f.Rule == "ocr.rows_split" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d ocr.rows_split findings, want 1", n)
	}
}

// A header label read as junk (合计 as "bit") in a table of a kind's
// usual columns takes the usual name; a text layer keeps its own.
func TestUsualNamesOfJunkLabels(t *testing.T) {
	for _, ocr := range []bool{true, false} {
		st := &segment.Table{Attachment: 3, Title: "一般公共预算财政拨款基本支出预算表", Pages: []int{6},
			Header: []segment.Row{{Cells: []string{"科目编码", "科目名称", "bit", "人员经费", "公用经费"}, OCR: ocr}}}
		st.Body = []segment.Row{{Cells: []string{"301", "工资福利支出", "1.00", "1.00", ""}, Page: 6, Line: 9, OCR: ocr}}
		ts, _ := Tables(st, 2025)
		want := "total"
		if !ocr {
			want = "bit"
		}
		if got := ts[0].Columns[2].Name; got != want {
			t.Errorf("ocr %v: column named %q, want %q", ocr, got, want)
		}
	}
}
