package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/validate"
)

// within runs f and fails the test when it has not returned after d.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s: still running after %s", what, d)
	}
}

// TestSpecialFilesRefused: only regular files are read. A named pipe
// blocked the hash of its input for ever (open waits for a writer), a
// link to /dev/zero never ended; each is now one failed input with its
// reason, at once, and resuming does not block on them either.
func TestSpecialFilesRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	zero := filepath.Join(dir, "zero.txt")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.pdf")
	os.Mkdir(folder, 0o755)
	out := filepath.Join(dir, "out")
	for _, c := range []struct{ path, want string }{
		{fifo, "named pipe"},
		{zero, "device"},
		{folder, "is a directory"},
	} {
		job := Plan([]string{c.path}, out)[0]
		within(t, 10*time.Second, c.path, func() {
			if _, done := Completed(job, Options{OutDir: out}); done {
				t.Errorf("%s: complete", c.path)
			}
			res := Process(context.Background(), job, Options{OutDir: out})
			if !res.Failed() || !strings.Contains(res.Error, c.want) {
				t.Errorf("%s: %s %q, want failed with %q", filepath.Base(c.path), res.Status, res.Error, c.want)
			}
		})
	}
}

// TestUnreadableSubfolder: a folder the run may not read (a lost+found
// under a non-root pod) is one failed input; the rest of the walk comes
// out. It aborted the whole run with no output.
func TestUnreadableSubfolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder: run as another user to see a permission error")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644)
	locked := filepath.Join(dir, "lost+found")
	os.Mkdir(locked, 0o755)
	os.WriteFile(filepath.Join(locked, "b.txt"), []byte("x"), 0o644)
	os.Chmod(locked, 0)
	defer os.Chmod(locked, 0o755)
	in, err := Inputs([]string{dir})
	if err != nil {
		t.Fatalf("walk failed: %v", err)
	}
	if len(in) != 2 || in[0] != filepath.Join(dir, "a.txt") || in[1] != locked {
		t.Fatalf("inputs %q, want a.txt and the locked folder", in)
	}
	res := Process(context.Background(), Plan(in, t.TempDir())[1], Options{})
	if !strings.Contains(res.Error, "cannot be read") || !strings.Contains(res.Error, "permission denied") {
		t.Errorf("locked folder: %q", res.Error)
	}
}

// TestLargeTableValidates: a table of 50,000 rows is segmented,
// normalised and validated in seconds (the code hierarchy compared every
// row with every other: 100,000 rows took 285 s). The bound is a hang guard, not a timing.
func TestLargeTableValidates(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large export")
	}
	data, err := os.ReadFile("../fixtures/000_40af54efeba53a7c.txt")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, l := range strings.Split(string(data), "\n") {
		b.WriteString(l + "\n")
		if strings.HasPrefix(l, "2210201\t") {
			for k := 0; k < 50_000; k++ {
				b.WriteString(l + "\n")
			}
		}
	}
	path := filepath.Join(t.TempDir(), "big.txt")
	os.WriteFile(path, []byte(b.String()), 0o644)
	within(t, 60*time.Second, "50,000 rows", func() {
		doc, err := Convert(context.Background(), path, Options{Check: validate.Check})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, tb := range doc.Tables {
			n = max(n, len(tb.Rows))
		}
		if n < 50_000 {
			t.Errorf("largest table has %d rows, want over 50,000", n)
		}
	})
}

// TestResumeSeesChangedOptions: options that change the output are part
// of what complete means. A -csv-bom run after a plain one (or back)
// redoes the document, and so does a run with OCR after a -no-ocr one
// whose output has pages left unread; the same options skip it.
func TestResumeSeesChangedOptions(t *testing.T) {
	out := t.TempDir()
	job := Plan([]string{"../fixtures/000_40af54efeba53a7c.txt"}, out)[0]
	opts := Options{OutDir: out, Check: validate.Check}
	opts.Export.NoXLSX = true
	if res := Process(context.Background(), job, opts); res.Failed() {
		t.Fatal(res.Error)
	}
	if _, done := Completed(job, opts); !done {
		t.Fatal("same options: not complete")
	}
	bom := opts
	bom.Export.CSVBOM = true
	if _, done := Completed(job, bom); done {
		t.Error("-csv-bom after a run without: skipped")
	}

	// The same document as a -no-ocr run leaves it when a page is a scan.
	doc, err := Convert(context.Background(), job.Input, opts)
	if err != nil {
		t.Fatal(err)
	}
	doc.Findings = append(doc.Findings, table.Finding{Severity: table.Error, Rule: "page.unread", Pages: []int{9}})
	if err := export.Write(job.OutDir, doc, opts.Export); err != nil {
		t.Fatal(err)
	}
	if _, done := Completed(job, opts); done {
		t.Error("OCR on after a -no-ocr run that left pages unread: skipped")
	}
	noOCR := opts
	noOCR.NoOCR = true
	if _, done := Completed(job, noOCR); !done {
		t.Error("-no-ocr again: not complete")
	}
}

