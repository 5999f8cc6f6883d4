package ocr

import (
	"fmt"
	"image"
)

// PageImage decodes page n (1-based) of an image file (PNG, JPEG, TIFF
// including multi-page) as it was scanned, within the same limits as
// ReadImageFile: the picture yusuan serve draws a scan's tables over.
func PageImage(path string, n int) (image.Image, error) {
	data, err := readImage(path)
	if err != nil {
		return nil, err
	}
	pages, err := openImages(path, data)
	if err != nil {
		return nil, err
	}
	if n < 1 || n > pages.n {
		return nil, fail(path, fmt.Sprintf("no page %d of %d", n, pages.n), nil)
	}
	img, _, err := pages.page(n - 1)
	return img, err
}
