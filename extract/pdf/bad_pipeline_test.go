package pdf_test

// TestBadFixtures lives outside package pdf: it runs the pipeline, and
// extract (which pipeline uses) imports extract/pdf.

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/extract/pdf"
	"github.com/yusuan-data/yusuan/internal/badcases"
	"github.com/yusuan-data/yusuan/pipeline"
)

// TestBadFixtures runs every file of fixtures/bad through the whole
// pipeline (the CLI's path, minus flag parsing): each gets its expected
// one-line error, or comes out when expected to; nothing panics; nothing
// is written outside the output folder, not even through a symlink
// planted in it; a failed document leaves no folder.
func TestBadFixtures(t *testing.T) {
	cases, err := badcases.Read(pdf.BadDir + "expected.tsv")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	out := filepath.Join(root, "out")
	victim := filepath.Join(root, "victim")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(victim, 0o755)
	// OUTDIR/evil already exists as a symlink to a folder outside OUTDIR:
	// ..evil.pdf comes out as "evil" and must replace the link, not write
	// through it.
	if err := os.Symlink(victim, filepath.Join(out, "evil")); err != nil {
		t.Fatal(err)
	}

	var inputs []string
	for _, c := range cases {
		inputs = append(inputs, pdf.BadDir+c.Name)
	}
	jobs := pipeline.Plan(inputs, out)
	opts := pipeline.Options{
		OutDir:  out,
		Workers: 1,
		Timeout: 2 * time.Minute,
		Reader:  &extract.Reader{PDF: pdf.SharedReader(t)},
	}
	opts.Export.NoXLSX = true
	want := map[string]bool{"evil": true}
	for i, c := range cases {
		job := jobs[i]
		if rel, err := filepath.Rel(out, job.OutDir); err != nil || strings.Contains(rel, string(filepath.Separator)) || rel == ".." || rel == "." {
			t.Errorf("%q: output folder %s is not a folder of OUTDIR", c.Name, job.OutDir)
		}
		t0 := time.Now()
		res := pipeline.Process(context.Background(), job, opts)
		took := time.Since(t0)
		t.Logf("%-32q %6.2fs %s %s", c.Name, took.Seconds(), res.Status, res.Error)
		if strings.Contains(res.Error, "internal error") {
			t.Errorf("%q: panic: %s", c.Name, res.Error)
		}
		if strings.ContainsAny(res.Error, "\r\n") {
			t.Errorf("%q: error of more than one line: %q", c.Name, res.Error)
		}
		_, statErr := os.Lstat(job.OutDir)
		if c.Want == "" {
			if res.Failed() {
				t.Errorf("%q: failed (%s), want it to come out", c.Name, res.Error)
			}
			if _, err := os.Stat(filepath.Join(job.OutDir, "manifest.json")); err != nil {
				t.Errorf("%q: no manifest in %s: %v", c.Name, job.OutDir, err)
			}
			want[filepath.Base(job.OutDir)] = true
			continue
		}
		if !res.Failed() {
			t.Errorf("%q: came out, want error containing %q", c.Name, c.Want)
			continue
		}
		if !strings.Contains(res.Error, c.Want) {
			t.Errorf("%q: error %q, want it to contain %q", c.Name, res.Error, c.Want)
		}
		if statErr == nil && filepath.Base(job.OutDir) != "evil" {
			t.Errorf("%q: failed but left %s", c.Name, job.OutDir)
		}
	}
	// Nothing beside out/, nothing in the victim folder, and in out/ only
	// the folders of the documents that came out.
	if es, _ := os.ReadDir(root); len(es) != 2 {
		t.Errorf("written outside OUTDIR: %v", es)
	}
	if es, _ := os.ReadDir(victim); len(es) != 0 {
		t.Errorf("written through the symlink out/evil: %v", es)
	}
	if fi, err := os.Lstat(filepath.Join(out, "evil")); err != nil || fi.Mode()&os.ModeSymlink != 0 {
		t.Errorf("out/evil: %v, %v (want a folder replacing the link)", fi, err)
	}
	es, _ := os.ReadDir(out)
	for _, e := range es {
		if !want[e.Name()] {
			t.Errorf("out/%s: not the folder of a document that came out", e.Name())
		}
	}
}
