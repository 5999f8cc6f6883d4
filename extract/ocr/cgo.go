package ocr

// Two things gosseract does not expose are done here through the C APIs of
// tesseract and leptonica: orientation detection (OSD) and decoding image
// formats Go has no decoder for (JPEG 2000 from PDFs, multi-page TIFF).

/*
#cgo LDFLAGS: -lleptonica -ltesseract
#include <stdlib.h>
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>

static int osd_detect(TessBaseAPI *api, unsigned char *data, int w, int h, int dpi,
                      int *deg, float *conf) {
	const char *script = 0;
	float sconf = 0;
	TessBaseAPISetImage(api, data, w, h, 1, w);
	TessBaseAPISetSourceResolution(api, dpi);
	int ok = TessBaseAPIDetectOrientationScript(api, deg, conf, &script, &sconf);
	TessBaseAPIClear(api);
	return ok;
}

// pix_to_red converts any pix to 32 bpp and copies out its red channel,
// one byte a pixel (what toGray keeps of a colour image: red seals fade).
static int pix_to_red(PIX *pix, unsigned char *out, int w, int h) {
	PIX *p32 = pixConvertTo32(pix);
	if (!p32) return 0;
	l_uint32 *data = pixGetData(p32);
	int wpl = pixGetWpl(p32);
	for (int y = 0; y < h; y++) {
		l_uint32 *line = data + y * wpl;
		for (int x = 0; x < w; x++) {
			l_int32 r, g, b;
			extractRGBValues(line[x], &r, &g, &b);
			out[y * w + x] = r;
		}
	}
	pixDestroy(&p32);
	return 1;
}

static PIX *read_tiff_page(const unsigned char *data, size_t n, int page) {
	setMsgSeverity(L_SEVERITY_NONE);
	return pixReadMemTiff(data, n, page);
}

static int read_header(const unsigned char *data, size_t n, int *w, int *h) {
	l_int32 format, bps, spp, iscmap;
	setMsgSeverity(L_SEVERITY_NONE);
	return pixReadHeaderMem(data, n, &format, w, h, &bps, &spp, &iscmap);
}

static PIX *read_mem(const unsigned char *data, size_t n) {
	setMsgSeverity(L_SEVERITY_NONE);
	return pixReadMem(data, n);
}
*/
import "C"

import (
	"errors"
	"image"
	"sync"
	"unsafe"
)

// osd wraps one TessBaseAPI initialised with the "osd" model.
type osd struct {
	mu  sync.Mutex
	api *C.TessBaseAPI
}

func newOSD() (*osd, error) {
	api := C.TessBaseAPICreate()
	lang := C.CString("osd")
	defer C.free(unsafe.Pointer(lang))
	if C.TessBaseAPIInit3(api, nil, lang) != 0 {
		C.TessBaseAPIDelete(api)
		return nil, errors.New("ocr: tesseract osd model not installed")
	}
	dbg := C.CString("debug_file")
	null := C.CString("/dev/null")
	defer C.free(unsafe.Pointer(dbg))
	defer C.free(unsafe.Pointer(null))
	C.TessBaseAPISetVariable(api, dbg, null)
	return &osd{api: api}, nil
}

// detect returns the clockwise quarter turns that make the raster upright
// and the detector's confidence.
func (o *osd) detect(g *gray, dpi int) (turns int, conf float64, ok bool) {
	if o == nil || len(g.pix) == 0 {
		return 0, 0, false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	var deg C.int
	var c C.float
	r := C.osd_detect(o.api, (*C.uchar)(unsafe.Pointer(&g.pix[0])), C.int(g.w), C.int(g.h), C.int(dpi), &deg, &c)
	if r == 0 {
		return 0, 0, false
	}
	// deg is how far the content is turned clockwise (tesseract's
	// "Orientation in degrees"); turning the raster clockwise by 360-deg
	// makes it upright (tesseract's "Rotate").
	return ((360 - int(deg)) / 90) % 4, float64(c), true
}

func (o *osd) close() {
	if o == nil {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.api != nil {
		C.TessBaseAPIEnd(o.api)
		C.TessBaseAPIDelete(o.api)
		o.api = nil
	}
}

// pixImage copies a pix out as a grey image of its red channel.
func pixImage(pix *C.PIX) (image.Image, int, error) {
	w, h := int(C.pixGetWidth(pix)), int(C.pixGetHeight(pix))
	if w <= 0 || h <= 0 || int64(w)*int64(h) > MaxImagePixels {
		return nil, 0, errors.New("image too large or empty")
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	if C.pix_to_red(pix, (*C.uchar)(unsafe.Pointer(&img.Pix[0])), C.int(w), C.int(h)) == 0 {
		return nil, 0, errors.New("cannot convert image")
	}
	return img, int(C.pixGetXRes(pix)), nil
}

// decodeLept decodes any format leptonica reads (JPEG 2000, TIFF, PNM,
// BMP, WebP, …); dpi is 0 when the file does not say.
func decodeLept(data []byte) (image.Image, int, error) {
	if len(data) == 0 {
		return nil, 0, errors.New("empty image")
	}
	cdata := C.CBytes(data)
	defer C.free(cdata)
	pix := C.read_mem((*C.uchar)(cdata), C.size_t(len(data)))
	if pix == nil {
		return nil, 0, errors.New("unsupported or corrupt image")
	}
	defer C.pixDestroy(&pix)
	return pixImage(pix)
}

// leptHeader reads an image's size from its header with leptonica (for
// the formats Go has no decoder for), decoding nothing.
func leptHeader(data []byte) (w, h int, err error) {
	if len(data) == 0 {
		return 0, 0, errors.New("empty image")
	}
	cdata := C.CBytes(data)
	defer C.free(cdata)
	var cw, ch C.int
	if C.read_header((*C.uchar)(cdata), C.size_t(len(data)), &cw, &ch) != 0 {
		return 0, 0, errors.New("unsupported or corrupt image")
	}
	return int(cw), int(ch), nil
}

// decodeTIFFPage decodes page i (0-based) of a (multi-page) TIFF alone.
func decodeTIFFPage(data []byte, i int) (image.Image, int, error) {
	if len(data) == 0 {
		return nil, 0, errors.New("empty image")
	}
	cdata := C.CBytes(data)
	defer C.free(cdata)
	pix := C.read_tiff_page((*C.uchar)(cdata), C.size_t(len(data)), C.int(i))
	if pix == nil {
		return nil, 0, errors.New("unsupported or corrupt TIFF page")
	}
	defer C.pixDestroy(&pix)
	return pixImage(pix)
}
