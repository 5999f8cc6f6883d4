package extract

import (
	"context"
	"fmt"
	"image"
)

// RenderPage renders page (1-based) of the PDF at path at dpi, upright as a
// viewer shows it (PDFium, through the reader's pool): the picture yusuan
// serve draws a document's tables over.
func (r *Reader) RenderPage(ctx context.Context, path string, page, dpi int) (image.Image, error) {
	s, ok := r.PDF.(*scanner)
	if !ok {
		return nil, fmt.Errorf("%w: no PDF reader", ErrUnsupported)
	}
	pr, err := s.pdf.Reader()
	if err != nil {
		return nil, err
	}
	return pr.RenderPage(ctx, path, page, dpi)
}
