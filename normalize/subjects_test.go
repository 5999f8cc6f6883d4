package normalize

import (
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/segment"
	"github.com/yusuan-data/yusuan/table"
)

const dept = "中共重庆市潼南区委网络安全和信息化委员会办公室(本级)"

// scanned is the seed's 附件2 and part of 附件3 as a recogniser reads them
// at 200 dpi: 201's name junk in a low-confidence cell, one character
// misread in 2013799 and in 30113, an unknown code, 潼南区 lost from 附件3's
// title. With ocr false, the same text from a text layer.
func scanned(ocr bool) *layout.Document {
	conf := func(c float64) float64 {
		if !ocr {
			return -1
		}
		return c
	}
	text := func(n int, s string) layout.Line {
		return layout.Line{Number: n, Cells: []layout.Cell{{Text: s, Conf: conf(0.9)}}}
	}
	row := func(n int, cells ...string) layout.Line {
		l := layout.Line{Number: n, Tabular: true}
		for i, s := range cells {
			c := layout.Cell{Text: s, Conf: conf(0.92), Box: layout.Box{X0: float64(100 * i), Y0: float64(16 * n), X1: float64(100*i + 90), Y1: float64(16*n + 12)}}
			if s == "neHine33Scth" {
				c.Conf = conf(0.31)
			}
			l.Cells = append(l.Cells, c)
		}
		return l
	}
	hdr := []layout.Line{
		row(5, "功能分类科目", "", "2024年预算数", "2025年预算数", "", ""),
		row(6, "科目编码", "科目名称", "", "总计", "基本支出", "项目支出"),
	}
	front := layout.Page{Number: 1, OCR: ocr, Lines: []layout.Line{
		text(1, dept), text(2, "2025年部门预算情况说明"), text(3, "一、单位基本情况"), text(4, "负责全区网信工作。"),
	}}
	a2 := layout.Page{Number: 3, OCR: ocr, Lines: append([]layout.Line{
		text(1, "附件2"), text(2, dept), text(3, "一般公共预算财政拨款支出预算表"), text(4, "单位:万元"),
	}, append(hdr,
		row(7, "合计", "", "365.57", "402.21", "142.21", "260.00"),
		row(8, "201", "neHine33Scth", "331.64", "368.97", "108.97", "260.00"),
		row(9, "20137", "网信事务", "331.64", "368.97", "108.97", "260.00"),
		row(10, "2013701", "行政运行", "108.64", "108.97", "108.97", ""),
		row(11, "2013799", "其他网倍事务支出", "223.00", "260.00", "", "260.00"),
		row(12, "208", "社会保障和就业支出", "16.10", "16.19", "16.19", ""),
		row(13, "2089901", "其他社会保障和就业支出", "", "", "", ""),
	)...)}
	a3 := layout.Page{Number: 4, OCR: ocr, Lines: []layout.Line{
		text(1, "附件3"), text(2, "中共重庆市委网络安全和信息化委员会办公室(本级)"), text(3, "一般公共预算财政拨款基本支出预算表"), text(4, "单位:万元"),
		row(5, "经济分类科目", "", "2025年基本支出", "", ""),
		row(6, "科目编码", "科目名称", "合计", "人员经费", "公用经费"),
		row(7, "301", "工资福利支出", "99.19", "99.19", ""),
		row(8, "30101", "基本工资", "30.00", "30.00", ""),
		row(9, "30113", "住房公积仝", "9.50", "9.50", ""),
	}}
	kind := layout.KindOCR
	if !ocr {
		kind = layout.KindText
	}
	return &layout.Document{Source: "scan.pdf", Kind: kind, Pages: []layout.Page{front, a2, a3}}
}

