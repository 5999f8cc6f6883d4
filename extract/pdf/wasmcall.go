package pdf

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/samyfodil/wazy/api"
)

// The text layer is read with some ten PDFium calls per character and per
// path segment. Through go-pdfium each call allocates its out-parameters in
// wasm memory (a malloc and a free: two more wasm calls each), registers
// every page object and path segment it returns under a fresh UUID in a
// map, and boxes request and response: that cost as much CPU as PDFium's
// own work for those calls. pdfAPI is the few calls extract.go makes;
// wasmPDF makes them straight into the instance's WebAssembly module, with
// one scratch buffer for all out-parameters. goPDF makes them through
// go-pdfium: the fallback when the module cannot be reached (another
// go-pdfium version), and what the tests compare wasmPDF with.

// handle is a PDFium object: a wasm pointer (wasmPDF) or a go-pdfium
// reference (goPDF).
type handle struct {
	ptr uint64
	ref string
}

type pdfAPI interface {
	openDocument(data []byte) (handle, error)
	closeDocument(doc handle)
	pageCount(doc handle) (int, error)
	loadPage(doc handle, index int) (handle, error)
	closePage(page handle)
	pageSize(page handle) (w, h float32, err error)
	pageToDevice(page handle, sizeX, sizeY int, x, y float64) (dx, dy int, err error)

	loadTextPage(page handle) (handle, error)
	closeTextPage(tp handle)
	countChars(tp handle) (int, error)
	unicode(tp handle, i int) (uint32, error)
	isGenerated(tp handle, i int) (bool, error)
	looseCharBox(tp handle, i int) (left, top, right, bottom float32, err error)
	charOrigin(tp handle, i int) (x, y float64, err error)
	hasUnicodeMapError(tp handle, i int) (bool, error)
	textObject(tp handle, i int) (handle, error)
	charMatrix(tp handle, i int) ([6]float32, error)

	countObjects(page handle) (int, error)
	object(page handle, i int) (handle, error)
	objectType(obj handle) (enums.FPDF_PAGEOBJ, error)
	objectMatrix(obj handle) ([6]float32, error)
	formCount(obj handle) (int, error)
	formObject(obj handle, j int) (handle, error)
	drawMode(obj handle) (fill enums.FPDF_FILLMODE, stroke bool, err error)
	fillColor(obj handle) (r, g, b, a uint32, err error)
	countSegments(obj handle) (int, error)
	segment(obj handle, j int) (handle, error)
	segmentType(s handle) (enums.FPDF_SEGMENT, error)
	segmentPoint(s handle) (x, y float32, err error)
	segmentClose(s handle) (bool, error)

	objectBounds(obj handle) (left, bottom, right, top float32, err error)
	clipPath(obj handle) (handle, error)
	clipPathCount(cp handle) (int, error)
	clipSegmentCount(cp handle, path int) (int, error)
	clipSegment(cp handle, path, j int) (handle, error)
}

// ------------------------------------------------------------ direct calls

// wasmPDF calls the exports of one PDFium instance directly. Like the
// instance, it is for one goroutine at a time.
type wasmPDF struct {
	ctx     context.Context
	mem     api.Memory
	fn      [numExports]api.Function
	stack   [16]uint64
	scratch uint32            // 64 bytes of wasm memory for out-parameters
	docData map[uint64]uint64 // open document → its bytes in wasm memory
}

// wasmExport indexes the exports wasmPDF calls (wasmExports names them).
type wasmExport int

const (
	xMalloc wasmExport = iota
	xFree
	xLoadMemDocument
	xGetLastError
	xCloseDocument
	xGetPageCount
	xLoadPage
	xClosePage
	xGetPageWidthF
	xGetPageHeightF
	xPageToDevice
	xTextLoadPage
	xTextClosePage
	xTextCountChars
	xTextGetUnicode
	xTextIsGenerated
	xTextGetLooseCharBox
	xTextGetCharOrigin
	xTextHasUnicodeMapError
	xTextGetTextObject
	xTextGetMatrix
	xPageCountObjects
	xPageGetObject
	xObjGetType
	xObjGetMatrix
	xFormCountObjects
	xFormGetObject
	xPathGetDrawMode
	xObjGetFillColor
	xPathCountSegments
	xPathGetPathSegment
	xSegGetType
	xSegGetPoint
	xSegGetClose
	xObjGetBounds
	xObjGetClipPath
	xClipCountPaths
	xClipCountPathSegments
	xClipGetPathSegment
	numExports
)

