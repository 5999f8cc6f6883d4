package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
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
// another, and reports yusuan's throughput as a ratio of pdftotext's
// (x-pdftotext-wN: above 1 is faster), with 1 and 2 workers.
//
// Two sets: "fixtures" is every fixture PDF once (12 files, 261 pages),
// where yusuan's start (the program, then PDFium: about 0.3 s once per
// run) weighs most; "archive" is the same files five times over under
// other names, as a batch of an archive sees them. Each figure is the
// median of interleaved rounds (pdftotext, then yusuan with 2 workers,
// then with 1): a shared machine drifts by ±10% from one second to the
// next, and a single round said little; the ratio is the median of the
// rounds' ratios, each of a pdftotext run and the yusuan run after it.
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
	var archive []string
	for k := 1; k <= 5; k++ {
		for _, f := range files {
			dst := filepath.Join(dir, "archive", fmt.Sprintf("%d-%s", k, filepath.Base(f)))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				b.Fatal(err)
			}
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(dst, data, 0o644); err != nil {
				b.Fatal(err)
			}
			archive = append(archive, dst)
		}
	}
	// Warm the wazero compilation cache once: the figure is for a warm start.
	runMeasured(b, bin, "extract", "-q", "-no-xlsx", files[0], "-o", filepath.Join(dir, "warm"))
	for _, set := range []struct {
		name   string
		files  []string
		pages  int
		rounds int
	}{{"fixtures", files, pages, 7}, {"archive", archive, 5 * pages, 3}} {
		b.Run(set.name, func(b *testing.B) {
			for b.Loop() {
				var ref, w1, w2 []float64
				var rss [3]float64
				for range set.rounds {
					start := time.Now()
					for _, f := range set.files {
						cmd := exec.Command(pdftotext, "-layout", f, filepath.Join(dir, "out.txt"))
						cmd.Run()
					}
					ref = append(ref, time.Since(start).Seconds())
					for _, w := range []int{2, 1} {
						out := filepath.Join(dir, fmt.Sprintf("out-%d", w))
						os.RemoveAll(out)
						// -no-ocr: this measures the text layer; the scan and
						// the garbled file fail with their reason (after
						// reading every page), as pdftotext gives junk.
						// Failures are expected: the figure is the batch.
						cmd := exec.Command(bin, "extract", "-q", "-no-ocr", "-workers", fmt.Sprint(w))
						cmd.Args = append(append(cmd.Args, set.files...), "-o", out)
						start := time.Now()
						cmd.Run()
						wall := time.Since(start).Seconds()
						ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
						rss[w] = max(rss[w], float64(ru.Maxrss)/1024)
						if w == 2 {
							w2 = append(w2, wall)
						} else {
							w1 = append(w1, wall)
						}
					}
				}
				// The ratio of each round (runs a second apart share the
				// machine's mood), then the median over rounds.
				var x1, x2 []float64
				for k := range ref {
					x1 = append(x1, ref[k]/w1[k])
					x2 = append(x2, ref[k]/w2[k])
				}
				rounds := fmt.Sprintf("pdftotext %.2f, w2 %.2f, w2 ratio %.2f", ref, w2, x2)
				r, t1, t2 := median(ref), median(w1), median(w2)
				b.ReportMetric(float64(set.pages)/r, "pages/s-pdftotext")
				b.ReportMetric(float64(set.pages)/t2, "pages/s-w2")
				b.ReportMetric(float64(set.pages)/t1, "pages/s-w1")
				b.ReportMetric(median(x2), "x-pdftotext-w2")
				b.ReportMetric(median(x1), "x-pdftotext-w1")
				b.ReportMetric(rss[2], "peak-MiB-w2")
				b.Logf("%s: %d files, %d pages; median of %d rounds: pdftotext %.2fs, yusuan 2 workers %.2fs (ratio %.2f×), 1 worker %.2fs (%.2f×); rounds: %s",
					set.name, len(set.files), set.pages, set.rounds, r, t2, median(x2), t1, median(x1), rounds)
			}
		})
	}
}

// median of xs.
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	sort.Float64s(s)
	return s[len(s)/2]
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
