package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // decoders for PageImage.Decode
	_ "image/png"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	pdfcpulib "github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	_ "golang.org/x/image/tiff"
)

// PageImage is the largest image drawn on a page, as embedded in the PDF:
// its native pixels, not a re-render. For a scanned (image-only) page it is
// the scan.
type PageImage struct {
	Page int    // 1-based
	Data []byte // the image file pdfcpu extracts (JPEG, PNG, TIFF, JPEG 2000 …); nil when over MaxExtractPixels

	Format        string  // pdfcpu's file type: "jpg", "png", "tif", "jpx", …
	Width, Height int     // pixels
	WidthPt       float64 // page size in points (media box, /Rotate applied)
	HeightPt      float64
	Rotate        int // the page's /Rotate (0, 90, 180, 270): the image is drawn turned by it
}

// MaxExtractPixels is the largest page image extracted as it is embedded.
// pdfcpu turns an image into a PNG through a 4-byte-per-pixel copy, and
// the PNG decodes to another: a 10000×10000 grey scan took 1.3 GB of heap
// on the way. A larger image is left in the PDF (PageImage.Data nil) and
// the page is rendered at the resolution OCR needs instead. 36 M is an A4
// page at 600 dpi, more than a recogniser uses.
const MaxExtractPixels = 36_000_000

// ErrUndecodable is returned by Decode for a format Go has no decoder for
// (JPEG 2000, JBIG2): decode Data with another library, or render the page.
var ErrUndecodable = errors.New("pdf: no Go decoder for this image format")

// Decode decodes Data with Go's decoders (JPEG, PNG, TIFF).
func (p *PageImage) Decode() (image.Image, error) {
	switch p.Format {
	case "jpg", "jpeg", "png", "tif", "tiff":
		img, _, err := image.Decode(bytes.NewReader(p.Data))
		return img, err
	}
	return nil, fmt.Errorf("%w (%s)", ErrUndecodable, p.Format)
}

// PageImages returns, for each requested page (1-based; none = all), the
// largest embedded image of the page, or nil for a page without images.
// It reads with pdfcpu only: no PDFium instance is taken. It holds every
// page's image at once: a reader of many pages takes them one at a time
// from OpenPageImages instead.
func PageImages(path string, pages ...int) (out []*PageImage, err error) {
	src, err := OpenPageImages(path)
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		for i := 1; i <= src.Pages(); i++ {
			pages = append(pages, i)
		}
	}
	for _, pn := range pages {
		pi, err := src.Page(pn)
		if err != nil {
			return nil, err
		}
		out = append(out, pi)
	}
	return out, nil
}

// ImageSource gives the images of a PDF's pages one page at a time, from
// one parse of the file: memory holds the parsed objects and the one page
// image asked for, whatever the number of pages. It is safe for concurrent
// use (pages are extracted one at a time).
type ImageSource struct {
	path string
	mu   sync.Mutex
	ctx  *model.Context
	dims []types.Dim
	pbs  []model.PageBoundaries
}

// OpenPageImages parses a PDF for its page images (pdfcpu only: no PDFium
// instance is taken), after the same preflight checks as Read.
func OpenPageImages(path string) (src *ImageSource, err error) {
	preparePdfcpu()
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fail(path, err.Error(), err)
	}
	if _, err := preflight(path, data); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			src, err = nil, fail(path, fmt.Sprintf("image extraction failed: %v", p), nil)
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Cmd = model.EXTRACTIMAGES
	ctx, err := pdfcpuReadValidateAndOptimize(bytes.NewReader(data), conf)
	if err != nil {
		return nil, fail(path, "image extraction: "+cleanReason(err), err)
	}
	dims, err := ctx.PageDims()
	if err != nil {
		return nil, fail(path, "image extraction: "+cleanReason(err), err)
	}
	pbs, err := ctx.PageBoundaries(nil)
	if err != nil {
		return nil, fail(path, "image extraction: "+cleanReason(err), err)
	}
	return &ImageSource{path: path, ctx: ctx, dims: dims, pbs: pbs}, nil
}

// Pages is the number of pages of the PDF.
func (s *ImageSource) Pages() int { return s.ctx.PageCount }

// Page returns the largest embedded image of page pn (1-based), or nil
// for a page without images.
func (s *ImageSource) Page(pn int) (pi *PageImage, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	path := s.path
	defer func() {
		if p := recover(); p != nil {
			pi, err = nil, fail(path, fmt.Sprintf("page %d: image extraction failed: %v", pn, p), nil)
		}
	}()
	if pn < 1 || pn > s.ctx.PageCount {
		return nil, fail(path, fmt.Sprintf("no page %d (the PDF has %d)", pn, s.ctx.PageCount), nil)
	}
	largest := func(stub bool) (*model.Image, error) {
		mm, err := pdfcpulib.ExtractPageImages(s.ctx, pn, stub)
		if err != nil && len(mm) == 0 {
			return nil, fail(path, fmt.Sprintf("page %d: image extraction: %s", pn, cleanReason(err)), err)
		}
		var best *model.Image
		for _, im := range mm {
			if im.Thumb || im.IsImgMask || (!stub && im.Reader == nil) {
				continue
			}
			if best == nil || im.Width*im.Height > best.Width*best.Height {
				c := im
				best = &c
			}
		}
		return best, nil
	}
	// First the images' sizes from their dictionaries, nothing decoded.
	best, err := largest(true)
	if err != nil || best == nil {
		return nil, err
	}
	if int64(best.Width)*int64(best.Height) > MaxExtractPixels {
		pi = &PageImage{Page: pn, Width: best.Width, Height: best.Height}
	} else {
		if best, err = largest(false); err != nil || best == nil {
			return nil, err
		}
		raw, err := io.ReadAll(best.Reader)
		if err != nil {
			return nil, fail(path, fmt.Sprintf("page %d: reading image: %v", pn, err), err)
		}
		pi = &PageImage{Page: pn, Data: raw, Format: strings.ToLower(best.FileType), Width: best.Width, Height: best.Height}
		if pi.Width <= 0 || pi.Height <= 0 {
			pi.Width, pi.Height = imageSize(raw)
		}
	}
	if pn-1 < len(s.dims) {
		pi.WidthPt, pi.HeightPt = s.dims[pn-1].Width, s.dims[pn-1].Height
	}
	if pn-1 < len(s.pbs) {
		pi.Rotate = ((s.pbs[pn-1].Rot % 360) + 360) % 360
	}
	return pi, nil
}

// String describes the image for logs.
func (p *PageImage) String() string {
	return "page " + strconv.Itoa(p.Page) + ": " + p.Format + " " + strconv.Itoa(p.Width) + "x" + strconv.Itoa(p.Height)
}

// imageSize reads the pixel size from an image's header: Go's decoders'
// DecodeConfig, or the ihdr box of JPEG 2000.
func imageSize(data []byte) (int, int) {
	if c, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		return c.Width, c.Height
	}
	if i := bytes.Index(data[:min(len(data), 4096)], []byte("ihdr")); i >= 0 && i+12 <= len(data) {
		be := func(b []byte) int { return int(b[0])<<24 | int(b[1])<<16 | int(b[2])<<8 | int(b[3]) }
		return be(data[i+8:]), be(data[i+4:])
	}
	return 0, 0
}
