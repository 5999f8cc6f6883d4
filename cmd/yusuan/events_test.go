package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoEventLost: with -log-format json every document gets its event,
// also those that end while Tesseract starts: gosseract's Init points the
// process's stderr (fd 2) at /dev/null meanwhile, and a batch of five with
// one scan logged one event of five. Events go to a descriptor of their own.
func TestNoEventLost(t *testing.T) {
	if testing.Short() {
		t.Skip("runs tesseract in a child process")
	}
	dir := t.TempDir()
	var inputs []string
	// Texts that take a while each, so that some end while Tesseract
	// starts.
	data := bigExport(t, 3000)
	for i := 0; i < 24; i++ {
		p := filepath.Join(dir, "text-"+string(rune('a'+i))+".txt")
		os.WriteFile(p, []byte(data), 0o644)
		inputs = append(inputs, p)
	}
	// The scan starts first (the largest file), and Tesseract starts
	// while the texts go by.
	inputs = append(inputs, "../../fixtures/scan/seed-a1-a2-200dpi.pdf")
	out := filepath.Join(dir, "out")
	cmd, stderr := startCLI(t, append([]string{"extract", "-log-format", "json", "-workers", "2", "-no-xlsx", "-o", out}, inputs...)...)
	if err := cmd.Wait(); err != nil && cmd.ProcessState.ExitCode() > 1 {
		t.Fatalf("%v\n%s", err, stderr)
	}
	n := strings.Count(stderr.String(), `"event":"document"`)
	if n != len(inputs) {
		t.Errorf("%d document events for %d inputs:\n%s", n, len(inputs), stderr)
	}
}
