package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/layout"
)

// blockedScans is a PDF reader whose scans (files named scan-*) need OCR
// that lasts until release is closed; every other file has a text layer.
type blockedScans struct {
	release chan struct{}
	mu      sync.Mutex
	started int // scans whose OCR began
}

func (b *blockedScans) Read(ctx context.Context, path string) (*layout.Document, error) {
	p, err := b.Begin(ctx, path)
	if err != nil {
		return nil, err
	}
	return p.Finish(ctx)
}

func (b *blockedScans) Begin(ctx context.Context, path string) (*extract.Pending, error) {
	doc := &layout.Document{Source: path, Pages: []layout.Page{{Number: 1}}}
	if !strings.HasPrefix(filepath.Base(path), "scan-") {
		return extract.NewPending(doc, 0, nil), nil
	}
	return extract.NewPending(doc, 1, func(ctx context.Context) (*layout.Document, error) {
		b.mu.Lock()
		b.started++
		b.mu.Unlock()
		select {
		case <-b.release:
			return doc, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}), nil
}

// Text documents flow past scans: with two workers and two scans taken
// first (largest first), every text document is done while the scans are
// still being recognised. Before the ocr stage, the two scans held both
// workers and the text documents waited for them.
func TestTextFlowsPastScans(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	for i := range 2 {
		p := filepath.Join(dir, fmt.Sprintf("scan-%d.pdf", i))
		// Scans are the largest files, so they are started first.
		if err := os.WriteFile(p, []byte("%PDF-1.4\n"+strings.Repeat("x", 10000)), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	for i := range 7 {
		p := filepath.Join(dir, fmt.Sprintf("text-%d.pdf", i))
		if err := os.WriteFile(p, []byte("%PDF-1.4\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	b := &blockedScans{release: make(chan struct{})}
	opts := Options{OutDir: t.TempDir(), Workers: 2, Reader: &extract.Reader{PDF: b}}
	textDone := 0
	var order []string
	results := make(chan []Result, 1)
	go func() {
		results <- Run(context.Background(), Plan(inputs, opts.OutDir), opts, func(r Result) {
			order = append(order, filepath.Base(r.Input))
			if !strings.HasPrefix(filepath.Base(r.Input), "scan-") {
				textDone++
				if textDone == 7 {
					close(b.release) // only now may the scans end
				}
			}
		})
	}()
	select {
	case res := <-results:
		if len(res) != 9 {
			t.Fatalf("%d results", len(res))
		}
		for _, r := range res[:2] {
			if r.Error == "run cancelled" || r.Input == "" {
				t.Errorf("scan %s: %+v", r.Input, r)
			}
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("text documents waited behind the scans: %d of 7 done (%v), %d scans in OCR", textDone, order, b.started)
	}
	if b.started != 2 {
		t.Errorf("%d scans recognised, want 2", b.started)
	}
	if last := order[len(order)-1]; !strings.HasPrefix(last, "scan-") {
		t.Errorf("order %v: a scan should end last", order)
	}
}

// With one worker, documents go through one at a time, OCR included:
// the figure per worker stays the cost of one document after another.
func TestOneWorkerOneDocument(t *testing.T) {
	dir := t.TempDir()
	scan := filepath.Join(dir, "scan-0.pdf")
	text := filepath.Join(dir, "text-0.pdf")
	os.WriteFile(scan, []byte("%PDF-1.4\n"+strings.Repeat("x", 100)), 0o644)
	os.WriteFile(text, []byte("%PDF-1.4\n"), 0o644)
	b := &blockedScans{release: make(chan struct{})}
	opts := Options{OutDir: t.TempDir(), Workers: 1, Reader: &extract.Reader{PDF: b}}
	go func() { time.Sleep(200 * time.Millisecond); close(b.release) }()
	var order []string
	Run(context.Background(), Plan([]string{text, scan}, opts.OutDir), opts, func(r Result) {
		order = append(order, filepath.Base(r.Input))
	})
	if strings.Join(order, " ") != "scan-0.pdf text-0.pdf" {
		t.Errorf("order %v, want the scan (largest, first) then the text", order)
	}
}

// sleepyScans is a PDF reader whose scans take d to recognise.
type sleepyScans struct{ d time.Duration }

func (s sleepyScans) Read(ctx context.Context, path string) (*layout.Document, error) {
	p, err := s.Begin(ctx, path)
	if err != nil {
		return nil, err
	}
	return p.Finish(ctx)
}

func (s sleepyScans) Begin(ctx context.Context, path string) (*extract.Pending, error) {
	doc := &layout.Document{Source: path, Pages: []layout.Page{{Number: 1}}}
	return extract.NewPending(doc, 1, func(ctx context.Context) (*layout.Document, error) {
		select {
		case <-time.After(s.d):
			return doc, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}), nil
}

// The time a scan waits in the OCR backlog is not its own: with two OCR
// workers, a third scan waits for one of them, and its time-out runs from
// when its recognition starts (else the third of three 0.4 s scans under
// -timeout 0.6s timed out, 0.8 s after it was read).
func TestBacklogWaitIsNotTimedOut(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	for i := range 3 {
		p := filepath.Join(dir, fmt.Sprintf("scan-%d.pdf", i))
		if err := os.WriteFile(p, []byte("%PDF-1.4\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	opts := Options{OutDir: t.TempDir(), Workers: 2, Timeout: 600 * time.Millisecond, Reader: &extract.Reader{PDF: sleepyScans{400 * time.Millisecond}}}
	for _, r := range Run(context.Background(), Plan(inputs, opts.OutDir), opts, nil) {
		if r.Reason == ReasonTimeout {
			t.Errorf("%s: %s", filepath.Base(r.Input), r.Error)
		}
	}
	// A scan that takes longer than the time-out still times out.
	opts.Reader = &extract.Reader{PDF: sleepyScans{2 * time.Second}}
	for _, r := range Run(context.Background(), Plan(inputs[:1], opts.OutDir), opts, nil) {
		if r.Reason != ReasonTimeout {
			t.Errorf("%s: %s %q, want a time-out", filepath.Base(r.Input), r.Status, r.Error)
		}
	}
}
