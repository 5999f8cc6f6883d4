package export

import (
	"bytes"
	"slices"
	"testing"
	"unicode/utf16"

	"github.com/yusuan-data/yusuan/table"
)

// TestManifestRows: each table lists its rows' source lines and its total
// rows, and each finding the number of the row it names, found by line
// (and code, when two rows share a line), without changing the document.
func TestManifestRows(t *testing.T) {
	doc := xlsxDoc()
	doc.Findings = append(doc.Findings,
		table.Finding{Rule: "x.line_only", Table: "a02", Line: 13},
		table.Finding{Rule: "x.no_such_line", Table: "a02", Line: 99},
		table.Finding{Rule: "x.no_table", Line: 12},
		table.Finding{Rule: "x.set", Table: "a02", Line: 12, Row: 2},
	)
	m := NewManifest(doc, "test")
	a02 := m.Tables[0]
	if !slices.Equal(a02.RowLines, []int{12, 13}) || !slices.Equal(a02.TotalRows, []int{2}) {
		t.Errorf("a02 row lines %v, total rows %v", a02.RowLines, a02.TotalRows)
	}
	if m.Tables[1].TotalRows == nil || len(m.Tables[1].TotalRows) != 0 {
		t.Errorf("form total rows %v, want []", m.Tables[1].TotalRows)
	}
	var rows []int
	for _, f := range m.Findings {
		rows = append(rows, f.Row)
	}
	if want := []int{1, 2, 0, 0, 2}; !slices.Equal(rows, want) {
		t.Errorf("finding rows %v, want %v", rows, want)
	}
	if doc.Findings[0].Row != 0 {
		t.Error("the document's findings were changed")
	}
}

// TestXLSXTableNames: sheets are named by attachment and kind within
// Excel's 31 characters.
func TestXLSXTableNames(t *testing.T) {
	used := map[string]bool{}
	for _, c := range []struct {
		t    table.Table
		want string
	}{
		{table.Table{ID: "a02", Attachment: 2, Kind: "gpb_expenditure"}, "附件2 一般公共预算支出"},
		{table.Table{ID: "a12-3-indicators", Attachment: 12, Part: "3/indicators", Kind: "project_performance_indicators"}, "附件12-3 项目绩效指标"},
		{table.Table{ID: "a11-form", Attachment: 11, Part: "form", Kind: "dept_performance_form"}, "附件11 整体绩效目标"},
		{table.Table{ID: "a03", Attachment: 3, Kind: "other", Title: "某某区某某局2025年部门预算项目支出明细及绩效目标情况表（续表）"}, "附件3 某某区某某局2025年部门预算项目支出明细及绩效目标情"},
		{table.Table{ID: "t4", Kind: "units"}, "单位构成"},
		{table.Table{ID: "a05", Attachment: 5, Kind: "gpb_expenditure"}, "附件5 一般公共预算支出"},
		{table.Table{ID: "a05b", Attachment: 5, Kind: "gpb_expenditure"}, "附件5 一般公共预算支出~2"},
	} {
		got := xlsxSheetName(xlsxTableName(&c.t), 0, used)
		if got != c.want {
			t.Errorf("%s: sheet %q, want %q", c.t.ID, got, c.want)
		}
		if n := len(utf16.Encode([]rune(got))); n > xlsxMaxSheetName {
			t.Errorf("%q: %d UTF-16 units", got, n)
		}
	}
}

// TestCSVBOM: a byte order mark only when asked for.
func TestCSVBOM(t *testing.T) {
	tb := xlsxForm()
	if plain := CSV(tb, false); bytes.HasPrefix(plain, []byte("\uFEFF")) || !bytes.HasPrefix(plain, []byte("code,")) {
		t.Errorf("default CSV starts %q", plain[:8])
	}
	if bom := CSV(tb, true); !bytes.HasPrefix(bom, []byte("\uFEFFcode,")) {
		t.Errorf("-csv-bom CSV starts %q", bom[:8])
	}
}
