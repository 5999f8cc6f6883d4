package pdf

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestDump prints what the reader sees: YUSUAN_DUMP=file.pdf[:page] go test -run TestDump -v
func TestDump(t *testing.T) {
	spec := os.Getenv("YUSUAN_DUMP")
	if spec == "" {
		t.Skip("set YUSUAN_DUMP=file.pdf[:page]")
	}
	path, page := spec, 0
	if i := strings.LastIndex(spec, ":"); i > 0 {
		fmt.Sscan(spec[i+1:], &page)
		path = spec[:i]
	}
	r := testReader(t)
	doc, err := r.Read(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Pages {
		if page != 0 && p.Number != page {
			continue
		}
		fmt.Printf("=== page %d  %.0fx%.0f garbled=%v rules=%d lines=%d\n", p.Number, p.Width, p.Height, p.Garbled, len(p.Rules), len(p.Lines))
		for _, l := range p.Lines {
			if l.Tabular {
				fmt.Printf("%3d T %q\n", l.Number, l.Texts())
			} else {
				fmt.Printf("%3d   %s\n", l.Number, l.Text())
			}
		}
	}
}
