package ocr

import (
	"bytes"
	bin "encoding/binary"
	"errors"
	"fmt"
	"image"
)

// Limits on image files, checked from their headers before anything is
// decoded: a PNG of a few hundred bytes can declare 100000×100000 pixels,
// and a small multi-page TIFF (Group 4 compresses a blank page to almost
// nothing) thousands of full pages. The figures match the PDF reader's
// limits; a scanned A3 page at 600 dpi has 70 M pixels. A file's pages
// are decoded one at a time, as they are read, so there is no limit on
// the pixels of all pages together: memory holds the pages being read
// (see Options.MemoryPixels), time is bounded by the run's -timeout.
const (
	MaxImagePixels = 100_000_000 // one page
	MaxImagePages  = 2000        // pages of one TIFF
)

// checkImageSize refuses an image file whose pages are too large or too
// many, reading only headers, and returns the size of each page. Formats
// it cannot read the header of are left to the decoder (which fails on
// what it cannot read); their size is then unknown (0×0).
func checkImageSize(kind string, data []byte) ([]image.Point, error) {
	switch kind {
	case "png", "jpeg":
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("corrupt image: %v", err)
		}
		return []image.Point{{cfg.Width, cfg.Height}}, checkPixels(1, cfg.Width, cfg.Height)
	case "jp2":
		w, h, err := leptHeader(data)
		if err != nil {
			return nil, fmt.Errorf("corrupt image: %v", err)
		}
		return []image.Point{{w, h}}, checkPixels(1, w, h)
	case "tiff":
		sizes, err := tiffPageSizes(data)
		if err != nil {
			return nil, err
		}
		if len(sizes) > MaxImagePages {
			return nil, fmt.Errorf("TIFF of more than %d pages is over the %d-page limit", MaxImagePages, MaxImagePages)
		}
		for i, s := range sizes {
			if err := checkPixels(i+1, s.X, s.Y); err != nil {
				return nil, err
			}
		}
		return sizes, nil
	}
	return []image.Point{{}}, nil
}

func checkPixels(page, w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("page %d: image of %d×%d pixels", page, w, h)
	}
	if int64(w)*int64(h) > MaxImagePixels {
		return fmt.Errorf("page %d: image of %d×%d pixels is over the %d-pixel limit", page, w, h, MaxImagePixels)
	}
	return nil
}

var errTIFF = errors.New("corrupt TIFF")

// tiffPageSizes walks the image file directories of a TIFF (classic, not
// BigTIFF) and returns each page's ImageWidth × ImageLength. It stops at
// MaxImagePages+1 directories; a directory chain that loops back is
// corrupt (libtiff's readers, leptonica's among them, would go round it
// for ever, decoding the same pages again: 18 GB from a 1 KB file).
func tiffPageSizes(data []byte) ([]image.Point, error) {
	if len(data) < 8 {
		return nil, errTIFF
	}
	var bo bin.ByteOrder
	switch string(data[:2]) {
	case "II":
		bo = bin.LittleEndian
	case "MM":
		bo = bin.BigEndian
	default:
		return nil, errTIFF
	}
	if bo.Uint16(data[2:]) != 42 {
		return nil, fmt.Errorf("%w: not a classic TIFF (BigTIFF is not read)", errTIFF)
	}
	var sizes []image.Point
	seen := map[uint32]bool{}
	for off := bo.Uint32(data[4:]); off != 0; {
		if len(sizes) > MaxImagePages {
			break
		}
		if seen[off] {
			return nil, fmt.Errorf("%w: directory %d points back to an earlier one (a loop)", errTIFF, len(sizes))
		}
		seen[off] = true
		if int64(off)+2 > int64(len(data)) {
			return nil, fmt.Errorf("%w: directory %d out of the file", errTIFF, len(sizes)+1)
		}
		n := int(bo.Uint16(data[off:]))
		end := int64(off) + 2 + 12*int64(n)
		if end+4 > int64(len(data)) {
			return nil, fmt.Errorf("%w: directory %d out of the file", errTIFF, len(sizes)+1)
		}
		var p image.Point
		for i := 0; i < n; i++ {
			e := data[int64(off)+2+12*int64(i):]
			tag, typ := bo.Uint16(e), bo.Uint16(e[2:])
			var v int
			switch typ {
			case 3: // SHORT
				v = int(bo.Uint16(e[8:]))
			case 4: // LONG
				v = int(bo.Uint32(e[8:]))
			default:
				continue
			}
			switch tag {
			case 256:
				p.X = v
			case 257:
				p.Y = v
			}
		}
		sizes = append(sizes, p)
		off = bo.Uint32(data[end:])
	}
	if len(sizes) == 0 {
		return nil, errTIFF
	}
	return sizes, nil
}
