package pdf

import "testing"

// grid3 is a ruled table x 200..400, y 100..200 in three rows.
func grid3() []seg {
	var es []seg
	for _, y := range []float64{100, 133, 166, 200} {
		es = append(es, seg{X0: 200, Y0: y, X1: 400, Y1: y})
	}
	for _, x := range []float64{200, 300, 400} {
		es = append(es, seg{X0: x, Y0: 100, X1: x, Y1: 200})
	}
	return es
}

// TestOpenColumnsJoinTheTable (北京 项目支出绩效目标表): vertical rules left
// of a table over its whole height, with no horizontal rule of their own,
// are columns of the table; so is one rule alone that starts and ends with
// the table (北京-应急 p.28: the code column, the only open one); a ruled
// table beside it, or one lone rule running past the table (a page frame),
// is not.
func TestOpenColumnsJoinTheTable(t *testing.T) {
	s := DefaultSettings()
	open := append(grid3(), seg{X0: 60, Y0: 99, X1: 60, Y1: 201}, seg{X0: 130, Y0: 100, X1: 130, Y1: 200})
	ts := findTables(open, &s)
	if len(ts) != 1 || ts[0].Box.X0 != 200 {
		t.Fatalf("setup: %d tables", len(ts))
	}
	closed := closeOpenColumns(open, ts)
	ts = findTables(closed, &s)
	if len(ts) != 1 || ts[0].Box.X0 != 60 || len(ts[0].Xs) != 5 {
		t.Fatalf("open columns not joined: %d tables, box %+v", len(ts), ts[0].Box)
	}

	flush := append(grid3(), seg{X0: 150, Y0: 99.5, X1: 150, Y1: 200.5})
	ts = findTables(closeOpenColumns(flush, findTables(flush, &s)), &s)
	if len(ts) != 1 || ts[0].Box.X0 != 150 || len(ts[0].Xs) != 4 {
		t.Errorf("one open column flush with the table not joined: %d tables", len(ts))
	}

	lone := append(grid3(), seg{X0: 60, Y0: 90, X1: 60, Y1: 210})
	if got := closeOpenColumns(lone, findTables(lone, &s)); len(got) != len(lone) {
		t.Error("a lone vertical rule joined as a column")
	}
	ruled := append(grid3(), seg{X0: 60, Y0: 100, X1: 60, Y1: 200}, seg{X0: 130, Y0: 100, X1: 130, Y1: 200},
		seg{X0: 60, Y0: 150, X1: 130, Y1: 150})
	if got := closeOpenColumns(ruled, findTables(ruled, &s)); len(got) != len(ruled) {
		t.Error("a ruled band beside the table joined as open columns")
	}
}
