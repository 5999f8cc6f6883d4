package correct_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/yusuan-data/yusuan/correct"
	"github.com/yusuan-data/yusuan/pipeline"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/validate"
)

const seed = "../fixtures/000_40af54efeba53a7c.txt"

// The seed's 2013799 row prints its 260.00 of project spending under 合计
// only: the row sum fails. A person who settles the cell settles the
// finding, because validation runs again on the corrected table.
func TestSeedCorrectionRevalidated(t *testing.T) {
	doc := convert(t, "")
	a02 := tableOf(doc, "a02")
	row := rowOf(t, a02, "2013799")
	if !hasFinding(doc, "gpb_expenditure.row_sum", "a02", a02.Rows[row-1].Line) {
		t.Fatal("the seed no longer has its a02 row-sum finding at 2013799")
	}
	dir := t.TempDir()
	c := table.Correction{Op: correct.OpCell, Table: "a02", Row: row, Key: correct.RowKey(a02, row), Column: "project", Before: "", After: "260.00"}
	if err := correct.Save(dir, &correct.File{SHA256: doc.SHA256, Corrections: []table.Correction{c}}); err != nil {
		t.Fatal(err)
	}
	got := convert(t, dir)
	a02 = tableOf(got, "a02")
	if v := a02.Rows[row-1].Cells[a02.Col("project")]; v.Text != "260.00" || !v.Num.Valid {
		t.Fatalf("corrected cell reads %+v", v)
	}
	if hasFinding(got, "gpb_expenditure.row_sum", "a02", a02.Rows[row-1].Line) {
		t.Fatal("the row-sum finding is still there after the correction")
	}
	if len(got.Corrections) != 1 || got.CorrectionsSHA256 == "" {
		t.Fatalf("corrections recorded: %+v", got.Corrections)
	}
}

// Random corrections of random cells of the seed, half made against the
// value the document reads and half against another: the first are all
// applied and come out, the others are all reported and change nothing.
// No correction is silently dropped or blindly applied.
func TestSeedRandomCorrections(t *testing.T) {
	base := convert(t, "")
	for k := range 4 {
		rng := rand.New(rand.NewPCG(uint64(k), 19))
		var cs []table.Correction
		type want struct {
			table, col string
			row        int
			text       string
			applied    bool
		}
		var wants []want
		seen := map[string]bool{}
		for len(cs) < 12 {
			t0 := base.Tables[rng.IntN(len(base.Tables))]
			if len(t0.Rows) == 0 {
				continue
			}
			row := 1 + rng.IntN(len(t0.Rows))
			col := rng.IntN(len(t0.Columns))
			key := fmt.Sprint(t0.ID, row, col)
			if seen[key] {
				continue
			}
			seen[key] = true
			cur := cellText(t0, row, col)
			after := fmt.Sprintf("%d.%02d", rng.IntN(10000), rng.IntN(100))
			if t0.Columns[col].Type == table.String {
				after = fmt.Sprintf("改正%d", rng.IntN(1000))
			}
			ok := rng.IntN(2) == 0
			before := cur
			if !ok {
				before = cur + "9"
			}
			cs = append(cs, table.Correction{Op: correct.OpCell, Table: t0.ID, Row: row, Key: correct.RowKey(t0, row), Column: t0.Columns[col].Name, Before: before, After: after})
			w := want{t0.ID, t0.Columns[col].Name, row, cur, ok}
			if ok {
				w.text = after
			}
			wants = append(wants, w)
		}
		dir := t.TempDir()
		if err := correct.Save(dir, &correct.File{SHA256: base.SHA256, Corrections: cs}); err != nil {
			t.Fatal(err)
		}
		doc := convert(t, dir)
		applied, stale := 0, 0
		for _, w := range wants {
			tb := tableOf(doc, w.table)
			if got := cellText(tb, w.row, tb.Col(w.col)); got != w.text {
				t.Errorf("run %d: %s row %d %s reads %q, want %q (applied %v)", k, w.table, w.row, w.col, got, w.text, w.applied)
			}
			if w.applied {
				applied++
			} else {
				stale++
			}
		}
		if n := count(doc, "correction.applied"); n != applied || len(doc.Corrections) != applied {
			t.Errorf("run %d: %d correction.applied findings, %d recorded, want %d", k, n, len(doc.Corrections), applied)
		}
		if n := count(doc, "correction.stale"); n != stale {
			t.Errorf("run %d: %d correction.stale findings, want %d", k, n, stale)
		}
	}
}

func convert(t *testing.T, dir string) *table.Document {
	t.Helper()
	doc, err := pipeline.Convert(context.Background(), seed, pipeline.Options{Check: validate.Check, Corrections: dir})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func tableOf(doc *table.Document, id string) *table.Table {
	for _, t := range doc.Tables {
		if t.ID == id {
			return t
		}
	}
	return nil
}

func rowOf(t *testing.T, tb *table.Table, code string) int {
	for i, r := range tb.Rows {
		if len(r.Cells) > 0 && r.Cells[0].Text == code {
			return i + 1
		}
	}
	t.Fatalf("%s has no row %s", tb.ID, code)
	return 0
}

func cellText(tb *table.Table, row, col int) string {
	cells := tb.Rows[row-1].Cells
	if col < len(cells) {
		return cells[col].Text
	}
	return ""
}

func hasFinding(doc *table.Document, rule, tb string, line int) bool {
	for _, f := range doc.Findings {
		if f.Rule == rule && f.Table == tb && f.Line == line {
			return true
		}
	}
	return false
}

func count(doc *table.Document, rule string) int {
	n := 0
	for _, f := range doc.Findings {
		if f.Rule == rule {
			n++
		}
	}
	return n
}
