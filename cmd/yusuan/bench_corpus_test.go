package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkCorpusVsPdftotext is the throughput figure that matters: the
// real disclosures of the shared corpus (../shared/corpus and its dev/,
// beside the repository or beside its parent; YUSUAN_CORPUS names other
// folders, separated by ':'), read by yusuan with its full output (CSV,
// XLSX, manifest) and by poppler's pdftotext -layout, one file after
// another, in interleaved rounds (pdftotext, yusuan with 2 workers, with
// 1): a shared machine drifts from one second to the next, and a run and
// the one after it share its mood.
//
// The set is every PDF with a text layer (pdffonts lists a font), each
// content once: scans alone would time OCR against a tool that reads
// nothing. Two sub-benchmarks: "no-ocr" (yusuan -no-ocr: the text layer,
// as pdftotext) and "ocr" (OCR allowed: garbled pages and the pages of
// scans among them are recognised, minutes of Tesseract). Rounds: 3
// without OCR, 1 with, unless YUSUAN_BENCH_ROUNDS and
// YUSUAN_BENCH_OCR_ROUNDS say otherwise (0 skips). YUSUAN_BENCH_BIN times
// a given yusuan binary instead of one built from this tree (to set an
// old build against a new one).
//
// Reported per sub-benchmark: pages/s of each (the median wall time of
// the rounds), the ratio to pdftotext (x-pdftotext-wN, the median of each
// round's ratio; above 1 is faster) and CPU seconds (user+sys, median)
// beside wall seconds. Skipped, with the reason, when the corpus or
// poppler-utils is absent (CI has no corpus).
func BenchmarkCorpusVsPdftotext(b *testing.B) {
	for _, tool := range []string{"pdftotext", "pdffonts", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skipf("%s (poppler-utils) not installed", tool)
		}
	}
	dirs := corpusDirs()
	if len(dirs) == 0 {
		b.Skip("no corpus: neither ../shared/corpus beside the repository (or its parent) nor YUSUAN_CORPUS")
	}
	files, pages := textLayerPDFs(b, dirs)
	if len(files) == 0 {
		b.Skipf("no text-layer PDF in %v", dirs)
	}
	bin := os.Getenv("YUSUAN_BENCH_BIN")
	if bin == "" {
		bin = buildBinaryB(b)
	}
	dir := b.TempDir()
	b.Logf("corpus: %d text-layer PDFs, %d pages, from %s", len(files), pages, strings.Join(dirs, ", "))
	// Warm the compilation cache of the WebAssembly runtime: the figure
	// is for a warm start, as every run after a machine's first.
	exec.Command(bin, "extract", "-q", "-no-ocr", "-no-xlsx", files[0], "-o", filepath.Join(dir, "warm")).Run()

	rounds, ocrRounds := envInt("YUSUAN_BENCH_ROUNDS", 3), envInt("YUSUAN_BENCH_OCR_ROUNDS", 1)
	for _, mode := range []struct {
		name   string
		flags  []string
		rounds int
	}{{"no-ocr", []string{"-no-ocr"}, rounds}, {"ocr", nil, ocrRounds}} {
		b.Run(mode.name, func(b *testing.B) {
			if mode.rounds <= 0 {
				b.Skip("no rounds asked for (YUSUAN_BENCH_ROUNDS, YUSUAN_BENCH_OCR_ROUNDS)")
			}
			for b.Loop() {
				var ref, refCPU []float64
				wall := map[int][]float64{}
				cpu := map[int][]float64{}
				ratio := map[int][]float64{}
				for range mode.rounds {
					r, rc := timePdftotext(files, filepath.Join(dir, "out.txt"))
					ref, refCPU = append(ref, r), append(refCPU, rc)
					for _, w := range []int{2, 1} {
						out := filepath.Join(dir, fmt.Sprintf("out-%s-%d", mode.name, w))
						os.RemoveAll(out)
						args := append([]string{"extract", "-q", "-workers", fmt.Sprint(w)}, mode.flags...)
						args = append(append(args, files...), "-o", out)
						// Failed and declined inputs are part of the batch:
						// the exit status is not the figure.
						t, c := timeRun(bin, args...)
						wall[w] = append(wall[w], t)
						cpu[w] = append(cpu[w], c)
						ratio[w] = append(ratio[w], r/t)
					}
				}
				p := float64(pages)
				b.ReportMetric(p/median(ref), "pages/s-pdftotext")
				for _, w := range []int{2, 1} {
					b.ReportMetric(p/median(wall[w]), fmt.Sprintf("pages/s-w%d", w))
					b.ReportMetric(median(ratio[w]), fmt.Sprintf("x-pdftotext-w%d", w))
					b.ReportMetric(median(cpu[w]), fmt.Sprintf("cpu-s-w%d", w))
				}
				b.ReportMetric(median(refCPU), "cpu-s-pdftotext")
				b.Logf("%s: %d files, %d pages, %d rounds (medians): pdftotext %.0f pages/s (%.2fs wall, %.2fs CPU); yusuan 2 workers %.0f pages/s (%.2fs wall, %.2fs CPU, %.2f× pdftotext); 1 worker %.0f pages/s (%.2fs wall, %.2fs CPU, %.2f×)",
					mode.name, len(files), pages, mode.rounds,
					p/median(ref), median(ref), median(refCPU),
					p/median(wall[2]), median(wall[2]), median(cpu[2]), median(ratio[2]),
					p/median(wall[1]), median(wall[1]), median(cpu[1]), median(ratio[1]))
				b.Logf("%s rounds, wall s: pdftotext %.2f; w2 %.2f; w1 %.2f; CPU s: pdftotext %.2f; w2 %.2f; w1 %.2f",
					mode.name, ref, wall[2], wall[1], refCPU, cpu[2], cpu[1])
			}
		})
	}
}

