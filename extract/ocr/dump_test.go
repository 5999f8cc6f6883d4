package ocr

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/yusuan-data/yusuan/layout"
)

// TestDump prints what the engine reads from OCR_DUMP (a PDF or an image
// file); OCR_PAGES=2 limits a PDF to a page.
func TestDump(t *testing.T) {
	path := os.Getenv("OCR_DUMP")
	if path == "" {
		t.Skip("set OCR_DUMP=file")
	}
	e, err := New(Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	start := time.Now()
	var doc *layout.Document
	if strings.HasSuffix(strings.ToLower(path), ".pdf") {
		var pages []int
		if p := os.Getenv("OCR_PAGES"); p != "" {
			var n int
			fmt.Sscan(p, &n)
			pages = []int{n}
		}
		doc, err = ReadPDF(context.Background(), e, nil, path, pages...)
	} else {
		doc, err = ReadImageFile(context.Background(), e, path)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d pages in %v", path, len(doc.Pages), time.Since(start))
	for _, p := range doc.Pages {
		fmt.Printf("== page %d %.0fx%.0f rules=%d\n", p.Number, p.Width, p.Height, len(p.Rules))
		for _, l := range p.Lines {
			var cs []string
			for _, c := range l.Cells {
				cs = append(cs, fmt.Sprintf("%s{%.2f}", c.Text, c.Conf))
			}
			tab := " "
			if l.Tabular {
				tab = "T"
			}
			fmt.Printf("%s %5.0f | %s\n", tab, l.Box.Y0, strings.Join(cs, " | "))
		}
	}
}
