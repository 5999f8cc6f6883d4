package pipeline

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/internal/unruledgen"
	"github.com/yusuan-data/yusuan/validate"
)

// unruledDocs is how many documents TestUnruledGenerated prints (at least
// 40: every font in both kinds of descriptor metrics, portrait and
// landscape, narrow and wide gaps); YUSUAN_UNRULED_N overrides it.
const unruledDocs = 48

// Minimum share of truth cells the PDF path must reproduce, overall and
// per font.
const (
	unruledMinAll     = 0.995
	unruledMinPerFont = 0.99
)

// TestUnruledGenerated prints budget tables without ruling lines in four
// CJK fonts and many layouts (internal/unruledgen), reads each PDF and its
// truth (the same document as a text export) through the whole pipeline,
// and compares every table cell by cell. A table the PDF path misses
// counts all its cells as wrong. The figures per font are logged:
//
//	go test ./pipeline -run UnruledGenerated -v
func TestUnruledGenerated(t *testing.T) {
	n := unruledDocs
	if v, err := strconv.Atoi(os.Getenv("YUSUAN_UNRULED_N")); err == nil {
		n = v
	}
	cases, err := unruledgen.Generate(n, goldenCases[0].input, "../subject/codes.tsv")
	if err != nil {
		t.Skipf("generator unavailable (fonts from scripts/apt-packages.txt missing?): %v", err)
	}
	dir := t.TempDir()
	type tally struct{ ok, all, tables, missing int }
	perFont := map[string]*tally{}
	var total tally
	for _, c := range cases {
		txt := filepath.Join(dir, c.Name+".txt")
		pdf := filepath.Join(dir, c.Name+".pdf")
		if err := os.WriteFile(txt, c.Text, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(pdf, c.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		opts := Options{Reader: testReader, Check: validate.Check, Export: export.Options{NoXLSX: true}}
		want := Process(context.Background(), Job{Input: txt, OutDir: filepath.Join(dir, "want", c.Name)}, opts)
		got := Process(context.Background(), Job{Input: pdf, OutDir: filepath.Join(dir, "got", c.Name)}, opts)
		if want.Failed() {
			t.Fatalf("%s: truth failed: %s", c.Name, want.Error)
		}
		tl := perFont[c.Font]
		if tl == nil {
			tl = &tally{}
			perFont[c.Font] = tl
		}
		var d tally
		var diffs []string
		wantFiles, _ := filepath.Glob(filepath.Join(want.Output, "*.csv"))
		var gotFiles []string
		if !got.Failed() {
			gotFiles, _ = filepath.Glob(filepath.Join(got.Output, "*.csv"))
		}
		gotByKind := byKind(gotFiles)
		for w, key := range byKindKeys(wantFiles) {
			a := readCSVFile(t, w)
			var b [][]string
			if g, ok := gotByKind[key]; ok {
				b = readCSVFile(t, g)
			}
			ok, all := compareCells(a, b)
			d.ok += ok
			d.all += all
			d.tables++
			if b == nil {
				d.missing++
				diffs = append(diffs, filepath.Base(w)+" missing")
			} else if ok < all {
				diffs = append(diffs, fmt.Sprintf("%s %d/%d", filepath.Base(w), ok, all))
			}
		}
		for _, x := range []*tally{tl, &total} {
			x.ok += d.ok
			x.all += d.all
			x.tables += d.tables
			x.missing += d.missing
		}
		if len(diffs) > 0 {
			t.Logf("%s: %d/%d cells; %s", c.Name, d.ok, d.all, strings.Join(diffs, ", "))
		}
	}
	var fonts []string
	for f := range perFont {
		fonts = append(fonts, f)
	}
	sort.Strings(fonts)
	share := func(x *tally) float64 { return float64(x.ok) / float64(max(x.all, 1)) }
	for _, f := range fonts {
		x := perFont[f]
		t.Logf("font %-10s %6.2f%% of %d cells, %d tables, %d missing", f, 100*share(x), x.all, x.tables, x.missing)
	}
	t.Logf("all %d documents: %6.2f%% of %d cells, %d tables, %d missing", len(cases), 100*share(&total), total.all, total.tables, total.missing)
	if os.Getenv("YUSUAN_UNRULED_MEASURE") != "" {
		return
	}
	if share(&total) < unruledMinAll {
		t.Errorf("cells right: %.2f%%, want at least %.1f%%", 100*share(&total), 100*unruledMinAll)
	}
	for _, f := range fonts {
		if share(perFont[f]) < unruledMinPerFont {
			t.Errorf("font %s: cells right %.2f%%, want at least %.0f%%", f, 100*share(perFont[f]), 100*unruledMinPerFont)
		}
	}
}

// byKindKeys names each table file by its kind and its place among the
// tables of that kind ("gpb_expenditure#1"): a table id counts the tables
// before it when no 附件 numbers them, so one table missed earlier would
// make every later one look missing.
func byKindKeys(files []string) map[string]string {
	sort.Strings(files)
	n := map[string]int{}
	out := map[string]string{}
	for _, f := range files {
		b := strings.TrimSuffix(filepath.Base(f), ".csv")
		kind := b[strings.IndexByte(b, '_')+1:]
		if i := strings.IndexByte(b, '-'); i >= 0 && i < strings.IndexByte(b, '_') {
			kind = b[i:]
		}
		n[kind]++
		out[f] = fmt.Sprintf("%s#%d", kind, n[kind])
	}
	return out
}

func byKind(files []string) map[string]string {
	out := map[string]string{}
	for f, k := range byKindKeys(files) {
		out[k] = f
	}
	return out
}

// compareCells counts the body cells of truth table a that table b has
// equal, matching columns by name and rows by position; b nil has none.
func compareCells(a, b [][]string) (ok, all int) {
	if len(a) == 0 {
		return 0, 0
	}
	col := map[string]int{}
	if len(b) > 0 {
		for j, n := range b[0] {
			col[n] = j
		}
	}
	for i := 1; i < len(a); i++ {
		for j, v := range a[i] {
			all++
			k, has := col[a[0][j]]
			if b == nil || !has || i >= len(b) || k >= len(b[i]) {
				continue
			}
			if pdfCellKey(b[i][k]) == pdfCellKey(v) {
				ok++
			}
		}
	}
	return ok, all
}

// readCSVFile reads a CSV; nil when the file does not exist.
func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}
