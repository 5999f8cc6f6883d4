package correct

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/table"
)

const sum = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

var when = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

func num(s string) table.Value {
	if s == "" {
		return table.Value{}
	}
	return table.Value{Text: s, Num: decimal.NullDecimal{Decimal: decimal.RequireFromString(s), Valid: true}}
}

func str(s string) table.Value { return table.Value{Text: s} }

// sample is a small document: 附件2 with four rows over pages 6 and 7, and
// 附件3 with two rows on page 8.
func sample() *table.Document {
	cols := []table.Column{
		{Name: "subject_code", Label: "科目编码", Type: table.String},
		{Name: "subject_name", Label: "科目名称", Type: table.String},
		{Name: "total", Label: "合计", Type: table.Decimal, Scale: 2},
		{Name: "basic", Label: "基本支出", Type: table.Decimal, Scale: 2},
		{Name: "project", Label: "项目支出", Type: table.Decimal, Scale: 2},
	}
	a02 := &table.Table{ID: "a02", Attachment: 2, Kind: "gpb_expenditure", Pages: []int{6, 7}, Lines: [2]int{5, 3}, Columns: cols,
		Rows: []table.Row{
			{Page: 6, Line: 5, Total: true, Cells: []table.Value{str(""), str("合计"), num("402.21"), num("142.21"), num("260.00")}},
			{Page: 6, Line: 6, Cells: []table.Value{str("201"), str("一般公共服务支出"), num("402.21"), num("142.21"), num("260.00")}},
			{Page: 7, Line: 2, Cells: []table.Value{str("2013799"), str("其他网信事务支出"), num("260.00"), num(""), num("")}},
			{Page: 7, Line: 3, Cells: []table.Value{str("2013701"), str("行政运行"), num("142.21"), num("142.21"), num("")}},
		}}
	a03 := &table.Table{ID: "a03", Attachment: 3, Kind: "gpb_basic_expenditure", Pages: []int{8}, Lines: [2]int{4, 5}, Columns: cols,
		Rows: []table.Row{
			{Page: 8, Line: 4, Cells: []table.Value{str("301"), str("工资福利支出"), num("100.00"), num("100.00"), num("")}},
			{Page: 8, Line: 5, Cells: []table.Value{str("302"), str("商品和服务支出"), num("42.21"), num("42.21"), num("")}},
		}}
	return &table.Document{Source: "seed.pdf", SHA256: sum, Tables: []*table.Table{a02, a03}}
}

func rules(doc *table.Document) map[string]int {
	out := map[string]int{}
	for _, f := range doc.Findings {
		out[f.Rule]++
	}
	return out
}

func TestCellApplied(t *testing.T) {
	doc := sample()
	c := table.Correction{Op: OpCell, Table: "a02", Row: 3, Key: "2013799 其他网信事务支出", Column: "project", Before: "", After: "260.0", When: when}
	res := Apply(doc, &File{SHA256: sum, Corrections: []table.Correction{c}})
	v := doc.Tables[0].Rows[2].Cells[4]
	if v.Text != "260.0" || !v.Num.Valid || !v.Num.Decimal.Equal(decimal.RequireFromString("260")) {
		t.Fatalf("cell = %+v, want 260.0", v)
	}
	if len(res.Applied) != 1 || len(doc.Corrections) != 1 || doc.Corrections[0].When != when {
		t.Fatalf("applied %v, recorded %v", res.Applied, doc.Corrections)
	}
	if r := rules(doc); r["correction.applied"] != 1 || r["correction.stale"] != 0 {
		t.Fatalf("findings %v", r)
	}
	f := doc.Findings[0]
	if f.Table != "a02" || f.Row != 3 || f.Column != "project" || f.Found != "" || f.Expected != "260.0" || f.Severity != table.Info {
		t.Fatalf("applied finding %+v", f)
	}
}

