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
// nothing) thousands of full pages, which the decoders would allocate in
// full. The figures match the PDF reader's image limit; a scanned A3 page
// at 600 dpi has 70 M pixels.
const (
	MaxImagePixels = 100_000_000 // one page
	MaxImagePages  = 2000        // pages of one TIFF
	maxTotalPixels = 2_000_000_000
)

// checkImageSize refuses an image file whose pages are too large or too
// many, reading only headers. Formats it cannot read the header of are
// left to the decoder (which fails on what it cannot read).
func checkImageSize(kind string, data []byte) error {
	switch kind {
	case "png", "jpeg":
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("corrupt image: %v", err)
		}
		return checkPixels(1, cfg.Width, cfg.Height)
	case "jp2":
		w, h, err := leptHeader(data)
		if err != nil {
			return fmt.Errorf("corrupt image: %v", err)
		}
		return checkPixels(1, w, h)
	case "tiff":
		sizes, err := tiffPageSizes(data)
		if err != nil {
			return err
		}
		if len(sizes) > MaxImagePages {
			return fmt.Errorf("TIFF of %d pages is over the %d-page limit", len(sizes), MaxImagePages)
		}
		var total int64
		for i, s := range sizes {
			if err := checkPixels(i+1, s.X, s.Y); err != nil {
				return err
			}
			total += int64(s.X) * int64(s.Y)
		}
		if total > maxTotalPixels {
			return fmt.Errorf("TIFF pages hold %d pixels in all, over the %d limit", total, int64(maxTotalPixels))
		}
	}
	return nil
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
// MaxImagePages+1 directories and on a directory chain that loops.
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
		if seen[off] || len(sizes) > MaxImagePages {
			break
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
