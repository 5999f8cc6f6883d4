package extract

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/yusuan-data/yusuan/extract/ocr"
	"github.com/yusuan-data/yusuan/extract/pdf"
	"github.com/yusuan-data/yusuan/layout"
)

// Options configure New.
type Options struct {
	Workers int  // PDFium instances and OCR clients; 0 = CPU count
	NoOCR   bool // leave scanned and garbled pages unread (they are reported)
	DPI     int  // OCR resolution for pages rendered from a PDF; 0 = 300
}

// New returns a Reader for every input kind yusuan reads: text exports,
// PDFs from their text layer with scanned or garbled pages recognised by
// OCR, and page images (PNG, JPEG, TIFF). PDFium and Tesseract start only
// when the first document needs them. Close releases them.
func New(opts Options) *Reader {
	l := pdf.NewLazy(pdf.Options{Workers: opts.Workers})
	s := &scanner{pdf: l, opts: opts}
	return &Reader{PDF: s, Image: s, closers: []func() error{s.close, l.Close}}
}

// Close releases the engines a Reader started.
func (r *Reader) Close() error {
	var first error
	for _, c := range r.closers {
		if err := c(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// scanner reads PDFs and images, recognising what has no text.
type scanner struct {
	pdf  *pdf.Lazy
	opts Options
	once sync.Once
	ocr  *ocr.Engine
	err  error
}

func (s *scanner) engine() (*ocr.Engine, error) {
	s.once.Do(func() {
		s.ocr, s.err = ocr.New(ocr.Options{Workers: s.opts.Workers, DPI: s.opts.DPI})
	})
	return s.ocr, s.err
}

func (s *scanner) close() error {
	if s.ocr != nil {
		return s.ocr.Close()
	}
	return nil
}

// Read reads a PDF's text layer, then recognises the pages that have none
// (scans) or whose text is junk (garbled character maps). The document is
// "mixed" when both kinds of page are in it, "ocr" when all were scanned.
func (s *scanner) Read(ctx context.Context, path string) (*layout.Document, error) {
	doc, err := s.pdf.Read(ctx, path)
	if err != nil {
		return nil, err
	}
	var pages []int
	for _, p := range doc.Pages {
		if p.Garbled {
			pages = append(pages, p.Number)
		}
	}
	if len(pages) == 0 || s.opts.NoOCR {
		return doc, nil
	}
	e, err := s.engine()
	if err != nil {
		return nil, fmt.Errorf("pages need OCR, but it cannot start: %w", err)
	}
	r, err := s.pdf.Reader()
	if err != nil {
		return nil, err
	}
	od, err := ocr.ReadPDF(ctx, e, r, path, pages...)
	if err != nil {
		return nil, err
	}
	byNumber := map[int]layout.Page{}
	for _, p := range od.Pages {
		byNumber[p.Number] = p
	}
	for i, p := range doc.Pages {
		if q, ok := byNumber[p.Number]; ok {
			q.Number = p.Number
			doc.Pages[i] = q
		}
	}
	doc.Kind = layout.KindMixed
	if len(pages) == len(doc.Pages) {
		doc.Kind = layout.KindOCR
	}
	return doc, nil
}

// readImage recognises an image file (PNG, JPEG, TIFF with any number of
// pages).
func (s *scanner) readImage(ctx context.Context, path string) (*layout.Document, error) {
	if s.opts.NoOCR {
		return nil, fmt.Errorf("%w: an image needs OCR, which is turned off", ErrUnsupported)
	}
	e, err := s.engine()
	if err != nil {
		return nil, fmt.Errorf("cannot start OCR: %w", err)
	}
	return ocr.ReadImageFile(ctx, e, path)
}

// DebugPNG draws page pageNo of a PDF as read from its text layer: the
// page rendered at dpi with the ruling lines, the table cells and the text
// lines found on it drawn over it.
func (r *Reader) DebugPNG(ctx context.Context, path string, pageNo, dpi int, w io.Writer) error {
	s, ok := r.PDF.(*scanner)
	if !ok {
		return fmt.Errorf("%w: no PDF reader", ErrUnsupported)
	}
	pr, err := s.pdf.Reader()
	if err != nil {
		return err
	}
	return pr.DebugPNG(ctx, path, pageNo, dpi, w)
}
