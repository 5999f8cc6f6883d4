package extract

import (
	"context"

	"github.com/yusuan-data/yusuan/extract/ocr"
	"github.com/yusuan-data/yusuan/extract/pdf"
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
