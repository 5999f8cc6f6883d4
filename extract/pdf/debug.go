package pdf

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"

	"github.com/klippa-app/go-pdfium/requests"

	"github.com/yusuan-data/yusuan/layout"
)

// DebugPNG renders page pageNo (1-based) of the PDF at path with PDFium at
// dpi and draws over it what the reader found: ruling lines in red, table
// cells in blue, text lines in green. Written as PNG to w. For looking at
// a page whose tables come out wrong, e.g. from a test or a debug command.
func (r *Reader) DebugPNG(ctx context.Context, path string, pageNo, dpi int, w io.Writer) (err error) {
	if dpi <= 0 {
		dpi = 100
	}
	data, err := readFile(path, r.limits.MaxFileBytes)
	if err != nil {
		return err
	}
	if _, _, err := preflightLimits(ctx, path, data, &r.limits); err != nil {
		return err
	}
	in, err := r.pool.GetInstanceWithContext(ctx)
	if err != nil {
		return fail(path, "PDFium unavailable: "+err.Error(), err)
	}
	defer func() {
		if p := recover(); p != nil {
			in.Kill()
			err = fail(path, fmt.Sprintf("PDFium crashed: %v", p), nil)
			return
		}
		in.Close()
	}()
	doc, err := in.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return fail(path, openError(err).(*fileError).reason, err)
	}
	defer in.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	rp, err := extractPage(ctx, in, doc.Document, pageNo-1)
	if err != nil {
		return fail(path, fmt.Sprintf("page %d: %v", pageNo, err), err)
	}
	pg := buildPage(rp, &r.settings)

	lp, err := in.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc.Document, Index: pageNo - 1})
	if err != nil {
		return fail(path, fmt.Sprintf("page %d: %v", pageNo, err), err)
	}
	defer in.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	res, err := in.RenderPageInDPI(&requests.RenderPageInDPI{Page: requests.Page{ByReference: &lp.Page}, DPI: dpi})
	if err != nil {
		return fail(path, fmt.Sprintf("page %d: render: %v", pageNo, err), err)
	}
	defer res.Cleanup()
	src := res.Result.RenderedImage
	img := image.NewRGBA(src.Bounds())
	draw.Draw(img, img.Bounds(), src, src.Bounds().Min, draw.Src)
	overlay(img, pg, float64(dpi)/72)
	return png.Encode(w, img)
}

var (
	colRule = color.RGBA{220, 0, 0, 255}
	colCell = color.RGBA{0, 80, 255, 255}
	colText = color.RGBA{0, 160, 0, 255}
)

func overlay(img *image.RGBA, pg layout.Page, k float64) {
	for _, l := range pg.Lines {
		if l.Tabular {
			for _, c := range l.Cells {
				rect(img, c.Box, k, colCell, 1)
			}
		} else {
			rect(img, l.Box, k, colText, 0)
		}
	}
	for _, r := range pg.Rules {
		line(img, int(r.X0*k), int(r.Y0*k), int(r.X1*k), int(r.Y1*k), colRule)
	}
}

func rect(img *image.RGBA, b layout.Box, k float64, c color.RGBA, inset int) {
	x0, y0 := int(b.X0*k)+inset, int(b.Y0*k)+inset
	x1, y1 := int(b.X1*k)-inset, int(b.Y1*k)-inset
	line(img, x0, y0, x1, y0, c)
	line(img, x0, y1, x1, y1, c)
	line(img, x0, y0, x0, y1, c)
	line(img, x1, y0, x1, y1, c)
}

// line draws an axis-aligned (or any, coarsely) line.
func line(img *image.RGBA, x0, y0, x1, y1 int, c color.RGBA) {
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			if x == x0 || x == x1 || y == y0 || y == y1 || x1-x0 < 2 || y1-y0 < 2 {
				if image.Pt(x, y).In(img.Rect) {
					img.SetRGBA(x, y, c)
				}
			}
		}
	}
}