// TestOCRSubjectNames: on OCR'd pages a misread name is corrected and the
// doubted junk beside a known 类 replaced, each with a finding naming the
// table, row, column and the text before and after; an unknown code is
// reported; a title missing 潼南区 gets the document's department.
func TestOCRSubjectNames(t *testing.T) {
	doc := Document(segment.Split(scanned(true)))
	if len(doc.Tables) != 2 || doc.Department != dept {
		t.Fatalf("tables: %d, department %q", len(doc.Tables), doc.Department)
	}
	names := map[string]string{}
	for _, tb := range doc.Tables {
		for _, r := range tb.Rows {
			names[r.Cells[tb.Col("subject_code")].Text] = r.Cells[tb.Col("subject_name")].Text
		}
	}
	if names["201"] != "一般公共服务支出" || names["2013799"] != "其他网信事务支出" || names["2089901"] != "其他社会保障和就业支出" ||
		names["30113"] != "住房公积金" || doc.Tables[1].Department != dept {
		t.Errorf("names: %v; department of a03 %q", names, doc.Tables[1].Department)
	}
	got := map[string]table.Finding{}
	for _, f := range doc.Findings {
		got[f.Rule+" "+f.RowCode] = f
	}
	f, ok := got["ocr.corrected_name 201"]
	if !ok || f.Severity != table.Warning || f.Document != "scan.pdf" || f.Table != "a02" || f.Line != 8 || f.Pages[0] != 3 ||
		f.Column != "subject_name" || f.Found != "neHine33Scth" || f.Expected != "一般公共服务支出" || !strings.Contains(f.Message, "doubted") {
		t.Errorf("201: %+v", f)
	}
	f, ok = got["ocr.corrected_name 2013799"]
	if !ok || f.Found != "其他网倍事务支出" || f.Expected != "其他网信事务支出" || f.Line != 11 || f.Pages[0] != 3 ||
		!strings.Contains(f.Message, `read as "其他网倍事务支出", corrected to "其他网信事务支出"`) {
		t.Errorf("2013799: %+v", f)
	}
	if f, ok := got["subject.unknown_code 2089901"]; !ok || f.Severity != table.Info || !strings.Contains(f.Message, "类 208 is 社会保障和就业支出") {
		t.Errorf("2089901: %+v", f)
	}
	if f, ok := got["ocr.corrected_name 30113"]; !ok || f.Table != "a03" || f.Found != "住房公积仝" {
		t.Errorf("30113: %+v", f)
	}
	if f, ok := got["ocr.corrected_department "]; !ok || f.Table != "a03" || f.Found != "中共重庆市委网络安全和信息化委员会办公室(本级)" || f.Expected != dept {
		t.Errorf("department: %+v", f)
	}
	if len(doc.Findings) != 5 {
		for _, f := range doc.Findings {
			t.Errorf("finding: %+v", f)
		}
	}
}

// TestTextLayerNamesUntouched: the same rows from a text layer are what
// the document says: no correction, no finding.
func TestTextLayerNamesUntouched(t *testing.T) {
	doc := Document(segment.Split(scanned(false)))
	if len(doc.Tables) != 2 || doc.Tables[1].Department == dept {
		t.Errorf("tables: %d; department of a03 %q", len(doc.Tables), doc.Tables[1].Department)
	}
	tb := doc.Tables[0]
	for _, r := range tb.Rows {
		if r.Cells[tb.Col("subject_code")].Text == "201" && r.Cells[tb.Col("subject_name")].Text != "neHine33Scth" {
			t.Errorf("text layer corrected: %+v", r.Cells)
		}
	}
	if len(doc.Findings) != 0 {
		t.Errorf("findings: %+v", doc.Findings)
	}
}

func TestClassificationColumns(t *testing.T) {
	for name, want := range map[string]string{"subject_code": "subject", "gov_econ_code": "gov_econ", "econ_code": "econ", "project_code": "", "subject_name": ""} {
		if p, ok := classificationColumn(name); p != want || ok != (want != "") {
			t.Errorf("classificationColumn(%q) = %q %v", name, p, ok)
		}
	}
}
