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
	"github.com/yusuan-data/yusuan/layout"
)

// fileError is "<file>: <reason>", as the other readers report.
type fileError struct {
	file, reason string
	err          error
}

func (e *fileError) Error() string { return e.file + ": " + e.reason }
func (e *fileError) Unwrap() error { return e.err }

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
func ReadImageFile(ctx context.Context, e *Engine, path string) (*layout.Document, error) {
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
	imgs, dpis, err := decodeImages(path, data)
	if err != nil {
		return nil, err
	}
	doc := &layout.Document{Source: path, Kind: layout.KindOCR, Geometry: true}
	numbers := make([]int, len(imgs))
	for i := range imgs {
		numbers[i] = i + 1
	}
	doc.Pages, err = e.readPages(ctx, path, numbers, func(ctx context.Context, i int) (layout.Page, error) {
		w, h := e.pageSize(imgs[i], dpis[i])
		return e.pageOf(ctx, path, imgs[i], i+1, w, h)
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
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

// decodeImages decodes every page of an image file with the resolution
// each states (0 when none).
func decodeImages(path string, data []byte) ([]image.Image, []int, error) {
	if err := checkImageSize(imageKind(data), data); err != nil {
		return nil, nil, fail(path, err.Error(), err)
	}
	var imgs []image.Image
	var dpis []int
	var err error
	switch imageKind(data) {
	case "png", "jpeg":
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, nil, fail(path, "corrupt image: "+err.Error(), err)
		}
		imgs, dpis = []image.Image{img}, []int{imageDPI(data)}
	case "tiff":
		imgs, dpis, err = decodeTIFFPages(data)
		if err != nil {
			return nil, nil, fail(path, "corrupt image: "+err.Error(), err)
		}
	case "jp2":
		img, dpi, err := decodeLept(data)
		if err != nil {
			return nil, nil, fail(path, "corrupt image: "+err.Error(), err)
		}
		imgs, dpis = []image.Image{img}, []int{dpi}
	default:
		return nil, nil, fail(path, "not an image (PNG, JPEG, TIFF)", nil)
	}
	return imgs, dpis, nil
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
// (1-based); none = all.
func ReadPDF(ctx context.Context, e *Engine, r *pdf.Reader, path string, pages ...int) (*layout.Document, error) {
	pis, err := pdf.PageImages(path, pages...)
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		for i := range pis {
			pages = append(pages, i+1)
		}
	}
	doc := &layout.Document{Source: path, Kind: layout.KindOCR, Geometry: true}
	doc.Pages, err = e.readPages(ctx, path, pages, func(ctx context.Context, i int) (layout.Page, error) {
		img, w, h, err := pageImage(ctx, e, r, path, pages[i], pis[i])
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

// readPages reads pages (numbers, 1-based) as many at a time as the engine
// has workers. A page's own steps (deskew, rules, orientation) run on one
// core; reading the next page meanwhile keeps the others busy, where
// cells alone would leave them idle. Pages come back in order; an error
// is the lowest failing page's, named by page.
func (e *Engine) readPages(ctx context.Context, path string, numbers []int, read func(ctx context.Context, i int) (layout.Page, error)) ([]layout.Page, error) {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([]layout.Page, len(numbers))
	errs := make([]error, len(numbers))
	sem := make(chan struct{}, max(1, e.opts.Workers))
	var wg sync.WaitGroup
	for i := range numbers {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
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

// pageOf is Page with an error that names the file and the page.
func (e *Engine) pageOf(ctx context.Context, path string, img image.Image, number int, w, h float64) (layout.Page, error) {
	p, err := e.Page(ctx, img, number, w, h)
	if err != nil {
		return p, fail(path, fmt.Sprintf("page %d: %v", number, err), err)
	}
	return p, nil
}

// pageImage returns the image of page pn to recognise and the page's size
// in points (0 when unknown): its embedded scan at native resolution when
// it decodes and is not a mere logo, else the page rendered by r.
func pageImage(ctx context.Context, e *Engine, r *pdf.Reader, path string, pn int, pi0 *pdf.PageImage) (image.Image, float64, float64, error) {
	var err error
	var img image.Image
	var w, h float64
	if pi := pi0; pi != nil && (pi.Width >= 600 || pi.Width == 0) {
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
