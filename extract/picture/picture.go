// Package picture draws what a reader found on a page over the page's
// image, so that a person can see at a glance what was read: ruling lines
// in red, table cells in blue, cells the recogniser was unsure of in
// orange (drawn thick), and lines of running text in green.
//
// Tables printed without rules (layout.Page.Unruled, read by
// extract/align) are drawn step by step under and over that: the text
// rows they were read from as thin magenta boxes, the header band as a
// translucent yellow box, and the column anchors as orange vertical
// lines down the table, with ticks at both ends that tell their kind: a
// left edge ticked rightwards ([), a right edge ticked leftwards (]), a
// centre ticked both ways (I). Anchors are a deeper orange than doubted
// cells, and lines, not boxes.
package picture

import (
	"image"
	"image/color"
	"image/draw"

	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/vocab"
)

// Colours of the overlay.
var (
	Rule  = color.RGBA{220, 0, 0, 255}
	Cell  = color.RGBA{0, 80, 255, 255}
	Doubt = color.RGBA{255, 140, 0, 255}
	Text  = color.RGBA{0, 160, 0, 255}
	// Unruled tables (unruled.go).
	Row    = color.RGBA{200, 0, 200, 255}
	Anchor = color.RGBA{255, 110, 0, 255}
	Header = color.RGBA{255, 215, 0, 255}
)

// DoubtBelow is the confidence under which a cell is drawn as doubted; the
// same threshold as segment.DoubtBelow.
const DoubtBelow = vocab.DoubtBelow

// RGBA copies an image into a new RGBA one to draw on.
func RGBA(src image.Image) *image.RGBA {
	b := src.Bounds()
	img := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(img, img.Bounds(), src, b.Min, draw.Src)
	return img
}

// Overlay draws a page's rules, cells and text lines over img, and how its
// unruled tables were read (header bands and text rows beneath the cells,
// column anchors above them); k converts the page's points to the image's
// pixels (dpi/72).
func Overlay(img *image.RGBA, pg layout.Page, k float64) {
	unruledUnder(img, pg.Unruled, k)
	defer unruledOver(img, pg.Unruled, k)
	for _, l := range pg.Lines {
		if !l.Tabular {
			Rect(img, l.Box, k, Text, 0, 1)
			continue
		}
		for _, c := range l.Cells {
			if c.Text != "" && c.Conf >= 0 && c.Conf < DoubtBelow {
				Rect(img, c.Box, k, Doubt, 2, 3)
			} else {
				Rect(img, c.Box, k, Cell, 1, 1)
			}
		}
	}
	for _, r := range pg.Rules {
		Line(img, int(r.X0*k), int(r.Y0*k), int(r.X1*k), int(r.Y1*k), Rule)
	}
}

// Rect draws a box's outline inset by inset pixels, width pixels wide.
func Rect(img *image.RGBA, b layout.Box, k float64, c color.RGBA, inset, width int) {
	for w := 0; w < max(1, width); w++ {
		x0, y0 := int(b.X0*k)+inset+w, int(b.Y0*k)+inset+w
		x1, y1 := int(b.X1*k)-inset-w, int(b.Y1*k)-inset-w
		if x1 <= x0 || y1 <= y0 {
			return
		}
		Line(img, x0, y0, x1, y0, c)
		Line(img, x0, y1, x1, y1, c)
		Line(img, x0, y0, x0, y1, c)
		Line(img, x1, y0, x1, y1, c)
	}
}

// Line draws an axis-aligned line (any other is drawn as its bounding
// box's outline, which for the near-axis rules of a page is the same).
func Line(img *image.RGBA, x0, y0, x1, y1 int, c color.RGBA) {
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	r := img.Rect
	for x := max(x0, r.Min.X); x <= min(x1, r.Max.X-1); x++ {
		for y := max(y0, r.Min.Y); y <= min(y1, r.Max.Y-1); y++ {
			if x == x0 || x == x1 || y == y0 || y == y1 || x1-x0 < 2 || y1-y0 < 2 {
				img.SetRGBA(x, y, c)
			}
		}
	}
}
