// Package truth scores a document's output against known truth, for the
// tests and benchmarks that run on generated documents: which tables are
// wrong, and which of the wrong ones no finding flags (silent). The promise
// yusuan makes is that a table is either right or flagged, so silent must
// be zero; accuracy is the share of cells equal to truth.
package truth

import (
	"sort"
	"strings"

	"github.com/yusuan-data/yusuan/table"
)

// Table is a truth table: its output ID (a02, a12-3-form), and its rows
// as the CSV has them, header row first.
type Table struct {
	ID   string
	Rows [][]string
}

// Score is what a document's output gets against its truth.
type Score struct {
	Cells, Equal int      // truth cells, and those the output has the same
	Wrong        []string // truth tables missing or with a cell that differs
	Flagged      []string // of them, those a warning or error names
	Silent       []string // of them, those nothing names
}

// Compare scores one document's tables. got holds each output table's
// rows as written (header row first), by ID; key normalises a cell before
// comparing (nil compares as is).
func Compare(doc *table.Document, got map[string][][]string, want []Table, key func(string) string) Score {
	if key == nil {
		key = func(s string) string { return s }
	}
	var s Score
	for _, w := range want {
		g := got[w.ID]
		same := len(g) == len(w.Rows)
		for i, row := range w.Rows {
			for j, cell := range row {
				s.Cells++
				if i < len(g) && j < len(g[i]) && key(g[i][j]) == key(cell) {
					s.Equal++
					continue
				}
				same = false
			}
			if i < len(g) && len(g[i]) != len(row) {
				same = false
			}
		}
		if same {
			continue
		}
		s.Wrong = append(s.Wrong, w.ID)
		if Flagged(doc, w.ID) {
			s.Flagged = append(s.Flagged, w.ID)
		} else {
			s.Silent = append(s.Silent, w.ID)
		}
	}
	sort.Strings(s.Silent)
	return s
}

// Flagged reports whether a warning or an error speaks of table id: names
// it, names a page of it, or (for a table that did not come out at all)
// says a table is missing, merged or a page unclaimed.
func Flagged(doc *table.Document, id string) bool {
	var pages map[int]bool
	for _, t := range doc.Tables {
		if t.ID == id {
			pages = map[int]bool{}
			for _, p := range t.Pages {
				pages[p] = true
			}
		}
	}
	for _, f := range doc.Findings {
		if f.Severity == table.Info {
			continue
		}
		if f.Table == id {
			return true
		}
		if pages == nil {
			// The table is missing: any sign that the document lost one.
			if strings.HasPrefix(f.Rule, "coverage.") || f.Rule == "table.merged" || f.Rule == "page.unread" {
				return true
			}
			continue
		}
		if f.Table == "" {
			for _, p := range f.Pages {
				if pages[p] {
					return true
				}
			}
		}
	}
	return false
}

// Add sums scores.
func (s *Score) Add(o Score) {
	s.Cells += o.Cells
	s.Equal += o.Equal
	s.Wrong = append(s.Wrong, o.Wrong...)
	s.Flagged = append(s.Flagged, o.Flagged...)
	s.Silent = append(s.Silent, o.Silent...)
}

// Share is the share of cells equal to truth.
func (s Score) Share() float64 {
	if s.Cells == 0 {
		return 1
	}
	return float64(s.Equal) / float64(s.Cells)
}
