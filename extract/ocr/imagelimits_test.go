package ocr

import (
	"bytes"
	bin "encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pngClaiming is a valid 1×1 PNG whose header claims w×h pixels.
func pngClaiming(t testing.TB, w, h uint32) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	// IHDR data starts at 16: width, height; its CRC covers type and data.
	bin.BigEndian.PutUint32(b[16:], w)
	bin.BigEndian.PutUint32(b[20:], h)
	bin.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// tiffClaiming is a little-endian TIFF of n directories, each declaring a
// w×h page (and nothing to decode); loop makes the last point at the first.
func tiffClaiming(n int, w, h uint32, loop bool) []byte {
	b := []byte("II*\x00\x08\x00\x00\x00")
	for i := 0; i < n; i++ {
		off := len(b)
		b = bin.LittleEndian.AppendUint16(b, 2)
		for _, e := range [][2]uint32{{256, w}, {257, h}} {
			b = bin.LittleEndian.AppendUint16(b, uint16(e[0]))
			b = bin.LittleEndian.AppendUint16(b, 4) // LONG
			b = bin.LittleEndian.AppendUint32(b, 1)
			b = bin.LittleEndian.AppendUint32(b, e[1])
		}
		next := uint32(off + 2 + 24 + 4)
		if i == n-1 {
			next = 0
			if loop {
				next = 8
			}
		}
		b = bin.LittleEndian.AppendUint32(b, next)
	}
	return b
}

// TestImageBombs: images that declare more pixels or pages than the
// limits are refused from their headers, with one clear reason, before
// any decoder allocates them.
func TestImageBombs(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"huge.png", pngClaiming(t, 100000, 100000), "over the 100000000-pixel limit"},
		{"many.tif", tiffClaiming(MaxImagePages+5, 100, 100, false), "over the 2000-page limit"},
		{"huge.tif", tiffClaiming(2, 1000, 200000, false), "page 1: image of 1000×200000 pixels"},
		{"loop.tif", tiffClaiming(3, 20000, 20000, true), "points back to an earlier one"},
	} {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadImageFile(t.Context(), nil, path)
		var fe interface{ File() string }
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.As(err, &fe) || fe.File() != c.name {
			t.Errorf("%s: %v, want an error naming the file and %q", c.name, err, c.want)
		}
	}
	// A loop in the directory chain is corrupt: a decoder would go round
	// it for ever.
	if sizes, err := tiffPageSizes(tiffClaiming(3, 10, 10, true)); err == nil || !strings.Contains(err.Error(), "directory 3 points back") {
		t.Errorf("looping TIFF: %d pages, %v, want the loop named", len(sizes), err)
	}
}

// FuzzImageHeaders feeds arbitrary bytes to the header checks that stand
// in front of the decoders (the TIFF directory walk and the PNG/JPEG
// configs). They must never panic, and whatever they pass must be within
// the limits. Leptonica (C) is not fuzzed here.
func FuzzImageHeaders(f *testing.F) {
	f.Add(pngClaiming(f, 10, 10))
	f.Add(tiffClaiming(2, 100, 100, false))
	f.Add(tiffClaiming(3, 10, 10, true))
	f.Add([]byte("MM\x00*\x00\x00\x00\x08\x00\x00"))
	f.Add([]byte("\xff\xd8\xff\xe0"))
	f.Fuzz(func(t *testing.T, data []byte) {
		kind := imageKind(data)
		if kind == "jp2" {
			return // leptonica
		}
		if _, err := checkImageSize(kind, data); err != nil {
			return
		}
		if kind == "tiff" {
			sizes, err := tiffPageSizes(data)
			if err != nil || len(sizes) > MaxImagePages {
				t.Fatalf("passed a TIFF of %d pages (%v)", len(sizes), err)
			}
		}
		if kind == "png" || kind == "jpeg" {
			cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
			if err != nil || int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
				t.Fatalf("passed %d×%d (%v)", cfg.Width, cfg.Height, err)
			}
		}
	})
}
