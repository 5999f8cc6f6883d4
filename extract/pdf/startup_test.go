package pdf

import (
	"context"
	"os"
	"testing"
	"time"
)

// TestStartup measures a first (cold cache) and a second (cached) start of
// the pool: YUSUAN_STARTUP=1 go test -run TestStartup -v
func TestStartup(t *testing.T) {
	if os.Getenv("YUSUAN_STARTUP") == "" {
		t.Skip("set YUSUAN_STARTUP=1 (compiles PDFium from scratch: several seconds)")
	}
	dir := t.TempDir()
	for _, label := range []string{"cold cache", "cached"} {
		t0 := time.Now()
		r, err := NewReader(Options{Workers: 1, CacheDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		started := time.Since(t0)
		if _, err := r.Read(context.Background(), "../../fixtures/pdf/corpus/jiangsu-shengweibangongting-2019-budget-tables.pdf"); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: NewReader %v, NewReader+first Read %v", label, started, time.Since(t0))
		r.Close()
	}
}
