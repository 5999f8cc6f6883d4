package validate

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/table"
)

const seedCSVDir = "../fixtures/000_40af54efeba53a7c"

// readCSVTable reads one golden CSV ("a02_gpb_expenditure.csv": ID a02,
// kind gpb_expenditure) into a table, rows numbered 0 (the CSV keeps no
// source lines).
func readCSVTable(t *testing.T, path string) *table.Table {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	base := strings.TrimSuffix(filepath.Base(path), ".csv")
	id, kind, _ := strings.Cut(base, "_")
	var rows []string
	for _, r := range recs[1:] {
		rows = append(rows, "0|"+strings.Join(r, "|"))
	}
	tb := mk(id, kind, strings.Join(recs[0], " "), rows...)
	return tb
}

// TestSeedFromGoldenCSV runs the checks on the normaliser's golden tables
// of the seed, when they exist: the findings are the hand-worked ones.
func TestSeedFromGoldenCSV(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(seedCSVDir, "*.csv"))
	if len(paths) == 0 {
		t.Skip("no golden CSVs yet")
	}
	sort.Strings(paths)
	d := &table.Document{Source: "000_40af54efeba53a7c.txt", Unit: "万元", Year: 2025,
		Narrative: seedNarrative(seedLines(t))}
	for _, p := range paths {
		d.Tables = append(d.Tables, readCSVTable(t, p))
	}
	ws := make([]want, len(seedWant))
	for i, x := range seedWant {
		x.Line = 0
		ws[i] = x
	}
	assertFindings(t, Check(d), ws...)
}
