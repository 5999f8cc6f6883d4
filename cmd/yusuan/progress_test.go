package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/yusuan-data/yusuan/pipeline"
)

// The status line counts pages as they are read, says which documents are
// being recognised and how far, and gives an ETA from the pages left, each
// kind at its own rate: it moves during a long scan, where a line redrawn
// per document stood still for minutes.
func TestStatusLine(t *testing.T) {
	dir := t.TempDir()
	files := map[string]int{"text.pdf": 1000, "scan.pdf": 1000, "later.pdf": 2000}
	var jobs []pipeline.Job
	for name, size := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, bytes.Repeat([]byte("x"), size), 0o644); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, pipeline.Job{Input: p})
	}
	in := func(name string) string { return filepath.Join(dir, name) }
	var out bytes.Buffer
	r := newReporter(&out, jobs, "text", false)
	t0 := r.start
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	check := func(s float64, want ...string) {
		t.Helper()
		got := r.status(at(s))
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("at %gs: %q lacks %q", s, got, w)
			}
		}
	}
	check(1, "1s  0/3 documents, 0/~0 pages, 0.0 pages/s, ETA ?, 0 declined, 0 failed")

	// A text PDF of 20 pages is read in 2 s; a scan of 10 pages is opened.
	r.Opened(in("text.pdf"), 20, 0)
	r.docDone(pipeline.Result{Input: in("text.pdf"), Status: "ok", Pages: 20})
	r.Opened(in("scan.pdf"), 10, 10)
	r.pg.firstOCR = at(2)
	r.OCRStarted(in("scan.pdf"))
	r.docs[in("scan.pdf")].ocrStart = at(2)
	// later.pdf is twice the bytes of those opened per document: ~30 pages.
	check(2, "1/3 documents, 20/~60 pages", "ETA ?", "OCR scan.pdf 0/10 (0s)")

	// Two pages recognised in 10 s: 5 s a page. Left: 8 scan pages (40 s)
	// and ~30 pages not opened, a third of what was seen being scans:
	// 30 × (1/3 × 5 s + 2/3 × 0.6 s) = 62 s.
	r.Recognised(in("scan.pdf"), 1)
	r.Recognised(in("scan.pdf"), 2)
	check(12, "22/~60 pages", "1.8 pages/s", "ETA 1m42s", "OCR scan.pdf 2/10 (10s)")

	// Declined after its first two pages: its other 8 are not to come.
	r.docDone(pipeline.Result{Input: in("scan.pdf"), Status: "declined", Reason: "not_budget", Error: "not a budget disclosure"})
	check(13, "2/3 documents, 22/~52 pages", "1 declined")
	if got := r.status(at(13)); strings.Contains(got, "OCR") {
		t.Errorf("a document done is still shown in OCR: %q", got)
	}
	r.Opened(in("later.pdf"), 30, 0)
	r.docDone(pipeline.Result{Input: in("later.pdf"), Status: "ok", Pages: 30})
	check(14, "3/3 documents, 52/52 pages", "ETA 0s")
	// Not a terminal: nothing but the decline was printed.
	if got := out.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, "declined: not a budget disclosure") {
		t.Errorf("printed %q", got)
	}
}

func TestClip(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"abcdef", 4, "abcd"},
		{"ab预算cd", 5, "ab预"},
		{"ab预算cd", 6, "ab预算"},
		{"short", 80, "short"},
	} {
		if got := clip(c.s, c.n); got != c.want {
			t.Errorf("clip(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
