package segment

import (
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/extract"
)

// splitScan segments text as if every page had been read by OCR ("\f"
// starts a page, "|" separates cells).
func splitScan(t *testing.T, text string) *Document {
	t.Helper()
	ld, err := extract.ReadText("scan.txt", []byte(strings.ReplaceAll(text, "|", "\t")))
	if err != nil {
		t.Fatal(err)
	}
	for i := range ld.Pages {
		ld.Pages[i].OCR = true
	}
	return Split(ld)
}

func TestScanLine(t *testing.T) {
	cases := []struct{ in, want, rule string }{
		{"附仵3", "附件 3", "ocr.corrected_marker"},
		{"附件l", "附件 1", "ocr.corrected_marker"},
		{"附件 4", "附件 4", ""},
		{"般公共预算财政拨款支出预算表", "一般公共预算财政拨款支出预算表", "ocr.corrected_title"},
		{"一般公共预算财政拨款基本支出预算衰", "一般公共预算财政拨款基本支出预算表", "ocr.corrected_title"},
		{"重庆市合川区财政局一般公共预算支出0三公经费预算表", "重庆市合川区财政局 一般公共预算支出“三公”经费预算表", "ocr.corrected_title"},
		{"部门支出总衰", "部门支出总表", "ocr.corrected_title"},
		{"部门收人总表", "部门收人总表", ""},                   // as near 收入 as 收支: left as read
		{"(二十二)国有资本经营预算支出", "(二十二)国有资本经营预算支出", ""}, // a row's label, not a title
		{"财政拨款收支总表", "财政拨款收支总表", ""},
		{"本表反映当年一般公共预算财政拨款支出情况。", "本表反映当年一般公共预算财政拨款支出情况。", ""},
		{"单位;万元", "单位：万元", "ocr.corrected_unit"},
	}
	for _, c := range cases {
		got, rule := scanLine(c.in)
		if got != c.want || rule != c.rule {
			t.Errorf("scanLine(%q) = %q, %q; want %q, %q", c.in, got, rule, c.want, c.rule)
		}
	}
}

const scanTables = `附件1
重庆市某局
财政拨款收支总表
单位：万元
收入||支出|
项目|预算数|支出科目|预算数
一、本年收入|10.00|一、本年支出|10.00
` + "\f" + `附件 7
重庆市某局
一般公共预算财政拨款支出预算表
单位：万元
科目编码|科目名称|合计|基本支出|项目支出
|合计|10.00|10.00|
201|一般公共服务支出|10.00|10.00|
` + "\f" + `重庆市某局
般公共预算财政拨款支出预算表
单位：万元
科目编码|科目名称|合计|基本支出|项目支山
20101|人大事务|10.00|10.00|
` + "\f" + `附件3
重庆市某局
一般公共预算财政拨款基本支出预算表
单位：万元
科目编码|科目名称|合计|人员经费|公用经费
|合计|5.00|5.00|
` + "\f" + `重庆市某局
一般公共预算支出“三公”经费预算表
单位：万元
项目|合计|因公出国(境)费用|公务接待费
合计|1.00|0.50|0.50
` + "\f" + `附件5
政府性基金预算支出表
单位：万元
科目编码|科目名称|合计
|合计|
`

// TestScanStructure: a marker misread between 1 and 3 is 2; a title that
// lost a character over a repeated header continues its table; a table
// under no marker whose title is of another kind is the next 附件; each is
// reported.
func TestScanStructure(t *testing.T) {
	doc := splitScan(t, scanTables)
	var got []string
	for _, tb := range doc.Tables {
		got = append(got, tb.Title)
	}
	if len(doc.Tables) != 5 {
		t.Fatalf("%d tables, want 5: %q", len(doc.Tables), got)
	}
	want := []int{1, 2, 3, 4, 5}
	for i, tb := range doc.Tables {
		if tb.Attachment != want[i] || tb.Part != 0 {
			t.Errorf("table %d (%s): 附件 %d part %d, want 附件 %d", i+1, tb.Title, tb.Attachment, tb.Part, want[i])
		}
	}
	if b := doc.Tables[1]; len(b.Body) != 3 || b.DroppedHeaders != 1 {
		t.Errorf("附件 2: %d body rows, %d headers dropped; want 3 and 1 (the second page continues it)", len(b.Body), b.DroppedHeaders)
	}
	rules := map[string]int{}
	for _, r := range doc.Repairs {
		rules[r.Rule]++
	}
	if rules["segment.attachment_sequence"] != 1 || rules["segment.attachment_inferred"] != 1 {
		t.Errorf("repairs %v: want one attachment_sequence (7 read between 1 and 3) and one attachment_inferred (三公 under no marker)", rules)
	}
}

// TestScanContents: an untitled table is titled from the document's own
// list of its 附件.
func TestScanContents(t *testing.T) {
	doc := splitScan(t, `重庆市某局2025年部门预算
七、附件
1.财政拨款收支总表
2.一般公共预算财政拨款支出预算表
3.政府性基金预算支出表
`+"\f"+`附件1
财政拨款收支总表
单位：万元
项目|预算数|支出科目|预算数
一、本年收入|10.00|一、本年支出|10.00
`+"\f"+`附件2
@#
单位：万元
科目编码|科目名称|合计|基本支出|项目支出
|合计|10.00|10.00|
`)
	if len(doc.Tables) != 2 {
		t.Fatalf("%d tables, want 2", len(doc.Tables))
	}
	if tb := doc.Tables[1]; tb.Attachment != 2 || tb.Title != "一般公共预算财政拨款支出预算表" {
		t.Errorf("附件 %d titled %q; want 附件 2 titled from the list", tb.Attachment, tb.Title)
	}
}

// TestScanNoise: lines a dirty scan's specks are read as are dropped, not
// taken for rows of the table or lines between a title and its marker.
func TestScanNoise(t *testing.T) {
	doc := splitScan(t, `附件1
重庆市某局
a .
财政拨款收支总表
单位：万元
项目|预算数|支出科目|预算数
一、本年收入|10.00|一、本年支出|10.00
|ee||.
二、上年结转||二、结转下年|
`)
	if len(doc.Tables) != 1 || doc.Tables[0].Title != "财政拨款收支总表" || len(doc.Tables[0].Body) != 2 {
		t.Fatalf("tables %+v: want one titled 财政拨款收支总表 with 2 body rows", doc.Tables)
	}
}
