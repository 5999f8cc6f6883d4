package normalize

import (
	"testing"

	"github.com/yusuan-data/yusuan/segment"
)

func TestRepeatedNamesVote(t *testing.T) {
	read := []string{"网信办(AR)", "PED(本级)", "网信办(BR)", "网信办¢本级)", "网入办(BR)", "网信办(本级7)"}
	want := []string{"网信办(本级)", "网信办(本级)", "网信办(本级)", "网信办(本级)", "网入办(BR)", "网信办(本级7)"}
	st := &segment.Table{Attachment: 10, Title: "项目支出明细表", Pages: []int{20},
		Header: []segment.Row{{Cells: []string{"单位名称", "项目名称", "合计"}, OCR: true}}}
	for i, v := range read {
		st.Body = append(st.Body, segment.Row{Cells: []string{v, "项目", "1.00"}, Page: 20, Line: 5 + i, OCR: true})
	}
	ts, fs := Tables(st, 2025)
	for i, w := range want {
		if got := ts[0].Rows[i].Cells[0].Text; got != w {
			t.Errorf("row %d: %q, want %q", i, got, w)
		}
	}
	n := 0
	for _, f := range fs {
		if f.Rule == "ocr.corrected_cell" && f.Expected == "网信办(本级)" {
			n++
		}
	}
	if n != 4 {
		t.Errorf("%d corrections reported, want 4", n)
	}
}
