package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/yusuan-data/yusuan/internal/synth"
	"github.com/yusuan-data/yusuan/pipeline"
)

// buildBinary builds yusuan once for the tests that run it as a process.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "yusuan")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// treeFiles maps every file under dir (relative path) to its bytes,
// run.json excepted: it records times.
func treeFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() || rel == "run.json" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[rel] = data
		return nil
	})
	return files
}

func sameTrees(t *testing.T, want, got string) {
	t.Helper()
	w, g := treeFiles(t, want), treeFiles(t, got)
	for name, data := range w {
		if gd, ok := g[name]; !ok {
			t.Errorf("%s: missing", name)
		} else if !bytes.Equal(gd, data) {
			t.Errorf("%s: differs", name)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s: not in the clean run (left behind?)", name)
		}
	}
}

// TestKillAndResume kills a run with SIGKILL at random moments, several
// times, then lets it finish: the output must equal a clean run's byte for
// byte, with nothing half-written left behind.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	archive := filepath.Join(dir, "archive")
	if _, err := synth.Archive(archive, seed, 40); err != nil {
		t.Fatal(err)
	}
	clean, resumed := filepath.Join(dir, "clean"), filepath.Join(dir, "resumed")
	if out, err := exec.Command(bin, "extract", "-q", "-workers", "2", archive, "-o", clean).CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, out)
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5; i++ {
		cmd := exec.Command(bin, "extract", "-q", "-workers", "2", archive, "-o", resumed)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(30+rng.Intn(400)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
	}
	out, err := exec.Command(bin, "extract", "-workers", "2", archive, "-o", resumed).CombinedOutput()
	if err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "already complete") {
		t.Errorf("final run did not report skipped documents: %s", out)
	}
	sameTrees(t, clean, resumed)
	entries, _ := os.ReadDir(resumed)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	var log pipeline.RunLog
	data, _ := os.ReadFile(filepath.Join(resumed, "run.json"))
	if err := json.Unmarshal(data, &log); err != nil || len(log.Inputs) != 40 {
		t.Fatalf("run.json: %v, %d inputs", err, len(log.Inputs))
	}
}

// TestShardsMerge runs three shards as separate processes, merges them, and
// compares with one unsharded run.
func TestShardsMerge(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	archive := filepath.Join(dir, "archive")
	if _, err := synth.Archive(archive, seed, 24); err != nil {
		t.Fatal(err)
	}
	whole := filepath.Join(dir, "whole")
	if out, err := exec.Command(bin, "extract", "-q", "-no-xlsx", archive, "-o", whole).CombinedOutput(); err != nil {
		t.Fatalf("whole run: %v\n%s", err, out)
	}
	var shards []string
	total := 0
	for k := 1; k <= 3; k++ {
		out := filepath.Join(dir, "shard", string(rune('0'+k)))
		shards = append(shards, out)
		if o, err := exec.Command(bin, "extract", "-q", "-no-xlsx", "-shard", string(rune('0'+k))+"/3", archive, "-o", out).CombinedOutput(); err != nil {
			t.Fatalf("shard %d: %v\n%s", k, err, o)
		}
		var l pipeline.RunLog
		data, _ := os.ReadFile(filepath.Join(out, "run.json"))
		json.Unmarshal(data, &l)
		if len(l.Inputs) == 0 || len(l.Inputs) == 24 {
			t.Errorf("shard %d took %d of 24 inputs", k, len(l.Inputs))
		}
		total += len(l.Inputs)
	}
	if total != 24 {
		t.Errorf("shards took %d inputs in all, want 24", total)
	}
	merged := filepath.Join(dir, "merged")
	if code, _, stderr := runCLI(append([]string{"merge", "-o", merged}, shards...)...); code != 0 {
		t.Fatalf("merge: %s", stderr)
	}
	sameTrees(t, whole, merged)
	var l pipeline.RunLog
	data, _ := os.ReadFile(filepath.Join(merged, "run.json"))
	if err := json.Unmarshal(data, &l); err != nil || len(l.Inputs) != 24 {
		t.Errorf("merged run.json: %v, %d inputs", err, len(l.Inputs))
	}

	// A shard left out, or one that crashed before its run.json, is an
	// error naming it (merge exited 0 and dropped its inputs); -partial
	// merges the rest and still names it.
	code, _, stderr := runCLI("merge", "-o", filepath.Join(dir, "m2"), shards[0], shards[2])
	if code != 1 || !strings.Contains(stderr, "shard 2/3: not among the SHARDDIRs") {
		t.Errorf("merge without shard 2: exit %d, %q", code, stderr)
	}
	os.Remove(filepath.Join(shards[1], "run.json"))
	code, _, stderr = runCLI(append([]string{"merge", "-o", filepath.Join(dir, "m3")}, shards...)...)
	if code != 1 || !strings.Contains(stderr, shards[1]+": no run.json") {
		t.Errorf("merge with a crashed shard: exit %d, %q", code, stderr)
	}
	code, _, stderr = runCLI(append([]string{"merge", "-partial", "-o", filepath.Join(dir, "m4")}, shards...)...)
	if code != 0 || !strings.Contains(stderr, shards[1]+": no run.json") {
		t.Errorf("merge -partial with a crashed shard: exit %d, %q", code, stderr)
	}
}
