package correct_test

import (
	"encoding/json"
	"slices"
	"sync"
	"testing"

	"github.com/yusuan-data/yusuan/correct"
	"github.com/yusuan-data/yusuan/table"
)

var (
	seedOnce sync.Once
	seedDoc  *table.Document
)

// copyDoc copies what Apply may change: the tables (down to their cells),
// the findings and the corrections.
func copyDoc(d *table.Document) *table.Document {
	c := *d
	c.Tables = make([]*table.Table, len(d.Tables))
	for i, t := range d.Tables {
		tc := *t
		tc.Pages = slices.Clone(t.Pages)
		tc.Columns = slices.Clone(t.Columns)
		tc.Header = make([][]string, len(t.Header))
		for j, h := range t.Header {
			tc.Header[j] = slices.Clone(h)
		}
		tc.Rows = make([]table.Row, len(t.Rows))
		for j, r := range t.Rows {
			r.Cells = slices.Clone(r.Cells)
			tc.Rows[j] = r
		}
		c.Tables[i] = &tc
	}
	c.Findings = slices.Clone(d.Findings)
	c.Corrections = slices.Clone(d.Corrections)
	return &c
}

// FuzzParseApply feeds corrections files, which a person or a server writes
// and anyone may hand-edit, to Parse and, when they parse, to Apply on the
// seed document. Neither panics; a file that parses reads back the same
// after Save's encoding; every correction Apply is given is either applied
// (and recorded) or named by a correction.stale finding, never dropped.
func FuzzParseApply(f *testing.F) {
	sum := "0000000000000000000000000000000000000000000000000000000000000000"
	for _, s := range []string{
		`{"sha256":"` + sum + `","corrections":[{"op":"cell","table":"a02","row":5,"column":"project","before":"","after":"260.00"}]}`,
		`{"sha256":"` + sum + `","corrections":[{"op":"kind","table":"a03","after":"gpb_expenditure"},{"op":"attachment","table":"a03","after":"8"}]}`,
		`{"sha256":"` + sum + `","corrections":[{"op":"split","table":"a10","row":3},{"op":"join","table":"a10","with":"a11"},{"op":"not_table","page":2}]}`,
		`{"sha256":"` + sum + `","corrections":[{"op":"cell","table":"a01","row":1,"column":"total","before":"x","after":"1e9999"}]}`,
		`{"sha256":"zz"}`, `{}`, `[]`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := correct.Parse(data)
		if err != nil {
			return
		}
		again, err := json.Marshal(file)
		if err != nil {
			t.Fatalf("a parsed file does not encode: %v", err)
		}
		if _, err := correct.Parse(again); err != nil {
			t.Fatalf("a parsed file does not read back: %v\n%s", err, again)
		}
		seedOnce.Do(func() { seedDoc = convert(t, "") })
		doc := copyDoc(seedDoc)
		before := len(doc.Findings)
		res := correct.Apply(doc, file)
		stale := 0
		for _, f := range doc.Findings[before:] {
			if f.Rule == "correction.stale" {
				stale++
			}
		}
		if len(res.Applied)+stale != len(file.Corrections) {
			t.Fatalf("%d corrections given, %d applied, %d stale", len(file.Corrections), len(res.Applied), stale)
		}
	})
}
