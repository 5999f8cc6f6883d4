package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // image files
	_ "image/png"
	"os"
	"path/filepath"
	"sync"

	"github.com/yusuan-data/yusuan/extract/pdf"
	"github.com/yusuan-data/yusuan/extract/picture"
	"github.com/yusuan-data/yusuan/layout"
)

// fileError is the reason a file could not be read; the caller names the
// file (the command prints "yusuan: FILE: reason"), as with the PDF
// reader's errors: "loop.tif: loop.tif: corrupt TIFF" said it twice.
type fileError struct {
	file, reason string
	err          error
}

func (e *fileError) Error() string { return e.reason }
func (e *fileError) Unwrap() error { return e.err }

// File is the base name of the file the error is about.
func (e *fileError) File() string { return e.file }

func fail(path, reason string, err error) error {
	return &fileError{file: filepath.Base(path), reason: reason, err: err}
}

// IsImageFile tells by content whether data is an image this package reads.
func IsImageFile(data []byte) bool {
	return imageKind(data) != ""
}

func imageKind(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "jpeg"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "tiff"
	case bytes.HasPrefix(data, []byte("\x00\x00\x00\x0cjP  \r\n\x87\n")), bytes.HasPrefix(data, []byte("\xff\x4f\xff\x51")):
		return "jp2"
	}
	return ""
}

// ReadImageFile recognises an image file (PNG, JPEG, TIFF including
// multi-page, JPEG 2000), one layout page per image. Page sizes come from
// the file's resolution, or from the engine's DPI when it states none.
// Pages are decoded one at a time, as they are read: memory holds the
// pages being read, not the file's.
func ReadImageFile(ctx context.Context, e *Engine, path string) (*layout.Document, error) {
	return ReadImageFileScreened(ctx, e, path, 0, nil)
}

// ReadImageFileScreened is ReadImageFile for a file that may be no budget
// at all: when it has more than first pages (first > 0), those are read
// first and the rest only when screen, given the pages read and the
// file's page count, returns no error (its error is returned as is).
func ReadImageFileScreened(ctx context.Context, e *Engine, path string, first int, screen func(read []layout.Page, pages int) error) (*layout.Document, error) {
	data, err := readImage(path)
	if err != nil {
		return nil, err
	}
	pages, err := openImages(path, data)
	if err != nil {
		return nil, err
	}
	doc := &layout.Document{Source: path, Kind: layout.KindOCR, Geometry: true}
	numbers := make([]int, pages.n)
	for i := range numbers {
		numbers[i] = i + 1
	}
	read := func(numbers []int) ([]layout.Page, error) {
		return e.readPages(ctx, path, numbers, func(ctx context.Context, k int) (layout.Page, error) {
			i := numbers[k] - 1
			release, err := e.budget.acquire(ctx, pages.pixels(i))
			if err != nil {
				return layout.Page{}, err
			}
			defer release()
			img, dpi, err := pages.page(i)
			if err != nil {
				return layout.Page{}, fail(path, fmt.Sprintf("page %d: %v", i+1, err), err)
			}
			w, h := e.pageSize(img, dpi)
			return e.pageOf(ctx, path, img, i+1, w, h)
		})
	}
	if first > 0 && screen != nil && len(numbers) > first {
		head, err := read(numbers[:first])
		if err != nil {
			return nil, err
		}
		if err := screen(head, len(numbers)); err != nil {
			return nil, err
		}
		numbers = numbers[first:]
		doc.Pages = head
	}
	rest, err := read(numbers)
	if err != nil {
		return nil, err
	}
	doc.Pages = append(doc.Pages, rest...)
	return doc, nil
}

// CheckImageFile checks an image file's headers against the limits (a
// TIFF's directory chain walked to its end), decoding nothing: the error
// ReadImageFile would give before reading a page, for a caller that will
// not read it (OCR off).
func CheckImageFile(path string) error {
	data, err := readImage(path)
	if err != nil {
		return err
	}
	_, err = openImages(path, data)
	return err
}

// ImageFilePages checks an image file as CheckImageFile does and returns
// its number of pages.
func ImageFilePages(path string) (int, error) {
	data, err := readImage(path)
	if err != nil {
		return 0, err
	}
	pages, err := openImages(path, data)
	return pages.n, err
}

// readImage reads an image file whole, refusing one over the size limit
// of the PDF reader.
func readImage(path string) ([]byte, error) {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() && st.Size() > pdf.DefaultLimits().MaxFileBytes {
		return nil, fail(path, fmt.Sprintf("file of %d MiB is over the %d MiB limit", st.Size()>>20, pdf.DefaultLimits().MaxFileBytes>>20), nil)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, fail(path, pe.Err.Error(), err)
		}
		return nil, fail(path, err.Error(), err)
	}
	if len(data) == 0 {
		return nil, fail(path, "empty file", nil)
	}
	return data, nil
}

