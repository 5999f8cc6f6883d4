package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/yusuan-data/yusuan/internal/synth"
)

// runMeasured runs a command and returns its wall time and peak resident
// memory in MiB.
func runMeasured(b *testing.B, name string, args ...string) (time.Duration, float64) {
	b.Helper()
	cmd := exec.Command(name, args...)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	wall := time.Since(start)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return wall, float64(ru.Maxrss) / 1024
}

// BenchmarkArchive converts a 500-document archive (the seed, renamed and
// rescaled) with 1 and 2 workers, and reports documents/s, pages/s and
// peak memory of the process. Run it with -benchtime 1x (make bench).
func BenchmarkArchive(b *testing.B) {
	bin := buildBinaryB(b)
	dir := b.TempDir()
	archive := filepath.Join(dir, "archive")
	paths, err := synth.Archive(archive, seed, 500)
	if err != nil {
		b.Fatal(err)
	}
	docs := float64(len(paths))
	rates := map[int]float64{}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			for b.Loop() {
				out := filepath.Join(dir, fmt.Sprintf("out-%d", w))
				os.RemoveAll(out)
				wall, rss := runMeasured(b, bin, "extract", "-q", "-workers", fmt.Sprint(w), archive, "-o", out)
				rates[w] = docs / wall.Seconds()
				b.ReportMetric(docs/wall.Seconds(), "docs/s")
				b.ReportMetric(docs/wall.Seconds(), "pages/s") // a text input is one page
				b.ReportMetric(rss, "peak-MiB")
			}
		})
	}
	if rates[1] > 0 {
		b.Logf("2 workers / 1 worker = %.2f×", rates[2]/rates[1])
	}
}

// BenchmarkPDFvsPdftotext reads the fixture PDFs with yusuan (full output:
// CSV, XLSX, manifest) and with poppler's pdftotext -layout one file after
// another, and reports yusuan's throughput as a ratio of pdftotext's.
func BenchmarkPDFvsPdftotext(b *testing.B) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		b.Skip("pdftotext (poppler-utils) not installed")
	}
	bin := buildBinaryB(b)
	files, _ := filepath.Glob("../../fixtures/pdf/*/*.pdf")
	if len(files) == 0 {
		b.Skip("no fixture PDFs")
	}
	pages := 0
	for _, f := range files {
		pages += pdfPages(b, f)
	}
	dir := b.TempDir()
	// Warm the wazero compilation cache once: the figure is for a warm start.
	runMeasured(b, bin, "extract", "-q", "-no-xlsx", files[0], "-o", filepath.Join(dir, "warm"))
	for b.Loop() {
		start := time.Now()
		for _, f := range files {
			cmd := exec.Command(pdftotext, "-layout", f, filepath.Join(dir, filepath.Base(f)+".txt"))
			cmd.Run()
		}
		ref := time.Since(start)
		for _, w := range []int{1, 2} {
			out := filepath.Join(dir, fmt.Sprintf("out-%d", w))
			os.RemoveAll(out)
			// Failures are expected (a scan, a garbled text layer): the
			// figure is the time for the whole batch.
			// -no-ocr: this measures the text layer; scans and garbled
			// files fail fast with their reason, as pdftotext gives junk.
			cmd := exec.Command(bin, "extract", "-q", "-no-ocr", "-workers", fmt.Sprint(w))
			cmd.Args = append(append(cmd.Args, files...), "-o", out)
			start := time.Now()
			cmd.Run()
			wall := time.Since(start)
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			b.ReportMetric(float64(pages)/wall.Seconds(), fmt.Sprintf("pages/s-w%d", w))
			b.ReportMetric(ref.Seconds()/wall.Seconds(), fmt.Sprintf("x-pdftotext-w%d", w))
			b.ReportMetric(float64(ru.Maxrss)/1024, fmt.Sprintf("peak-MiB-w%d", w))
		}
		b.ReportMetric(float64(pages)/ref.Seconds(), "pages/s-pdftotext")
	}
}

func pdfPages(b *testing.B, path string) int {
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		return 0
	}
	var n int
	for _, line := range splitLines(string(out)) {
		if _, err := fmt.Sscanf(line, "Pages: %d", &n); err == nil {
			return n
		}
	}
	return 0
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

func buildBinaryB(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "yusuan")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
