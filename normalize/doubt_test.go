package normalize

import (
	"testing"

	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/segment"
)

// TestDoubtedNumbersAreFindings: a number read by OCR with low confidence
// becomes a finding with its page, box and column; a doubted label does not.
func TestDoubtedNumbersAreFindings(t *testing.T) {
	st := &segment.Table{
		Title: "部门支出总表", Order: 8, Pages: []int{3},
		Header: []segment.Row{{Cells: []string{"科目编码", "科目名称", "合计"}}},
		Body: []segment.Row{
			{Cells: []string{"201", "一般公共服务支出", "368.97"}, Page: 3, Line: 7, Doubt: map[int]layout.Cell{
				2: {Text: "368.97", Conf: 0.41, Box: layout.Box{X0: 400, Y0: 210, X1: 450, Y1: 222}},
				1: {Text: "一般公共服务支出", Conf: 0.3},
			}},
			{Cells: []string{"208", "社会保障和就业支出", "16.19"}, Page: 3, Line: 8},
		},
	}
	_, fs := Tables(st, 2025)
	if len(fs) != 1 {
		t.Fatalf("findings: %+v", fs)
	}
	f := fs[0]
	if f.Rule != "ocr.low_confidence" || f.Found != "368.97" || f.Column != "合计" || f.Line != 7 || f.Pages[0] != 3 || f.RowLabel != "一般公共服务支出" {
		t.Errorf("finding: %+v", f)
	}
}

// TestFindingsNameTheWrittenID: when two tables would share an ID (the
// same 附件 number twice), each finding names the ID its table is written
// under.
func TestFindingsNameTheWrittenID(t *testing.T) {
	mk := func(line int) *segment.Table {
		return &segment.Table{Attachment: 2, Title: "部门支出总表", Order: line,
			Header: []segment.Row{{Cells: []string{"科目编码", "科目名称", "合计", "基本支出"}}},
			Body: []segment.Row{
				{Cells: []string{"201", "一般公共服务支出", "1.00", "1.00"}, Line: line},
				{Cells: []string{"208", "社会保障和就业支出", "2.00", "2.00"}, Line: line + 1},
				{Cells: []string{"210", "卫生健康支出", "3.00", "3.00"}, Line: line + 2},
				{Cells: []string{"221", "住房保障支出", "abc", "4.00"}, Line: line + 3},
			}}
	}
	doc := Document(&segment.Document{Source: "d.txt", Tables: []*segment.Table{mk(10), mk(20)}})
	if len(doc.Tables) != 2 || doc.Tables[0].ID != "a02" || doc.Tables[1].ID != "a02-2" {
		t.Fatalf("ids: %s %s", doc.Tables[0].ID, doc.Tables[1].ID)
	}
	if len(doc.Findings) != 2 || doc.Findings[0].Table != "a02" || doc.Findings[1].Table != "a02-2" || doc.Findings[1].Line != 23 {
		t.Errorf("findings: %+v", doc.Findings)
	}
}
