package dataset

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/table"
)

// copyDoc copies a document folder of the test corpus into out.
func copyDoc(t *testing.T, out, doc string) {
	t.Helper()
	src := filepath.Join(corpus, doc)
	dst := filepath.Join(out, doc)
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sameAsFull builds out incrementally into ds and fully into a fresh
// folder and checks that both hold the same files, byte for byte.
func sameAsFull(t *testing.T, out, ds, step string) *Report {
	t.Helper()
	inc, err := Build(out, ds, Options{Version: "test", RowGroupRows: 20})
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	full := filepath.Join(t.TempDir(), "full")
	if _, err := Build(out, full, Options{Version: "test", RowGroupRows: 20, Full: true}); err != nil {
		t.Fatalf("%s: full: %v", step, err)
	}
	a, b := snapshot(t, ds), snapshot(t, full)
	for name, data := range b {
		if other, ok := a[name]; !ok || !bytes.Equal(data, other) {
			t.Errorf("%s: %s differs from a full build", step, name)
		}
	}
	if len(a) != len(b) {
		t.Errorf("%s: %d files, a full build %d", step, len(a), len(b))
	}
	return inc
}

// TestIncremental: adding, redoing and removing documents, and a dataset
// file changed by hand, each give what a full build gives, and partitions
// whose documents did not change are kept.
func TestIncremental(t *testing.T) {
	out := t.TempDir()
	ds := filepath.Join(t.TempDir(), "ds")
	copyDoc(t, out, docA)
	copyDoc(t, out, docC)
	first := sameAsFull(t, out, ds, "first build")
	if first.Kept != 0 {
		t.Errorf("first build kept %d partitions", first.Kept)
	}
	parts := first.Written

	// Nothing changed: everything kept.
	again := sameAsFull(t, out, ds, "again")
	if again.Written != 0 || again.Kept != parts {
		t.Errorf("again: %d written, %d kept; want 0, %d", again.Written, again.Kept, parts)
	}

	// A new document of 2025 with no wider amounts (a's copy): the 2025
	// partitions are written, c's null partitions (every kind and its
	// findings) kept.
	copyDoc(t, out, docA)
	if err := os.Rename(filepath.Join(out, docA), filepath.Join(out, "a_tongnan_again")); err != nil {
		t.Fatal(err)
	}
	copyDoc(t, out, docA)
	added := sameAsFull(t, out, ds, "added a copy of a")
	nullParts := 0
	for _, k := range append(added.Kinds, added.Findings) {
		if k.partition(0) != nil {
			nullParts++
		}
	}
	if added.Kept != nullParts || nullParts < 10 {
		t.Errorf("added a copy of a: %d kept, want the %d null partitions", added.Kept, nullParts)
	}
	// A document in 元: its amounts have four more places, so the kinds
	// with amounts change scale and are written whole; the others keep
	// their null partitions.
	copyDoc(t, out, docB)
	added = sameAsFull(t, out, ds, "added b")
	if added.Kept == 0 || added.Kept >= nullParts {
		t.Errorf("added b: %d kept", added.Kept)
	}
	if g := added.Kind("gpb_expenditure"); g.Rows != 64 || g.Documents != 4 {
		t.Errorf("added b: gpb_expenditure %d rows of %d documents", g.Rows, g.Documents)
	}

	// a redone: a changed amount replaces a's rows.
	redo(t, filepath.Join(out, docA), "a02_gpb_expenditure.csv", "2013701,行政运行,108.64,108.97,", "2013701,行政运行,108.64,108.96,")
	redone := sameAsFull(t, out, ds, "redone a")
	if redone.Kept == 0 {
		t.Error("redone a: nothing kept")
	}
	pq := readParquet(t, filepath.Join(ds, "parquet/kind=gpb_expenditure/year=2025/part-0.parquet"))
	var got []string
	for _, r := range pq.rows {
		if r[0] == docA && r[slices_index(pq.names, "subject_code")] == "2013701" {
			got = append(got, r[slices_index(pq.names, "total")])
		}
	}
	if strings.Join(got, ",") != "108.960000" {
		t.Errorf("a's 2013701 after the redo: %v", got)
	}

	// a redone with one more decimal place: the kind's scale changes, so
	// every partition of the kind is written again.
	redo(t, filepath.Join(out, docA), "a02_gpb_expenditure.csv", "2013701,行政运行,108.64,108.96,", "2013701,行政运行,108.64,108.9612345,")
	scaled := sameAsFull(t, out, ds, "rescaled a")
	if c := scaled.Kind("gpb_expenditure").Column("total"); c.Scale != 7 {
		t.Errorf("total scale %d, want 7", c.Scale)
	}

	// A kept file damaged by hand is written again.
	victim := filepath.Join(ds, "csv/kind=three_public/year="+NullPartition+"/part-0.csv")
	if err := os.WriteFile(victim, []byte("damaged\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sameAsFull(t, out, ds, "damaged file")

	// b removed: its rows go.
	if err := os.RemoveAll(filepath.Join(out, docB)); err != nil {
		t.Fatal(err)
	}
	removed := sameAsFull(t, out, ds, "removed b")
	if g := removed.Kind("gpb_expenditure"); g.Rows != 48 || g.Documents != 3 {
		t.Errorf("removed b: gpb_expenditure %d rows of %d documents", g.Rows, g.Documents)
	}
}

func slices_index(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

// redo edits one CSV of a document folder as a rerun would change it,
// with its checksum in the manifest.
func redo(t *testing.T, dir, csvName, old, new string) {
	t.Helper()
	path := filepath.Join(dir, csvName)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s: no %q", csvName, old)
	}
	data = bytes.Replace(data, []byte(old), []byte(new), 1)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	err = rewrite(dir, func(m *export.Manifest) {
		sum := sha256.Sum256(data)
		for i := range m.Files {
			if m.Files[i].Path == csvName {
				m.Files[i].SHA256, m.Files[i].Bytes = hex.EncodeToString(sum[:]), len(data)
			}
		}
	}, func(te *export.TableEntry, rows [][]string) ([]table.Column, [][]string) { return te.Columns, rows })
	if err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalOtherBuild: a dataset made by other code (another Build)
// is written anew whole.
func TestIncrementalOtherBuild(t *testing.T) {
	ds := filepath.Join(t.TempDir(), "ds")
	if _, err := Build(corpus, ds, Options{Version: "test", Build: "one"}); err != nil {
		t.Fatal(err)
	}
	same, err := Build(corpus, ds, Options{Version: "test", Build: "one"})
	if err != nil || same.Written != 0 {
		t.Fatalf("same build: %d written, %v", same.Written, err)
	}
	other, err := Build(corpus, ds, Options{Version: "test", Build: "two"})
	if err != nil || other.Kept != 0 {
		t.Errorf("other build: %d kept, %v", other.Kept, err)
	}
}
