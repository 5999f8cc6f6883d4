package picture

import (
	"image"
	"image/color"
	"image/draw"
	"testing"

	"github.com/yusuan-data/yusuan/layout"
)

// blank is a white image of w×h pixels.
func blank(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	return img
}

// count is how many pixels of img are exactly c.
func count(img *image.RGBA, c color.RGBA) int {
	n := 0
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			if img.RGBAAt(x, y) == c {
				n++
			}
		}
	}
	return n
}

// TestOverlayUnruled: an unruled table is drawn with its anchors as
// vertical lines down the table at their x (ticked by kind), its header
// band tinted yellow, its text rows outlined in magenta; at k=2 a point
// is two pixels.
func TestOverlayUnruled(t *testing.T) {
	const k = 2
	u := layout.Unruled{
		Box:    layout.Box{X0: 20, Y0: 30, X1: 180, Y1: 130},
		Header: layout.Box{X0: 20, Y0: 30, X1: 180, Y1: 50},
		Rows: []layout.Box{
			{X0: 20, Y0: 30, X1: 180, Y1: 45},
			{X0: 20, Y0: 60, X1: 180, Y1: 75},
		},
		Anchors: []layout.Anchor{
			{X: 25, Kind: layout.AnchorLeft},
			{X: 100, Kind: layout.AnchorCentre},
			{X: 170, Kind: layout.AnchorRight},
		},
	}
	img := blank(400, 300)
	Overlay(img, layout.Page{Width: 200, Height: 150, Unruled: []layout.Unruled{u}}, k)

	// Anchors: a line from the table's top to its bottom at each x.
	for _, a := range u.Anchors {
		x := int(a.X * k)
		for y := int(u.Box.Y0 * k); y <= int(u.Box.Y1*k); y++ {
			if got := img.RGBAAt(x, y); got != Anchor {
				t.Fatalf("anchor at x=%d: pixel (%d,%d) is %v, want %v", x, x, y, got, Anchor)
			}
		}
		if got := img.RGBAAt(x, int(u.Box.Y1*k)+2); got == Anchor {
			t.Errorf("anchor at x=%d runs on below the table", x)
		}
	}
	// Ticks: a left anchor's go right, a right anchor's left, a centre's both.
	top := int(u.Box.Y0 * k)
	ticks := []struct {
		x           int
		left, right bool
	}{{50, false, true}, {200, true, true}, {340, true, false}}
	for _, tk := range ticks {
		if got := img.RGBAAt(tk.x-AnchorTick, top) == Anchor; got != tk.left {
			t.Errorf("anchor at x=%d: tick to the left %v, want %v", tk.x, got, tk.left)
		}
		if got := img.RGBAAt(tk.x+AnchorTick, top) == Anchor; got != tk.right {
			t.Errorf("anchor at x=%d: tick to the right %v, want %v", tk.x, got, tk.right)
		}
	}

	// Header band: tinted inside, white outside, labels still readable.
	in := img.RGBAAt(150, 96) // (75, 48) in points: in the band, off rows and anchors
	if in.B >= 255 || in.R != 255 || in.G >= 255 {
		t.Errorf("header band pixel %v, want white tinted yellow", in)
	}
	if float64(in.B) < 255*(1-HeaderAlpha)-1 {
		t.Errorf("header band pixel %v covers the page beneath more than HeaderAlpha", in)
	}
	if got := img.RGBAAt(150, 110); got != (color.RGBA{255, 255, 255, 255}) { // (75, 55): below the band
		t.Errorf("below the header band: pixel %v, want white", got)
	}

	// Rows: outlined in magenta at their top edges.
	for _, r := range u.Rows {
		if got := img.RGBAAt(int(75*k), int(r.Y0*k)-RowOutset); got != Row {
			t.Errorf("row at y=%v: pixel %v, want %v", r.Y0, got, Row)
		}
	}
}

// TestOverlayWithoutUnruled: a page without unruled tables has none of
// their colours drawn.
func TestOverlayWithoutUnruled(t *testing.T) {
	img := blank(400, 300)
	pg := layout.Page{Width: 200, Height: 150,
		Lines: []layout.Line{
			{Box: layout.Box{X0: 20, Y0: 10, X1: 180, Y1: 22}, Cells: []layout.Cell{{Text: "说明", Conf: -1}}},
			{Tabular: true, Box: layout.Box{X0: 20, Y0: 40, X1: 180, Y1: 55}, Cells: []layout.Cell{
				{Text: "科目", Box: layout.Box{X0: 20, Y0: 40, X1: 100, Y1: 55}, Conf: -1},
				{Text: "1.00", Box: layout.Box{X0: 100, Y0: 40, X1: 180, Y1: 55}, Conf: -1},
			}},
		},
		Rules: []layout.Rule{{X0: 20, Y0: 40, X1: 180, Y1: 40}, {X0: 100, Y0: 40, X1: 100, Y1: 55}},
	}
	Overlay(img, pg, 2)
	if count(img, Cell) == 0 || count(img, Rule) == 0 {
		t.Fatal("the page's cells and rules are not drawn")
	}
	for name, c := range map[string]color.RGBA{"anchor": Anchor, "row": Row} {
		if n := count(img, c); n > 0 {
			t.Errorf("%d %s pixels on a page without unruled tables", n, name)
		}
	}
	for y := 0; y < 300; y++ {
		for x := 0; x < 400; x++ {
			if p := img.RGBAAt(x, y); p.R == 255 && p.G < 255 && p.B < p.G {
				t.Fatalf("a yellow tint at (%d,%d): %v", x, y, p)
			}
		}
	}
}
