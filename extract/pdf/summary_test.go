package pdf

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSummary prints per-page counts for every corpus file: YUSUAN_SUMMARY=dir go test -run TestSummary -v
func TestSummary(t *testing.T) {
	dir := os.Getenv("YUSUAN_SUMMARY")
	if dir == "" {
		t.Skip("set YUSUAN_SUMMARY=dir")
	}
	r := testReader(t)
	fs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	for _, f := range fs {
		t0 := time.Now()
		doc, err := r.Read(context.Background(), f)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %d pages in %v\n", filepath.Base(f), len(doc.Pages), time.Since(t0))
		for _, p := range doc.Pages {
			tab := 0
			for _, l := range p.Lines {
				if l.Tabular {
					tab++
				}
			}
			fmt.Printf("  p%d garbled=%v rules=%d lines=%d tabular=%d\n", p.Number, p.Garbled, len(p.Rules), len(p.Lines), tab)
		}
	}
}