// The exports wasmPDF calls, by wasmExport.
var wasmExports = [numExports]string{
	xMalloc:                 "malloc",
	xFree:                   "free",
	xLoadMemDocument:        "FPDF_LoadMemDocument",
	xGetLastError:           "FPDF_GetLastError",
	xCloseDocument:          "FPDF_CloseDocument",
	xGetPageCount:           "FPDF_GetPageCount",
	xLoadPage:               "FPDF_LoadPage",
	xClosePage:              "FPDF_ClosePage",
	xGetPageWidthF:          "FPDF_GetPageWidthF",
	xGetPageHeightF:         "FPDF_GetPageHeightF",
	xPageToDevice:           "FPDF_PageToDevice",
	xTextLoadPage:           "FPDFText_LoadPage",
	xTextClosePage:          "FPDFText_ClosePage",
	xTextCountChars:         "FPDFText_CountChars",
	xTextGetUnicode:         "FPDFText_GetUnicode",
	xTextIsGenerated:        "FPDFText_IsGenerated",
	xTextGetLooseCharBox:    "FPDFText_GetLooseCharBox",
	xTextGetCharOrigin:      "FPDFText_GetCharOrigin",
	xTextHasUnicodeMapError: "FPDFText_HasUnicodeMapError",
	xTextGetTextObject:      "FPDFText_GetTextObject",
	xTextGetMatrix:          "FPDFText_GetMatrix",
	xPageCountObjects:       "FPDFPage_CountObjects",
	xPageGetObject:          "FPDFPage_GetObject",
	xObjGetType:             "FPDFPageObj_GetType",
	xObjGetMatrix:           "FPDFPageObj_GetMatrix",
	xFormCountObjects:       "FPDFFormObj_CountObjects",
	xFormGetObject:          "FPDFFormObj_GetObject",
	xPathGetDrawMode:        "FPDFPath_GetDrawMode",
	xObjGetFillColor:        "FPDFPageObj_GetFillColor",
	xPathCountSegments:      "FPDFPath_CountSegments",
	xPathGetPathSegment:     "FPDFPath_GetPathSegment",
	xSegGetType:             "FPDFPathSegment_GetType",
	xSegGetPoint:            "FPDFPathSegment_GetPoint",
	xSegGetClose:            "FPDFPathSegment_GetClose",
	xObjGetBounds:           "FPDFPageObj_GetBounds",
	xObjGetClipPath:         "FPDFPageObj_GetClipPath",
	xClipCountPaths:         "FPDFClipPath_CountPaths",
	xClipCountPathSegments:  "FPDFClipPath_CountPathSegments",
	xClipGetPathSegment:     "FPDFClipPath_GetPathSegment",
}

// newWasmPDF reaches the module of a go-pdfium WebAssembly instance: its
// implementation's exported Module (whose ExportedFunction gives wazy
// functions) and Context fields.
func newWasmPDF(in pdfium.Pdfium) (w *wasmPDF, err error) {
	defer func() {
		if p := recover(); p != nil {
			w, err = nil, fmt.Errorf("reaching the PDFium module: %v", p)
		}
	}()
	v := reflect.ValueOf(in.GetImplementation())
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	modF, ctxF := v.FieldByName("Module"), v.FieldByName("Context")
	if !modF.IsValid() || !ctxF.IsValid() {
		return nil, errors.New("reaching the PDFium module: no Module or Context field")
	}
	ctx, ok := ctxF.Interface().(context.Context)
	if !ok || ctx == nil {
		return nil, errors.New("reaching the PDFium module: no context")
	}
	mod := reflect.ValueOf(modF.Interface())
	memM, expM := mod.MethodByName("Memory"), mod.MethodByName("ExportedFunction")
	if !memM.IsValid() || !expM.IsValid() {
		return nil, errors.New("reaching the PDFium module: no Memory or ExportedFunction")
	}
	mem, ok := memM.Call(nil)[0].Interface().(api.Memory)
	if !ok {
		return nil, errors.New("reaching the PDFium module: memory is not wazy's")
	}
	w = &wasmPDF{ctx: ctx, mem: mem, docData: map[uint64]uint64{}}
	for x, name := range wasmExports {
		r := expM.Call([]reflect.Value{reflect.ValueOf(name)})[0]
		if !r.IsValid() || r.IsNil() {
			return nil, fmt.Errorf("reaching the PDFium module: no export %s", name)
		}
		f, ok := r.Interface().(api.Function)
		if !ok {
			return nil, fmt.Errorf("reaching the PDFium module: %s is not a wazy function", name)
		}
		w.fn[x] = f
	}
	p, err := w.call(xMalloc, 64)
	if err != nil {
		return nil, err
	}
	if uint32(p) == 0 {
		return nil, errors.New("reaching the PDFium module: malloc failed")
	}
	w.scratch = uint32(p)
	return w, nil
}

