package scangen

import (
	"encoding/binary"
	"image"
)

// TIFF typesets document d and stores its pages as one multi-page TIFF
// (8-bit grey, uncompressed, one strip a page, at the spec's resolution):
// the form a scanner's "save as TIFF" gives, which yusuan reads page by
// page as it reads a scanned PDF.
func TIFF(d Doc) ([]byte, error) {
	pages, err := Typeset(d)
	if err != nil {
		return nil, err
	}
	imgs := make([]*image.Gray, len(pages))
	for i, p := range pages {
		imgs[i] = p.Img
	}
	return grayTIFF(imgs, d.Spec.DPI), nil
}

// grayTIFF writes little-endian classic TIFF: each page's pixels, then its
// directory, chained.
func grayTIFF(imgs []*image.Gray, dpi int) []byte {
	le := binary.LittleEndian
	b := []byte("II*\x00\x00\x00\x00\x00")
	prevNext := 4 // where the offset of the next directory goes
	for _, img := range imgs {
		w, h := img.Rect.Dx(), img.Rect.Dy()
		strip := len(b)
		for y := range h {
			row := img.Pix[y*img.Stride : y*img.Stride+w]
			b = append(b, row...)
		}
		if len(b)%2 == 1 {
			b = append(b, 0)
		}
		res := len(b)
		b = le.AppendUint32(b, uint32(dpi))
		b = le.AppendUint32(b, 1)
		le.PutUint32(b[prevNext:], uint32(len(b)))
		const short, long, rational = 3, 4, 5
		es := [][3]uint32{
			{256, long, uint32(w)},
			{257, long, uint32(h)},
			{258, short, 8}, // BitsPerSample
			{259, short, 1}, // Compression: none
			{262, short, 1}, // Photometric: BlackIsZero
			{273, long, uint32(strip)},
			{277, short, 1}, // SamplesPerPixel
			{278, long, uint32(h)},
			{279, long, uint32(w * h)},
			{282, rational, uint32(res)},
			{283, rational, uint32(res)},
			{296, short, 2}, // ResolutionUnit: inch
		}
		b = le.AppendUint16(b, uint16(len(es)))
		for _, e := range es {
			b = le.AppendUint16(b, uint16(e[0]))
			b = le.AppendUint16(b, uint16(e[1]))
			b = le.AppendUint32(b, 1)
			if e[1] == short {
				b = le.AppendUint16(b, uint16(e[2]))
				b = append(b, 0, 0)
			} else {
				b = le.AppendUint32(b, e[2])
			}
		}
		prevNext = len(b)
		b = le.AppendUint32(b, 0)
	}
	return b
}
