package ocr

import (
	"context"
	"fmt"
	"image"

	"github.com/yusuan-data/yusuan/extract/pdf"
	"github.com/yusuan-data/yusuan/extract/picture"
)

// DrawFunc receives the picture of one page (1-based).
type DrawFunc func(page int, img image.Image) error

// debugPage reads a page image as Page does and returns the upright,
// deskewed raster it read with the rules, cells (doubted ones in orange)
// and text lines drawn over it, and the text rows, header band and column
// anchors of the tables without rules (package picture).
func (e *Engine) debugPage(ctx context.Context, img image.Image, number int, widthPt, heightPt float64) (image.Image, error) {
	p, info, err := e.page(ctx, img, number, widthPt, heightPt)
	if err != nil {
		return nil, err
	}
	out := picture.RGBA(info.raster.image())
	picture.Overlay(out, p, info.dpi/72)
	return out, nil
}

// DebugPDF draws the given pages (1-based) of a PDF as OCR reads them. It
// recognises each page again: for looking at what was read, not for
// production runs.
func DebugPDF(ctx context.Context, e *Engine, r *pdf.Reader, path string, pages []int, draw DrawFunc) error {
	src, err := pdf.OpenPageImages(path)
	if err != nil {
		return err
	}
	for _, pn := range pages {
		pi, err := src.Page(pn)
		if err != nil {
			return err
		}
		img, w, h, err := pageImage(ctx, e, r, path, pn, pi)
		if err != nil {
			return err
		}
		pic, err := e.debugPage(ctx, img, pn, w, h)
		if err != nil {
			return fail(path, fmt.Sprintf("page %d: %v", pn, err), err)
		}
		if err := draw(pn, pic); err != nil {
			return err
		}
	}
	return nil
}

// DebugImageFile draws every page of an image file as OCR reads it.
func DebugImageFile(ctx context.Context, e *Engine, path string, draw DrawFunc) error {
	data, err := readImage(path)
	if err != nil {
		return err
	}
	pages, err := openImages(path, data)
	if err != nil {
		return err
	}
	for i := 0; i < pages.n; i++ {
		img, dpi, err := pages.page(i)
		if err != nil {
			return fail(path, fmt.Sprintf("page %d: %v", i+1, err), err)
		}
		w, h := e.pageSize(img, dpi)
		pic, err := e.debugPage(ctx, img, i+1, w, h)
		if err != nil {
			return fail(path, fmt.Sprintf("page %d: %v", i+1, err), err)
		}
		if err := draw(i+1, pic); err != nil {
			return err
		}
	}
	return nil
}
