package pipeline

import (
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/table"
)

// noCoverageErrors fails on any coverage or table-shape error of a document
// that was read right: the checks that keep a run from being silently
// wrong must not cry wolf on clean input either. It also checks that the
// quality summary adds up.
func noCoverageErrors(t *testing.T, res Result) {
	t.Helper()
	if res.Doc == nil || res.Quality == nil {
		t.Fatalf("%s: no document or no quality summary", res.Input)
	}
	for _, f := range res.Doc.Findings {
		if f.Severity == table.Error && (strings.HasPrefix(f.Rule, "coverage.") || strings.HasPrefix(f.Rule, "table.")) {
			t.Errorf("%s: false alarm %s: %s", res.Input, f.Rule, f.Message)
		}
	}
	q := res.Quality
	if q.Unplaced != 0 || q.Unprinted != 0 || q.Placed != q.Amounts || q.Amounts == 0 {
		t.Errorf("%s: quality %+v: every amount printed must be placed", res.Input, *q)
	}
	if q.TablesFound != len(res.Doc.Tables) || q.Errors != res.Errors {
		t.Errorf("%s: quality %+v does not match the result (%d tables, %d errors)", res.Input, *q, len(res.Doc.Tables), res.Errors)
	}
}
