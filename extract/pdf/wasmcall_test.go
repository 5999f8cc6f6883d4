package pdf

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// The direct calls read every fixture page exactly as the calls through
// go-pdfium do: characters, boxes, rules, images.
func TestDirectCallsMatchGoPdfium(t *testing.T) {
	files, _ := filepath.Glob("../../fixtures/pdf/*/*.pdf")
	if len(files) == 0 {
		t.Skip("no fixture PDFs")
	}
	ctx := context.Background()
	w, g := bothAPIs(t)
	read := func(api pdfAPI, data []byte) ([]*rawPage, error) {
		doc, err := api.openDocument(data)
		if err != nil {
			return nil, err
		}
		defer api.closeDocument(doc)
		n, err := api.pageCount(doc)
		if err != nil {
			return nil, err
		}
		var out []*rawPage
		for i := 0; i < n; i++ {
			rp, err := readPage(ctx, api, doc, i)
			if err != nil {
				return nil, err
			}
			out = append(out, rp)
		}
		return out, nil
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, werr := read(g, data)
		got, gerr := read(w, data)
		if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
			t.Errorf("%s: error %v, through go-pdfium %v", filepath.Base(f), gerr, werr)
			continue
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d pages, through go-pdfium %d", filepath.Base(f), len(got), len(want))
			continue
		}
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("%s page %d: differs from the page read through go-pdfium (%d/%d chars, %d/%d segs)",
					filepath.Base(f), i+1, len(got[i].Chars), len(want[i].Chars), len(got[i].Segs), len(want[i].Segs))
			}
		}
	}
	// Open errors are go-pdfium's.
	for _, data := range [][]byte{[]byte("%PDF-1.4\ngarbage"), readBad(t, "encrypted-user-password.pdf")} {
		_, werr := g.openDocument(data)
		_, gerr := w.openDocument(data)
		if werr == nil || gerr == nil || werr.Error() != gerr.Error() {
			t.Errorf("open error %v, through go-pdfium %v", gerr, werr)
		}
	}
}

// bothAPIs returns the two ways of calling one PDFium instance: the
// direct calls into its module and the calls through go-pdfium. The
// instance goes back to the pool when the test ends.
func bothAPIs(t *testing.T) (direct *wasmPDF, viaGoPdfium goPDF) {
	t.Helper()
	in, err := testReader(t).pool.GetInstanceWithContext(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	w, err := newWasmPDF(in)
	if err != nil {
		t.Fatalf("direct calls unavailable: %v", err)
	}
	return w, goPDF{in}
}
