package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/validate"
)

// -debug-png draws each page from what the run read, as it reads it: every
// page of a document is drawn before its result comes (and nothing after
// the run, which used to read every document again, OCR included), and a
// document declined after its pages were read is drawn too.
func TestDebugPagesDrawnInRun(t *testing.T) {
	r := extract.New(extract.Options{Workers: 2})
	defer r.Close()
	inputs := []string{
		"../fixtures/scan/seed-mixed-a1-text-a2-scan.pdf", // pages 1–2 text, 3–4 scanned
		"../fixtures/bad/form-loop.pdf",                   // declined: no budget tables
	}
	var mu sync.Mutex
	drawn := map[string][]int{}
	opts := Options{OutDir: t.TempDir(), Workers: 2, Reader: r, Check: validate.Check, Export: export.Options{NoXLSX: true},
		DebugPNG: func(job Job, page int, png []byte) {
			if !bytes.HasPrefix(png, []byte("\x89PNG")) {
				t.Errorf("%s page %d: not a PNG", job.Input, page)
			}
			mu.Lock()
			drawn[filepath.Base(job.Input)] = append(drawn[filepath.Base(job.Input)], page)
			mu.Unlock()
		}}
	atEnd := map[string]string{}
	results := Run(context.Background(), Plan(inputs, opts.OutDir), opts, func(res Result) {
		mu.Lock()
		defer mu.Unlock()
		pages := append([]int(nil), drawn[filepath.Base(res.Input)]...)
		sort.Ints(pages)
		atEnd[filepath.Base(res.Input)] = res.Status + " " + fmt.Sprint(pages)
	})
	want := map[string]string{
		"seed-mixed-a1-text-a2-scan.pdf": "ok [1 2 3 4]",
		"form-loop.pdf":                  "declined [1]",
	}
	for name, w := range want {
		if atEnd[name] != w {
			t.Errorf("%s: at its end %q, want %q", name, atEnd[name], w)
		}
	}
	if n := len(drawn["seed-mixed-a1-text-a2-scan.pdf"]) + len(drawn["form-loop.pdf"]); n != 5 {
		t.Errorf("%d pages drawn in all, want 5 (each once): %v", n, drawn)
	}
	if len(results) != 2 {
		t.Fatalf("%d results", len(results))
	}
}
