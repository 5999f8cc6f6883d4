package correct

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yusuan-data/yusuan/normalize"
	"github.com/yusuan-data/yusuan/table"
)

// The operations of a correction (table.Correction.Op).
const (
	OpCell       = "cell"       // a cell's value: Table, Row, Column; Before → After
	OpKind       = "kind"       // a table's kind: Before → After
	OpAttachment = "attachment" // a table's 附件 number (its id follows): Before → After
	OpSplit      = "split"      // a table cut before Row; After is the new table's id
	OpJoin       = "join"       // table With appended to Table (same columns)
	OpNotTable   = "not_table"  // page Page is no table: its rows dropped
)

// Result is what applying a document's corrections did: the corrections
// applied (also in doc.Corrections) and what the checks that follow may
// no longer report (see Settle).
type Result struct {
	Applied []table.Correction
	// cells corrected, by table id, source line and column name; pages
	// marked as no table.
	cells map[cellRef]bool
	pages map[int]bool
}

type cellRef struct {
	table  string
	line   int
	column string
}

// Apply applies f's corrections to doc in order. A correction that does
// not fit the document as read (its table, row or column is gone, or the
// value it was made against is not the value now) is not applied: it
// becomes a correction.stale finding, appended to doc.Findings. Every
// applied one is recorded in doc.Corrections and as a correction.applied
// finding (info), so the findings sheet shows it beside the others.
func Apply(doc *table.Document, f *File) *Result {
	res := &Result{cells: map[cellRef]bool{}, pages: map[int]bool{}}
	if f == nil {
		return res
	}
	for _, c := range f.Corrections {
		if err := Check(c); err != nil {
			doc.Findings = append(doc.Findings, stale(doc, c, err.Error()))
			continue
		}
		if why := apply(doc, c, res); why != "" {
			doc.Findings = append(doc.Findings, stale(doc, c, why))
			continue
		}
		res.Applied = append(res.Applied, c)
		doc.Corrections = append(doc.Corrections, c)
		doc.Findings = append(doc.Findings, table.Finding{
			Severity: table.Info, Rule: "correction.applied", Document: doc.Source, Table: c.Table,
			Row: c.Row, RowLabel: c.Key, Column: c.Column, Pages: pagesOf(c),
			Expected: c.After, Found: c.Before,
			Message: fmt.Sprintf("%s: %s (corrected %s)", describe(c), change(c), c.When.UTC().Format("2006-01-02 15:04 MST")),
		})
	}
	return res
}

func pagesOf(c table.Correction) []int {
	if c.Page > 0 {
		return []int{c.Page}
	}
	return nil
}

// stale is the finding of a correction that was not applied.
func stale(doc *table.Document, c table.Correction, why string) table.Finding {
	return table.Finding{
		Severity: table.Warning, Rule: "correction.stale", Document: doc.Source, Table: c.Table,
		Row: c.Row, RowLabel: c.Key, Column: c.Column, Pages: pagesOf(c), Expected: c.Before, Found: "",
		Message: fmt.Sprintf("%s, made %s, no longer fits and was not applied: %s", describe(c), c.When.UTC().Format("2006-01-02 15:04 MST"), why),
	}
}

func describe(c table.Correction) string {
	switch c.Op {
	case OpCell:
		return fmt.Sprintf("correction of %s row %d %s", c.Table, c.Row, c.Column)
	case OpNotTable:
		return fmt.Sprintf("page %d marked as no table", c.Page)
	case OpJoin:
		return fmt.Sprintf("join of %s to %s", c.With, c.Table)
	case OpSplit:
		return fmt.Sprintf("split of %s before row %d", c.Table, c.Row)
	}
	return fmt.Sprintf("correction of %s's %s", c.Table, c.Op)
}

func change(c table.Correction) string {
	return fmt.Sprintf("%q → %q", c.Before, c.After)
}

