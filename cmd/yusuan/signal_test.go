package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/yusuan-data/yusuan/pipeline"
)

// TestMain runs the command itself when the test binary is started as
// the CLI by a test that needs a process of its own (to signal it).
func TestMain(m *testing.M) {
	if os.Getenv("YUSUAN_TEST_CLI") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// startCLI starts this test binary as "yusuan args…".
func startCLI(t *testing.T, args ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "YUSUAN_TEST_CLI=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

// stopWithin sends SIGTERM to cmd and returns how long it took to exit;
// it fails the test (and kills it) when that is over limit.
func stopWithin(t *testing.T, cmd *exec.Cmd, limit time.Duration) time.Duration {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t0 := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
		return time.Since(t0)
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still running %s after SIGTERM", limit)
	}
	return 0
}

// checkStopped: run.json lists every input, and OUTDIR holds nothing but
// run.json and complete folders (a manifest in each, no partial ones).
func checkStopped(t *testing.T, out string, inputs int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatalf("no run.json after SIGTERM: %v", err)
	}
	var log pipeline.RunLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Inputs) != inputs {
		t.Errorf("run.json lists %d inputs, want %d", len(log.Inputs), inputs)
	}
	es, _ := os.ReadDir(out)
	for _, e := range es {
		if e.Name() == "run.json" {
			continue
		}
		if _, err := os.Stat(filepath.Join(out, e.Name(), "manifest.json")); err != nil || strings.HasPrefix(e.Name(), ".") {
			t.Errorf("OUTDIR/%s: not a complete document folder", e.Name())
		}
	}
}

// TestSIGTERMDuringOCR: SIGTERM while scanned pages are being recognised
// ends the run within seconds, with run.json written and no half-written
// folder. A cancel during OCR used to hang the process for ever (6 runs in
// 30), only SIGKILL ended it. The signal comes at a different moment each
// time.
func TestSIGTERMDuringOCR(t *testing.T) {
	if testing.Short() {
		t.Skip("runs tesseract in child processes")
	}
	scan := "../../fixtures/scan/seed-a1-a2-200dpi.pdf"
	for i, delay := range []time.Duration{1500 * time.Millisecond, 2500 * time.Millisecond, 4 * time.Second} {
		out := filepath.Join(t.TempDir(), "out")
		cmd, stderr := startCLI(t, "extract", "-q", "-workers", "2", "-no-xlsx", scan, seed, "-o", out)
		time.Sleep(delay)
		took := stopWithin(t, cmd, 15*time.Second)
		t.Logf("run %d: SIGTERM after %s, exit %s later (status %d)", i+1, delay, took.Round(time.Millisecond), cmd.ProcessState.ExitCode())
		checkStopped(t, out, 2)
		if cmd.ProcessState.ExitCode() == 1 && !strings.Contains(stderr.String(), "interrupted") && !strings.Contains(stderr.String(), "yusuan: ") {
			t.Errorf("exit 1 with no reason on stderr: %s", stderr)
		}
	}
}

// TestSIGTERMDuringValidation: SIGTERM while a huge text export is being
// segmented, normalised and validated ends the run within seconds.
// Validation was quadratic in a table's rows and checked no context: a
// 60 MB export never ended, and neither did the process.
func TestSIGTERMDuringValidation(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large export")
	}
	big := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(big, []byte(bigExport(t, 400_000)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	cmd, _ := startCLI(t, "extract", "-q", "-workers", "1", "-no-xlsx", "-no-ocr", big, "-o", out)
	time.Sleep(3 * time.Second)
	took := stopWithin(t, cmd, 10*time.Second)
	t.Logf("SIGTERM 3 s into a 400,000-row export: exit %s later", took.Round(time.Millisecond))
	checkStopped(t, out, 1)
}

// bigExport is the seed disclosure with n more rows in its table of
// expenditure by function (附件 3), all under one code.
func bigExport(t *testing.T, n int) string {
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	at := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "2210201\t") {
			at = i
			break
		}
	}
	if at < 0 {
		t.Fatal("seed: no row 2210201")
	}
	var b strings.Builder
	for i, l := range lines {
		b.WriteString(l + "\n")
		if i == at {
			for k := 0; k < n; k++ {
				fmt.Fprintf(&b, "%s\n", l)
			}
		}
	}
	return b.String()
}

// TestOneRunPerOutDir: a second run into an OUTDIR another run is writing
// is refused at once (two runs raced on the same documents); once the
// first ends, a run goes ahead.
func TestOneRunPerOutDir(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	unlock, err := lockOutDir(out)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("extract", "-q", "-no-xlsx", "-no-ocr", seed, "-o", out)
	if code != 1 || !strings.Contains(stderr, "in use by another yusuan run") {
		t.Errorf("second run: exit %d, %q", code, stderr)
	}
	unlock()
	if code, _, stderr := runCLI("extract", "-q", "-no-xlsx", "-no-ocr", seed, "-o", out); code != 0 {
		t.Errorf("after the first ended: exit %d, %q", code, stderr)
	}
}