// call calls an export and returns its result (0 for none).
func (w *wasmPDF) call(x wasmExport, params ...uint64) (uint64, error) {
	f := w.fn[x]
	s := w.stack[:]
	copy(s, params)
	if err := f.CallWithStack(w.ctx, s); err != nil {
		return 0, err
	}
	return s[0], nil
}

// i32 is a result read as C int (go-pdfium reads the low 32 bits).
func i32(r uint64) int32 { return int32(uint32(r)) }

func (w *wasmPDF) f32(off uint32) float32 {
	v, _ := w.mem.ReadFloat32Le(w.scratch + off)
	return v
}

func (w *wasmPDF) u32(off uint32) uint32 {
	v, _ := w.mem.ReadUint32Le(w.scratch + off)
	return v
}

func (w *wasmPDF) f64(off uint32) float64 {
	v, _ := w.mem.ReadFloat64Le(w.scratch + off)
	return v
}

// clearScratch zeroes what a call may leave unwritten (go-pdfium hands
// PDFium fresh, zeroed out-parameters).
func (w *wasmPDF) clearScratch(n uint32) {
	for off := uint32(0); off < n; off += 8 {
		w.mem.WriteUint64Le(w.scratch+off, 0)
	}
}

func (w *wasmPDF) sp(off uint32) uint64 { return uint64(w.scratch + off) }

// openDocument copies data into wasm memory (freed by closeDocument) and
// opens it, as go-pdfium's OpenDocument does.
func (w *wasmPDF) openDocument(data []byte) (handle, error) {
	if len(data) > math.MaxInt32 {
		return handle{}, errors.New("file too large for PDFium")
	}
	p, err := w.call(xMalloc, uint64(len(data)))
	if err != nil {
		return handle{}, err
	}
	if uint32(p) == 0 {
		return handle{}, errors.New("could not allocate memory for the file")
	}
	if !w.mem.Write(uint32(p), data) {
		w.call(xFree, p)
		return handle{}, errors.New("could not write file data to memory")
	}
	doc, err := w.call(xLoadMemDocument, p, uint64(len(data)), 0)
	if err != nil {
		return handle{}, err
	}
	if uint32(doc) == 0 {
		code, err := w.call(xGetLastError)
		w.call(xFree, p)
		if err != nil {
			return handle{}, err
		}
		return handle{}, lastError(code)
	}
	w.docData[doc] = p
	return handle{ptr: doc}, nil
}

// lastError is go-pdfium's error for FPDF_GetLastError's code.
func lastError(code uint64) error {
	switch code {
	case 0:
		return pdfiumerrors.ErrSuccess
	case 1:
		return pdfiumerrors.ErrUnknown
	case 2:
		return pdfiumerrors.ErrFile
	case 3:
		return pdfiumerrors.ErrFormat
	case 4:
		return pdfiumerrors.ErrPassword
	case 5:
		return pdfiumerrors.ErrSecurity
	case 6:
		return pdfiumerrors.ErrPage
	}
	return pdfiumerrors.ErrUnexpected
}

func (w *wasmPDF) closeDocument(doc handle) {
	w.call(xCloseDocument, doc.ptr)
	if p, ok := w.docData[doc.ptr]; ok {
		delete(w.docData, doc.ptr)
		w.call(xFree, p)
	}
}

func (w *wasmPDF) pageCount(doc handle) (int, error) {
	r, err := w.call(xGetPageCount, doc.ptr)
	return int(i32(r)), err
}

func (w *wasmPDF) loadPage(doc handle, index int) (handle, error) {
	r, err := w.call(xLoadPage, doc.ptr, uint64(index))
	if err != nil {
		return handle{}, err
	}
	if r == 0 {
		return handle{}, pdfiumerrors.ErrPage
	}
	return handle{ptr: r}, nil
}

func (w *wasmPDF) closePage(page handle) { w.call(xClosePage, page.ptr) }