// A correction that no longer fits is reported and changes nothing.
func TestStaleCorrections(t *testing.T) {
	cases := []struct {
		name string
		c    table.Correction
		why  string
	}{
		{"value changed", table.Correction{Op: OpCell, Table: "a02", Row: 3, Column: "total", Before: "26.00", After: "260.00"}, `reads "260.00", not "26.00"`},
		{"row moved", table.Correction{Op: OpCell, Table: "a02", Row: 3, Key: "2013701 行政运行", Column: "project", Before: "", After: "1"}, `row 3 reads "2013799 其他网信事务支出"`},
		{"no such row", table.Correction{Op: OpCell, Table: "a02", Row: 9, Column: "total", Before: "", After: "1"}, "a02 has 4 rows"},
		{"no such column", table.Correction{Op: OpCell, Table: "a02", Row: 2, Column: "prior_budget", Before: "", After: "1"}, "no column prior_budget"},
		{"no such table", table.Correction{Op: OpCell, Table: "a09", Row: 2, Column: "total", Before: "", After: "1"}, "no table a09"},
		{"not an amount", table.Correction{Op: OpCell, Table: "a02", Row: 3, Column: "project", Before: "", After: "26O.00"}, "is no amount"},
		{"kind changed", table.Correction{Op: OpKind, Table: "a02", Before: "dept_expenditure", After: "gpb_expenditure"}, "kind is gpb_expenditure"},
		{"attachment changed", table.Correction{Op: OpAttachment, Table: "a02", Before: "5", After: "4"}, "附件 2, not 5"},
		{"attachment taken", table.Correction{Op: OpAttachment, Table: "a02", Before: "2", After: "3"}, "a03 exists already"},
		{"join of other columns", table.Correction{Op: OpJoin, Table: "a02", With: "a03", Before: "4+3"}, "4+2 rows, not 4+3"},
		{"page without table", table.Correction{Op: OpNotTable, Page: 9, Before: "a04"}, "no table has rows on page 9"},
		{"page of other tables", table.Correction{Op: OpNotTable, Page: 7, Before: "a03"}, "rows of a02, not a03"},
		{"bad op", table.Correction{Op: "delete", Table: "a02"}, "unknown op"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := sample()
			before := snapshot(doc)
			res := Apply(doc, &File{SHA256: sum, Corrections: []table.Correction{tc.c}})
			if len(res.Applied) != 0 || len(doc.Corrections) != 0 {
				t.Fatalf("applied %v", res.Applied)
			}
			if len(doc.Findings) != 1 || doc.Findings[0].Rule != "correction.stale" || !strings.Contains(doc.Findings[0].Message, tc.why) {
				t.Fatalf("findings %+v, want one correction.stale saying %q", doc.Findings, tc.why)
			}
			if after := snapshot(doc); after != before {
				t.Fatalf("document changed:\n%s\nwas\n%s", after, before)
			}
		})
	}
}