// pageSize is the size in points of a page image that states dpi (a
// resolution out of 50–2400 is taken for none: the engine's DPI).
func (e *Engine) pageSize(img image.Image, dpi int) (w, h float64) {
	if dpi < 50 || dpi > 2400 {
		dpi = e.opts.DPI
	}
	b := img.Bounds()
	return float64(b.Dx()) * 72 / float64(dpi), float64(b.Dy()) * 72 / float64(dpi)
}

// imagePages are the pages of an image file, each decoded when asked for.
type imagePages struct {
	n     int
	sizes []image.Point // declared pixel size of each page
	// page decodes page i (0-based) alone and returns the resolution it
	// states (0 when none).
	page func(i int) (image.Image, int, error)
}

// pixels is the declared pixel count of page i.
func (p imagePages) pixels(i int) int64 {
	return int64(p.sizes[i].X) * int64(p.sizes[i].Y)
}

// openImages checks an image file's headers against the limits (a TIFF's
// directory chain walked to its end, a loop in it refused) and returns its
// pages, decoding none.
func openImages(path string, data []byte) (imagePages, error) {
	kind := imageKind(data)
	sizes, err := checkImageSize(kind, data)
	if err != nil {
		return imagePages{}, fail(path, err.Error(), err)
	}
	corrupt := func(err error) error { return fmt.Errorf("corrupt image: %w", err) }
	switch kind {
	case "png", "jpeg":
		return imagePages{n: 1, sizes: sizes, page: func(int) (image.Image, int, error) {
			img, _, err := image.Decode(bytes.NewReader(data))
			if err != nil {
				return nil, 0, corrupt(err)
			}
			return img, imageDPI(data), nil
		}}, nil
	case "tiff":
		return imagePages{n: len(sizes), sizes: sizes, page: func(i int) (image.Image, int, error) {
			img, dpi, err := decodeTIFFPage(data, i)
			if err != nil {
				return nil, 0, corrupt(err)
			}
			return img, dpi, nil
		}}, nil
	case "jp2":
		return imagePages{n: 1, sizes: sizes, page: func(int) (image.Image, int, error) {
			img, dpi, err := decodeLept(data)
			if err != nil {
				return nil, 0, corrupt(err)
			}
			return img, dpi, nil
		}}, nil
	}
	return imagePages{}, fail(path, "not an image (PNG, JPEG, TIFF)", nil)
}

// imageDPI reads the resolution a PNG (pHYs) or JPEG (JFIF) states; 0
// when it states none.
func imageDPI(data []byte) int {
	if i := bytes.Index(data, []byte("pHYs")); i > 0 && i+13 <= len(data) && bytes.HasPrefix(data, []byte("\x89PNG")) {
		ppu := int(data[i+4])<<24 | int(data[i+5])<<16 | int(data[i+6])<<8 | int(data[i+7])
		if data[i+12] == 1 { // per metre
			return int(float64(ppu)*0.0254 + 0.5)
		}
		return 0
	}
	if len(data) > 18 && bytes.Equal(data[6:11], []byte("JFIF\x00")) {
		unit := data[13]
		x := int(data[14])<<8 | int(data[15])
		switch unit {
		case 1:
			return x
		case 2:
			return int(float64(x)*2.54 + 0.5)
		}
	}
	return 0
}

// DecodePageImage decodes an image extracted from a PDF, with Go's decoders
// or, for JPEG 2000 and other formats Go lacks, leptonica's.
func DecodePageImage(pi *pdf.PageImage) (image.Image, error) {
	img, err := pi.Decode()
	if err == nil {
		return img, nil
	}
	img, _, lerr := decodeLept(pi.Data)
	if lerr != nil {
		return nil, fmt.Errorf("%v; leptonica: %v", err, lerr)
	}
	return img, nil
}

