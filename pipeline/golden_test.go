package pipeline

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/extract/ocr"
	"github.com/yusuan-data/yusuan/extract/pdf"
)

// goldenCase is an input and the folder of hand-checked CSVs it must give.
type goldenCase struct {
	input  string
	golden string
}

var goldenCases = []goldenCase{
	{"../fixtures/000_40af54efeba53a7c.txt", "../fixtures/000_40af54efeba53a7c"},
	// Real PDFs: every amount was compared with pdftotext's reading of the
	// same pages, and every table read by eye against the page.
	{"../fixtures/pdf/corpus/shanghai-putuo-sifaju-2026-budget.pdf", "../fixtures/pdf/corpus/shanghai-putuo-sifaju-2026-budget"},
	{"../fixtures/pdf/corpus/wuxi-tongjiju-2026-budget.pdf", "../fixtures/pdf/corpus/wuxi-tongjiju-2026-budget"},
	{"../fixtures/pdf/corpus/chongqing-kejiju-2026-budget.pdf", "../fixtures/pdf/corpus/chongqing-kejiju-2026-budget"},
}

// testReader reads text and PDF inputs; one PDFium pool for all tests.
var testReader = &extract.Reader{PDF: pdf.NewLazy(pdf.Options{Workers: 2})}

func TestMain(m *testing.M) {
	ocr.LimitOpenMP() // as the command does: OCR tests run at half the CPU
	code := m.Run()
	testReader.PDF.(*pdf.Lazy).Close()
	os.Exit(code)
}

// TestGolden extracts each golden input and compares every CSV with its
// hand-checked copy, cell by cell, and the set of tables with the set of
// golden files.
func TestGolden(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(filepath.Base(gc.input), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "doc")
			res := Process(context.Background(), Job{Input: gc.input, OutDir: out}, Options{Reader: testReader, Export: export.Options{NoXLSX: true}})
			if res.Failed() {
				t.Fatalf("extract failed: %s", res.Error)
			}
			noCoverageErrors(t, res)
			want, _ := filepath.Glob(filepath.Join(gc.golden, "*.csv"))
			got, _ := filepath.Glob(filepath.Join(out, "*.csv"))
			if names(want) != names(got) {
				t.Errorf("tables differ:\n got %s\nwant %s", names(got), names(want))
			}
			for _, w := range want {
				g := filepath.Join(out, filepath.Base(w))
				compareCSV(t, w, g)
			}
		})
	}
}

func names(paths []string) string {
	var n []string
	for _, p := range paths {
		n = append(n, filepath.Base(p))
	}
	sort.Strings(n)
	return strings.Join(n, " ")
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
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

// compareCSV reports every cell that differs, by row and column name.
func compareCSV(t *testing.T, wantPath, gotPath string) {
	t.Helper()
	want, got := readCSV(t, wantPath), readCSV(t, gotPath)
	name := filepath.Base(wantPath)
	if len(want) != len(got) {
		t.Errorf("%s: %d rows, want %d", name, len(got)-1, len(want)-1)
	}
	bad := 0
	for i := 0; i < len(want) && i < len(got); i++ {
		if len(want[i]) != len(got[i]) {
			t.Errorf("%s row %d: %d cells, want %d", name, i, len(got[i]), len(want[i]))
			continue
		}
		for j := range want[i] {
			if want[i][j] != got[i][j] && bad < 20 {
				bad++
				t.Errorf("%s row %d column %s: got %q, want %q", name, i, want[0][j], got[i][j], want[i][j])
			}
		}
	}
}

// TestSeedManifest checks what the manifest says of the seed's tables:
// attachments, parts, kinds, units and column types.
func TestSeedManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "doc")
	res := Process(context.Background(), Job{Input: goldenCases[0].input, OutDir: out}, Options{Export: export.Options{NoXLSX: true}})
	if res.Failed() {
		t.Fatal(res.Error)
	}
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m export.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if m.Department != "中共重庆市潼南区委网络安全和信息化委员会办公室(本级)" || m.Year != 2025 || m.Unit != "万元" ||
		m.Title != "2025年部门预算情况说明" || m.InputKind != "text" || len(m.SHA256) != 64 {
		t.Errorf("metadata: %q %d %q %q %q %q", m.Department, m.Year, m.Unit, m.Title, m.InputKind, m.SHA256)
	}
	if len(m.Narrative) != 6 || m.Narrative[0].Heading != "一、单位基本情况" || m.Narrative[5].Heading != "六、专业性名词解释" {
		t.Errorf("narrative sections: %+v", m.Narrative)
	}
	wantKinds := map[string]string{
		"a01": "fiscal_summary", "a02": "gpb_expenditure", "a03": "gpb_basic_expenditure",
		"a04": "three_public", "a05": "gov_fund_expenditure", "a06": "dept_summary",
		"a07": "dept_income", "a08": "dept_expenditure", "a09": "procurement",
		"a10": "project_expenditure", "a11-form": "dept_performance_form",
		"a11-indicators": "dept_performance_indicators", "a12-3-form": "project_performance_form",
		"a12-6-indicators": "project_performance_indicators",
	}
	seen := map[string]bool{}
	for _, tb := range m.Tables {
		seen[tb.ID] = true
		if k, ok := wantKinds[tb.ID]; ok && k != tb.Kind {
			t.Errorf("%s: kind %s, want %s", tb.ID, tb.Kind, k)
		}
		if tb.Unit != "万元" {
			t.Errorf("%s: unit %q", tb.ID, tb.Unit)
		}
		if len(tb.Pages) == 0 || tb.Lines[0] == 0 || tb.Lines[1] < tb.Lines[0] {
			t.Errorf("%s: provenance pages %v lines %v", tb.ID, tb.Pages, tb.Lines)
		}
	}
	for id := range wantKinds {
		if !seen[id] {
			t.Errorf("table %s missing", id)
		}
	}
	for _, tb := range m.Tables {
		switch tb.ID {
		case "a02":
			if tb.Lines != [2]int{131, 165} || tb.Attachment != 2 {
				t.Errorf("a02 lines %v attachment %d", tb.Lines, tb.Attachment)
			}
			types := ""
			for _, c := range tb.Columns {
				types += string(c.Type[0])
			}
			if types != "ssdddd" || tb.Columns[3].Scale != 2 || tb.Columns[2].Label != "2024年预算数" ||
				tb.Columns[3].Label != "2025年预算数/总计" || tb.Columns[0].Label != "功能分类科目/科目编码" {
				t.Errorf("a02 columns: %+v", tb.Columns)
			}
		case "a12-4-form":
			if tb.Attachment != 12 || tb.Part != "4/form" {
				t.Errorf("a12-4-form: attachment %d part %q", tb.Attachment, tb.Part)
			}
		case "a04":
			if len(tb.Header) != 3 || tb.Header[0][4] != "2024年预算数" || tb.Header[1][4] != "公务用车购置及运行费" || tb.Header[2][4] != "小计" {
				t.Errorf("a04 header: %v", tb.Header)
			}
		}
	}
	if len(m.Files) != len(m.Tables) {
		t.Errorf("files listed: %d, tables %d", len(m.Files), len(m.Tables))
	}
}