// snapshot writes a document's tables as text, to compare.
func snapshot(doc *table.Document) string {
	var b strings.Builder
	for _, t := range doc.Tables {
		b.WriteString(t.ID + " " + t.Kind + "\n")
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				b.WriteString(c.Text + "|")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestKindAndAttachment(t *testing.T) {
	doc := sample()
	Apply(doc, &File{SHA256: sum, Corrections: []table.Correction{
		{Op: OpKind, Table: "a03", Before: "gpb_basic_expenditure", After: "dept_expenditure"},
		{Op: OpAttachment, Table: "a03", Before: "3", After: "8"},
		// Later corrections name the table as it reads by then.
		{Op: OpCell, Table: "a08", Row: 1, Column: "project", Before: "", After: "0.00"},
	}})
	got := doc.Tables[1]
	if got.ID != "a08" || got.Attachment != 8 || got.Kind != "dept_expenditure" || got.Rows[0].Cells[4].Text != "0.00" {
		t.Fatalf("a03 became %s 附件%d %s, cell %q", got.ID, got.Attachment, got.Kind, got.Rows[0].Cells[4].Text)
	}
	if len(doc.Corrections) != 3 {
		t.Fatalf("recorded %d corrections, want 3: %v", len(doc.Corrections), doc.Findings)
	}
	if renumber("a12-3-form", 4) != "a04-3-form" {
		t.Fatal(renumber("a12-3-form", 4))
	}
}

func TestSplitAndJoin(t *testing.T) {
	doc := sample()
	Apply(doc, &File{SHA256: sum, Corrections: []table.Correction{
		{Op: OpSplit, Table: "a02", Row: 3, Key: "2013799 其他网信事务支出"},
	}})
	if len(doc.Tables) != 3 || doc.Tables[1].ID != "a02-2" || len(doc.Tables[0].Rows) != 2 || len(doc.Tables[1].Rows) != 2 {
		t.Fatalf("after split: %s", snapshot(doc))
	}
	if p := doc.Tables[0].Pages; len(p) != 1 || p[0] != 6 {
		t.Fatalf("a02 pages %v, want [6]", p)
	}
	if p := doc.Tables[1].Pages; len(p) != 1 || p[0] != 7 || doc.Tables[1].Lines != [2]int{2, 3} {
		t.Fatalf("a02-2 pages %v lines %v", p, doc.Tables[1].Lines)
	}
	// And joined again: the document reads as it was read.
	want := snapshot(sample())
	Apply(doc, &File{SHA256: sum, Corrections: []table.Correction{{Op: OpJoin, Table: "a02", With: "a02-2", Before: "2+2"}}})
	if got := snapshot(doc); got != want {
		t.Fatalf("split then joined:\n%s\nwant\n%s", got, want)
	}
	if p := doc.Tables[0].Pages; len(p) != 2 {
		t.Fatalf("a02 pages %v after join", p)
	}
}

func TestNotTable(t *testing.T) {
	doc := sample()
	res := Apply(doc, &File{SHA256: sum, Corrections: []table.Correction{{Op: OpNotTable, Page: 8, Before: "a03"}}})
	if len(doc.Tables) != 1 || doc.Tables[0].ID != "a02" {
		t.Fatalf("after not_table: %s", snapshot(doc))
	}
	fs := res.Settle([]table.Finding{
		{Rule: "coverage.unplaced_amount", Pages: []int{8}},
		{Rule: "coverage.unplaced_amount", Pages: []int{9}},
		{Rule: "gpb_expenditure.row_sum", Table: "a02", Pages: []int{8}},
	})
	if len(fs) != 2 || fs[0].Pages[0] != 9 {
		t.Fatalf("settled %+v", fs)
	}
}

// Settle drops the doubts on a corrected cell, named by column name or
// label, and keeps what validation says.
func TestSettle(t *testing.T) {
	doc := sample()
	res := Apply(doc, &File{SHA256: sum, Corrections: []table.Correction{{Op: OpCell, Table: "a02", Row: 3, Column: "project", Before: "", After: "260.00"}}})
	fs := res.Settle([]table.Finding{
		{Rule: "ocr.low_confidence", Table: "a02", Line: 2, Column: "项目支出"},
		{Rule: "coverage.unprinted_amount", Table: "a02", Line: 2, Column: "project"},
		{Rule: "ocr.low_confidence", Table: "a02", Line: 3, Column: "项目支出"},
		{Rule: "gpb_expenditure.row_sum", Table: "a02", Line: 2, Column: "project"},
	})
	if len(fs) != 2 || fs[0].Line != 3 || fs[1].Rule != "gpb_expenditure.row_sum" {
		t.Fatalf("settled %+v", fs)
	}
	var none *Result
	if len(none.Settle(fs)) != 2 {
		t.Fatal("nil result settled something")
	}
}

func TestFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	if f, s, err := Load(dir, sum); f != nil || s != "" || err != nil {
		t.Fatalf("no file: %v %q %v", f, s, err)
	}
	f := &File{SHA256: sum, Corrections: []table.Correction{{Op: OpCell, Table: "a02", Row: 1, Column: "total", Before: "1", After: "2", When: when}}}
	if err := Save(dir, f); err != nil {
		t.Fatal(err)
	}
	got, s, err := Load(dir, sum)
	if err != nil || len(got.Corrections) != 1 || got.Corrections[0] != f.Corrections[0] {
		t.Fatalf("loaded %+v, %v", got, err)
	}
	if s == "" || s != Sum(dir, sum) || Sum("", sum) != "" {
		t.Fatalf("sum %q vs %q", s, Sum(dir, sum))
	}
	// A broken file is an error finding, and nothing is applied.
	os.WriteFile(Path(dir, sum), []byte(`{"sha256":"`+sum+`","corrections":[{"op":"cell","tabel":"a02"}]}`), 0o644)
	doc := sample()
	if res := Document(dir, doc); res != nil || len(doc.Findings) != 1 || doc.Findings[0].Rule != "correction.unreadable" || !strings.Contains(doc.Findings[0].Message, `unknown field "tabel"`) {
		t.Fatalf("broken file: %+v", doc.Findings)
	}
	// A file made for another document is refused.
	other := strings.Repeat("f", 64)
	os.WriteFile(Path(dir, sum), []byte(`{"sha256":"`+other+`","corrections":[]}`), 0o644)
	if _, _, err := Load(dir, sum); err == nil || !strings.Contains(err.Error(), "made for the document") {
		t.Fatalf("other document's file: %v", err)
	}
	if _, _, err := Load(dir, "../x"); err == nil {
		t.Fatal("a path as sha256 was accepted")
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".*")); len(m) != 0 {
		t.Fatalf("temporary files left: %v", m)
	}
}

func TestParseRefuses(t *testing.T) {
	for _, in := range []string{
		`{"sha256":"x","corrections":[]}`,
		`{"sha256":"` + sum + `","corrections":[{"op":"cell","table":"a02","row":0,"column":"total"}]}`,
		`{"sha256":"` + sum + `","corrections":[{"op":"kind","table":"a02","after":"../etc"}]}`,
		`{"sha256":"` + sum + `","corrections":[{"op":"attachment","table":"a02","after":"0"}]}`,
		`{"sha256":"` + sum + `","corrections":[{"op":"split","table":"a02","row":1}]}`,
		`{"sha256":"` + sum + `","corrections":[{"op":"join","table":"a02","with":"a02"}]}`,
		`{"sha256":"` + sum + `","corrections":[{"op":"not_table"}]}`,
		`not json`,
	} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("accepted %s", in)
		}
	}
}
