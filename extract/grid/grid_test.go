package grid

import (
	"reflect"
	"testing"
)

// lines draws a full grid over the given column and row bounds.
func lines(xs, ys []float64) (hs, vs []Seg) {
	for _, y := range ys {
		hs = append(hs, Seg{xs[0], y, xs[len(xs)-1], y})
	}
	for _, x := range xs {
		vs = append(vs, Seg{x, ys[0], x, ys[len(ys)-1]})
	}
	return hs, vs
}

func TestFindAndSlots(t *testing.T) {
	hs, vs := lines([]float64{0, 10, 20, 30}, []float64{0, 5, 10})
	// Merge the top two cells on the left: drop the rule between them above y=5.
	vs[1] = Seg{10, 5, 10, 10}
	ts := Find(hs, vs, 0.5, 2)
	if len(ts) != 1 {
		t.Fatalf("%d tables", len(ts))
	}
	tb := ts[0]
	if !reflect.DeepEqual(tb.Xs, []float64{0, 10, 20, 30}) || !reflect.DeepEqual(tb.Ys, []float64{0, 5, 10}) ||
		tb.Box != (Box{0, 0, 30, 10}) || len(tb.Cells) != 5 {
		t.Fatalf("table %+v", tb)
	}
	spans, slot := tb.Slots()
	if slot[0][0] != slot[0][1] || slot[0][0] < 0 || spans[slot[0][0]] != (Span{0, 1, 0, 2}) {
		t.Errorf("merged cell: slots %v spans %v", slot, spans)
	}
	if Index(tb.Xs, -1) != -1 || Index(tb.Xs, 10) != 1 || Index(tb.Xs, 15) != 1 || Index(tb.Xs, 40) != 3 {
		t.Error("Index")
	}
	// One column is a frame, not a table.
	hs, vs = lines([]float64{0, 10}, []float64{0, 5, 10})
	if ts := Find(hs, vs, 0.5, 2); len(ts) != 0 {
		t.Errorf("a frame became %d tables", len(ts))
	}
}
