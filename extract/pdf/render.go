package pdf

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"

	"github.com/klippa-app/go-pdfium/requests"
)

// RenderPage renders one page (1-based) of the PDF at path at dpi with an
// instance from the reader's PDFium pool, for recognition: the image is
// upright as a viewer shows the page (/Rotate applied), white background.
// The returned image is a copy that outlives the PDFium instance.
func (r *Reader) RenderPage(ctx context.Context, path string, page, dpi int) (img image.Image, err error) {
	if dpi <= 0 || dpi > 1200 {
		return nil, fail(path, fmt.Sprintf("render: bad resolution %d dpi", dpi), nil)
	}
	data, err := readFile(path, r.limits.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	if _, _, err := preflightLimits(ctx, path, data, &r.limits); err != nil {
		return nil, err
	}
	in, err := r.pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fail(path, "cancelled: "+ctx.Err().Error(), ctx.Err())
		}
		return nil, fail(path, "PDFium unavailable: "+err.Error(), err)
	}
	broken := false
	defer func() {
		if p := recover(); p != nil {
			broken = true
			img, err = nil, fail(path, fmt.Sprintf("PDFium crashed rendering page %d: %v", page, p), nil)
		}
		if broken {
			in.Kill()
		} else {
			in.Close()
		}
	}()
	doc, err := in.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		var fe *fileError
		if errors.As(openError(err), &fe) {
			return nil, fail(path, fe.reason, err)
		}
		return nil, fail(path, "corrupt PDF: "+err.Error(), err)
	}
	defer in.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	pc, err := in.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, fail(path, "corrupt PDF: "+err.Error(), err)
	}
	if page < 1 || page > pc.PageCount {
		return nil, fail(path, fmt.Sprintf("no page %d (the PDF has %d)", page, pc.PageCount), nil)
	}
	if sz, err := in.FPDF_GetPageSizeByIndex(&requests.FPDF_GetPageSizeByIndex{Document: doc.Document, Index: page - 1}); err == nil {
		dpi = fitDPI(dpi, sz.Width, sz.Height, r.limits.MaxImagePixels)
	}
	res, err := in.RenderPageInDPI(&requests.RenderPageInDPI{
		Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: page - 1}},
		DPI:  dpi,
	})
	if err != nil {
		return nil, fail(path, fmt.Sprintf("render page %d: %v", page, err), err)
	}
	defer res.Cleanup()
	src := res.Result.RenderedImage
	if src == nil {
		src = res.Result.Image
	}
	if src == nil {
		return nil, fail(path, fmt.Sprintf("render page %d: no image", page), nil)
	}
	// Copy out of the WebAssembly memory, onto white (PDFium leaves the
	// background transparent).
	b := src.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(out, out.Bounds(), src, b.Min, draw.Over)
	return out, nil
}

// fitDPI lowers a rendering resolution until the page's raster holds no
// more than maxPixels (the limit on any image yusuan decodes): a PDF page
// may be up to 200 inches a side, 3.6 G pixels at 300 dpi. At least 72.
func fitDPI(dpi int, wPt, hPt float64, maxPixels int64) int {
	if maxPixels <= 0 || wPt <= 0 || hPt <= 0 {
		return dpi
	}
	for dpi > 72 && wPt/72*float64(dpi)*hPt/72*float64(dpi) > float64(maxPixels) {
		dpi = max(72, dpi*9/10)
	}
	return dpi
}
