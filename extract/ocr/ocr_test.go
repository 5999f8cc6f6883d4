package ocr

import (
	"context"
	"encoding/csv"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/yusuan-data/yusuan/extract/pdf"
	"github.com/yusuan-data/yusuan/layout"
)

const scanDir = "../../fixtures/scan/"

func TestMain(m *testing.M) {
	LimitOpenMP() // as the command does
	os.Exit(m.Run())
}

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
		// How the table was read is kept for the page's picture: its
		// text rows and column anchors, amounts on their right edges.
		us := doc.Pages[i].Unruled
		if len(us) == 0 {
			t.Errorf("tiff page %d: no unruled table kept for the picture", i+1)
			continue
		}
		right := 0
		for _, a := range us[0].Anchors {
			if a.Kind == layout.AnchorRight {
				right++
			}
		}
		if right == 0 || len(us[0].Rows) < 3 {
			t.Errorf("tiff page %d: unruled table with %d right anchors and %d rows: %+v", i+1, right, len(us[0].Rows), us[0])
		}
	}
}

func TestImageFileErrors(t *testing.T) {
	e := testEngine(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "x.png")
	os.WriteFile(bad, []byte("not an image"), 0o644)
	var fe interface{ File() string }
	if _, err := ReadImageFile(context.Background(), e, bad); err == nil || !errors.As(err, &fe) || fe.File() != "x.png" || strings.Contains(err.Error(), "x.png") {
		t.Errorf("got %v, want the reason alone, the file x.png named by File()", err)
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

// benchPage is a page image the OCR benchmarks read.
type benchPage struct {
	name     string
	img      image.Image
	wPt, hPt float64
	turns    int // quarter turns that make it upright, for the tesseract command
}

// benchPages are the embedded scans of changsha p2 (a table printed
// sideways, with a seal), the seed's 附件2 first page at 200 dpi and its
// 附件3 first page at 300 dpi.
func benchPages(b *testing.B) []benchPage {
	var out []benchPage
	for _, c := range []struct {
		name, file  string
		page, turns int
	}{
		{"changsha-p2-sideways", "changsha-wenlv-2026-scanned.pdf", 2, 1},
		{"seed-a2-200dpi", "seed-a1-a2-200dpi.pdf", 3, 0},
		{"seed-a3-300dpi", "seed-a3-300dpi.pdf", 1, 0},
	} {
		pis, err := pdf.PageImages(scanDir+c.file, c.page)
		if err != nil {
			b.Fatal(err)
		}
		img, err := DecodePageImage(pis[0])
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, benchPage{c.name, img, pis[0].WidthPt, pis[0].HeightPt, c.turns})
	}
	return out
}

// BenchmarkPage: the engine on each bench page (orientation, deskew, grid,
// per-cell recognition), 2 workers. Compare with BenchmarkTesseractCLI.
func BenchmarkPage(b *testing.B) {
	e := testEngine(b)
	for _, p := range benchPages(b) {
		b.Run(p.name, func(b *testing.B) {
			cpu0 := cpuSelf()
			for i := 0; i < b.N; i++ {
				if _, err := e.Page(context.Background(), p.img, 1, p.wPt, p.hPt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuSelf()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// cpuSelf is the process's user+system CPU time so far.
func cpuSelf() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTesseractCLI: `tesseract img out -l chi_sim+eng --psm 4` on the
// same pages, already turned upright (the command would not turn them),
// for reference: text without cells.
func BenchmarkTesseractCLI(b *testing.B) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		b.Skip("no tesseract CLI")
	}
	dir := b.TempDir()
	for _, p := range benchPages(b) {
		b.Run(p.name, func(b *testing.B) {
			in := filepath.Join(dir, p.name+".png")
			f, _ := os.Create(in)
			png.Encode(f, toGray(p.img).rotate90(p.turns).image())
			f.Close()
			var cpu time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				cmd := exec.Command("tesseract", in, filepath.Join(dir, "out"), "-l", "chi_sim+eng", "--psm", "4")
				cmd.Env = cliEnv(b)
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v: %s", err, out)
				}
				ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
				cpu += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		})
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

// cliEnv is the environment for the tesseract command: as a user runs it
// (OpenMP threads on) unless TESSERACT_OMP_THREAD_LIMIT asks for a limit.
func cliEnv(b *testing.B) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, ThreadLimitEnv+"=") {
			env = append(env, kv)
		}
	}
	if v := os.Getenv("TESSERACT_OMP_THREAD_LIMIT"); v != "" {
		env = append(env, ThreadLimitEnv+"="+v)
		b.Logf("tesseract command with %s=%s", ThreadLimitEnv, v)
	}
	return env
}
