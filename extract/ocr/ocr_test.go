package ocr

import (
	"context"
	"encoding/csv"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/yusuan-data/yusuan/extract/pdf"
	"github.com/yusuan-data/yusuan/layout"
)

const scanDir = "../../fixtures/scan/"

var (
	engineOnce sync.Once
	engine     *Engine
	engineErr  error
)

func testEngine(t testing.TB) *Engine {
	engineOnce.Do(func() { engine, engineErr = New(Options{Workers: 2}) })
	if engineErr != nil {
		t.Fatalf("tesseract (see scripts/apt-packages.txt): %v", engineErr)
	}
	return engine
}

func readExpected(t *testing.T, name string) [][]string {
	f, err := os.Open(scanDir + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:] // header
}

// tableRows returns the tabular lines of a page, in page order.
func tableRows(p layout.Page) []layout.Line {
	var out []layout.Line
	for _, l := range p.Lines {
		if l.Tabular {
			out = append(out, l)
		}
	}
	return out
}

// compare matches expected rows to the page's table rows by position from
// the end of the table (header rows vary), cell by cell. It returns the
// number of cells correct and checks that every wrong cell is doubted.
func compare(t *testing.T, p layout.Page, want [][]string) (correct, total int) {
	t.Helper()
	rows := tableRows(p)
	if len(rows) < len(want) {
		t.Fatalf("page %d: %d table rows, want at least %d", p.Number, len(rows), len(want))
	}
	rows = rows[len(rows)-len(want):]
	for i, w := range want {
		got := rows[i].Cells
		if len(got) != len(w) {
			t.Errorf("row %d: %d cells %q, want %d %q", i, len(got), rows[i].Texts(), len(w), w)
			total += len(w)
			continue
		}
		for j := range w {
			total++
			if got[j].Text == w[j] {
				correct++
				continue
			}
			if got[j].Conf >= LowConf {
				t.Errorf("row %d col %d: %q (conf %.2f), want %q: wrong but not doubted", i, j, got[j].Text, got[j].Conf, w[j])
			} else {
				t.Logf("row %d col %d: %q (conf %.2f, doubted), want %q", i, j, got[j].Text, got[j].Conf, w[j])
			}
		}
	}
	return correct, total
}

// amountCols lists the columns from `from` on.
func amountCols(want [][]string, from int) []int {
	var cols []int
	for j := from; j < len(want[0]); j++ {
		cols = append(cols, j)
	}
	return cols
}

func mustAmounts(t *testing.T, p layout.Page, want [][]string, cols []int) {
	t.Helper()
	rows := tableRows(p)
	rows = rows[len(rows)-len(want):]
	for i, w := range want {
		for _, j := range cols {
			if j < len(rows[i].Cells) && rows[i].Cells[j].Text != w[j] {
				t.Errorf("amount row %d col %d: %q, want %q", i, j, rows[i].Cells[j].Text, w[j])
			}
		}
	}
}

func TestChangshaSidewaysTableWithSeal(t *testing.T) {
	e := testEngine(t)
	doc, err := ReadPDF(context.Background(), e, nil, scanDir+"changsha-wenlv-2026-scanned.pdf", 2)
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Pages[0]
	if !p.OCR || doc.Kind != layout.KindOCR {
		t.Errorf("page not marked OCR")
	}
	if p.Width <= p.Height {
		t.Errorf("page %vx%v: the sideways table was not turned upright", p.Width, p.Height)
	}
	want := readExpected(t, "changsha-wenlv-2026-scanned.p2.expected.csv")
	c, n := compare(t, p, want)
	t.Logf("changsha p2: %d/%d cells correct", c, n)
	mustAmounts(t, p, want, []int{5})
	if c < n-3 {
		t.Errorf("only %d/%d cells correct", c, n)
	}
	// The header row is read too, and the unit note above the grid is a
	// plain line.
	var unit bool
	for _, l := range p.Lines {
		if !l.Tabular && strings.Contains(l.Text(), "万元") {
			unit = true
		}
	}
	if !unit {
		t.Errorf("unit line 金额单位：万元 not found outside the grid")
	}
}

