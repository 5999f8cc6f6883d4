package pdf

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"
)

// fuzzLimits keep one execution cheap: small documents only.
var fuzzLimits = Limits{
	MaxPages:        20,
	MaxStreamBytes:  4 << 20,
	MaxDecodedBytes: 16 << 20,
	MaxImagePixels:  4_000_000,
}.resolve()

// FuzzRead feeds mutated PDFs through the whole PDF-to-layout step
// (stream scan, pdfcpu, PDFium, layout). Whatever the bytes, Read must
// return, within the time-out, either a document whose pages and lines
// are numbered in order with finite boxes, or one error of one line. A
// panic in the layout code (which Read turns into "layout failed") is a
// bug; a PDFium trap is not ours, and Read survives it.
//
// PDFium is expensive to start: one Reader per fuzz process (testReader's
// sync.Once). Seeds: testdata/fuzz/FuzzRead (small fixture PDFs).
//
//	go test -run '^$' -fuzz '^FuzzRead$' -parallel 1 -fuzztime 10m ./extract/pdf/
func FuzzRead(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		r := testReader(t)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		// A read that ignores its time-out is a hang: crash the worker
		// with every goroutine's stack, so that the fuzzer keeps the input.
		watchdog := time.AfterFunc(60*time.Second, func() {
			buf := make([]byte, 1<<20)
			panic(fmt.Sprintf("Read still running 60 s after start (time-out 20 s):\n%s", buf[:runtime.Stack(buf, true)]))
		})
		defer watchdog.Stop()
		doc, err := r.readData(ctx, "fuzz.pdf", data, &fuzzLimits)
		if err != nil {
			msg := err.Error()
			if msg == "" || strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("error not one line: %q", msg)
			}
			if strings.Contains(msg, "layout failed") {
				t.Fatalf("layout panicked: %s", msg)
			}
			return
		}
		if len(doc.Pages) == 0 || len(doc.Pages) > fuzzLimits.MaxPages {
			t.Fatalf("%d pages", len(doc.Pages))
		}
		prev := 0
		for _, p := range doc.Pages {
			if p.Number <= prev {
				t.Fatalf("page %d after page %d", p.Number, prev)
			}
			prev = p.Number
			for i, l := range p.Lines {
				if l.Number != i+1 {
					t.Fatalf("page %d: line %d numbered %d", p.Number, i+1, l.Number)
				}
				for _, v := range []float64{l.Box.X0, l.Box.Y0, l.Box.X1, l.Box.Y1} {
					if math.IsNaN(v) || math.IsInf(v, 0) {
						t.Fatalf("page %d line %d: box %v", p.Number, l.Number, l.Box)
					}
				}
			}
		}
	})
}