func (w *wasmPDF) pageSize(page handle) (float32, float32, error) {
	wr, err := w.call(xGetPageWidthF, page.ptr)
	if err != nil {
		return 0, 0, err
	}
	hr, err := w.call(xGetPageHeightF, page.ptr)
	if err != nil {
		return 0, 0, err
	}
	return math.Float32frombits(uint32(wr)), math.Float32frombits(uint32(hr)), nil
}

func (w *wasmPDF) pageToDevice(page handle, sizeX, sizeY int, x, y float64) (int, int, error) {
	w.clearScratch(8)
	r, err := w.call(xPageToDevice, page.ptr, 0, 0, uint64(sizeX), uint64(sizeY),
		uint64(enums.FPDF_PAGE_ROTATION_NONE), math.Float64bits(x), math.Float64bits(y), w.sp(0), w.sp(4))
	if err != nil {
		return 0, 0, err
	}
	if i32(r) == 0 {
		return 0, 0, errors.New("could not calculate from page to device")
	}
	return int(int32(w.u32(0))), int(int32(w.u32(4))), nil
}

func (w *wasmPDF) loadTextPage(page handle) (handle, error) {
	r, err := w.call(xTextLoadPage, page.ptr)
	if err != nil {
		return handle{}, err
	}
	if r == 0 {
		return handle{}, errors.New("could not load text page")
	}
	return handle{ptr: r}, nil
}

func (w *wasmPDF) closeTextPage(tp handle) { w.call(xTextClosePage, tp.ptr) }

func (w *wasmPDF) countChars(tp handle) (int, error) {
	r, err := w.call(xTextCountChars, tp.ptr)
	if err != nil {
		return 0, err
	}
	if i32(r) == -1 {
		return 0, errors.New("could not get char count")
	}
	return int(i32(r)), nil
}

func (w *wasmPDF) unicode(tp handle, i int) (uint32, error) {
	r, err := w.call(xTextGetUnicode, tp.ptr, uint64(i))
	return uint32(r), err
}

func (w *wasmPDF) isGenerated(tp handle, i int) (bool, error) {
	r, err := w.call(xTextIsGenerated, tp.ptr, uint64(i))
	if err != nil {
		return false, err
	}
	if i32(r) == -1 {
		return false, errors.New("could not get whether text is generated")
	}
	return i32(r) == 1, nil
}

func (w *wasmPDF) looseCharBox(tp handle, i int) (float32, float32, float32, float32, error) {
	w.clearScratch(16)
	r, err := w.call(xTextGetLooseCharBox, tp.ptr, uint64(i), w.sp(0))
	if err != nil {
		return 0, 0, 0, 0, err
	}
	if i32(r) == 0 {
		return 0, 0, 0, 0, errors.New("could not get loose char box")
	}
	// FS_RECTF: left, top, right, bottom.
	return w.f32(0), w.f32(4), w.f32(8), w.f32(12), nil
}

func (w *wasmPDF) charOrigin(tp handle, i int) (float64, float64, error) {
	w.clearScratch(16)
	r, err := w.call(xTextGetCharOrigin, tp.ptr, uint64(i), w.sp(0), w.sp(8))
	if err != nil {
		return 0, 0, err
	}
	if i32(r) == 0 {
		return 0, 0, errors.New("could not get char origin")
	}
	return w.f64(0), w.f64(8), nil
}

func (w *wasmPDF) hasUnicodeMapError(tp handle, i int) (bool, error) {
	r, err := w.call(xTextHasUnicodeMapError, tp.ptr, uint64(i))
	if err != nil {
		return false, err
	}
	if i32(r) == -1 {
		return false, errors.New("could not get whether text has a unicode map error")
	}
	return i32(r) == 1, nil
}

func (w *wasmPDF) textObject(tp handle, i int) (handle, error) {
	r, err := w.call(xTextGetTextObject, tp.ptr, uint64(i))
	if err != nil {
		return handle{}, err
	}
	if r == 0 {
		return handle{}, errors.New("could not get object")
	}
	return handle{ptr: r}, nil
}

func (w *wasmPDF) charMatrix(tp handle, i int) ([6]float32, error) {
	w.clearScratch(24)
	r, err := w.call(xTextGetMatrix, tp.ptr, uint64(i), w.sp(0))
	if err != nil {
		return [6]float32{}, err
	}
	if i32(r) == 0 {
		return [6]float32{}, errors.New("could not get char matrix")
	}
	return [6]float32{w.f32(0), w.f32(4), w.f32(8), w.f32(12), w.f32(16), w.f32(20)}, nil
}

