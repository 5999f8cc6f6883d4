package picture

import (
	"image"
	"image/color"

	"github.com/yusuan-data/yusuan/layout"
)

// HeaderAlpha is how much of the header band's yellow covers the page
// beneath it: enough to see the band, little enough to read the labels.
const HeaderAlpha = 0.3

// AnchorTick is the length in pixels of the ticks at the ends of a column
// anchor that tell its kind; AnchorWidth the width of its line, wider than
// a cell's outline so that it shows over one.
const (
	AnchorTick  = 5
	AnchorWidth = 2
)

// RowOutset is how far in pixels a text row's outline stands outside its
// box, so that it does not cover the outline of a cell of the same box
// (cells are drawn inset by one pixel).
const RowOutset = 1

// unruledUnder draws what goes beneath the cells of unruled tables: the
// header band, filled, and the text rows the tables were read from.
func unruledUnder(img *image.RGBA, us []layout.Unruled, k float64) {
	for _, u := range us {
		if u.Header != (layout.Box{}) {
			Fill(img, u.Header, k, Header, HeaderAlpha)
		}
		for _, r := range u.Rows {
			Rect(img, r, k, Row, -RowOutset, 1)
		}
	}
}

// unruledOver draws the column anchors of unruled tables, over all else:
// a vertical line down the table at each (AnchorWidth pixels wide from
// its x rightwards), ticked at both ends by kind.
func unruledOver(img *image.RGBA, us []layout.Unruled, k float64) {
	for _, u := range us {
		y0, y1 := int(u.Box.Y0*k), int(u.Box.Y1*k)
		for _, a := range u.Anchors {
			x := int(a.X * k)
			for w := range AnchorWidth {
				Line(img, x+w, y0, x+w, y1, Anchor)
			}
			l, r := x, x // the ticks' extent
			switch a.Kind {
			case layout.AnchorLeft:
				r = x + AnchorTick
			case layout.AnchorRight:
				l = x - AnchorTick
			default:
				l, r = x-AnchorTick, x+AnchorTick
			}
			Line(img, l, y0, r, y0, Anchor)
			Line(img, l, y1, r, y1, Anchor)
		}
	}
}

// Fill covers a box with colour c, alpha of it over what is beneath.
func Fill(img *image.RGBA, b layout.Box, k float64, c color.RGBA, alpha float64) {
	area := image.Rect(int(b.X0*k), int(b.Y0*k), int(b.X1*k)+1, int(b.Y1*k)+1).Intersect(img.Rect)
	mix := func(under, over uint8) uint8 { return uint8(float64(under)*(1-alpha) + float64(over)*alpha + 0.5) }
	for y := area.Min.Y; y < area.Max.Y; y++ {
		for x := area.Min.X; x < area.Max.X; x++ {
			p := img.RGBAAt(x, y)
			img.SetRGBA(x, y, color.RGBA{mix(p.R, c.R), mix(p.G, c.G), mix(p.B, c.B), p.A})
		}
	}
}
