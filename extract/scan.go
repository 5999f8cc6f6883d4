package extract

import (
	"context"
	"fmt"
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

// Expect tells the reader the files it will be asked for next, in order: a
// hint that lets the PDF reader start PDFium at once and prepare those
// files while it starts. Read gives the same results without it.
func (r *Reader) Expect(paths []string) {
	if e, ok := r.PDF.(interface{ Expect([]string) }); ok {
		e.Expect(paths)
	}
}

// Assist lends the caller's core to a document being read by another
// caller, and reports whether there was one to help: a batch worker with
// no document left to start calls it until it says false.
func (r *Reader) Assist(ctx context.Context) bool {
	if a, ok := r.PDF.(interface{ Assist(context.Context) bool }); ok {
		return a.Assist(ctx)
	}
	return false
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

// Assist passes the call on to the PDF reader (see Reader.Assist).
func (s *scanner) Assist(ctx context.Context) bool { return s.pdf.Assist(ctx) }

// Expect passes the hint on to the PDF reader (see Reader.Expect).
func (s *scanner) Expect(paths []string) { s.pdf.Expect(paths) }

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
	p, err := s.Begin(ctx, path)
	if err != nil {
		return nil, err
	}
	return p.Finish(ctx)
}

// Begin reads a PDF's text layer and leaves the pages that need OCR to
// the Pending's Finish.
func (s *scanner) Begin(ctx context.Context, path string) (*Pending, error) {
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
	if r, err := s.pdf.Reader(); err == nil {
		// The pages OCR reads are drawn as it reads them.
		drawTextPages(ctx, r, path, doc, func(p layout.Page) bool { return p.Garbled && !s.opts.NoOCR })
	}
	if len(pages) == 0 || s.opts.NoOCR {
		return &Pending{Doc: doc}, nil
	}
	return &Pending{Doc: doc, OCRPages: len(pages), finish: func(ctx context.Context) (*layout.Document, error) {
		return s.recognise(ctx, path, doc, pages)
	}}, nil
}

// recognise reads pages (1-based) of doc by OCR and puts them in place.
func (s *scanner) recognise(ctx context.Context, path string, doc *layout.Document, pages []int) (*layout.Document, error) {
	e, err := s.engine()
	if err != nil {
		return nil, fmt.Errorf("pages need OCR, but it cannot start: %w", err)
	}
	r, err := s.pdf.Reader()
	if err != nil {
		return nil, err
	}
	// A file scanned throughout is screened: its first pages are read,
	// and only a file that shows a budget on them is read to the end.
	first := pages
	if len(pages) == len(doc.Pages) && len(pages) > ScreenPages {
		first = pages[:ScreenPages]
	}
	od, err := ocr.ReadPDF(ctx, e, r, path, first...)
	if err != nil {
		return nil, err
	}
	if len(first) < len(pages) {
		if !BudgetSignal(od.Pages) {
			return nil, fmt.Errorf("%w: no budget signal (预算, 决算, 财政拨款, 收支 …) on the first %d of its %d scanned pages, read by OCR; the other %d were not read",
				ErrNotBudget, len(first), len(pages), len(pages)-len(first))
		}
		rest, err := ocr.ReadPDF(ctx, e, r, path, pages[len(first):]...)
		if err != nil {
			return nil, err
		}
		od.Pages = append(od.Pages, rest.Pages...)
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

// beginImage checks an image file (PNG, JPEG, TIFF with any number of
// pages) and leaves its pages to the Pending's Finish.
func (s *scanner) beginImage(ctx context.Context, path string) (*Pending, error) {
	n, err := ocr.ImageFilePages(path)
	if err != nil {
		return nil, err
	}
	if s.opts.NoOCR {
		return nil, fmt.Errorf("%w: an image needs OCR, which is turned off", ErrUnsupported)
	}
	return &Pending{Doc: &layout.Document{Source: path, Kind: layout.KindOCR}, OCRPages: n, finish: func(ctx context.Context) (*layout.Document, error) {
		e, err := s.engine()
		if err != nil {
			return nil, fmt.Errorf("cannot start OCR: %w", err)
		}
		// a file of many images is screened as a scanned PDF is
		return ocr.ReadImageFileScreened(ctx, e, path, ScreenPages, func(read []layout.Page, pages int) error {
			if BudgetSignal(read) {
				return nil
			}
			return fmt.Errorf("%w: no budget signal (预算, 决算, 财政拨款, 收支 …) on the first %d of its %d scanned pages, read by OCR; the other %d were not read",
				ErrNotBudget, len(read), pages, pages-len(read))
		})
	}}, nil
}