func (w *wasmPDF) countObjects(page handle) (int, error) {
	r, err := w.call(xPageCountObjects, page.ptr)
	return int(i32(r)), err
}

func (w *wasmPDF) object(page handle, i int) (handle, error) {
	r, err := w.call(xPageGetObject, page.ptr, uint64(i))
	if err != nil {
		return handle{}, err
	}
	if r == 0 {
		return handle{}, errors.New("could not get object")
	}
	return handle{ptr: r}, nil
}

func (w *wasmPDF) objectType(obj handle) (enums.FPDF_PAGEOBJ, error) {
	r, err := w.call(xObjGetType, obj.ptr)
	return enums.FPDF_PAGEOBJ(i32(r)), err
}

func (w *wasmPDF) objectMatrix(obj handle) ([6]float32, error) {
	w.clearScratch(24)
	r, err := w.call(xObjGetMatrix, obj.ptr, w.sp(0))
	if err != nil {
		return [6]float32{}, err
	}
	if i32(r) == 0 {
		return [6]float32{}, errors.New("could not get page object matrix")
	}
	return [6]float32{w.f32(0), w.f32(4), w.f32(8), w.f32(12), w.f32(16), w.f32(20)}, nil
}

func (w *wasmPDF) formCount(obj handle) (int, error) {
	r, err := w.call(xFormCountObjects, obj.ptr)
	return int(i32(r)), err
}

func (w *wasmPDF) formObject(obj handle, j int) (handle, error) {
	r, err := w.call(xFormGetObject, obj.ptr, uint64(j))
	if err != nil {
		return handle{}, err
	}
	if r == 0 {
		return handle{}, errors.New("could not get form object")
	}
	return handle{ptr: r}, nil
}

func (w *wasmPDF) drawMode(obj handle) (enums.FPDF_FILLMODE, bool, error) {
	w.clearScratch(8)
	r, err := w.call(xPathGetDrawMode, obj.ptr, w.sp(0), w.sp(4))
	if err != nil {
		return 0, false, err
	}
	if i32(r) == 0 {
		return 0, false, errors.New("could not get draw mode")
	}
	return enums.FPDF_FILLMODE(int32(w.u32(0))), int32(w.u32(4)) == 1, nil
}

func (w *wasmPDF) fillColor(obj handle) (uint32, uint32, uint32, uint32, error) {
	w.clearScratch(16)
	r, err := w.call(xObjGetFillColor, obj.ptr, w.sp(0), w.sp(4), w.sp(8), w.sp(12))
	if err != nil {
		return 0, 0, 0, 0, err
	}
	if i32(r) == 0 {
		return 0, 0, 0, 0, errors.New("could not get page object fill color")
	}
	return w.u32(0), w.u32(4), w.u32(8), w.u32(12), nil
}

func (w *wasmPDF) countSegments(obj handle) (int, error) {
	r, err := w.call(xPathCountSegments, obj.ptr)
	if err != nil {
		return 0, err
	}
	if i32(r) == -1 {
		return 0, errors.New("could not get path segment count")
	}
	return int(i32(r)), nil
}

func (w *wasmPDF) segment(obj handle, j int) (handle, error) {
	r, err := w.call(xPathGetPathSegment, obj.ptr, uint64(j))
	if err != nil {
		return handle{}, err
	}
	if r == 0 {
		return handle{}, errors.New("could not get path segment")
	}
	return handle{ptr: r}, nil
}

func (w *wasmPDF) segmentType(s handle) (enums.FPDF_SEGMENT, error) {
	r, err := w.call(xSegGetType, s.ptr)
	return enums.FPDF_SEGMENT(i32(r)), err
}

func (w *wasmPDF) segmentPoint(s handle) (float32, float32, error) {
	w.clearScratch(8)
	r, err := w.call(xSegGetPoint, s.ptr, w.sp(0), w.sp(4))
	if err != nil {
		return 0, 0, err
	}
	if i32(r) == 0 {
		return 0, 0, errors.New("could not get path segment point")
	}
	return w.f32(0), w.f32(4), nil
}

func (w *wasmPDF) segmentClose(s handle) (bool, error) {
	r, err := w.call(xSegGetClose, s.ptr)
	return i32(r) == 1, err
}

