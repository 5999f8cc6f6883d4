package pdf

import (
	"context"
	"os"
	"reflect"
	"testing"
)

// Assist reads the pages of a document being read that no instance has
// taken yet, exactly as the document's own instance would, and joins only
// a document with enough pages left.
func TestAssistReadsThePagesLeft(t *testing.T) {
	r, err := NewReader(Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx := context.Background()
	path := "../../fixtures/pdf/corpus/wuxi-tongjiju-2026-budget.pdf"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := preflight(path, data)
	if err != nil {
		t.Fatal(err)
	}
	want, err := r.readRaw(ctx, path, data, pages)
	if err != nil {
		t.Fatal(err)
	}

	// As if the document's own instance had taken its first three pages.
	sh := &sharedPages{pages: pages, out: make([]*rawPage, pages)}
	sh.next.Store(3)
	d := &activeDoc{ctx: ctx, data: data, sh: sh}
	r.assist.add(d)
	if !r.Assist(ctx) {
		t.Fatal("Assist found no document to help")
	}
	if r.Assist(ctx) {
		t.Error("Assist helped again with no page left")
	}
	r.assist.remove(d)
	if err := sh.err(); err != nil {
		t.Fatal(err)
	}
	for i := range pages {
		if i < 3 {
			if sh.out[i] != nil {
				t.Errorf("page %d was taken already, yet read", i+1)
			}
			continue
		}
		if !reflect.DeepEqual(sh.out[i], want[i]) {
			t.Errorf("page %d differs from the page read by one instance", i+1)
		}
	}

	// A document nearly done is left alone.
	sh = &sharedPages{pages: pages, out: make([]*rawPage, pages)}
	sh.next.Store(int64(pages - 2*minHelperPages + 1))
	d = &activeDoc{ctx: ctx, data: data, sh: sh}
	r.assist.add(d)
	if r.Assist(ctx) {
		t.Errorf("Assist joined a document with %d pages left", sh.left())
	}
	r.assist.remove(d)
}
