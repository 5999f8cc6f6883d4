package extract

import (
	"bytes"
	"context"
	"image"
	"image/png"

	"github.com/yusuan-data/yusuan/extract/ocr"
	"github.com/yusuan-data/yusuan/extract/pdf"
	"github.com/yusuan-data/yusuan/extract/picture"
	"github.com/yusuan-data/yusuan/layout"
)

// Pending is an input read as far as it goes without OCR. A text export
// or a PDF with a clean text layer is complete at once; a scan, a PDF
// with garbled pages or a page image still has its pages to recognise,
// which is minutes of work where the text layer took a second. A batch
// begins every input (Reader.Begin) and finishes the pending ones apart
// (Finish), so that the documents with text are not held up behind the
// scans: the unit of OCR work is the page (the engine shares its workers
// between the pages of every document being recognised), not the
// document that happened to be started first.
type Pending struct {
	// Doc is the document as read so far: complete when OCRPages is 0.
	Doc *layout.Document
	// OCRPages is how many pages are left to recognise (a scanned PDF
	// may stop after its first ScreenPages, declined). Doc holds them
	// too, unread (Garbled), except for an image file, whose Doc has no
	// pages until it is finished.
	OCRPages int
	finish   func(ctx context.Context) (*layout.Document, error)
}

// NeedsOCR reports whether Finish has pages to recognise.
func (p *Pending) NeedsOCR() bool { return p.finish != nil }

// Finish recognises the pages left, and returns the whole document.
func (p *Pending) Finish(ctx context.Context) (*layout.Document, error) {
	if p.finish == nil {
		return p.Doc, nil
	}
	return p.finish(ctx)
}

// NewPending is a document read as far as doc, with ocrPages pages left
// that finish recognises (nil finish: doc is complete). For a PDFReader
// that has a Begin method of its own.
func NewPending(doc *layout.Document, ocrPages int, finish func(ctx context.Context) (*layout.Document, error)) *Pending {
	return &Pending{Doc: doc, OCRPages: ocrPages, finish: finish}
}

// Beginner is a PDFReader that can stop before OCR (as the reader New
// makes does): Reader.Begin uses its Begin.
type Beginner interface {
	Begin(ctx context.Context, path string) (*Pending, error)
}

// InBatch marks a context under which a document is read while others are
// read at the same time: the PDF reader then gives it one PDFium instance,
// however many are idle (a second would repeat the document's parse to
// use a core the next document uses anyway; see pdf.OneInstance).
func InBatch(ctx context.Context) context.Context { return pdf.OneInstance(ctx) }

// WithPageDone returns a context under which f hears of every page OCR
// finishes (its number, 1-based), from the engine's workers: a status line
// counts pages as they are recognised, not documents as they end.
func WithPageDone(ctx context.Context, f func(page int)) context.Context {
	return ocr.WithPageDone(ctx, f)
}

type debugKey struct{}

// debugPages is what WithDebugPages asks for.
type debugPages struct {
	dpi   int
	write func(page int, png []byte)
}

// WithDebugPages returns a context under which every page read is drawn
// as it was read, for a person to check at a glance, and handed to write
// as PNG: text-layer pages rendered at dpi with the ruling lines, table
// cells and text lines found on them, and the text rows, header band and
// column anchors of tables printed without rules (package picture);
// recognised pages (scans, garbled
// text layers, images) on the raster OCR read, deskewed and upright, with
// the rules and cells it found and the cells it doubted in orange. Pages
// are drawn from what the run read (nothing is read twice), as soon as
// they are read: a document declined or failed later is drawn too, and a
// scan that fails on a page has the pages before it drawn.
func WithDebugPages(ctx context.Context, dpi int, write func(page int, png []byte)) context.Context {
	if dpi <= 0 {
		dpi = 100
	}
	d := &debugPages{dpi: dpi, write: write}
	ctx = context.WithValue(ctx, debugKey{}, d)
	return ocr.WithPagePicture(ctx, func(page int, img image.Image) { d.encode(page, img) })
}

func (d *debugPages) encode(page int, img image.Image) {
	var buf bytes.Buffer
	if png.Encode(&buf, img) == nil {
		d.write(page, buf.Bytes())
	}
}

// drawTextPages draws the pages of doc read from its text layer (under
// WithDebugPages; nothing otherwise): each rendered by PDFium, the
// layout the run built drawn over it.
func drawTextPages(ctx context.Context, r *pdf.Reader, path string, doc *layout.Document, skip func(layout.Page) bool) {
	d, ok := ctx.Value(debugKey{}).(*debugPages)
	if !ok || r == nil {
		return
	}
	for _, p := range doc.Pages {
		if skip(p) || ctx.Err() != nil {
			continue
		}
		img, err := r.RenderPage(ctx, path, p.Number, d.dpi)
		if err != nil {
			continue
		}
		out := picture.RGBA(img)
		picture.Overlay(out, p, float64(d.dpi)/72)
		d.encode(p.Number, out)
	}
}
