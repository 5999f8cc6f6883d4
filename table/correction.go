package table

import "time"

// Correction is a person's settlement of something yusuan read: a cell's
// value, a table's kind or 附件 number, a table split or two joined, a page
// that is not a table. Corrections are kept as data beside the output
// (package correct: one JSON file per source document, keyed by its
// sha256), applied by every later run, and each applied one is listed in
// the manifest with what it changed, from what, to what, and when.
//
// Before is what the person saw when they made the correction; a run
// applies it only when the document still reads so, and otherwise reports
// it (correction.stale) and leaves the document as read.
type Correction struct {
	// Op is what it does: "cell", "kind", "attachment", "split", "join"
	// or "not_table".
	Op string `json:"op"`
	// Table is the table's id as it reads when the correction applies,
	// after the corrections listed before it ("a02").
	Table string `json:"table,omitempty"`
	// Row is a 1-based body row as in the table's CSV: the cell's row, or
	// the first row of the new table of a split.
	Row int `json:"row,omitempty"`
	// Key is the row's label as read (its text columns joined by a space),
	// so a row that moved is not mistaken for another.
	Key string `json:"key,omitempty"`
	// Column is the canonical column name of a cell ("total").
	Column string `json:"column,omitempty"`
	// Page is the page a not_table correction marks.
	Page int `json:"page,omitempty"`
	// With is the table a join appends to Table.
	With   string    `json:"with,omitempty"`
	Before string    `json:"before"`
	After  string    `json:"after"`
	When   time.Time `json:"when"`
	Note   string    `json:"note,omitempty"`
}
