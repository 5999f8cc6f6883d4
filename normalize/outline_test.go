package normalize

import (
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/segment"
)

// summaryAsRead is a two-sided summary's label columns as Tesseract reads
// them at 200 dpi (the seed's 附件1): 二 and 三 as "=", 四 as "BQ", 十一
// as "+—", a colon behind a bracket, a dot after a name.
var summaryAsRead = [][2]string{
	{"一、本年收入", "一、本年支出"},
	{"(一)一般公共预算拨款", "(一):一般公共服务支出"},
	{"(=)政府性基金预算拨款", "(二)外交支出"},
	{"(=)国有资本经营预算拨款", "(三)国防支出"},
	{"二、上年结转", "(BQ)公共安全支出"},
	{"(一)一般公共预算拨款", "(五)教育支出"},
	{"(=)政府性基金预算拨款", "(六)科学技术支出"},
	{"", "(七)社会保险基金支出."},
	{"", "(+—)节能环保支出"},
	{"", "(九)城乡社区支出"},
}

var summaryWant = [][2]string{
	{"一、本年收入", "一、本年支出"},
	{"(一)一般公共预算拨款", "(一)一般公共服务支出"},
	{"(二)政府性基金预算拨款", "(二)外交支出"},
	{"(三)国有资本经营预算拨款", "(三)国防支出"},
	{"二、上年结转", "(四)公共安全支出"},
	{"(一)一般公共预算拨款", "(五)教育支出"},
	{"(二)政府性基金预算拨款", "(六)科学技术支出"},
	{"", "(七)社会保险基金支出"},
	{"", "(八)节能环保支出"},
	{"", "(九)城乡社区支出"},
}

func summaryTable(ocr bool) *segment.Table {
	st := &segment.Table{Attachment: 1, Title: "财政拨款收支总表", Pages: []int{4},
		Header: []segment.Row{{Cells: []string{"项目", "预算数", "项目", "预算数"}}}}
	for i, r := range summaryAsRead {
		st.Body = append(st.Body, segment.Row{Cells: []string{r[0], "1.00", r[1], "1.00"}, Page: 4, Line: 10 + i, OCR: ocr})
	}
	return st
}

func TestOutlineNumbersOfOCRLabels(t *testing.T) {
	ts, fs := Tables(summaryTable(true), 2025)
	tb := ts[0]
	for i, w := range summaryWant {
		if got := tb.Rows[i].Cells[0].Text; got != w[0] {
			t.Errorf("row %d left: %q, want %q", i, got, w[0])
		}
		if got := tb.Rows[i].Cells[2].Text; got != w[1] {
			t.Errorf("row %d right: %q, want %q", i, got, w[1])
		}
	}
	n := 0
	for _, f := range fs {
		if f.Rule != "ocr.corrected_label" {
			continue
		}
		n++
		if f.Found == "" || f.Expected == "" || f.Found == f.Expected || f.Table != "a01" || f.Line == 0 || len(f.Pages) != 1 || !strings.Contains(f.Message, "page 4") {
			t.Errorf("finding does not say what, where and from what: %+v", f)
		}
	}
	// (=)×3, (一):, (BQ), 支出., (+—)
	if n != 7 {
		t.Errorf("%d ocr.corrected_label findings, want 7: %+v", n, fs)
	}
}

// A text layer is what the document says: nothing is corrected.
func TestOutlineNumbersOfTextLayerKept(t *testing.T) {
	ts, fs := Tables(summaryTable(false), 2025)
	for i, r := range summaryAsRead {
		if got := ts[0].Rows[i].Cells[2].Text; got != r[1] {
			t.Errorf("row %d: %q changed to %q", i, r[1], got)
		}
	}
	for _, f := range fs {
		if f.Rule == "ocr.corrected_label" {
			t.Errorf("text layer corrected: %+v", f)
		}
	}
}

func TestChineseNumeral(t *testing.T) {
	for n, want := range map[int]string{1: "一", 10: "十", 11: "十一", 20: "二十", 24: "二十四", 99: "九十九"} {
		if got := chineseNumeral(n); got != want {
			t.Errorf("chineseNumeral(%d) = %q, want %q", n, got, want)
		}
	}
}
