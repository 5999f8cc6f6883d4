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

// A table broken by a page break: the merged cell of column 0 runs on to the
// next page, so its column rules end level with the last row rule, which
// covers only the other columns; on the next page the same cell begins with
// no top rule.
func TestPageBreakOpenCells(t *testing.T) {
	hs := []Seg{{0, 0, 30, 0}, {0, 5, 30, 5}, {10, 10, 30, 10}, {10, 15, 30, 15}}
	_, vs := lines([]float64{0, 10, 20, 30}, []float64{0, 15})
	ts := Find(hs, vs, 0.5, 2)
	if len(ts) != 1 || ts[0].Box != (Box{0, 0, 30, 15}) {
		t.Fatalf("tables %+v", ts)
	}
	spans, slot := ts[0].Slots()
	if i := slot[1][0]; i < 0 || spans[i] != (Span{1, 3, 0, 1}) {
		t.Errorf("open-bottom cell: slots %v spans %v", slot, spans)
	}
	// The next page: the cell goes on from the top.
	hs = []Seg{{10, 0, 30, 0}, {10, 5, 30, 5}, {0, 10, 30, 10}, {0, 15, 30, 15}}
	ts = Find(hs, vs, 0.5, 2)
	if len(ts) != 1 || ts[0].Box != (Box{0, 0, 30, 15}) {
		t.Fatalf("tables %+v", ts)
	}
	spans, slot = ts[0].Slots()
	if i := slot[0][0]; i < 0 || spans[i] != (Span{0, 2, 0, 1}) {
		t.Errorf("open-top cell: slots %v spans %v", slot, spans)
	}
	// Within tolerance: rules a little off each other, as drawn.
	hs = []Seg{{0, 0, 30, 0}, {0, 5, 30, 5}, {9.7, 10.2, 30, 10.2}, {9.7, 14.8, 30, 14.8}}
	vs = []Seg{{0.2, -0.2, 0.2, 15.1}, {10, -0.2, 10, 15.1}, {20, -0.2, 20, 15.1}, {30, -0.2, 30, 15.1}}
	ts = Find(hs, vs, 0.5, 2)
	if len(ts) != 1 || len(ts[0].Cells) != 8 {
		t.Fatalf("tables %+v", ts)
	}
}

// Column rules ending level with a row rule are not closed when nothing
// else ties them to it: two tables side by side stay apart, and a column
// rule that runs on past the row rule is not an end.
func TestOpenEndsNotClosed(t *testing.T) {
	// Left: a two-column frame whose bottom row has no rules but its
	// column rules; right: a full grid with the same bottom.
	hs := []Seg{{0, 0, 20, 0}, {0, 5, 20, 5}}
	_, vs := lines([]float64{0, 10, 20}, []float64{0, 10})
	h2, v2 := lines([]float64{30, 40, 50}, []float64{0, 5, 10})
	hs, vs = append(hs, h2...), append(vs, v2...)
	ts := Find(hs, vs, 0.5, 2)
	if len(ts) != 2 || ts[0].Box.X1 > ts[1].Box.X0 && ts[1].Box.X1 > ts[0].Box.X0 {
		for _, tb := range ts {
			t.Logf("%+v", tb)
		}
		t.Fatalf("%d tables", len(ts))
	}
	// Column 0's rules run on below the last row rule of the others.
	hs = []Seg{{0, 0, 30, 0}, {0, 5, 30, 5}, {10, 10, 30, 10}}
	vs = []Seg{{0, 0, 0, 20}, {10, 0, 10, 20}, {20, 0, 20, 10}, {30, 0, 30, 10}}
	ts = Find(hs, vs, 0.5, 2)
	if len(ts) != 1 || ts[0].Box != (Box{0, 0, 30, 10}) || len(ts[0].Cells) != 5 {
		t.Fatalf("tables %+v", ts)
	}
}

// A table continued from the page before, its first row without a top
// rule: the column rules begin a row's height above the first row rule
// (西安 一般公共预算支出表). And one continued on the next page, its last row
// without a bottom rule. Each open row is a row of the grid.
func TestOpenFrameRows(t *testing.T) {
	xs := []float64{35, 55, 154, 361, 468}
	for _, c := range []struct {
		name   string
		ys     []float64 // row rules drawn
		v0, v1 float64   // where the column rules begin and end
		want   []float64 // row bounds found
	}{
		{"open top", []float64{52, 69, 86, 102}, 36, 102, []float64{36, 52, 69, 86, 102}},
		{"open bottom", []float64{52, 69, 86, 102}, 52, 118, []float64{52, 69, 86, 102, 118}},
		{"open both", []float64{52, 69, 86}, 36, 102, []float64{36, 52, 69, 86, 102}},
		// rules that only overshoot the frame a little are no open row
		{"overshoot", []float64{52, 69, 86, 102}, 49, 105, []float64{52, 69, 86, 102}},
		// more than three row pitches: no row of this table
		{"far", []float64{52, 69, 86, 102}, 0, 102, []float64{52, 69, 86, 102}},
	} {
		var hs, vs []Seg
		for _, y := range c.ys {
			hs = append(hs, Seg{xs[0], y, xs[len(xs)-1], y})
		}
		for _, x := range xs {
			vs = append(vs, Seg{x, c.v0, x, c.v1})
		}
		ts := Find(hs, vs, 2.5, 2)
		if len(ts) != 1 || !reflect.DeepEqual(ts[0].Ys, c.want) {
			var got [][]float64
			for _, tb := range ts {
				got = append(got, tb.Ys)
			}
			t.Errorf("%s: row bounds %v, want %v", c.name, got, c.want)
		}
	}
	// A header whose column rules begin at a rule under a merged cell is
	// closed there, if only in part: nothing is drawn.
	hs := []Seg{{0, 0, 30, 0}, {10, 5, 30, 5}, {0, 10, 30, 10}, {0, 15, 30, 15}}
	vs := []Seg{{0, 0, 0, 15}, {10, 0, 10, 15}, {20, 5, 20, 15}, {25, 5, 25, 15}, {30, 0, 30, 15}}
	if got := closeFrame(hs, vs, 0.5); len(got) != len(hs) {
		t.Errorf("closed header: drew %v", got[len(hs):])
	}
}
