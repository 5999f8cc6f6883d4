package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/validate"
)

// cjkSpace matches spaces next to a Chinese character or CJK punctuation.
// A PDF that draws no space glyph (LibreOffice, Chromium) does not record
// "2025 网络宣传" differently from "49号": the gap is the same 0.22–0.24 em
// either way. Such spaces are therefore not compared; everything else is.
var cjkSpace = regexp.MustCompile(`\s*([\x{3000}-\x{303f}\x{4e00}-\x{9fff}\x{ff00}-\x{ffef}])\s*`)

func pdfCellKey(s string) string { return cjkSpace.ReplaceAllString(s, "$1") }

// TestSeedPDFs reads the seed disclosure typeset as PDF by
// scripts/seedpdf (ruled portrait and narrow landscape by LibreOffice,
// ruled by Chromium with another font, and portrait by LibreOffice without
// any rules: columns by alignment only) and expects the text path's golden
// tables cell for cell, and the same validation findings.
func TestSeedPDFs(t *testing.T) {
	pdfs, _ := filepath.Glob("../fixtures/pdf/seed/*.pdf")
	if len(pdfs) < 4 {
		t.Fatalf("seed PDFs missing: %v (run scripts/seedpdf/make.sh)", pdfs)
	}
	golden := goldenCases[0].golden
	text := Process(context.Background(), Job{Input: goldenCases[0].input, OutDir: filepath.Join(t.TempDir(), "text")},
		Options{Reader: testReader, Check: validate.Check, Export: export.Options{NoXLSX: true}})
	if text.Failed() {
		t.Fatal(text.Error)
	}
	want := findingKeys(t, filepath.Join(text.Output, "manifest.json"))
	for _, p := range pdfs {
		t.Run(filepath.Base(p), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "doc")
			res := Process(context.Background(), Job{Input: p, OutDir: out},
				Options{Reader: testReader, Check: validate.Check, Export: export.Options{NoXLSX: true}})
			if res.Failed() {
				t.Fatalf("extract failed: %s", res.Error)
			}
			noCoverageErrors(t, res)
			wantFiles, _ := filepath.Glob(filepath.Join(golden, "*.csv"))
			gotFiles, _ := filepath.Glob(filepath.Join(out, "*.csv"))
			if names(wantFiles) != names(gotFiles) {
				t.Errorf("tables differ:\n got %s\nwant %s", names(gotFiles), names(wantFiles))
			}
			for _, w := range wantFiles {
				a, b := readCSV(t, w), readCSV(t, filepath.Join(out, filepath.Base(w)))
				if len(a) != len(b) {
					t.Errorf("%s: %d rows, want %d", filepath.Base(w), len(b)-1, len(a)-1)
					continue
				}
				for i := range a {
					if len(a[i]) != len(b[i]) {
						t.Errorf("%s row %d: %d cells, want %d", filepath.Base(w), i, len(b[i]), len(a[i]))
						continue
					}
					for j := range a[i] {
						if pdfCellKey(a[i][j]) != pdfCellKey(b[i][j]) {
							t.Errorf("%s row %d column %s: got %q, want %q", filepath.Base(w), i, a[0][j], b[i][j], a[i][j])
						}
					}
				}
			}
			if got := findingKeys(t, filepath.Join(out, "manifest.json")); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings differ from the text's:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
			}
		})
	}
}

// findingKeys lists a manifest's findings as comparable strings.
func findingKeys(t *testing.T, manifest string) []string {
	t.Helper()
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Findings []table.Finding }
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range m.Findings {
		out = append(out, strings.Join([]string{string(f.Severity), f.Rule, f.Table, f.RowCode, f.Column, f.Expected, f.Found}, "|"))
	}
	sort.Strings(out)
	return out
}