// corpusDirs finds the shared corpus: YUSUAN_CORPUS, or shared/corpus and
// shared/corpus/dev beside the repository (the test runs in cmd/yusuan)
// or beside the folder that holds it (a worktree).
func corpusDirs() []string {
	if s := os.Getenv("YUSUAN_CORPUS"); s != "" {
		return filepath.SplitList(s)
	}
	for _, c := range []string{"../../../shared/corpus", "../../../../shared/corpus"} {
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			dirs := []string{c}
			if st, err := os.Stat(filepath.Join(c, "dev")); err == nil && st.IsDir() {
				dirs = append(dirs, filepath.Join(c, "dev"))
			}
			return dirs
		}
	}
	return nil
}

// textLayerPDFs lists the PDFs of dirs that have a text layer (pdffonts
// lists a font), each content once, and their pages in all.
func textLayerPDFs(b *testing.B, dirs []string) ([]string, int) {
	b.Helper()
	seen := map[[32]byte]bool{}
	var files []string
	pages := 0
	for _, d := range dirs {
		all, _ := filepath.Glob(filepath.Join(d, "*.pdf"))
		for _, f := range all {
			out, err := exec.Command("pdffonts", f).Output()
			if err != nil || len(strings.Split(strings.TrimSpace(string(out)), "\n")) < 3 {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			h := sha256.Sum256(data)
			if seen[h] {
				continue
			}
			seen[h] = true
			files = append(files, f)
			pages += pdfPages(b, f)
		}
	}
	return files, pages
}

// timePdftotext runs pdftotext -layout on each file in turn and returns
// the wall and CPU (user+sys) seconds of all.
func timePdftotext(files []string, out string) (wall, cpu float64) {
	for _, f := range files {
		w, c := timeRun("pdftotext", "-layout", f, out)
		wall += w
		cpu += c
	}
	return wall, cpu
}

// timeRun runs a command and returns its wall and CPU (user+sys) seconds,
// whatever its exit status.
func timeRun(name string, args ...string) (wall, cpu float64) {
	cmd := exec.Command(name, args...)
	start := time.Now()
	cmd.Run()
	wall = time.Since(start).Seconds()
	if ps := cmd.ProcessState; ps != nil {
		cpu = (ps.UserTime() + ps.SystemTime()).Seconds()
	}
	return wall, cpu
}

// envInt is the integer in environment variable name, or def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return def
}
