// Package table holds the result of yusuan's work on one disclosure: its
// metadata and narrative, the tables it publishes as typed columns and rows,
// and the findings of validation. Normalisation builds it, validation adds to
// its findings, export writes it out.
//
// Amounts are shopspring decimals from the moment they are parsed: a budget
// states 402.21 万元 and that is the number we keep, never a float near it.
package table

import (
	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/layout"
)

// Document is one disclosure after normalisation.
type Document struct {
	Source    string      `json:"source"`     // input path as given
	SHA256    string      `json:"sha256"`     // of the input file's bytes
	InputKind layout.Kind `json:"input_kind"` // which reader produced it
	Pages     int         `json:"pages"`      // page count of the input
	OCRPages  []int       `json:"ocr_pages"`  // pages read by recognition

	Title      string `json:"title"`      // e.g. 2025年部门预算情况说明
	Department string `json:"department"` // the publishing department
	Year       int    `json:"year"`       // budget year; 0 when not stated
	Unit       string `json:"unit"`       // most tables' unit: 万元 or 元
	// Region is the region a user supplied (yusuan extract -meta) for a
	// document whose text names none; "" otherwise (the dataset derives
	// it from the department).
	Region string `json:"region,omitempty"`
	// Supplied is the metadata a user gave for the document, as given
	// (nil: none): what the text lacks is taken from it, and what the
	// text says wins.
	Supplied *Supplied `json:"supplied,omitempty"`

	Narrative []Section `json:"narrative"`
	Tables    []*Table  `json:"-"`
	Findings  []Finding `json:"-"`
	// Quality sums up how completely the document was read (package
	// coverage); nil when it was not checked.
	Quality *Quality `json:"-"`
	// Corrections are the corrections a person made that were applied to
	// this document (package correct), in order; CorrectionsSHA256 is the
	// checksum of the file they came from ("" when there was none).
	Corrections       []Correction `json:"-"`
	CorrectionsSHA256 string       `json:"-"`
}

// Supplied is metadata a user gives for a document its text may not
// print (yusuan extract -meta FILE.csv).
type Supplied struct {
	Department string `json:"department,omitempty"`
	Region     string `json:"region,omitempty"`
	Year       int    `json:"year,omitempty"`
}

// Section is one heading of the narrative with the text under it.
type Section struct {
	Heading string `json:"heading"`
	Text    string `json:"text"`
}

// Table is one published table (or one part of a form) with typed columns.
type Table struct {
	// ID is unique within the document and stable across runs: "a02" for
	// 附件 2, "a12-3-form" for the key–value part of 附件 12's third form.
	ID string
	// Attachment is the 附件 number, or the table's order in the document
	// when the template numbers nothing.
	Attachment int
	// Part names a piece of an attachment: "form" or "indicators" for the
	// two halves of a performance form, prefixed by the form's number when
	// one attachment holds several ("3/form").
	Part       string
	Kind       string // canonical ASCII kind, e.g. "gpb_expenditure"
	Title      string // the table's own title, department removed
	Department string // department named in the title block, if any
	Unit       string // 万元, 元, or "" when the table states none
	Pages      []int  // pages the table spans, ascending
	Lines      [2]int // first and last source line of the table

	// Header is the source's multi-level header, one slice per level, one
	// entry per column of Columns: a parent label repeats over the columns
	// it spans, and a label that ends at a higher level leaves "" below.
	Header  [][]string
	Columns []Column
	Rows    []Row
}

// ColumnType is the storage type of a column.
type ColumnType string

const (
	String  ColumnType = "string"
	Decimal ColumnType = "decimal"
)

// Column describes one leaf column of a table.
type Column struct {
	Name  string     `json:"name"`  // canonical ASCII name, unique in the table
	Label string     `json:"label"` // the source's label, levels joined by "/"
	Type  ColumnType `json:"type"`
	// Scale is the largest number of decimal places seen in a decimal
	// column: enough to declare DECIMAL(p, Scale) without losing a digit.
	Scale int `json:"scale,omitempty"`
}

// Row is one body row of a table.
type Row struct {
	Cells []Value
	Page  int  // page the row was read from
	Line  int  // line number in the source (see layout.Line.Number)
	Total bool // a 合计/总计/小计 row
}

// Value is one cell. Text is the normalised text as it will be written; for
// a decimal column Num holds the parsed amount (Valid false for an empty
// cell: empty is null, never zero).
type Value struct {
	Text string
	Num  decimal.NullDecimal
}

// Empty reports whether the cell holds nothing.
func (v Value) Empty() bool { return v.Text == "" }

// Col returns the index of the column with the given canonical name, or -1.
func (t *Table) Col(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// Severity ranks a finding. Only errors fail a document under --strict.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Finding is one thing that does not reconcile, or that a reader had to
// correct or doubt. It names exactly where, so a person can look.
type Finding struct {
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Document string   `json:"document"`
	Table    string   `json:"table,omitempty"`
	RowCode  string   `json:"row_code,omitempty"`
	RowLabel string   `json:"row_label,omitempty"`
	Line     int      `json:"line,omitempty"`
	// Row is the 1-based body row of Table the finding names, as in the
	// table's CSV (0 when it names none). Export fills it from Line.
	Row        int    `json:"row,omitempty"`
	Column     string `json:"column,omitempty"`
	Expected   string `json:"expected,omitempty"`
	Found      string `json:"found,omitempty"`
	Difference string `json:"difference,omitempty"`
	Pages      []int  `json:"pages,omitempty"`
	Message    string `json:"message"`
}

// Quality is how completely a document was read: what its pages print
// against what came out. It is in manifest.json and run.json, so a person
// can sort an archive by what to look at first.
type Quality struct {
	Pages          int   `json:"pages"`
	TablePages     int   `json:"table_pages"`     // pages that tables claim and that print numbers
	UnclaimedPages []int `json:"unclaimed_pages"` // pages of aligned amounts no table claims
	Amounts        int   `json:"amounts"`         // amounts printed on table pages
	Placed         int   `json:"amounts_placed"`  // of them, in an output cell
	Unplaced       int   `json:"amounts_unplaced"`
	Unprinted      int   `json:"amounts_unprinted"` // output amounts not printed where their row was read
	TablesExpected int   `json:"tables_expected"`   // by the document's own list or numbering; 0 when it has none
	TablesFound    int   `json:"tables_found"`
	MissingTables  []int `json:"missing_tables"` // 附件 numbers listed or skipped but not found
	Errors         int   `json:"finding_errors"`
	Warnings       int   `json:"finding_warnings"`
	Infos          int   `json:"finding_infos"`
}

// Count sets the finding counts of q from findings.
func (q *Quality) Count(findings []Finding) {
	q.Errors, q.Warnings, q.Infos = 0, 0, 0
	for _, f := range findings {
		switch f.Severity {
		case Error:
			q.Errors++
		case Warning:
			q.Warnings++
		default:
			q.Infos++
		}
	}
}
