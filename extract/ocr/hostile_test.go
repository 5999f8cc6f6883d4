package ocr

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/yusuan-data/yusuan/extract/pdf"
	"github.com/yusuan-data/yusuan/internal/badcases"
)

// peakHeap runs f and returns how far the Go heap grew above where it
// stood before, at its highest (sampled every few milliseconds). Image
// data decoded by leptonica is copied into Go memory, so it shows here.
func peakHeap(f func()) (peak uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var top atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > base && ms.HeapAlloc-base > top.Load() {
				top.Store(ms.HeapAlloc - base)
			}
			select {
			case <-stop:
				return
			case <-time.After(3 * time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	<-done
	return top.Load()
}

// bounded runs f and fails the test when it has not returned after d.
func bounded(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s: still running after %s", what, d)
	}
}

// TestTIFFLoopRefused: a TIFF whose directory chain loops back is refused
// from its headers, at once. Leptonica went round the loop for ever
// (18 GB at 2 min 43 s from a 1 KB file, -timeout ignored: the decoding
// was not interruptible).
func TestTIFFLoopRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loop.tif")
	if err := os.WriteFile(path, badcases.BlankTIFF(3, 64, 64, true), 0o644); err != nil {
		t.Fatal(err)
	}
	bounded(t, 10*time.Second, "looping TIFF", func() {
		_, err := ReadImageFile(context.Background(), testEngine(t), path)
		if err == nil || !strings.Contains(err.Error(), "points back to an earlier one (a loop)") {
			t.Errorf("got %v, want the loop named", err)
		}
	})
}

// TestTIFFPagesOneAtATime: a multi-page TIFF is decoded a page at a time,
// as the pages are read, so memory holds the pages in progress and not
// the file's. 40 blank pages of 1700×1100 were all decoded first, as
// RGBA: 300 MB of heap (1,000 such pages: 9.45 GB).
func TestTIFFPagesOneAtATime(t *testing.T) {
	const pages = 40
	path := filepath.Join(t.TempDir(), "blank.tif")
	if err := os.WriteFile(path, badcases.BlankTIFF(pages, 1700, 1100, false), 0o644); err != nil {
		t.Fatal(err)
	}
	e := testEngine(t)
	var n int
	var err error
	peak := peakHeap(func() {
		bounded(t, 2*time.Minute, "blank TIFF", func() {
			doc, rerr := ReadImageFile(context.Background(), e, path)
			err = rerr
			if doc != nil {
				n = len(doc.Pages)
			}
		})
	})
	t.Logf("%d blank pages of 1700×1100: heap peak +%d MB", pages, peak>>20)
	if err != nil || n != pages {
		t.Fatalf("%d pages, %v; want %d pages", n, err, pages)
	}
	if peak > 120<<20 {
		t.Errorf("heap grew by %d MB reading %d pages of 1.9 M pixels: more than a few pages at once", peak>>20, pages)
	}
}

// TestHugeScanBounded: a PDF page holding one 10000×10000 image (100 M
// pixels, just inside the limit; 100 KB on disk) is not extracted (pdfcpu
// makes a PNG of it through a 4-byte-per-pixel copy, which decodes to
// another): the page is rendered at the engine's DPI instead. It took 1.9
// GB read at its full 1210 dpi, 1.3 GB reduced to 600 dpi after decoding.
func TestHugeScanBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 100 M pixels")
	}
	path := filepath.Join(t.TempDir(), "white.pdf")
	if err := os.WriteFile(path, badcases.WhiteImagePDF(10000, 10000), 0o644); err != nil {
		t.Fatal(err)
	}
	e := testEngine(t)
	r, err := pdf.NewReader(pdf.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	peak := peakHeap(func() {
		bounded(t, 2*time.Minute, "10000×10000 scan", func() {
			_, err = ReadPDF(context.Background(), e, r, path)
		})
	})
	t.Logf("one 10000×10000 page: heap peak +%d MB", peak>>20)
	if err != nil {
		t.Fatal(err)
	}
	if peak > 300<<20 {
		t.Errorf("heap grew by %d MB reading one page of 100 M pixels", peak>>20)
	}
}
