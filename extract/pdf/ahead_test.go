package pdf

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
)

// Files preflighted ahead (Lazy.Expect) read exactly as files preflighted
// by Read itself: the same document, or the same one-line error, for every
// fixture PDF, every hostile file and a text file among them.
func TestPreflightAheadReadsTheSame(t *testing.T) {
	files, _ := filepath.Glob("../../fixtures/pdf/*/*.pdf")
	bad, _ := filepath.Glob(badDir + "*")
	files = append(files, bad...)
	if len(files) < 20 {
		t.Fatalf("only %d fixture files", len(files))
	}
	ctx := context.Background()
	want := testReader(t)

	l := NewLazy(Options{})
	defer l.Close()
	// Synchronously and before PDFium is up: every file is preflighted
	// ahead (Expect stops once PDFium is up, which makes its share vary).
	l.preflightAhead(files)
	pdfs := 0
	for _, f := range files {
		p, ok := l.ahead[f]
		if !ok {
			continue
		}
		if p.err != errNotAhead {
			pdfs++
		}
	}
	if pdfs < 15 {
		t.Fatalf("%d of %d files preflighted ahead, want every PDF", pdfs, len(files))
	}
	for _, f := range files {
		if filepath.Base(f) == "expected.tsv" || filepath.Base(f) == "go.mod" {
			continue
		}
		got, gerr := l.Read(ctx, f)
		exp, eerr := want.Read(ctx, f)
		if (gerr == nil) != (eerr == nil) || gerr != nil && gerr.Error() != eerr.Error() {
			t.Errorf("%s: error %v, read without preflight ahead: %v", filepath.Base(f), gerr, eerr)
			continue
		}
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("%s: the document differs from the one read without preflight ahead", filepath.Base(f))
		}
		if p, ok := l.ahead[f]; ok && p != claimed && p.err != errNotAhead {
			t.Errorf("%s: its preflight ahead was not taken", filepath.Base(f))
		}
	}
}

// A run over text files never starts PDFium, hint or not.
func TestExpectTextStartsNothing(t *testing.T) {
	l := NewLazy(Options{})
	l.expect([]string{"../../fixtures/000_40af54efeba53a7c.txt", badDir + "gbk.txt"})
	if len(l.ahead) != 0 {
		t.Errorf("Expect over text files preflighted %d", len(l.ahead))
	}
	l.Close()
	if l.r != nil {
		t.Error("Expect over text files started PDFium")
	}
}
