package serve

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// chromium finds a Chromium to drive (Debian's chromium package), or
// skips the test with the reason.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH (Debian: apt-get install chromium; scripts/apt-packages.txt lists it)")
	return ""
}

// TestBrowser drives the page in headless Chromium as a person would:
// upload the seed PDF, open a table, click a finding and see its cell
// marked in the table and on the page, correct the cell, download the
// workbook and find the value in it, reload and see the correction kept.
// YUSUAN_SCREENSHOT=FILE keeps a screenshot of the finding shown.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("drives Chromium")
	}
	exe := chromium(t)
	f := newFixture(t, t.TempDir(), 0)
	pdf, err := filepath.Abs(seedPDF)
	if err != nil {
		t.Fatal(err)
	}
	downloads := t.TempDir()

	alloc, cancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.WindowSize(1280, 1000),
		chromedp.Flag("disable-dev-shm-usage", true))...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	finding := `#findings li[data-rule="gpb_expenditure.row_sum"][data-table="a02"]`
	cell := `#grid td.hl[data-row="5"][data-col="total"]`
	var shot []byte
	var hl []string
	err = chromedp.Run(ctx,
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).WithDownloadPath(downloads).WithEventsEnabled(true),
		chromedp.Navigate(f.ts.URL+"/"),
		chromedp.WaitReady("#file", chromedp.ByQuery),
		chromedp.SetUploadFiles("#file", []string{pdf}, chromedp.ByQuery),
		chromedp.WaitVisible(`#tables tbody tr[data-table="a02"]`, chromedp.ByQuery),
		chromedp.Click(`#tables tbody tr[data-table="a02"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#grid td[data-row="5"]`, chromedp.ByQuery),
		chromedp.Click(finding, chromedp.ByQuery),
		chromedp.WaitVisible(cell, chromedp.ByQuery),
		chromedp.WaitReady(`#page-svg #page-hl`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll("#grid .hl")].map(e => e.dataset.row + "/" + e.dataset.col)`, &hl),
		chromedp.Sleep(300*time.Millisecond), // the page image drawn
		chromedp.CaptureScreenshot(&shot),
	)
	if err != nil {
		t.Fatalf("upload, open a02, click its row-sum finding: %v", err)
	}
	if len(hl) != 1 || hl[0] != "5/total" {
		t.Fatalf("highlighted %v, want the cell 5/total", hl)
	}
	if p := os.Getenv("YUSUAN_SCREENSHOT"); p != "" {
		if err := os.WriteFile(p, smallPNG(t, shot), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Correct the cell whose 260.00 the seed prints under 合计 only.
	var stored string
	err = chromedp.Run(ctx,
		chromedp.Click(`#grid td[data-row="5"][data-col="project"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#cell-value", chromedp.ByQuery),
		chromedp.SetValue("#cell-value", "260.00", chromedp.ByQuery),
		chromedp.Click("#cell-save", chromedp.ByQuery),
		chromedp.WaitVisible("#corrections li", chromedp.ByQuery),
		chromedp.WaitVisible(`#grid td.corrected[data-row="5"][data-col="project"]`, chromedp.ByQuery),
		chromedp.Text(`#grid td[data-row="5"][data-col="project"]`, &stored, chromedp.ByQuery),
	)
	if err != nil || stored != "260.00" {
		t.Fatalf("correct a02 row 5 project: %q, %v", stored, err)
	}

	// Download the workbook by its link.
	if err := chromedp.Run(ctx, chromedp.Click("#dl-xlsx", chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	got := waitDownload(ctx, t, downloads)
	checkWorkbook(t, got)

	// Reload: the correction is kept, and shown.
	var after, corrections string
	err = chromedp.Run(ctx,
		chromedp.Reload(),
		chromedp.WaitVisible(`#grid td.corrected[data-row="5"][data-col="project"]`, chromedp.ByQuery),
		chromedp.Text(`#grid td[data-row="5"][data-col="project"]`, &after, chromedp.ByQuery),
		chromedp.Text("#corrections", &corrections, chromedp.ByQuery),
	)
	if err != nil || after != "260.00" || !strings.Contains(corrections, "a02 row 5 project") {
		t.Fatalf("after a reload: %q, corrections %q, %v", after, corrections, err)
	}

	// A bad upload is answered on the page with its reason.
	bad := filepath.Join(t.TempDir(), "report.pdf")
	os.WriteFile(bad, []byte("PK\x03\x04 a zip, not a PDF"), 0o644)
	var msg string
	err = chromedp.Run(ctx,
		chromedp.SetUploadFiles("#file", []string{bad}, chromedp.ByQuery),
		chromedp.WaitVisible(`#messages li`, chromedp.ByQuery),
		chromedp.Text("#messages", &msg, chromedp.ByQuery),
	)
	if err != nil || !strings.Contains(msg, "report.pdf: not a PDF") {
		t.Fatalf("bad upload: %q, %v", msg, err)
	}
}

// checkWorkbook finds the corrected value in the downloaded workbook: the
// 2013799 row of 附件2 carries 260.00 as total and as project spending.
func checkWorkbook(t *testing.T, path string) {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("downloaded workbook: %v", err)
	}
	defer x.Close()
	for _, sheet := range x.GetSheetList() {
		if !strings.HasPrefix(sheet, "附件2 ") {
			continue
		}
		rows, err := x.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if len(r) == 0 || r[0] != "2013799" {
				continue
			}
			n := 0
			for _, v := range r {
				if v == "260.00" {
					n++
				}
			}
			if n != 2 {
				t.Fatalf("workbook row %v: 260.00 %d times, want 2 (total and project)", r, n)
			}
			return
		}
		t.Fatalf("sheet %s has no row 2013799", sheet)
	}
	t.Fatalf("no sheet 附件2 in %v", x.GetSheetList())
}

// waitDownload waits for the one file a click downloads into dir.
func waitDownload(ctx context.Context, t *testing.T, dir string) string {
	t.Helper()
	for ctx.Err() == nil {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if info, err := e.Info(); err == nil && info.Size() > 0 && !strings.HasSuffix(e.Name(), ".crdownload") {
				time.Sleep(100 * time.Millisecond) // renamed when complete; let it settle
				return filepath.Join(dir, e.Name())
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the workbook did not download")
	return ""
}

// smallPNG makes a screenshot small enough to keep in the repository: 216
// web colours and 40 greys, nearest colour, no dithering (text stays crisp).
func smallPNG(t *testing.T, data []byte) []byte {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	pal := append(color.Palette{}, palette.WebSafe...)
	for i := range 40 {
		g := uint8(i * 255 / 39)
		pal = append(pal, color.Gray{Y: g})
	}
	out := image.NewPaletted(img.Bounds(), pal)
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, out); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