func TestSeedScans(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct {
		pdf  string
		page int
		csv  string
	}{
		{"seed-a1-a2-200dpi.pdf", 3, "seed-a2-p6.expected.csv"},
		{"seed-a1-a2-200dpi.pdf", 4, "seed-a2-p7.expected.csv"},
	} {
		t.Run(tc.csv, func(t *testing.T) {
			doc, err := ReadPDF(context.Background(), e, nil, scanDir+tc.pdf, tc.page)
			if err != nil {
				t.Fatal(err)
			}
			want := readExpected(t, tc.csv)
			c, n := compare(t, doc.Pages[0], want)
			t.Logf("%s: %d/%d cells correct", tc.pdf, c, n)
			mustAmounts(t, doc.Pages[0], want, append([]int{0}, amountCols(want, 2)...))
		})
	}
}

func TestMultiPageTIFFUnruled(t *testing.T) {
	e := testEngine(t)
	doc, err := ReadImageFile(context.Background(), e, scanDir+"seed-a2-unruled-200dpi.tif")
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 2 {
		t.Fatalf("%d pages, want 2", len(doc.Pages))
	}
	// Unruled: the amounts must be there, row by row, in order.
	for i, name := range []string{"seed-a2-p6.expected.csv", "seed-a2-p7.expected.csv"} {
		var text []string
		for _, l := range doc.Pages[i].Lines {
			text = append(text, l.Text())
		}
		all := strings.Join(text, "\n")
		found, total := 0, 0
		for _, w := range readExpected(t, name) {
			for _, a := range w[2:] {
				if a == "" {
					continue
				}
				total++
				if strings.Contains(all, a) {
					found++
				}
			}
		}
		t.Logf("tiff page %d: %d/%d amounts found", i+1, found, total)
		if found < total*3/4 {
			t.Errorf("tiff page %d: only %d/%d amounts found", i+1, found, total)
		}
	}
}

func TestImageFileErrors(t *testing.T) {
	e := testEngine(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "x.png")
	os.WriteFile(bad, []byte("not an image"), 0o644)
	if _, err := ReadImageFile(context.Background(), e, bad); err == nil || !strings.HasPrefix(err.Error(), "x.png: ") {
		t.Errorf("got %v, want x.png: reason", err)
	}
	if _, err := ReadImageFile(context.Background(), e, filepath.Join(dir, "missing.png")); err == nil {
		t.Errorf("missing file: no error")
	}
}

func TestLooksNumeric(t *testing.T) {
	for s, want := range map[string]bool{"10.2714": true, "T55": true, "了.55": true, "1,234.00": true, "30226劳务费": false, "合计": false, "": false} {
		if got := looksNumeric(s); got != want {
			t.Errorf("looksNumeric(%q) = %v", s, got)
		}
	}
}

// changshaP2 is the embedded scan of the sideways table page.
func changshaP2(b *testing.B) (image.Image, *pdf.PageImage) {
	pis, err := pdf.PageImages(scanDir+"changsha-wenlv-2026-scanned.pdf", 2)
	if err != nil {
		b.Fatal(err)
	}
	img, err := DecodePageImage(pis[0])
	if err != nil {
		b.Fatal(err)
	}
	return img, pis[0]
}

// BenchmarkPage: the engine on changsha p2 (orientation, deskew, grid,
// per-cell recognition), 2 workers.
func BenchmarkPage(b *testing.B) {
	e := testEngine(b)
	img, pi := changshaP2(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Page(context.Background(), img, 2, pi.WidthPt, pi.HeightPt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTesseractCLI: `tesseract img out -l chi_sim+eng --psm 4` on the
// same page, already turned upright (the CLI would not turn it), for
// reference: text without cells.
func BenchmarkTesseractCLI(b *testing.B) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		b.Skip("no tesseract CLI")
	}
	img, _ := changshaP2(b)
	dir := b.TempDir()
	f, _ := os.Create(filepath.Join(dir, "p2.png"))
	png.Encode(f, toGray(img).rotate90(1).image())
	f.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command("tesseract", filepath.Join(dir, "p2.png"), filepath.Join(dir, "out"), "-l", "chi_sim+eng", "--psm", "4")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
	}
}

func TestRenderPage(t *testing.T) {
	r, err := pdf.NewReader(pdf.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	img, err := r.RenderPage(context.Background(), scanDir+"seed-a3-300dpi.pdf", 1, 72)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 600 || b.Dx() > 620 {
		t.Errorf("rendered %v at 72 dpi, want ~613 px wide", b)
	}
	if _, err := r.RenderPage(context.Background(), scanDir+"seed-a3-300dpi.pdf", 3, 72); err == nil {
		t.Errorf("page 3 of a 2-page PDF: no error")
	}
}
