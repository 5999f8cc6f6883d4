package pdf

import (
	"context"
	"testing"
)

// The direct calls into PDFium's module (several times faster than the
// calls through go-pdfium) and the memory check reach go-pdfium's private
// fields by reflection. A go-pdfium upgrade that renames or reshapes them
// must fail here, not fall back in silence to the slow path (apiFor) and
// to no memory figure (memoryUsed).
func TestFastPathReached(t *testing.T) {
	if !directCalls {
		t.Fatal("direct calls turned off")
	}
	r, err := NewReader(Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	in, err := r.pool.GetInstanceWithContext(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var c apiCache
	api := c.apiFor(in)
	_, fast := api.(*wasmPDF)
	mem := memoryUsed(in)
	in.Close()
	if !fast {
		_, werr := newWasmPDF(in)
		t.Fatalf("calls go through go-pdfium (%T), not directly into the module: %v", api, werr)
	}
	if mem <= 0 {
		t.Errorf("memoryUsed = %d: the instance's wasm memory is not reached (the out-of-memory message is lost)", mem)
	}

	// A read takes the direct calls: the reader's cache holds them.
	if _, err := r.Read(context.Background(), corpus+"jiangsu-shengweibangongting-2019-budget-tables.pdf"); err != nil {
		t.Fatal(err)
	}
	n := 0
	r.apis.m.Range(func(_, v any) bool {
		if _, ok := v.(*wasmPDF); ok {
			n++
		}
		return true
	})
	if n == 0 {
		t.Error("a read did not use the direct calls")
	}
}