// TestReservedNames: an input named run.json.pdf does not get the folder
// run.json, which would replace the run's record.
func TestReservedNames(t *testing.T) {
	for _, j := range Plan([]string{"a/run.json.pdf", "b/run.json.txt"}, "out") {
		if filepath.Base(j.OutDir) == "run.json" {
			t.Errorf("%s: output folder %s", j.Input, j.OutDir)
		}
	}
}

// TestInputsOnce: a file reached twice, through a folder and its
// subfolder or by two spellings, is one input (a link stays an input of
// its own).
func TestInputsOnce(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "2025")
	os.Mkdir(sub, 0o755)
	f := filepath.Join(sub, "a.txt")
	os.WriteFile(f, []byte("x"), 0o644)
	in, err := Inputs([]string{dir, sub, sub + "/./a.txt", f})
	if err != nil {
		t.Fatal(err)
	}
	if len(in) != 1 || in[0] != f {
		t.Errorf("inputs %q, want only %s", in, f)
	}
}

// TestStaleOutputRetired: a source replaced by a broken file fails, and
// the output made from its old bytes goes aside (hidden, so datasets skip
// it) with the run record saying where; it stayed and passed for current.
func TestStaleOutputRetired(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "doc.txt")
	good, err := os.ReadFile("../fixtures/000_40af54efeba53a7c.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(src, good, 0o644)
	out := filepath.Join(dir, "out")
	job := Plan([]string{src}, out)[0]
	opts := Options{OutDir: out}
	opts.Export.NoXLSX = true
	if res := Process(context.Background(), job, opts); res.Failed() {
		t.Fatal(res.Error)
	}
	os.WriteFile(src, []byte("\x00\x01broken"), 0o644)
	res := Process(context.Background(), job, opts)
	if !res.Failed() {
		t.Fatal("broken source came out")
	}
	if _, err := os.Stat(job.OutDir); err == nil {
		t.Errorf("%s: the old output is still in place", job.OutDir)
	}
	if res.Stale == "" || !strings.HasPrefix(filepath.Base(res.Stale), ".") {
		t.Errorf("stale output recorded as %q, want a hidden folder", res.Stale)
	} else if _, err := os.Stat(filepath.Join(res.Stale, "manifest.json")); err != nil {
		t.Errorf("stale output lost: %v", err)
	}

	// A document failing with its output made from the same bytes (a
	// -strict failure here) keeps it.
	os.WriteFile(src, good, 0o644)
	Process(context.Background(), job, opts)
	opts.Strict = true
	opts.Check = func(*table.Document) []table.Finding {
		return []table.Finding{{Severity: table.Error, Rule: "x"}}
	}
	if res := Process(context.Background(), job, opts); !res.Failed() || res.Stale != "" {
		t.Errorf("same bytes: failed %v, stale %q", res.Failed(), res.Stale)
	}
}

// TestRunLogNameBytes: a file name that is not UTF-8 (GBK) is recorded
// in run.json byte for byte, beside its readable form.
func TestRunLogNameBytes(t *testing.T) {
	name := "archive/\xd4\xa4\xcb\xe3.txt" // 预算 in GBK
	l := NewRunLog("v", "", time.Now(), []Result{{Input: name}, {Input: "ok.txt"}})
	data, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	var back RunLog
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if string(back.Inputs[0].InputBytes) != name || back.Inputs[1].InputBytes != nil {
		t.Errorf("names recorded as %q and %q", back.Inputs[0].InputBytes, back.Inputs[1].InputBytes)
	}
}