// apply makes one correction, or says why it does not fit ("" when
// applied).
func apply(doc *table.Document, c table.Correction, res *Result) string {
	if c.Op == OpNotTable {
		return notTable(doc, c, res)
	}
	ti := find(doc, c.Table)
	if ti < 0 {
		return fmt.Sprintf("no table %s", c.Table)
	}
	t := doc.Tables[ti]
	switch c.Op {
	case OpCell:
		return setCell(t, c, res)
	case OpKind:
		if t.Kind != c.Before {
			return fmt.Sprintf("the table's kind is %s, not %s", t.Kind, c.Before)
		}
		t.Kind = c.After
	case OpAttachment:
		if strconv.Itoa(t.Attachment) != c.Before {
			return fmt.Sprintf("the table is 附件 %d, not %s", t.Attachment, c.Before)
		}
		n, _ := strconv.Atoi(c.After)
		id := renumber(t.ID, n)
		if id != t.ID && find(doc, id) >= 0 {
			return fmt.Sprintf("a table %s exists already", id)
		}
		t.Attachment, t.ID = n, id
	case OpSplit:
		return split(doc, ti, c)
	case OpJoin:
		return join(doc, ti, c)
	}
	return ""
}

func find(doc *table.Document, id string) int {
	for i, t := range doc.Tables {
		if t.ID == id {
			return i
		}
	}
	return -1
}

var idNumRe = regexp.MustCompile(`^a[0-9]+`)

// renumber gives a table id the 附件 number n: "a02-form" → "a05-form".
func renumber(id string, n int) string {
	if !idNumRe.MatchString(id) {
		return id
	}
	return idNumRe.ReplaceAllString(id, fmt.Sprintf("a%02d", n))
}

// RowKey is a row's label as read: the text of its string columns, joined
// by a space. A correction keeps it to tell its row from another.
func RowKey(t *table.Table, row int) string {
	if row < 1 || row > len(t.Rows) {
		return ""
	}
	var parts []string
	for i, v := range t.Rows[row-1].Cells {
		if i < len(t.Columns) && t.Columns[i].Type == table.String && v.Text != "" {
			parts = append(parts, v.Text)
		}
	}
	return strings.Join(parts, " ")
}

func setCell(t *table.Table, c table.Correction, res *Result) string {
	if c.Row > len(t.Rows) {
		return fmt.Sprintf("%s has %d rows", t.ID, len(t.Rows))
	}
	col := t.Col(c.Column)
	if col < 0 {
		return fmt.Sprintf("%s has no column %s", t.ID, c.Column)
	}
	if c.Key != "" && RowKey(t, c.Row) != c.Key {
		return fmt.Sprintf("row %d reads %q, not %q", c.Row, RowKey(t, c.Row), c.Key)
	}
	r := &t.Rows[c.Row-1]
	for len(r.Cells) < len(t.Columns) {
		r.Cells = append(r.Cells, table.Value{})
	}
	if r.Cells[col].Text != c.Before {
		return fmt.Sprintf("the cell reads %q, not %q", r.Cells[col].Text, c.Before)
	}
	v := table.Value{Text: strings.TrimSpace(c.After)}
	if t.Columns[col].Type == table.Decimal && v.Text != "" {
		d, scale, ok := normalize.ParseAmount(v.Text)
		if !ok {
			return fmt.Sprintf("%q is no amount, and %s is an amount column", c.After, c.Column)
		}
		v.Text = normalize.FormatAmount(d, scale)
		v.Num.Decimal, v.Num.Valid = d, true
		t.Columns[col].Scale = max(t.Columns[col].Scale, scale)
	}
	r.Cells[col] = v
	// A reading doubt names the column by its name or by its label.
	label := t.Columns[col].Label
	for _, name := range []string{c.Column, label, label[strings.LastIndex(label, "/")+1:]} {
		res.cells[cellRef{t.ID, r.Line, name}] = true
	}
	return ""
}

// split cuts t before row c.Row: the rows from there on become a new table
// (id c.After, or t's id with "-2", "-3" …) of the same kind, columns and
// header, right after t.
func split(doc *table.Document, ti int, c table.Correction) string {
	t := doc.Tables[ti]
	if c.Row > len(t.Rows) {
		return fmt.Sprintf("%s has %d rows", t.ID, len(t.Rows))
	}
	if c.Key != "" && RowKey(t, c.Row) != c.Key {
		return fmt.Sprintf("row %d reads %q, not %q", c.Row, RowKey(t, c.Row), c.Key)
	}
	id := c.After
	if id == "" {
		for n := 2; ; n++ {
			if id = fmt.Sprintf("%s-%d", t.ID, n); find(doc, id) < 0 {
				break
			}
		}
	} else if find(doc, id) >= 0 || !tableIDRe.MatchString(id) {
		return fmt.Sprintf("%q is no free table id", id)
	}
	nt := *t
	nt.ID = id
	nt.Rows = slices.Clone(t.Rows[c.Row-1:])
	t.Rows = t.Rows[:c.Row-1]
	span(t)
	span(&nt)
	doc.Tables = slices.Insert(doc.Tables, ti+1, &nt)
	return ""
}

var tableIDRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,40}$`)

// join appends table c.With to t: the continuation of a table read as a
// table of its own. Their columns must be the same.
func join(doc *table.Document, ti int, c table.Correction) string {
	t := doc.Tables[ti]
	wi := find(doc, c.With)
	if wi < 0 {
		return fmt.Sprintf("no table %s", c.With)
	}
	w := doc.Tables[wi]
	if got := fmt.Sprintf("%d+%d", len(t.Rows), len(w.Rows)); c.Before != "" && got != c.Before {
		return fmt.Sprintf("the tables have %s rows, not %s", got, c.Before)
	}
	if len(t.Columns) != len(w.Columns) {
		return fmt.Sprintf("%s has %d columns and %s %d", t.ID, len(t.Columns), w.ID, len(w.Columns))
	}
	for i := range t.Columns {
		if t.Columns[i].Name != w.Columns[i].Name {
			return fmt.Sprintf("column %d is %s in %s and %s in %s", i+1, t.Columns[i].Name, t.ID, w.Columns[i].Name, w.ID)
		}
		t.Columns[i].Scale = max(t.Columns[i].Scale, w.Columns[i].Scale)
	}
	t.Rows = append(t.Rows, w.Rows...)
	span(t)
	doc.Tables = slices.Delete(doc.Tables, wi, wi+1)
	return ""
}

// notTable drops every row read from page c.Page, and the tables left
// without rows. Before lists the tables with rows there ("a03,a04").
func notTable(doc *table.Document, c table.Correction, res *Result) string {
	var ids []string
	for _, t := range doc.Tables {
		for _, r := range t.Rows {
			if r.Page == c.Page {
				ids = append(ids, t.ID)
				break
			}
		}
	}
	if got := strings.Join(ids, ","); got != c.Before {
		if got == "" {
			return fmt.Sprintf("no table has rows on page %d", c.Page)
		}
		return fmt.Sprintf("page %d has rows of %s, not %s", c.Page, got, c.Before)
	}
	var keep []*table.Table
	for _, t := range doc.Tables {
		t.Rows = slices.DeleteFunc(t.Rows, func(r table.Row) bool { return r.Page == c.Page })
		if len(t.Rows) == 0 {
			continue
		}
		span(t)
		keep = append(keep, t)
	}
	doc.Tables = keep
	res.pages[c.Page] = true
	return ""
}

// span sets a table's pages and lines from its rows (after a split, join
// or rows dropped).
func span(t *table.Table) {
	if len(t.Rows) == 0 {
		return
	}
	var pages []int
	for _, r := range t.Rows {
		if r.Page > 0 && !slices.Contains(pages, r.Page) {
			pages = append(pages, r.Page)
		}
	}
	slices.Sort(pages)
	if len(pages) > 0 {
		t.Pages = pages
	}
	t.Lines = [2]int{t.Rows[0].Line, t.Rows[len(t.Rows)-1].Line}
}

// Settle drops the findings a person's correction has answered: a reading
// doubt (ocr.*) or an amount not printed where it was read
// (coverage.unprinted_amount) on a cell they corrected, and the coverage
// findings of a page they marked as no table. Validation's findings are
// not settled: the checks ran again on the corrected tables.
func (r *Result) Settle(fs []table.Finding) []table.Finding {
	if r == nil || len(r.cells)+len(r.pages) == 0 {
		return fs
	}
	return slices.DeleteFunc(fs, func(f table.Finding) bool {
		if strings.HasPrefix(f.Rule, "ocr.") || f.Rule == "coverage.unprinted_amount" {
			if r.cells[cellRef{f.Table, f.Line, f.Column}] {
				return true
			}
		}
		if strings.HasPrefix(f.Rule, "coverage.") && len(f.Pages) == 1 && r.pages[f.Pages[0]] && f.Table == "" {
			return true
		}
		return false
	})
}
