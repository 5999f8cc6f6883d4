// Move to cmd/yusuan/hostile_test.go (package main). It needs the
// progress.go change that prints an input name holding a control
// character Go-quoted (see the report); without it the "new\nline.pdf"
// fixture's error takes two lines and this test says so.

package main

import (
	"github.com/yusuan-data/yusuan/internal/badcases"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/pipeline"
)

const badDir = "../../fixtures/bad/"

type badCase struct{ path, want string } // want "" = must come out

// readBad reads fixtures/bad/expected.tsv (package badcases), with paths.
func readBad(t *testing.T) []badCase {
	t.Helper()
	cases, err := badcases.Read(badDir + "expected.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var out []badCase
	for _, c := range cases {
		out = append(out, badCase{badDir + c.Name, c.Want})
	}
	return out
}

// shown is how the CLI names an input on stderr.
func shown(path string) string {
	if strings.ContainsFunc(path, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return strconv.Quote(path)
	}
	return path
}

// TestHostileBatch runs every file of fixtures/bad and the seed in one
// batch: the seed and the files marked (ok) come out, every other file
// gets exactly one stderr line "yusuan: FILE: reason" with its expected
// reason, the exit status is 1, a failed file leaves no folder, and
// nothing is written outside OUTDIR (not even through a symlink planted
// in it).
func TestHostileBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PDFium")
	}
	cases := readBad(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	victim := filepath.Join(dir, "victim")
	os.MkdirAll(out, 0o755)
	os.Mkdir(victim, 0o755)
	// ..evil.pdf comes out as OUTDIR/evil: plant a symlink there first.
	if err := os.Symlink(victim, filepath.Join(out, "evil")); err != nil {
		t.Fatal(err)
	}

	files := []string{seed}
	for _, c := range cases {
		files = append(files, c.path)
	}
	args := append([]string{"extract", "-q", "-workers", "2", "-timeout", "2m", "-no-xlsx"}, files...)
	code, _, stderr := runCLI(append(args, "-o", out)...)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	jobs := pipeline.Plan(files, out)
	folder := map[string]string{}
	for _, j := range jobs {
		folder[j.Input] = j.OutDir
	}

	failing := 0
	for _, c := range cases {
		_, statErr := os.Stat(filepath.Join(folder[c.path], "manifest.json"))
		if c.want == "" {
			if statErr != nil {
				t.Errorf("%q: did not come out: %v", c.path, statErr)
			}
			for _, l := range lines {
				if strings.HasPrefix(l, "yusuan: "+shown(c.path)+": ") {
					t.Errorf("%q: error line for a good file: %s", c.path, l)
				}
			}
			continue
		}
		failing++
		n := 0
		for _, l := range lines {
			if strings.HasPrefix(l, "yusuan: "+shown(c.path)+": ") {
				n++
				if !strings.Contains(l, c.want) {
					t.Errorf("%q: %q, want it to contain %q", c.path, l, c.want)
				}
			}
		}
		if n != 1 {
			t.Errorf("%q: %d error lines, want 1", c.path, n)
		}
		if _, err := os.Lstat(folder[c.path]); err == nil {
			t.Errorf("%q: failed but %s exists", c.path, folder[c.path])
		}
	}
	if len(lines) != failing {
		t.Errorf("stderr has %d lines, want %d (one per failing file):\n%s", len(lines), failing, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "000_40af54efeba53a7c", "manifest.json")); err != nil {
		t.Errorf("the good input did not come out: %v", err)
	}

	// Nothing outside OUTDIR, nothing through the planted link, no
	// temporaries, and in OUTDIR only run.json and the folders of the
	// documents that came out.
	if es, _ := os.ReadDir(dir); len(es) != 2 {
		t.Errorf("written outside OUTDIR: %v", es)
	}
	if es, _ := os.ReadDir(victim); len(es) != 0 {
		t.Errorf("written through the symlink OUTDIR/evil: %v", es)
	}
	want := map[string]bool{"run.json": true, filepath.Base(folder[seed]): true}
	for _, c := range cases {
		if c.want == "" {
			want[filepath.Base(folder[c.path])] = true
		}
	}
	es, _ := os.ReadDir(out)
	for _, e := range es {
		if !want[e.Name()] {
			t.Errorf("OUTDIR/%s: unexpected (temporary, or a failed document's folder)", e.Name())
		}
	}
}