// ReadPDF recognises every page of an image-only PDF: each page's
// embedded scan at its native resolution when it has one that decodes,
// else the page rendered by r at the engine's DPI. pages selects pages
// (1-based); none = all. A page's image is extracted when the page is
// read, so memory holds the pages being read and a cancel stops the
// extraction too.
func ReadPDF(ctx context.Context, e *Engine, r *pdf.Reader, path string, pages ...int) (*layout.Document, error) {
	src, err := pdf.OpenPageImages(path)
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		for i := 1; i <= src.Pages(); i++ {
			pages = append(pages, i)
		}
	}
	doc := &layout.Document{Source: path, Kind: layout.KindOCR, Geometry: true}
	doc.Pages, err = e.readPages(ctx, path, pages, func(ctx context.Context, i int) (layout.Page, error) {
		pi, err := src.Page(pages[i])
		if err != nil {
			return layout.Page{}, err
		}
		release, err := e.budget.acquire(ctx, e.pagePixels(pi))
		if err != nil {
			return layout.Page{}, err
		}
		defer release()
		img, w, h, err := pageImage(ctx, e, r, path, pages[i], pi)
		pi = nil // the image's file, decoded now
		if err != nil {
			return layout.Page{}, err
		}
		return e.pageOf(ctx, path, img, pages[i], w, h)
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// pagePixels is what reading a PDF page will decode: its embedded image,
// or the page rendered at the engine's DPI.
func (e *Engine) pagePixels(pi *pdf.PageImage) int64 {
	if pi == nil || pi.Data == nil {
		return int64(e.opts.DPI*827/100) * int64(e.opts.DPI*1169/100) // A4
	}
	if pi.Width > 0 && pi.Height > 0 {
		return int64(pi.Width) * int64(pi.Height)
	}
	return int64(pi.WidthPt*float64(e.opts.DPI)/72) * int64(pi.HeightPt*float64(e.opts.DPI)/72)
}

// readPages reads pages (numbers, 1-based) as many at a time as the engine
// has workers. A page's own steps (deskew, rules, orientation) run on one
// core; reading the next page meanwhile keeps the others busy, where
// cells alone would leave them idle. The page slots are the engine's, so
// documents read at the same time share them page by page: a batch
// recognising two scans uses as many cores as one (and the documents
// with a text layer read beside them are not starved of CPU by twice as
// many pages). Pages come back in order; an error is the lowest failing
// page's, named by page.
func (e *Engine) readPages(ctx context.Context, path string, numbers []int, read func(ctx context.Context, i int) (layout.Page, error)) ([]layout.Page, error) {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([]layout.Page, len(numbers))
	errs := make([]error, len(numbers))
	sem := e.pages
	if sem == nil { // an Engine made in a test
		sem = make(chan struct{}, max(1, e.opts.Workers))
	}
	var wg sync.WaitGroup
	for i := range numbers {
		held := false
		select {
		case sem <- struct{}{}:
			held = true
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			if held {
				<-sem
			}
			break
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			if ctx.Err() != nil {
				return
			}
			out[i], errs[i] = read(ctx, i)
			if errs[i] != nil {
				cancel() // the pages after it are not needed
			} else {
				pageDone(parent, numbers[i])
			}
		}(i)
	}
	wg.Wait()
	if err := parent.Err(); err != nil {
		return nil, fail(path, "cancelled: "+err.Error(), err)
	}
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err // the lowest page that failed, not one cancelled for it
		}
	}
	return out, nil
}

type pageDoneKey struct{}

// WithPageDone returns a context under which f is called as each page of
// ReadPDF and ReadImageFile is recognised (its number, 1-based), from the
// goroutine that read it.
func WithPageDone(ctx context.Context, f func(page int)) context.Context {
	return context.WithValue(ctx, pageDoneKey{}, f)
}

func pageDone(ctx context.Context, page int) {
	if f, ok := ctx.Value(pageDoneKey{}).(func(int)); ok {
		f(page)
	}
}

// pageOf is Page with an error that names the file and the page. Under
// WithPagePicture it draws the page as it was read, too.
func (e *Engine) pageOf(ctx context.Context, path string, img image.Image, number int, w, h float64) (layout.Page, error) {
	p, info, err := e.page(ctx, img, number, w, h)
	if err != nil {
		return p, fail(path, fmt.Sprintf("page %d: %v", number, err), err)
	}
	if f, ok := ctx.Value(pictureKey{}).(func(int, image.Image)); ok && info.raster != nil {
		out := picture.RGBA(info.raster.image())
		picture.Overlay(out, p, info.dpi/72)
		f(number, out)
	}
	return p, nil
}

type pictureKey struct{}

// WithPagePicture returns a context under which f receives each page
// ReadPDF and ReadImageFile recognise, drawn as it was read: the upright,
// deskewed raster with the rules, cells (doubted ones in orange) and
// lines found on it, and how its tables without rules were read (text
// rows, header band, column anchors). The page is not read again to be
// drawn.
func WithPagePicture(ctx context.Context, f func(page int, img image.Image)) context.Context {
	return context.WithValue(ctx, pictureKey{}, f)
}

// pageImage returns the image of page pn to recognise and the page's size
// in points (0 when unknown): its embedded scan at native resolution when
// it decodes and is not a mere logo, else (and when the scan is too large
// to extract: pdf.MaxExtractPixels) the page rendered by r.
func pageImage(ctx context.Context, e *Engine, r *pdf.Reader, path string, pn int, pi0 *pdf.PageImage) (image.Image, float64, float64, error) {
	var err error
	var img image.Image
	var w, h float64
	if pi := pi0; pi != nil && pi.Data != nil && (pi.Width >= 600 || pi.Width == 0) {
		if img, _ = DecodePageImage(pi); img != nil && img.Bounds().Dx() < 600 {
			img = nil // a logo or a thumbnail, not a scan
		}
		w, h = pi.WidthPt, pi.HeightPt
		if img != nil && pi.Rotate != 0 {
			g := toGray(img).rotate90(pi.Rotate / 90)
			img = g.image()
		}
	}
	if img == nil {
		if r == nil {
			return nil, 0, 0, fail(path, fmt.Sprintf("page %d: no decodable page image and no renderer", pn), nil)
		}
		img, err = r.RenderPage(ctx, path, pn, e.opts.DPI)
		if err != nil {
			return nil, 0, 0, err
		}
		w, h = 0, 0
		if pi := pi0; pi != nil {
			w, h = pi.WidthPt, pi.HeightPt
		}
	}
	return img, w, h, nil
}
