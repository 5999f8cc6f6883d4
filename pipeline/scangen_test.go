package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/internal/scangen"
	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/validate"
)

// The generated scans (internal/scangen): documents from other
// departments, with other amounts, row counts and page breaks, printed at
// 150–300 dpi, turned, speckled, sealed and saved as JPEG. Each is read by
// OCR and compared with what the text path reads from the same document.
//
// By default two short documents run (a few pages: OCR takes ~1.5 s a
// page). YUSUAN_SCANGEN=N runs documents 0..N-1 in full (N=20 is the
// measure the issue asks for; ~300 pages, several minutes on 2 cores);
// YUSUAN_SCANGEN_KEEP=DIR keeps the PDFs, texts and outputs there.

// minGenShare is the share of cells the generated scans must read right
// under the right 附件 number, over all documents of the full run (the
// issue's target). The two short documents of the default run both carry
// a red seal over a table of codes (the hardest page of the family: a
// one-pixel rule under the seal is lost to the JPEG's colour and two rows
// run together, which normalize splits again by their codes), so they are
// held to minQuickShare; in both runs every wrong table must carry a
// warning or an error.
const (
	minGenShare   = 0.97
	minQuickShare = 0.95
)

// genScore is what one generated document came out as.
type genScore struct {
	doc                     string
	pages                   int
	cells, right            int // truth cells, and those equal in the scan's table of the same file name
	tables, rightTables     int // truth tables, and those read exactly under their name
	wrong, silent           int // tables wrong, missing or extra; of them, those no warning or error names
	wrongNames, silentNames []string
}

func TestGeneratedScans(t *testing.T) {
	if err := scangen.FontAvailable(); err != nil {
		t.Skip(err)
	}
	if testing.Short() {
		t.Skip("OCR of generated scans: not in -short")
	}
	seedText, err := os.ReadFile("../fixtures/000_40af54efeba53a7c.txt")
	if err != nil {
		t.Fatal(err)
	}
	seed := scangen.ParseSeed(string(seedText))
	var specs []scangen.Spec
	floor := minQuickShare
	if n, _ := strconv.Atoi(os.Getenv("YUSUAN_SCANGEN")); n > 0 {
		floor = minGenShare
		for i := range n {
			specs = append(specs, scangen.NewSpec(i))
		}
	} else {
		specs = []scangen.Spec{scangen.NewSpec(1).Trim(3), scangen.NewSpec(6).Trim(2)}
	}
	dir := os.Getenv("YUSUAN_SCANGEN_KEEP")
	if dir == "" {
		dir = t.TempDir()
	}
	r := extract.New(extract.Options{Workers: 2})
	defer r.Close()
	var all genScore
	for _, spec := range specs {
		s := scoreGenerated(t, r, seed, spec, dir)
		t.Logf("%s: %d pages, %d/%d cells (%.1f%%), %d/%d tables right, %d wrong, %d of them silent %v",
			s.doc, s.pages, s.right, s.cells, 100*float64(s.right)/float64(max(1, s.cells)), s.rightTables, s.tables, s.wrong, s.silent, s.silentNames)
		all.pages += s.pages
		all.cells += s.cells
		all.right += s.right
		all.tables += s.tables
		all.rightTables += s.rightTables
		all.wrong += s.wrong
		all.silent += s.silent
	}
	share := float64(all.right) / float64(max(1, all.cells))
	t.Logf("ALL %d documents, %d pages: %d/%d cells (%.2f%%), %d/%d tables right, %d wrong, %d silent",
		len(specs), all.pages, all.right, all.cells, 100*share, all.rightTables, all.tables, all.wrong, all.silent)
	if share < floor {
		t.Errorf("%.2f%% of cells right under the right 附件, want at least %.0f%%", 100*share, 100*floor)
	}
	if all.silent > 0 {
		t.Errorf("%d wrong tables carry no warning or error", all.silent)
	}
}

