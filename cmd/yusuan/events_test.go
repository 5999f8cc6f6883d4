package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/yusuan-data/yusuan/pipeline"
)

// TestJSONEventsWithScan runs a batch holding a scan, a text disclosure, a
// non-budget file and a broken PDF as a process with -log-format json: one
// event per document and a summary must reach stderr (Tesseract's
// initialisation points descriptor 2 at /dev/null while it loads, and
// events written meanwhile used to vanish), each with time, level and its
// reason code; the non-budget file is declined, not failed, so the batch
// exits 1 only because of the broken PDF.
func TestJSONEventsWithScan(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	notBudget := filepath.Join(dir, "notice.txt")
	os.WriteFile(notBudget, []byte("关于举办培训班的通知\n各单位：\n定于下周举办培训班，请准时参加。\n"), 0o644)
	inputs := []string{
		"../../fixtures/scan/seed-a3-300dpi.pdf",
		"../../fixtures/000_40af54efeba53a7c.txt",
		"../../fixtures/bad/truncated.pdf",
		notBudget,
		"../../fixtures/scan/seed-a2-unruled-200dpi.tif",
	}
	args := append([]string{"extract", "-log-format", "json", "-no-xlsx", "-workers", "2", "-o", filepath.Join(dir, "out")}, inputs...)
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1 (the broken PDF)\n%s", err, stderr.String())
	}
	status := map[string]string{}
	reason := map[string]string{}
	summaries := 0
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		var ev map[string]any
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("not a JSON event: %q", sc.Text())
		}
		if ev["time"] == nil || ev["level"] == nil {
			t.Errorf("event without time or level: %v", ev)
		}
		switch ev["msg"] {
		case "document":
			in := ev["input"].(string)
			status[in], reason[in] = ev["status"].(string), ev["reason"].(string)
		case "summary":
			summaries++
			if ev["declined"].(float64) != 1 || ev["failed"].(float64) != 1 || ev["extracted"].(float64) != 3 {
				t.Errorf("summary %v: want 3 extracted, 1 declined, 1 failed", ev)
			}
		}
	}
	if len(status) != len(inputs) || summaries != 1 {
		t.Fatalf("%d document events and %d summaries, want %d and 1:\n%s", len(status), summaries, len(inputs), stderr.String())
	}
	want := map[string][2]string{
		inputs[0]: {"ok", ""}, inputs[1]: {"ok", ""}, inputs[4]: {"ok", ""},
		inputs[2]: {"failed", pipeline.ReasonCorrupt}, notBudget: {"declined", pipeline.ReasonNotBudget},
	}
	for in, w := range want {
		if status[in] != w[0] || reason[in] != w[1] {
			t.Errorf("%s: status %q reason %q, want %q %q", in, status[in], reason[in], w[0], w[1])
		}
	}
}

// TestDeclinedExitsZero: a batch whose budgets all came out exits 0 even
// when it met a file that is no budget; -strict counts the decline.
func TestDeclinedExitsZero(t *testing.T) {
	dir := t.TempDir()
	notBudget := filepath.Join(dir, "notice.txt")
	os.WriteFile(notBudget, []byte("关于举办培训班的通知\n各单位：\n定于下周举办培训班，请准时参加。\n"), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"extract", "-no-xlsx", "-o", filepath.Join(dir, "o1"), "../../fixtures/000_40af54efeba53a7c.txt", notBudget}, &out, &errb); code != 0 {
		t.Errorf("exit %d, want 0:\n%s", code, errb.String())
	}
	if !bytes.Contains(errb.Bytes(), []byte("declined")) {
		t.Errorf("stderr does not say the file was declined:\n%s", errb.String())
	}
	errb.Reset()
	if code := run([]string{"extract", "-strict", "-no-xlsx", "-o", filepath.Join(dir, "o2"), notBudget}, &out, &errb); code != 1 {
		t.Errorf("-strict: exit %d, want 1:\n%s", code, errb.String())
	}
	data, _ := os.ReadFile(filepath.Join(dir, "o1", "run.json"))
	var l pipeline.RunLog
	if err := json.Unmarshal(data, &l); err != nil || len(l.Inputs) != 2 {
		t.Fatalf("run.json: %v", err)
	}
	for _, r := range l.Inputs {
		if r.Input == notBudget && (r.Status != "declined" || r.Reason != pipeline.ReasonNotBudget) {
			t.Errorf("run.json record %+v: want declined, not_budget", r)
		}
	}
}

// TestEventStreamSurvivesStderrRedirect does what gosseract's Init does
// (descriptor 2 pointed at /dev/null while Tesseract loads) and checks that
// a line written meanwhile to yusuan's event stream still arrives, while
// the same line written to os.Stderr is lost.
func TestEventStreamSurvivesStderrRedirect(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	saved, err := syscall.Dup(2)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		syscall.Dup2(saved, 2)
		syscall.Close(saved)
	}()
	syscall.Dup2(int(f.Fd()), 2) // the process's stderr is now the file
	events := eventStream()
	null, _ := os.Open(os.DevNull)
	syscall.Dup2(int(null.Fd()), 2) // as gosseract does during Init
	fmt.Fprintln(events, "event during Init")
	fmt.Fprintln(os.Stderr, "lost during Init")
	syscall.Dup2(saved, 2)
	events.Close()
	data, _ := os.ReadFile(f.Name())
	if !strings.Contains(string(data), "event during Init") {
		t.Errorf("the event stream lost a line while stderr pointed at /dev/null: %q", data)
	}
	if strings.Contains(string(data), "lost during Init") {
		t.Errorf("the redirect did not take: %q (the test proves nothing)", data)
	}
}

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
	n := strings.Count(stderr.String(), `"msg":"document"`)
	if n != len(inputs) {
		t.Errorf("%d document events for %d inputs:\n%s", n, len(inputs), stderr)
	}
}