func (w *wasmPDF) objectBounds(obj handle) (float32, float32, float32, float32, error) {
	w.clearScratch(16)
	r, err := w.call(xObjGetBounds, obj.ptr, w.sp(0), w.sp(4), w.sp(8), w.sp(12))
	if err != nil {
		return 0, 0, 0, 0, err
	}
	if i32(r) == 0 {
		return 0, 0, 0, 0, errors.New("could not get page object bounds")
	}
	return w.f32(0), w.f32(4), w.f32(8), w.f32(12), nil
}

// clipPath is never an error, as through go-pdfium: a null clip path
// fails in clipPathCount.
func (w *wasmPDF) clipPath(obj handle) (handle, error) {
	r, err := w.call(xObjGetClipPath, obj.ptr)
	if err != nil {
		return handle{}, err
	}
	return handle{ptr: r}, nil
}

func (w *wasmPDF) clipPathCount(cp handle) (int, error) {
	r, err := w.call(xClipCountPaths, cp.ptr)
	if err != nil {
		return 0, err
	}
	if i32(r) == -1 {
		return 0, errors.New("could not get clip path path count")
	}
	return int(i32(r)), nil
}

func (w *wasmPDF) clipSegmentCount(cp handle, path int) (int, error) {
	r, err := w.call(xClipCountPathSegments, cp.ptr, uint64(path))
	if err != nil {
		return 0, err
	}
	if i32(r) == -1 {
		return 0, errors.New("could not get clip path path segment count")
	}
	return int(i32(r)), nil
}

func (w *wasmPDF) clipSegment(cp handle, path, j int) (handle, error) {
	r, err := w.call(xClipGetPathSegment, cp.ptr, uint64(path), uint64(j))
	if err != nil {
		return handle{}, err
	}
	if r == 0 {
		return handle{}, errors.New("could not get clip path segment")
	}
	return handle{ptr: r}, nil
}

// ------------------------------------------------------------ go-pdfium

// goPDF makes the calls through go-pdfium.
type goPDF struct{ in pdfium.Pdfium }

func (g goPDF) openDocument(data []byte) (handle, error) {
	d, err := g.in.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return handle{}, err
	}
	return handle{ref: string(d.Document)}, nil
}

func (g goPDF) closeDocument(doc handle) {
	g.in.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: references.FPDF_DOCUMENT(doc.ref)})
}

func (g goPDF) pageCount(doc handle) (int, error) {
	r, err := g.in.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: references.FPDF_DOCUMENT(doc.ref)})
	if err != nil {
		return 0, err
	}
	return r.PageCount, nil
}

func (g goPDF) loadPage(doc handle, index int) (handle, error) {
	r, err := g.in.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: references.FPDF_DOCUMENT(doc.ref), Index: index})
	if err != nil {
		return handle{}, err
	}
	return handle{ref: string(r.Page)}, nil
}

func (g goPDF) page(p handle) requests.Page {
	ref := references.FPDF_PAGE(p.ref)
	return requests.Page{ByReference: &ref}
}

func (g goPDF) closePage(p handle) {
	g.in.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: references.FPDF_PAGE(p.ref)})
}

func (g goPDF) pageSize(p handle) (float32, float32, error) {
	wr, err := g.in.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: g.page(p)})
	if err != nil {
		return 0, 0, err
	}
	hr, err := g.in.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: g.page(p)})
	if err != nil {
		return 0, 0, err
	}
	return wr.PageWidth, hr.PageHeight, nil
}

func (g goPDF) pageToDevice(p handle, sizeX, sizeY int, x, y float64) (int, int, error) {
	r, err := g.in.FPDF_PageToDevice(&requests.FPDF_PageToDevice{
		Page: g.page(p), SizeX: sizeX, SizeY: sizeY,
		Rotate: enums.FPDF_PAGE_ROTATION_NONE, PageX: x, PageY: y,
	})
	if err != nil {
		return 0, 0, err
	}
	return r.DeviceX, r.DeviceY, nil
}

func (g goPDF) loadTextPage(p handle) (handle, error) {
	r, err := g.in.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: g.page(p)})
	if err != nil {
		return handle{}, err
	}
	return handle{ref: string(r.TextPage)}, nil
}

func tpRef(tp handle) references.FPDF_TEXTPAGE { return references.FPDF_TEXTPAGE(tp.ref) }

func (g goPDF) closeTextPage(tp handle) {
	g.in.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tpRef(tp)})
}

func (g goPDF) countChars(tp handle) (int, error) {
	r, err := g.in.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tpRef(tp)})
	if err != nil {
		return 0, err
	}
	return r.Count, nil
}

