package ocr

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/otiai10/gosseract/v2"
)

// TestRunStopsOnCancel: cancelling while cells wait for a tesseract
// client returns at once. The engine here has no free client, so every
// job handed out fails in its wait; a worker failing a second job must
// not block (it did: the error channel had room for one per worker, and
// run waited for the worker that waited to report), so the whole process
// hung on a -timeout or a SIGINT during OCR.
func TestRunStopsOnCancel(t *testing.T) {
	for workers := 1; workers <= 3; workers++ {
		for round := 0; round < 50; round++ {
			e := &Engine{opts: Options{Workers: workers}, clients: make(chan *gosseract.Client, workers)}
			jobs := make([]*cellJob, 20)
			for i := range jobs {
				jobs[i] = &cellJob{idx: i}
			}
			ctx, cancel := context.WithCancel(context.Background())
			go func() {
				time.Sleep(time.Duration(round%5) * time.Millisecond)
				cancel()
			}()
			done := make(chan error, 1)
			go func() {
				done <- e.run(ctx, jobs, func(*gosseract.Client, *cellJob) { t.Error("no client, yet a job ran") })
			}()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("workers %d: run returned %v, want context.Canceled", workers, err)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("workers %d, round %d: run did not return 5 s after the cancel (hang)", workers, round)
			}
		}
	}
}

// TestCancelDuringOCR cancels the reading of a two-page scan at moments
// spread over its recognition, again and again: each time it returns at
// once with the cancel (run with -race too). A worker blocked reporting
// its second failed cell hung it for ever.
func TestCancelDuringOCR(t *testing.T) {
	if testing.Short() {
		t.Skip("runs tesseract")
	}
	e := testEngine(t)
	for i, d := range []time.Duration{0, 20, 80, 200, 400, 700, 1000, 1500, 2200, 3000} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(d*time.Millisecond, cancel)
		done := make(chan error, 1)
		go func() {
			_, err := ReadImageFile(ctx, e, scanDir+"seed-a2-unruled-200dpi.tif")
			done <- err
		}()
		<-ctx.Done()
		t0 := time.Now()
		select {
		case err := <-done:
			if err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("cancel %d: %v, want the cancel", i, err)
			}
			t.Logf("cancel after %v: returned %v later", d*time.Millisecond, time.Since(t0).Round(time.Millisecond))
		case <-time.After(30 * time.Second): // a page's steps under -race take seconds
			t.Fatalf("cancel %d after %v: still reading 30 s later", i, d*time.Millisecond)
		}
		cancel()
	}
}
