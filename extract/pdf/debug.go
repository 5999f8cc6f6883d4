package pdf

import (
	"context"
	"fmt"
	"image/png"
	"io"

	"github.com/klippa-app/go-pdfium/requests"

	"github.com/yusuan-data/yusuan/extract/picture"
)

// DebugPNG renders page pageNo (1-based) of the PDF at path with PDFium at
// dpi and draws over it what the reader found (package picture): ruling
// lines in red, table cells in blue, text lines in green, and for tables
// printed without rules the text rows (magenta), header band (yellow) and
// column anchors (orange) they were read by. The page is read alone: a
// table continued from the page before is read in its own columns, not in
// the carried ones a run would use (extract.WithDebugPages draws those).
// Written as PNG to w. For looking at a page whose tables come out wrong,
// e.g. from a test or a debug command.
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
	img := picture.RGBA(res.Result.RenderedImage)
	picture.Overlay(img, pg, float64(dpi)/72)
	return png.Encode(w, img)
}