func (g goPDF) unicode(tp handle, i int) (uint32, error) {
	r, err := g.in.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tpRef(tp), Index: i})
	if err != nil {
		return 0, err
	}
	return uint32(r.Unicode), nil
}

func (g goPDF) isGenerated(tp handle, i int) (bool, error) {
	r, err := g.in.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: tpRef(tp), Index: i})
	if err != nil {
		return false, err
	}
	return r.IsGenerated, nil
}

func (g goPDF) looseCharBox(tp handle, i int) (float32, float32, float32, float32, error) {
	r, err := g.in.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tpRef(tp), Index: i})
	if err != nil {
		return 0, 0, 0, 0, err
	}
	return r.Rect.Left, r.Rect.Top, r.Rect.Right, r.Rect.Bottom, nil
}

func (g goPDF) charOrigin(tp handle, i int) (float64, float64, error) {
	r, err := g.in.FPDFText_GetCharOrigin(&requests.FPDFText_GetCharOrigin{TextPage: tpRef(tp), Index: i})
	if err != nil {
		return 0, 0, err
	}
	return r.X, r.Y, nil
}

func (g goPDF) hasUnicodeMapError(tp handle, i int) (bool, error) {
	r, err := g.in.FPDFText_HasUnicodeMapError(&requests.FPDFText_HasUnicodeMapError{TextPage: tpRef(tp), Index: i})
	if err != nil {
		return false, err
	}
	return r.HasUnicodeMapError, nil
}

func (g goPDF) textObject(tp handle, i int) (handle, error) {
	r, err := g.in.FPDFText_GetTextObject(&requests.FPDFText_GetTextObject{TextPage: tpRef(tp), Index: i})
	if err != nil {
		return handle{}, err
	}
	return handle{ref: string(r.TextObject)}, nil
}

func (g goPDF) charMatrix(tp handle, i int) ([6]float32, error) {
	r, err := g.in.FPDFText_GetMatrix(&requests.FPDFText_GetMatrix{TextPage: tpRef(tp), Index: i})
	if err != nil {
		return [6]float32{}, err
	}
	m := r.Matrix
	return [6]float32{m.A, m.B, m.C, m.D, m.E, m.F}, nil
}

func (g goPDF) countObjects(p handle) (int, error) {
	r, err := g.in.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: g.page(p)})
	if err != nil {
		return 0, err
	}
	return r.Count, nil
}

func (g goPDF) object(p handle, i int) (handle, error) {
	r, err := g.in.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: g.page(p), Index: i})
	if err != nil {
		return handle{}, err
	}
	return handle{ref: string(r.PageObject)}, nil
}

func objRef(o handle) references.FPDF_PAGEOBJECT { return references.FPDF_PAGEOBJECT(o.ref) }

func (g goPDF) objectType(o handle) (enums.FPDF_PAGEOBJ, error) {
	r, err := g.in.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: objRef(o)})
	if err != nil {
		return 0, err
	}
	return r.Type, nil
}

func (g goPDF) objectMatrix(o handle) ([6]float32, error) {
	r, err := g.in.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: objRef(o)})
	if err != nil {
		return [6]float32{}, err
	}
	m := r.Matrix
	return [6]float32{m.A, m.B, m.C, m.D, m.E, m.F}, nil
}

func (g goPDF) formCount(o handle) (int, error) {
	r, err := g.in.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: objRef(o)})
	if err != nil {
		return 0, err
	}
	return r.Count, nil
}

func (g goPDF) formObject(o handle, j int) (handle, error) {
	r, err := g.in.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: objRef(o), Index: uint64(j)})
	if err != nil {
		return handle{}, err
	}
	return handle{ref: string(r.PageObject)}, nil
}

func (g goPDF) drawMode(o handle) (enums.FPDF_FILLMODE, bool, error) {
	r, err := g.in.FPDFPath_GetDrawMode(&requests.FPDFPath_GetDrawMode{PageObject: objRef(o)})
	if err != nil {
		return 0, false, err
	}
	return r.FillMode, r.Stroke, nil
}

func (g goPDF) fillColor(o handle) (uint32, uint32, uint32, uint32, error) {
	r, err := g.in.FPDFPageObj_GetFillColor(&requests.FPDFPageObj_GetFillColor{PageObject: objRef(o)})
	if err != nil {
		return 0, 0, 0, 0, err
	}
	c := r.FillColor
	return uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A), nil
}