// scoreGenerated makes one document, reads its scan and its text, and
// compares the tables file by file (file names carry the 附件 number and
// the kind).
func scoreGenerated(t *testing.T, r *extract.Reader, seed scangen.Seed, spec scangen.Spec, dir string) genScore {
	t.Helper()
	d := scangen.Vary(seed, spec)
	g, err := scangen.Generate(d)
	if err != nil {
		t.Fatal(err)
	}
	stem := fmt.Sprintf("gen-%02d", spec.Index)
	pdfPath := filepath.Join(dir, stem+".pdf")
	txtPath := filepath.Join(dir, stem+".txt")
	if err := os.WriteFile(pdfPath, g.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(txtPath, []byte(g.Text), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(in, out string) {
		res := Process(context.Background(), Job{Input: in, OutDir: out},
			Options{Reader: r, Check: validate.Check, Export: export.Options{NoXLSX: true}})
		if res.Failed() {
			t.Fatalf("%s: %s", in, res.Error)
		}
	}
	truthDir, scanDir := filepath.Join(dir, stem+"-truth"), filepath.Join(dir, stem+"-scan")
	run(txtPath, truthDir)
	ld := readScanLayout(t, r, pdfPath, filepath.Join(dir, stem+".layout.json"))
	doc, err := transform(context.Background(), ld, "", Options{Check: validate.Check})
	if err != nil {
		t.Fatalf("%s: %v", pdfPath, err)
	}
	os.RemoveAll(scanDir)
	if err := export.Write(scanDir, doc, export.Options{NoXLSX: true}); err != nil {
		t.Fatal(err)
	}
	truth := readGenManifest(t, truthDir)
	scan := readGenManifest(t, scanDir)
	if n := errorsOf(truth.Findings); n > 0 {
		t.Errorf("%s: the truth (text path) has %d warnings or errors: the generator made a document that does not reconcile", stem, n)
	}
	s := genScore{doc: stem, pages: scan.Pages}
	scanTables := map[string]genTable{}
	for _, tb := range scan.Tables {
		scanTables[tb.CSV] = tb
	}
	flaggedTable := func(ids ...string) bool {
		for _, f := range scan.Findings {
			if f.Severity == table.Info {
				continue
			}
			for _, id := range ids {
				if f.Table == id {
					return true
				}
			}
		}
		return false
	}
	// the scan's tables that share a page with the pages of 附件 n
	onPagesOf := func(n int) []string {
		var ids []string
		for _, tb := range scan.Tables {
			for _, p := range tb.Pages {
				if containsInt(g.Pages[n], p) {
					ids = append(ids, tb.ID)
					break
				}
			}
		}
		return ids
	}
	for _, tb := range truth.Tables {
		want := readCSV(t, filepath.Join(truthDir, tb.CSV))
		var got [][]string
		st, ok := scanTables[tb.CSV]
		if ok {
			got = readCSV(t, filepath.Join(scanDir, tb.CSV))
		}
		c, n, shown := 0, 0, 0
		for i := range want {
			for j := range want[i] {
				n++
				if i < len(got) && j < len(got[i]) && got[i][j] == want[i][j] {
					c++
					continue
				}
				if shown < 4 && testing.Verbose() {
					g := "(none)"
					if i < len(got) && j < len(got[i]) {
						g = got[i][j]
					}
					t.Logf("  %s %s row %d %s: got %q, want %q", stem, tb.CSV, i, want[0][j], g, want[i][j])
					shown++
				}
			}
		}
		s.cells += n
		s.right += c
		s.tables++
		if c == n && len(got) == len(want) {
			s.rightTables++
			continue
		}
		s.wrong++
		s.wrongNames = append(s.wrongNames, tb.CSV)
		ids := onPagesOf(tb.Attachment)
		if ok {
			ids = append(ids, st.ID)
		}
		if !flaggedTable(ids...) {
			s.silent++
			s.silentNames = append(s.silentNames, tb.CSV)
		}
	}
	truthNames := map[string]bool{}
	for _, tb := range truth.Tables {
		truthNames[tb.CSV] = true
	}
	for _, tb := range scan.Tables {
		if truthNames[tb.CSV] {
			continue
		}
		s.wrong++
		s.wrongNames = append(s.wrongNames, "extra "+tb.CSV)
		if !flaggedTable(tb.ID) {
			s.silent++
			s.silentNames = append(s.silentNames, "extra "+tb.CSV)
		}
	}
	sort.Strings(s.silentNames)
	return s
}

type genTable struct {
	ID         string `json:"id"`
	Attachment int    `json:"attachment"`
	Kind       string `json:"kind"`
	CSV        string `json:"csv"`
	Pages      []int  `json:"pages"`
}

type genManifest struct {
	Pages    int             `json:"pages"`
	Tables   []genTable      `json:"tables"`
	Findings []table.Finding `json:"findings"`
}

func readGenManifest(t *testing.T, dir string) genManifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m genManifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func errorsOf(fs []table.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity != table.Info {
			n++
		}
	}
	return n
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// readScanLayout reads a generated scan by OCR, or, with
// YUSUAN_SCANGEN_CACHE=1, from the layout an earlier run saved beside it:
// the OCR of a document does not change with the segmentation, and reading
// it again takes minutes. A cached layout is used only with that variable.
func readScanLayout(t *testing.T, r *extract.Reader, pdfPath, cache string) *layout.Document {
	t.Helper()
	if os.Getenv("YUSUAN_SCANGEN_CACHE") == "1" {
		if data, err := os.ReadFile(cache); err == nil {
			var ld layout.Document
			if err := json.Unmarshal(data, &ld); err != nil {
				t.Fatal(err)
			}
			return &ld
		}
	}
	ld, err := r.Read(context.Background(), pdfPath)
	if err != nil {
		t.Fatalf("%s: %v", pdfPath, err)
	}
	if data, err := json.Marshal(ld); err == nil {
		os.WriteFile(cache, data, 0o644)
	}
	return ld
}
