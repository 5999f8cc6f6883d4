package truth

import (
	"testing"

	"github.com/yusuan-data/yusuan/table"
)

func TestCompare(t *testing.T) {
	doc := &table.Document{
		Tables: []*table.Table{{ID: "a01", Pages: []int{1}}, {ID: "a02", Pages: []int{2}}},
		Findings: []table.Finding{
			{Severity: table.Error, Rule: "coverage.unplaced_amount", Pages: []int{2}},
		},
	}
	got := map[string][][]string{
		"a01": {{"total"}, {"1.00"}},
		"a02": {{"total"}, {"9.00"}},
	}
	want := []Table{
		{ID: "a01", Rows: [][]string{{"total"}, {"1.00"}}},
		{ID: "a02", Rows: [][]string{{"total"}, {"2.00"}}},
		{ID: "a03", Rows: [][]string{{"total"}, {"3.00"}}},
	}
	s := Compare(doc, got, want, nil)
	if s.Cells != 6 || s.Equal != 3 {
		t.Errorf("cells %d/%d, want 3/6", s.Equal, s.Cells)
	}
	if len(s.Wrong) != 2 || len(s.Flagged) != 2 || len(s.Silent) != 0 {
		t.Errorf("score %+v: want a02 (flagged by its page) and a03 (missing, flagged by coverage) wrong and flagged", s)
	}
	doc.Findings = nil
	s = Compare(doc, got, want, nil)
	if len(s.Silent) != 2 {
		t.Errorf("score %+v: with no finding both wrong tables are silent", s)
	}
}