func (g goPDF) countSegments(o handle) (int, error) {
	r, err := g.in.FPDFPath_CountSegments(&requests.FPDFPath_CountSegments{PageObject: objRef(o)})
	if err != nil {
		return 0, err
	}
	return r.Count, nil
}

func (g goPDF) segment(o handle, j int) (handle, error) {
	r, err := g.in.FPDFPath_GetPathSegment(&requests.FPDFPath_GetPathSegment{PageObject: objRef(o), Index: j})
	if err != nil {
		return handle{}, err
	}
	return handle{ref: string(r.PathSegment)}, nil
}

func segRef(s handle) references.FPDF_PATHSEGMENT { return references.FPDF_PATHSEGMENT(s.ref) }

func (g goPDF) segmentType(s handle) (enums.FPDF_SEGMENT, error) {
	r, err := g.in.FPDFPathSegment_GetType(&requests.FPDFPathSegment_GetType{PathSegment: segRef(s)})
	if err != nil {
		return 0, err
	}
	return r.Type, nil
}

func (g goPDF) segmentPoint(s handle) (float32, float32, error) {
	r, err := g.in.FPDFPathSegment_GetPoint(&requests.FPDFPathSegment_GetPoint{PathSegment: segRef(s)})
	if err != nil {
		return 0, 0, err
	}
	return r.X, r.Y, nil
}

func (g goPDF) segmentClose(s handle) (bool, error) {
	r, err := g.in.FPDFPathSegment_GetClose(&requests.FPDFPathSegment_GetClose{PathSegment: segRef(s)})
	if err != nil {
		return false, err
	}
	return r.IsClose, nil
}

func (g goPDF) objectBounds(o handle) (float32, float32, float32, float32, error) {
	r, err := g.in.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: objRef(o)})
	if err != nil {
		return 0, 0, 0, 0, err
	}
	return r.Left, r.Bottom, r.Right, r.Top, nil
}

func clipRef(cp handle) references.FPDF_CLIPPATH { return references.FPDF_CLIPPATH(cp.ref) }

func (g goPDF) clipPath(o handle) (handle, error) {
	r, err := g.in.FPDFPageObj_GetClipPath(&requests.FPDFPageObj_GetClipPath{PageObject: objRef(o)})
	if err != nil {
		return handle{}, err
	}
	return handle{ref: string(r.ClipPath)}, nil
}

func (g goPDF) clipPathCount(cp handle) (int, error) {
	r, err := g.in.FPDFClipPath_CountPaths(&requests.FPDFClipPath_CountPaths{ClipPath: clipRef(cp)})
	if err != nil {
		return 0, err
	}
	return r.Count, nil
}

func (g goPDF) clipSegmentCount(cp handle, path int) (int, error) {
	r, err := g.in.FPDFClipPath_CountPathSegments(&requests.FPDFClipPath_CountPathSegments{ClipPath: clipRef(cp), PathIndex: path})
	if err != nil {
		return 0, err
	}
	return r.Count, nil
}

func (g goPDF) clipSegment(cp handle, path, j int) (handle, error) {
	r, err := g.in.FPDFClipPath_GetPathSegment(&requests.FPDFClipPath_GetPathSegment{ClipPath: clipRef(cp), PathIndex: path, SegmentIndex: j})
	if err != nil {
		return handle{}, err
	}
	return handle{ref: string(r.PathSegment)}, nil
}

// ------------------------------------------------------------ choosing

// directCalls turns the direct calls off (tests compare both ways).
var directCalls = true

// apiCache holds the wasmPDF of each instance of a Reader's pool
// (instances are reused), by go-pdfium implementation.
type apiCache struct{ m sync.Map }

// apiFor returns the calls to make with instance in: direct when the
// module can be reached, else through go-pdfium.
func (c *apiCache) apiFor(in pdfium.Pdfium) pdfAPI {
	if !directCalls {
		return goPDF{in}
	}
	key := in.GetImplementation()
	if key == nil || !reflect.TypeOf(key).Comparable() {
		return goPDF{in}
	}
	if w, ok := c.m.Load(key); ok {
		return w.(*wasmPDF)
	}
	w, err := newWasmPDF(in)
	if err != nil {
		return goPDF{in}
	}
	c.m.Store(key, w)
	return w
}

// forget drops the cached calls of an instance about to be killed.
func (c *apiCache) forget(in pdfium.Pdfium) {
	key := in.GetImplementation()
	if key == nil || !reflect.TypeOf(key).Comparable() {
		return
	}
	c.m.Delete(key)
}
