package align

import (
	"testing"

	"github.com/yusuan-data/yusuan/layout"
)

// TestResultUnruled: the picture data of a Result is each table's text
// rows, its column anchors at the edge its text shares (codes and names
// on their left edges, amounts on their right) and its header band, the
// header line only, across the table; a page without a table has none.
func TestResultUnruled(t *testing.T) {
	s := *Defaults().OCR
	res := Read(Rows(stepsPage(), &s), &s, nil)
	us := res.Unruled()
	if len(us) != 1 {
		t.Fatalf("%d unruled tables, want 1", len(us))
	}
	u, tb := us[0], res.Tables[0]
	if len(u.Rows) != tb.End-tb.First {
		t.Errorf("%d rows, want the region's %d", len(u.Rows), tb.End-tb.First)
	}
	for i, r := range u.Rows {
		row := res.Rows[tb.First+i]
		if r != (layout.Box{X0: row.X0, Y0: row.Y0, X1: row.X1, Y1: row.Y1}) {
			t.Errorf("row %d: %+v, want the text row's box", i, r)
		}
		if r.Y0 < u.Box.Y0 || r.Y1 > u.Box.Y1 || r.X0 < u.Box.X0 || r.X1 > u.Box.X1 {
			t.Errorf("row %d %+v outside the table %+v", i, r, u.Box)
		}
	}
	want := []layout.Anchor{
		{X: tb.Columns[0].X0, Kind: layout.AnchorLeft},
		{X: tb.Columns[1].X0, Kind: layout.AnchorLeft},
		{X: tb.Columns[2].X1, Kind: layout.AnchorRight},
	}
	if len(u.Anchors) != len(want) {
		t.Fatalf("anchors %+v, want %+v", u.Anchors, want)
	}
	for i := range want {
		if u.Anchors[i] != want[i] {
			t.Errorf("anchor %d: %+v, want %+v", i, u.Anchors[i], want[i])
		}
	}
	if u.Anchors[0].X != 44 || u.Anchors[2].X != 357.5 {
		t.Errorf("anchors at %v and %v, want the codes' left edge 44 and the amounts' right edge 357.5", u.Anchors[0].X, u.Anchors[2].X)
	}
	if h := tb.Lines[0].Box; u.Header != (layout.Box{X0: u.Box.X0, Y0: h.Y0, X1: u.Box.X1, Y1: h.Y1}) {
		t.Errorf("header band %+v, want the header line's %+v across the table %+v", u.Header, h, u.Box)
	}
	if u.Header.Y1 > tb.Lines[1].Box.Y0 {
		t.Errorf("header band %+v reaches into the first body line %+v", u.Header, tb.Lines[1].Box)
	}

	prose := Read(Rows([]Piece{{R: '说', X0: 10, Y0: 10, X1: 20, Y1: 20, Base: 18}, {R: '明', X0: 20, Y0: 10, X1: 30, Y1: 20, Base: 18}}, &s), &s, nil)
	if got := prose.Unruled(); got != nil {
		t.Errorf("a page of prose has unruled tables %+v", got)
	}
}

// TestAnchorsByKind: a column anchors at the edge its text shares, at
// its middle when it shares none.
func TestAnchorsByKind(t *testing.T) {
	for _, c := range []struct {
		col  Column
		want []layout.Anchor
	}{
		{Column{X0: 10, X1: 30, Left: true}, []layout.Anchor{{X: 10, Kind: layout.AnchorLeft}}},
		{Column{X0: 10, X1: 30, Right: true}, []layout.Anchor{{X: 30, Kind: layout.AnchorRight}}},
		{Column{X0: 10, X1: 30}, []layout.Anchor{{X: 20, Kind: layout.AnchorCentre}}},
		{Column{X0: 10, X1: 30, Left: true, Right: true}, []layout.Anchor{{X: 10, Kind: layout.AnchorLeft}, {X: 30, Kind: layout.AnchorRight}}},
	} {
		got := anchors(c.col)
		if len(got) != len(c.want) {
			t.Errorf("%+v: anchors %+v, want %+v", c.col, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%+v: anchors %+v, want %+v", c.col, got, c.want)
			}
		}
	}
}
