package badcases

import (
	"bytes"
	"compress/zlib"
	bin "encoding/binary"
	"fmt"
)

// Generators of the hostile inputs that are small on disk but large once
// decoded. scripts/badfixtures writes the tiny ones into fixtures/bad; the
// tests make the big ones at run time, so the repository stays small.

// tiffEntry is one 12-byte directory entry of a classic TIFF.
type tiffEntry struct {
	tag, typ uint16
	val      uint32
}

// BlankTIFF is a little-endian multi-page TIFF of pages blank w×h pages
// at 300 dpi, each Group 4 coded: an all-white row under an all-white row
// is one bit (vertical mode 0), so a page is h/8 bytes of 0xFF, and every
// directory points at the same strip. 1,000 A4 pages take ~150 KB on disk
// and 8.7 G pixels decoded. When loop is set, the last directory's next
// points back at the first: a chain of directories with no end.
func BlankTIFF(pages, w, h int, loop bool) []byte {
	b := []byte("II*\x00\x00\x00\x00\x00")
	strip := len(b)
	b = append(b, bytes.Repeat([]byte{0xff}, (h+7)/8)...)
	b = append(b, 0x00, 0x10, 0x01, 0x00, 0x10, 0x01) // EOFB
	if len(b)%2 == 1 {
		b = append(b, 0)
	}
	res := len(b) // 300/1, shared by every page's X and Y resolution
	b = bin.LittleEndian.AppendUint32(b, 300)
	b = bin.LittleEndian.AppendUint32(b, 1)
	first := len(b)
	bin.LittleEndian.PutUint32(b[4:], uint32(first))
	const short, long, rational = 3, 4, 5
	for i := 0; i < pages; i++ {
		es := []tiffEntry{
			{256, long, uint32(w)},
			{257, long, uint32(h)},
			{258, short, 1}, // BitsPerSample
			{259, short, 4}, // Compression: CCITT Group 4
			{262, short, 0}, // Photometric: WhiteIsZero
			{273, long, uint32(strip)},
			{277, short, 1}, // SamplesPerPixel
			{278, long, uint32(h)},
			{279, long, uint32(res - strip)},
			{282, rational, uint32(res)},
			{283, rational, uint32(res)},
			{296, short, 2}, // ResolutionUnit: inch
		}
		b = bin.LittleEndian.AppendUint16(b, uint16(len(es)))
		for _, e := range es {
			b = bin.LittleEndian.AppendUint16(b, e.tag)
			b = bin.LittleEndian.AppendUint16(b, e.typ)
			b = bin.LittleEndian.AppendUint32(b, 1)
			if e.typ == short {
				b = bin.LittleEndian.AppendUint16(b, uint16(e.val))
				b = append(b, 0, 0)
			} else {
				b = bin.LittleEndian.AppendUint32(b, e.val)
			}
		}
		next := uint32(len(b) + 4)
		if i == pages-1 {
			next = 0
			if loop {
				next = uint32(first)
			}
		}
		b = bin.LittleEndian.AppendUint32(b, next)
	}
	return b
}

// WhiteImagePDF is a one-page A4 PDF whose only content is a w×h white
// grey image (FlateDecode): a scan, as far as the reader can tell. 10000 ×
// 10000 is 100 M pixels, just inside the image limit, and ~100 KB on disk.
func WhiteImagePDF(w, h int) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	row := bytes.Repeat([]byte{0xff}, w)
	for y := 0; y < h; y++ {
		zw.Write(row)
	}
	zw.Close()
	var buf bytes.Buffer
	var offs []int
	obj := func(body string) {
		offs = append(offs, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>")
	offs = append(offs, buf.Len())
	fmt.Fprintf(&buf, "4 0 obj\n<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n", w, h, z.Len())
	buf.Write(z.Bytes())
	buf.WriteString("\nendstream\nendobj\n")
	content := "q 595 0 0 842 0 0 cm /Im1 Do Q"
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return buf.Bytes()
}
