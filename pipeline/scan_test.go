package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/normalize"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/validate"
)

// scanCases are the seed's pages printed, degraded like scans and wrapped
// as image-only PDFs (or a TIFF) by scripts/scanfixtures, with the golden
// tables they must give (the text path's, fixtures/000_40af54efeba53a7c/).
var scanCases = []struct {
	input    string
	tables   []string
	kind     string // the manifest's input_kind
	ocrPages []int
}{
	{"../fixtures/scan/seed-a1-a2-200dpi.pdf", []string{"a01_fiscal_summary.csv", "a02_gpb_expenditure.csv"}, "ocr", []int{1, 2, 3, 4}},
	{"../fixtures/scan/seed-a3-300dpi.pdf", []string{"a03_gpb_basic_expenditure.csv"}, "ocr", []int{1, 2}},
	// 附件 2 typeset without rules, as a bilevel multi-page TIFF: columns
	// come from the alignment of the text alone.
	{"../fixtures/scan/seed-a2-unruled-200dpi.tif", []string{"a02_gpb_expenditure.csv"}, "ocr", []int{1, 2}},
	// Mixed: 附件 1 from the text layer, 附件 2 scanned, in one PDF.
	{"../fixtures/scan/seed-mixed-a1-text-a2-scan.pdf", []string{"a01_fiscal_summary.csv", "a02_gpb_expenditure.csv"}, "mixed", []int{3, 4}},
}

// minScanShare is the share of cells a scanned fixture must read exactly.
const minScanShare = 0.995

// TestScannedSeed reads the scanned seed pages by OCR through the whole
// pipeline and compares each table with the golden CSV cell by cell: at
// least 99.5% of the cells must be equal, and every wrong number must be
// named by a finding on its row (no silent wrong number).
func TestScannedSeed(t *testing.T) {
	r := extract.New(extract.Options{Workers: 2})
	defer r.Close()
	golden := goldenCases[0].golden
	for _, sc := range scanCases {
		t.Run(filepath.Base(sc.input), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "doc")
			res := Process(context.Background(), Job{Input: sc.input, OutDir: out},
				Options{Reader: r, Check: validate.Check, Export: export.Options{NoXLSX: true}})
			if res.Failed() {
				t.Fatalf("extract failed: %s", res.Error)
			}
			noCoverageErrors(t, res)
			m := readManifest(t, filepath.Join(out, "manifest.json"))
			if fmt.Sprint(m.OCRPages) != fmt.Sprint(sc.ocrPages) || m.InputKind != sc.kind {
				t.Errorf("manifest: input_kind %q, ocr_pages %v; want %q, %v", m.InputKind, m.OCRPages, sc.kind, sc.ocrPages)
			}
			gotFiles, _ := filepath.Glob(filepath.Join(out, "*.csv"))
			if got, want := names(gotFiles), names(sc.tables); got != want {
				t.Errorf("tables: got %s, want %s", got, want)
			}
			correct, total := 0, 0
			for _, name := range sc.tables {
				want := readCSV(t, filepath.Join(golden, name))
				got := readCSV(t, filepath.Join(out, name))
				c, n := compareScanned(t, name, want, got, m.Findings)
				correct += c
				total += n
				t.Logf("%s: %d/%d cells equal", name, c, n)
			}
			share := float64(correct) / float64(max(1, total))
			t.Logf("%s: %d/%d cells equal (%.2f%%)", filepath.Base(sc.input), correct, total, 100*share)
			if share < minScanShare {
				t.Errorf("%d/%d cells equal (%.2f%%), want at least %.1f%%", correct, total, 100*share, 100*minScanShare)
			}
		})
	}
}

type scanManifest struct {
	InputKind string          `json:"input_kind"`
	OCRPages  []int           `json:"ocr_pages"`
	Findings  []table.Finding `json:"findings"`
}

func readManifest(t *testing.T, path string) scanManifest {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m scanManifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// compareScanned counts the equal cells of a table (header row included)
// and fails on a wrong number that no finding of its table and row names.
func compareScanned(t *testing.T, name string, want, got [][]string, findings []table.Finding) (correct, total int) {
	t.Helper()
	id := name[:len(name)-len(filepath.Ext(name))]
	if i := strings.IndexByte(id, '_'); i > 0 {
		id = id[:i]
	}
	for i := range want {
		for j := range want[i] {
			total++
			g := ""
			if i < len(got) && j < len(got[i]) {
				g = got[i][j]
			}
			if g == want[i][j] {
				correct++
				continue
			}
			t.Logf("%s row %d column %s: got %q, want %q", name, i, want[0][j], g, want[i][j])
			if _, _, ok := normalize.ParseAmount(want[i][j]); !ok || i == 0 {
				continue
			}
			if !flagged(findings, id, want[i]) {
				t.Errorf("%s row %d column %s: %q read as %q with no finding on the row", name, i, want[0][j], want[i][j], g)
			}
		}
	}
	return correct, total
}

// flagged reports whether a finding names the table and the row (by its
// code or its label).
func flagged(fs []table.Finding, id string, row []string) bool {
	for _, f := range fs {
		if f.Table != id {
			continue
		}
		for _, c := range row {
			if c != "" && (f.RowCode == c || f.RowLabel == c) {
				return true
			}
		}
	}
	return false
}
