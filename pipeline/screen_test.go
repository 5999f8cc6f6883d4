package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/internal/scangen"
)

// TestScannedNonBudgetDeclined: a scanned file that is no budget (a
// personnel notice of several pages) is declined after its first two pages
// are read by OCR, and the message says so with the page counts.
func TestScannedNonBudgetDeclined(t *testing.T) {
	if err := scangen.FontAvailable(); err != nil {
		t.Skip(err)
	}
	d := scangen.Notice(3, 5)
	g, err := scangen.Generate(d)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "notice.pdf")
	if err := os.WriteFile(in, g.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	r := extract.New(extract.Options{Workers: 2})
	defer r.Close()
	res := Process(context.Background(), Job{Input: in, OutDir: filepath.Join(dir, "out")}, Options{Reader: r})
	if !res.Failed() {
		t.Fatalf("a scanned notice was extracted: %d tables", res.Tables)
	}
	t.Logf("%s", res.Error)
	if !strings.Contains(res.Error, "not a budget disclosure") || !strings.Contains(res.Error, "first 2 of its") {
		t.Errorf("error %q: want it declined as not a budget after 2 OCR'd pages", res.Error)
	}
}

// TestScannedNonBudgetTIFFDeclined: a multi-page TIFF that is no budget is
// screened as a scanned PDF is: declined after its first two pages are
// read by OCR, the page counts in the message.
func TestScannedNonBudgetTIFFDeclined(t *testing.T) {
	if err := scangen.FontAvailable(); err != nil {
		t.Skip(err)
	}
	data, err := scangen.TIFF(scangen.Notice(4, 5))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "notice.tif")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	r := extract.New(extract.Options{Workers: 2})
	defer r.Close()
	res := Process(context.Background(), Job{Input: in, OutDir: filepath.Join(dir, "out")}, Options{Reader: r})
	if !res.Failed() {
		t.Fatalf("a scanned notice was extracted: %d tables", res.Tables)
	}
	t.Logf("%s", res.Error)
	if !strings.Contains(res.Error, "not a budget disclosure") || !strings.Contains(res.Error, "first 2 of its") || !strings.Contains(res.Error, "the other") {
		t.Errorf("error %q: want it declined as not a budget after 2 OCR'd pages", res.Error)
	}
}
