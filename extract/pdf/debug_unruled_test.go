package pdf

import (
	"context"
	"image"
	"image/color"
	"image/draw"
	"math"
	"path/filepath"
	"testing"

	"github.com/yusuan-data/yusuan/extract/picture"
	"github.com/yusuan-data/yusuan/layout"
)

// whitePage is a white picture of a page of w×h points at k pixels a point.
func whitePage(w, h, k float64) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, int(w*k)+1, int(h*k)+1))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	return img
}

// colourAt counts the pixels of colour c in img.
func colourAt(img *image.RGBA, c color.RGBA) int {
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

// unruledPage is a page with a unit line over a table printed without
// rules: codes and names left aligned (at 10 and 80), amounts right
// aligned (at 250), under one header row.
func unruledPage() *rawPage {
	num := func(v string, right, base float64) []rawChar { return run(v, right-float64(len(v))*4, base, 8) }
	return &rawPage{Number: 1, W: 300, H: 200, Chars: chars(
		run("单位：万元", 200, 30, 8),
		run("科目编码", 10, 50, 8), run("科目名称", 80, 50, 8), run("金额", 226, 50, 8),
		run("201", 10, 70, 8), run("一般公共服务支出", 80, 70, 8), num("368.97", 250, 70),
		run("20137", 10, 90, 8), run("网信事务", 80, 90, 8), num("8.97", 250, 90),
		run("2013701", 10, 110, 8), run("行政运行", 80, 110, 8), num("108.97", 250, 110),
		run("208", 10, 130, 8), run("社会保障和就业支出", 80, 130, 8), num("16.19", 250, 130),
	)}
}

// TestPageKeepsUnruledSteps: a page built from a table printed without
// rules keeps how it was read (layout.Page.Unruled): its text rows, an
// anchor on the left edge of the codes and of the names and on the right
// edge of the amounts, and the header band over the header row only; the
// picture draws the anchors down the table at those x and tints the band.
func TestPageKeepsUnruledSteps(t *testing.T) {
	s := DefaultSettings()
	pg := buildPage(unruledPage(), &s)
	if len(pg.Unruled) != 1 {
		t.Fatalf("%d unruled tables, want 1 (lines %q)", len(pg.Unruled), pageTexts(pg))
	}
	u := pg.Unruled[0]
	if len(u.Rows) != 5 {
		t.Errorf("%d text rows, want 5 (header and four body rows)", len(u.Rows))
	}
	want := []layout.Anchor{{X: 10, Kind: layout.AnchorLeft}, {X: 80, Kind: layout.AnchorLeft}, {X: 250, Kind: layout.AnchorRight}}
	if len(u.Anchors) != len(want) {
		t.Fatalf("anchors %+v, want %+v", u.Anchors, want)
	}
	for i, a := range u.Anchors {
		if a.Kind != want[i].Kind || math.Abs(a.X-want[i].X) > 0.01 {
			t.Errorf("anchor %d: %+v, want %+v", i, a, want[i])
		}
	}
	if u.Header.Y0 > 44 || u.Header.Y1 < 50 || u.Header.Y1 > 62 || u.Header.X0 != 10 {
		t.Errorf("header band %+v, want it about the header row (baseline 50) and above the first body row (baseline 70)", u.Header)
	}

	const k = 2
	img := whitePage(pg.Width, pg.Height, k)
	picture.Overlay(img, pg, k)
	for _, a := range u.Anchors {
		x := int(a.X * k)
		for y := int(u.Box.Y0 * k); y <= int(u.Box.Y1*k); y++ {
			if got := img.RGBAAt(x, y); got != picture.Anchor {
				t.Fatalf("anchor at %.1f pt: pixel (%d,%d) is %v, want %v", a.X, x, y, got, picture.Anchor)
			}
		}
	}
	// The band: between the header labels (科目名称 ends at 112, 金额
	// starts at 226), half-way down the row.
	p := img.RGBAAt(int(170*k), int((u.Header.Y0+u.Header.Y1)/2*k))
	if p.R != 255 || p.G >= 255 || p.B >= p.G {
		t.Errorf("header band pixel %v, want white tinted yellow", p)
	}
	if colourAt(img, picture.Row) == 0 {
		t.Error("no text row drawn")
	}
}

// TestRuledPageHasNoUnruledSteps: a page whose only table is ruled has
// no unruled steps, and its picture none of their colours.
func TestRuledPageHasNoUnruledSteps(t *testing.T) {
	s := DefaultSettings()
	rp := &rawPage{Number: 1, W: 200, H: 100,
		Segs: ruleGrid([]float64{10, 40, 100, 160}, []float64{10, 40, 70}),
		Chars: chars(
			run("20137", 12, 22, 10), run("一般公共预", 42, 22, 10), run("109.00", 102, 22, 10),
			run("A", 12, 55, 10), run("x y", 42, 55, 10), run("1", 102, 55, 10),
		),
	}
	pg := buildPage(rp, &s)
	if pg.Unruled != nil {
		t.Fatalf("a ruled page has unruled tables: %+v", pg.Unruled)
	}
	img := whitePage(pg.Width, pg.Height, 2)
	picture.Overlay(img, pg, 2)
	if colourAt(img, picture.Rule) == 0 {
		t.Fatal("the rules are not drawn")
	}
	if n := colourAt(img, picture.Anchor) + colourAt(img, picture.Row); n > 0 {
		t.Errorf("%d pixels of anchors or text rows on a ruled page", n)
	}
}

// TestDebugPNGUnruledFixture: the page of the unruled seed document
// whose table has four amount columns is read with an anchor on the
// right edge of each amount column, and the picture of it has them.
func TestDebugPNGUnruledFixture(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a PDF")
	}
	path := filepath.Join("..", "..", "fixtures", "pdf", "seed", "unruled-portrait-lo.pdf")
	doc, err := testReader(t).Read(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	pg := doc.Pages[7] // 一般公共预算财政拨款基本支出预算表
	if len(pg.Unruled) != 1 {
		t.Fatalf("page 8: %d unruled tables, want 1", len(pg.Unruled))
	}
	u := pg.Unruled[0]
	right := 0
	for _, a := range u.Anchors {
		if a.Kind == layout.AnchorRight && a.X > 300 {
			right++
		}
	}
	if right != 3 || u.Header == (layout.Box{}) || len(u.Rows) < 17 {
		t.Errorf("page 8: %d amount anchors (want 3), header %+v, %d rows: %+v", right, u.Header, len(u.Rows), u)
	}
	k := 100.0 / 72
	img := whitePage(pg.Width, pg.Height, k)
	picture.Overlay(img, pg, k)
	mid := int((u.Box.Y0 + u.Box.Y1) / 2 * k)
	for _, a := range u.Anchors {
		if got := img.RGBAAt(int(a.X*k), mid); got != picture.Anchor {
			t.Errorf("anchor at %.1f pt: pixel %v half-way down the table, want %v", a.X, got, picture.Anchor)
		}
	}
}

func pageTexts(pg layout.Page) [][]string {
	rows, _ := texts(pg)
	return rows
}
