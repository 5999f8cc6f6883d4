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

	pdfcpulib "github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	_ "golang.org/x/image/tiff"
)

// PageImage is the largest image drawn on a page, as embedded in the PDF:
// its native pixels, not a re-render. For a scanned (image-only) page it is
// the scan.
type PageImage struct {
	Page          int     // 1-based
	Data          []byte  // the image file pdfcpu extracts (JPEG, PNG, TIFF, JPEG 2000 …)
	Format        string  // pdfcpu's file type: "jpg", "png", "tif", "jpx", …
	Width, Height int     // pixels
	WidthPt       float64 // page size in points (media box, /Rotate applied)
	HeightPt      float64
	Rotate        int // the page's /Rotate (0, 90, 180, 270): the image is drawn turned by it
}

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
// It reads with pdfcpu only: no PDFium instance is taken.
func PageImages(path string, pages ...int) (out []*PageImage, err error) {
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
			out, err = nil, fail(path, fmt.Sprintf("image extraction failed: %v", p), nil)
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
	if len(pages) == 0 {
		for i := 1; i <= ctx.PageCount; i++ {
			pages = append(pages, i)
		}
	}
	for _, pn := range pages {
		if pn < 1 || pn > ctx.PageCount {
			return nil, fail(path, fmt.Sprintf("no page %d (the PDF has %d)", pn, ctx.PageCount), nil)
		}
		mm, err := pdfcpulib.ExtractPageImages(ctx, pn, false)
		if err != nil && len(mm) == 0 {
			return nil, fail(path, fmt.Sprintf("page %d: image extraction: %s", pn, cleanReason(err)), err)
		}
		var best *model.Image
		for _, im := range mm {
			if im.Thumb || im.IsImgMask || im.Reader == nil {
				continue
			}
			if best == nil || im.Width*im.Height > best.Width*best.Height {
				c := im
				best = &c
			}
		}
		if best == nil {
			out = append(out, nil)
			continue
		}
		raw, err := io.ReadAll(best.Reader)
		if err != nil {
			return nil, fail(path, fmt.Sprintf("page %d: reading image: %v", pn, err), err)
		}
		pi := &PageImage{Page: pn, Data: raw, Format: strings.ToLower(best.FileType), Width: best.Width, Height: best.Height}
		if pi.Width <= 0 || pi.Height <= 0 {
			pi.Width, pi.Height = imageSize(raw)
		}
		if pn-1 < len(dims) {
			pi.WidthPt, pi.HeightPt = dims[pn-1].Width, dims[pn-1].Height
		}
		if pn-1 < len(pbs) {
			pi.Rotate = ((pbs[pn-1].Rot % 360) + 360) % 360
		}
		out = append(out, pi)
	}
	return out, nil
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
