package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/correct"
	"github.com/yusuan-data/yusuan/table"
)

// yusuan extract -corrections DIR applies a document's corrections, and a
// resumed run redoes the document when they change or go, and skips it
// when they do not.
func TestExtractCorrections(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(data)
	sum := hex.EncodeToString(h[:])
	fix := filepath.Join(dir, "corrections")
	c := table.Correction{Op: "cell", Table: "a02", Row: 5, Column: "project", Before: "", After: "260.00"}
	if err := correct.Save(fix, &correct.File{SHA256: sum, Corrections: []table.Correction{c}}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	csv := filepath.Join(out, "000_40af54efeba53a7c", "a02_gpb_expenditure.csv")
	row := func() string {
		data, _ := os.ReadFile(csv)
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "2013799,") {
				return l
			}
		}
		return ""
	}
	skipped := func() bool {
		data, _ := os.ReadFile(filepath.Join(out, "run.json"))
		return strings.Contains(string(data), `"skipped": true`)
	}
	corrected, asRead := "2013799,其他网信事务支出,223.00,260.00,,260.00", "2013799,其他网信事务支出,223.00,260.00,,"

	if code, _, stderr := runCLI("extract", "-q", "-corrections", fix, seed, "-o", out); code != 0 || row() != corrected {
		t.Fatalf("with corrections: exit %d, row %q; %s", code, row(), stderr)
	}
	if runCLI("extract", "-q", "-corrections", fix, seed, "-o", out); !skipped() {
		t.Fatal("the same corrections again: the document was redone")
	}
	if runCLI("extract", "-q", seed, "-o", out); skipped() || row() != asRead {
		t.Fatalf("without corrections: skipped %v, row %q", skipped(), row())
	}
	c.After = "259.00"
	correct.Save(fix, &correct.File{SHA256: sum, Corrections: []table.Correction{c}})
	if runCLI("extract", "-q", "-corrections", fix, seed, "-o", out); skipped() || !strings.HasSuffix(row(), ",259.00") {
		t.Fatalf("changed corrections: skipped %v, row %q", skipped(), row())
	}
}
