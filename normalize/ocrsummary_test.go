package normalize

import (
	"testing"

	"github.com/yusuan-data/yusuan/segment"
)

// A 部门收支总表 as a recogniser reads it at 200 dpi under a seal: the band
// 收入 | 支出 read as junk, lines of the list misread in their number or
// name, one read as nothing, junk after a total.
func deptSummaryAsRead(ocr bool) *segment.Table {
	rows := [][4]string{
		{"一般公共预算拨款收入", "402.21", "一、一般公共服务支出", "368.97"},
		{"政府性基金预算拨款收入", "", "二、外父广出", ""},
		{"国有资本经营预算拨款收入", "", "= Be", ""},
		{"财政专户管理资金收入", "", "四、公共安全支出", ""},
		{"事业收入", "", "五、教育支出", ""},
		{"上级补助收入", "", "狼。社会保障和就业支出", "16.19"},
		{"附属单位上缴收入", "", "十、卫生肆康支出", "7.55"},
		{"事业单位经营收入", "", "十三、城乡社区支出", ""},
		{"其他收入", "", "十三、农林水支出", ""},
		{"", "", "二十、住房保障支出 =", "9.50"},
		{"本年收入合计", "402.21", "本年支出合计", "402.21"},
		{"收入总计 rate", "402.21", "支出总计了", "402.21"},
	}
	st := &segment.Table{Attachment: 6, Title: "部门收支总表", Pages: []int{9},
		Header: []segment.Row{
			{Cells: []string{"wa", "", "ahoe jo", ""}, OCR: ocr},
			{Cells: []string{"项目", "预算数", "支出科目", "预算数"}, OCR: ocr},
		}}
	for i, r := range rows {
		st.Body = append(st.Body, segment.Row{Cells: r[:], Page: 9, Line: 20 + i, OCR: ocr})
	}
	return st
}

func TestSummaryLinesOfOCR(t *testing.T) {
	ts, fs := Tables(deptSummaryAsRead(true), 2025)
	tb := ts[0]
	wantNames := []string{"income_item", "income_amount", "expenditure_item", "expenditure_amount"}
	for j, w := range wantNames {
		if got := tb.Columns[j].Name; got != w {
			t.Errorf("column %d named %q, want %q", j, got, w)
		}
	}
	want := []string{"一、一般公共服务支出", "二、外交支出", "三、国防支出", "四、公共安全支出", "五、教育支出",
		"八、社会保障和就业支出", "十、卫生健康支出", "十二、城乡社区支出", "十三、农林水支出", "二十、住房保障支出", "本年支出合计", "支出总计"}
	for i, w := range want {
		if got := tb.Rows[i].Cells[2].Text; got != w {
			t.Errorf("row %d: %q, want %q", i, got, w)
		}
	}
	if got := tb.Rows[11].Cells[0].Text; got != "收入总计" {
		t.Errorf("income total %q, want 收入总计", got)
	}
	rules := map[string]int{}
	for _, f := range fs {
		rules[f.Rule]++
		if (f.Rule == "ocr.corrected_label" || f.Rule == "ocr.corrected_header") && (f.Found == "" || f.Expected == "" || f.Found == f.Expected) {
			t.Errorf("a correction that does not say from what to what: %+v", f)
		}
	}
	// 外交, 国防 (by order), 八, 十, 十二 (number, between 十 and 十三 read
	// cleanly), 二十, 支出总计, 收入总计
	if rules["ocr.corrected_label"] != 8 {
		t.Errorf("%d ocr.corrected_label findings, want 8: %+v", rules["ocr.corrected_label"], fs)
	}
	if rules["ocr.corrected_header"] < 2 {
		t.Errorf("%d ocr.corrected_header findings, want the side of each column named", rules["ocr.corrected_header"])
	}
}

// A text layer is what the document says: a name out of the list, a
// number the list does not give, are kept.
func TestSummaryLinesOfTextLayerKept(t *testing.T) {
	st := deptSummaryAsRead(false)
	ts, fs := Tables(st, 2025)
	for i, r := range st.Body {
		if got := ts[0].Rows[i].Cells[2].Text; got != CleanCell(r.Cells[2]) {
			t.Errorf("row %d: %q changed to %q", i, r.Cells[2], got)
		}
	}
	for _, f := range fs {
		if f.Rule == "ocr.corrected_label" || f.Rule == "ocr.corrected_header" {
			t.Errorf("text layer corrected: %+v", f)
		}
	}
}

// Another edition numbers the list otherwise ((七)社会保险基金支出): its
// lines keep their numbers where the neighbours read cleanly disagree
// with the list.
func TestSummaryLinesOtherNumbering(t *testing.T) {
	m, _, ok := matchSummaryLine(summaryLinesOf(KindFiscalSummary), "CA)社会保障和就业支出")
	if !ok || m.text != "(八)社会保障和就业支出" {
		t.Errorf("CA)社会保障和就业支出 matched %+v %v", m, ok)
	}
	if _, _, ok := matchSummaryLine(summaryLinesOf(KindFiscalSummary), "Sty. ASHER ;"); ok {
		t.Errorf("junk matched a line")
	}
}
