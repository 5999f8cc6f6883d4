package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestOutputsReadable: every folder and file a run writes is readable by
// others under the usual umask (0755/0644), so a warehouse loader running
// as another user can read them; temporary files used to leave 0700/0600.
func TestOutputsReadable(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	out := filepath.Join(t.TempDir(), "out")
	var o, e bytes.Buffer
	if code := run([]string{"extract", "-o", out, "-dataset", filepath.Join(out, "ds"), "../../fixtures/000_40af54efeba53a7c.txt"}, &o, &e); code != 0 {
		t.Fatalf("exit %d: %s", code, e.String())
	}
	n := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(p)
		want := os.FileMode(0o644)
		if d.IsDir() {
			want = 0o755
		}
		if st.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, st.Mode().Perm(), want)
		}
		n++
		return nil
	})
	if n < 10 {
		t.Fatalf("only %d paths written", n)
	}
}
