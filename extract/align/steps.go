package align

import (
	"math"

	"github.com/yusuan-data/yusuan/layout"
)

// Unruled is the Result's tables as plain layout data, for the page's
// picture (layout.Page.Unruled, drawn by extract/picture): each table's
// text rows, its column anchors and its header band (its header lines,
// across the table's width). A column whose body text shares a left edge
// anchors at its left, one sharing a right edge (amounts, codes of one
// width) at its right, both when both are shared; a column sharing
// neither anchors at its middle. Nil when the page has no unruled table.
func (r Result) Unruled() []layout.Unruled {
	var out []layout.Unruled
	for _, t := range r.Tables {
		if t.First >= t.End && len(t.Lines) == 0 {
			continue // nothing to draw (and no box to give it)
		}
		u := layout.Unruled{Continued: t.Continued, Box: emptyBox()}
		for _, row := range r.Rows[t.First:t.End] {
			b := layout.Box{X0: row.X0, Y0: row.Y0, X1: row.X1, Y1: row.Y1}
			u.Rows = append(u.Rows, b)
			u.Box = union(u.Box, b)
		}
		for _, l := range t.Lines {
			u.Box = union(u.Box, l.Box)
		}
		if t.Header > 0 && len(t.Lines) > 0 {
			// the header lines, across the table
			u.Header = emptyBox()
			for _, l := range t.Lines[:min(t.Header, len(t.Lines))] {
				u.Header = union(u.Header, l.Box)
			}
			u.Header.X0, u.Header.X1 = u.Box.X0, u.Box.X1
		}
		for _, c := range t.Columns {
			u.Anchors = append(u.Anchors, anchors(c)...)
		}
		out = append(out, u)
	}
	return out
}

// anchors are the x positions a column's text lines up on.
func anchors(c Column) []layout.Anchor {
	switch {
	case c.Left && c.Right:
		return []layout.Anchor{{X: c.X0, Kind: layout.AnchorLeft}, {X: c.X1, Kind: layout.AnchorRight}}
	case c.Left:
		return []layout.Anchor{{X: c.X0, Kind: layout.AnchorLeft}}
	case c.Right:
		return []layout.Anchor{{X: c.X1, Kind: layout.AnchorRight}}
	}
	return []layout.Anchor{{X: (c.X0 + c.X1) / 2, Kind: layout.AnchorCentre}}
}

// emptyBox is the box union grows from: it covers nothing.
func emptyBox() layout.Box {
	return layout.Box{X0: math.Inf(1), Y0: math.Inf(1), X1: math.Inf(-1), Y1: math.Inf(-1)}
}

func union(a, b layout.Box) layout.Box {
	return layout.Box{X0: math.Min(a.X0, b.X0), Y0: math.Min(a.Y0, b.Y0), X1: math.Max(a.X1, b.X1), Y1: math.Max(a.Y1, b.Y1)}
}
