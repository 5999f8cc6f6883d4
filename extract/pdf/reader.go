// Package pdf reads the text layer of a born-digital PDF into a
// *layout.Document: characters with boxes and the page's ruling lines come
// from PDFium (compiled to WebAssembly, run by wazy, no cgo); tables are
// rebuilt from the ruling grid (or from text alignment when a table has no
// rules), everything else becomes one line per text line.
//
// pdfcpu sits in front of PDFium: it tells a file that is not a PDF, a
// corrupt PDF, and a PDF locked with a user password apart, so that every
// failure is one sentence naming the file and the reason.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/klippa-app/go-pdfium"
	wasmpool "github.com/klippa-app/go-pdfium/experimental/wazy"
	"github.com/samyfodil/wazy"
	"github.com/samyfodil/wazy/api"

	"github.com/yusuan-data/yusuan/extract/align"
	"github.com/yusuan-data/yusuan/layout"
)

// Options configure a Reader.
type Options struct {
	// Workers is the number of PDFium instances; 0 = runtime.NumCPU().
	Workers int
	// CacheDir holds the compilation cache of the WebAssembly runtime;
	// "" = os.UserCacheDir()/yusuan/wazy.
	CacheDir string
	// Limits bound what one document may cost; the zero value means
	// DefaultLimits.
	Limits Limits
}

// Reader turns PDF files into layout documents. It is safe for concurrent
// use; one Reader (one pool of PDFium instances) per process is enough.
type Reader struct {
	pool     pdfium.Pool
	apis     apiCache // direct calls into the pool's instances
	assist   assisting
	cache    wazy.CompilationCache
	workers  int
	settings Settings
	limits   Limits

	mu     sync.Mutex
	closed bool
}

// NewReader starts the pool of PDFium WebAssembly instances. The compiled
// module is cached on disk, so only the first start of a machine pays the
// compilation.
func NewReader(opts Options) (*Reader, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	dir := opts.CacheDir
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		dir = filepath.Join(base, "yusuan", "wazy")
	}
	var cache wazy.CompilationCache
	if err := os.MkdirAll(dir, 0o755); err == nil {
		if c, err := wazy.NewCompilationCacheWithDir(dir); err == nil {
			cache = c
		}
	}
	if cache == nil {
		cache = wazy.NewCompilationCache() // in memory: still works, just slower to start
	}
	// The runtime is wazy (go-pdfium's experimental/wazy backend), a
	// derivative of wazero with the same API: on the real PDFs of the
	// corpus it runs PDFium's page loading (nine tenths of the CPU of
	// reading a PDF) in about 30% less CPU than wazero, with the same
	// results (the corpus output is byte for byte the same:
	// scripts/samebytes).
	rc := wazy.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | api.CoreFeatureExceptionHandling).
		// No WithCloseOnContextDone: it costs a goroutine per PDFium call
		// (a third of the run time); ctx is checked between pages instead.
		WithCompilationCache(cache)
	limits := opts.Limits.resolve()
	if p := limits.memoryPages(); p > 0 {
		// The PDFium module declares a maximum of 2 GiB (32768 pages):
		// the runtime clamps it to this, and a malloc past it fails in PDFium.
		// (WithMemoryCapacityFromMax cannot be combined with a limit below
		// the declared maximum: compilation fails.)
		rc = rc.WithMemoryLimitPages(p)
	}
	pool, err := wasmpool.Init(wasmpool.Config{
		Context:       withMemoryAllocator(context.Background()),
		MinIdle:       1,
		MaxIdle:       workers,
		MaxTotal:      workers,
		RuntimeConfig: rc,
		ReuseWorkers:  true,
		Stdout:        discard{},
		Stderr:        discard{},
	})
	if err != nil {
		cache.Close(context.Background())
		return nil, fmt.Errorf("pdf: starting PDFium: %w", err)
	}
	preparePdfcpu()
	return &Reader{pool: pool, cache: cache, workers: workers, settings: DefaultSettings(), limits: limits}, nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// Close stops the pool. The Reader must not be used afterwards.
func (r *Reader) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	r.closed = true
	err := r.pool.Close()
	if cerr := r.cache.Close(context.Background()); err == nil {
		err = cerr
	}
	return err
}

// fileError is the single error type Read returns. Its message is the
// reason alone, on one line: the caller names the file (as extract.Reader
// documents), so that the CLI says "yusuan: FILE: reason" once.
type fileError struct {
	file   string
	reason string
	err    error
}

func (e *fileError) Error() string { return e.reason }
func (e *fileError) Unwrap() error { return e.err }

// File is the base name of the file the error is about.
func (e *fileError) File() string { return e.file }

func fail(path, reason string, err error) error {
	return &fileError{file: displayName(filepath.Base(path)), reason: oneLine(reason), err: err}
}

// Read extracts the document at path.
func (r *Reader) Read(ctx context.Context, path string) (*layout.Document, error) {
	data, err := readFile(path, r.limits.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	return r.readData(ctx, path, data, &r.limits)
}

// readFile reads path whole, unless it is over max bytes (0: no limit).
func readFile(path string, max int64) ([]byte, error) {
	pathErr := func(err error) error {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return fail(path, pe.Err.Error(), err)
		}
		return fail(path, err.Error(), err)
	}
	// Without blocking: a named pipe with no writer would hold the open.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, pathErr(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, pathErr(err)
	}
	if st.IsDir() {
		return nil, fail(path, "is a directory", nil)
	}
	if !st.Mode().IsRegular() {
		return nil, fail(path, notRegular(st.Mode()), nil)
	}
	if max > 0 && st.Size() > max {
		return nil, fail(path, fmt.Sprintf("file too large (%d bytes > %s)", st.Size(), mib(max)), nil)
	}
	var rd io.Reader = f
	if max > 0 {
		rd = io.LimitReader(f, max+1) // the file may grow after Stat
	}
	// Read into a buffer of the size Stat gives (io.ReadAll alone would
	// grow one by doubling: twice the garbage), and on past it if the
	// file grew.
	data := make([]byte, 0, st.Size()+1)
	for {
		n, err := rd.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, pathErr(err)
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	if max > 0 && int64(len(data)) > max {
		return nil, fail(path, fmt.Sprintf("file too large (more than %s)", mib(max)), nil)
	}
	return data, nil
}

// readData extracts the document whose bytes are data; path names it.
// lim is r.limits but for tests (MaxMemoryMB is fixed when the pool starts).
func (r *Reader) readData(ctx context.Context, path string, data []byte, lim *Limits) (*layout.Document, error) {
	pages, rep, err := preflightLimits(ctx, path, data, lim)
	if err != nil {
		return nil, err
	}
	return r.readChecked(ctx, path, data, pages, rep)
}

// readChecked extracts a document that passed the preflight.
func (r *Reader) readChecked(ctx context.Context, path string, data []byte, pages int, rep *scanReport) (*layout.Document, error) {
	raws, err := r.readRaw(ctx, path, data, pages)
	if err != nil {
		return nil, err
	}
	if err := imagesOnlyBroken(path, raws, rep); err != nil {
		return nil, err
	}
	return assemble(path, raws, &r.settings)
}

// imagesOnlyBroken fails a document that has no text on any page and
// whose every image is not an image (a JPEG that is a text file, say):
// there is nothing to read and nothing to OCR. A broken image beside
// text, or beside good images, is no reason to fail.
func imagesOnlyBroken(path string, raws []*rawPage, rep *scanReport) error {
	if rep == nil || rep.images == 0 || len(rep.broken) < rep.images {
		return nil
	}
	for _, rp := range raws {
		if rp != nil && len(rp.Chars) > 0 {
			return nil
		}
	}
	if len(rep.broken) == 1 {
		return fail(path, "no text, and its one image is not an image: "+rep.broken[0], nil)
	}
	return fail(path, fmt.Sprintf("no text, and none of its %d images is an image: %s (and %d more)", len(rep.broken), rep.broken[0], len(rep.broken)-1), nil)
}

// assemble lays out every page. Layout is plain Go over plain data; a
// panic there is a bug, but it must not take the caller down with it.
func assemble(path string, raws []*rawPage, s *Settings) (doc *layout.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fail(path, fmt.Sprintf("layout failed: %v", p), nil)
		}
	}()
	doc = &layout.Document{Source: path, Kind: layout.KindPDF, Geometry: true}
	var carry *align.Carry // an unruled table going on over the page
	for _, rp := range raws {
		if rp == nil {
			continue
		}
		var pg layout.Page
		pg, carry = buildPageFrom(rp, s, carry)
		doc.Pages = append(doc.Pages, pg)
	}
	if len(doc.Pages) == 0 {
		return nil, fail(path, "PDF has no pages", nil)
	}
	return doc, nil
}

// readRaw pulls characters and paths of every page out of PDFium. One
// instance, waited for, takes pages in order from a shared counter. Unless
// ctx says that other documents are being read meanwhile (OneInstance),
// helpers wait for further instances and join while at least
// minHelperPages pages are left: a document alone (the last of a batch, a
// single big file) gets every core, and no helper ever holds up the
// reading, so concurrent Reads can never deadlock each other.
func (r *Reader) readRaw(ctx context.Context, path string, data []byte, pages int) ([]*rawPage, error) {
	first, err := r.pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fail(path, "cancelled: "+ctx.Err().Error(), ctx.Err())
		}
		return nil, fail(path, "PDFium unavailable: "+err.Error(), err)
	}
	out := make([]*rawPage, pages)
	sh := &sharedPages{pages: pages, out: out}
	var helpers sync.WaitGroup
	stop := func() {}
	if ctx.Value(oneInstanceKey{}) == nil && r.workers > 1 && pages >= 2*minHelperPages {
		var hctx context.Context
		hctx, stop = context.WithCancel(ctx)
		for range r.workers - 1 {
			helpers.Add(1)
			go func() {
				defer helpers.Done()
				in, err := r.pool.GetInstanceWithContext(hctx)
				if err != nil {
					return
				}
				if hctx.Err() != nil || sh.left() < minHelperPages {
					in.Close()
					return
				}
				sh.record(readPages(ctx, in, &r.apis, data, sh, r.limits.MaxMemoryMB))
			}()
		}
	}
	ad := &activeDoc{ctx: ctx, data: data, sh: sh}
	r.assist.add(ad)
	sh.record(readPages(ctx, first, &r.apis, data, sh, r.limits.MaxMemoryMB))
	stop()
	helpers.Wait()
	r.assist.remove(ad)
	if e := sh.err(); e != nil {
		var fe *fileError
		if errors.As(e, &fe) {
			fe.file = displayName(filepath.Base(path))
			return nil, fe
		}
		if ctx.Err() != nil {
			return nil, fail(path, "cancelled: "+ctx.Err().Error(), ctx.Err())
		}
		return nil, fail(path, "corrupt PDF: "+e.Error(), e)
	}
	return out, nil
}

// minHelperPages: a helper instance joins a document only while this many
// pages are left (it parses the document and loads its fonts again).
const minHelperPages = 4

// sharedPages hands out the pages of one document to the instances reading
// it and gathers what they found.
type sharedPages struct {
	pages int
	next  atomic.Int64 // the next page to read
	out   []*rawPage

	mu       sync.Mutex
	errPage  int // page of firstErr; -1: before any page
	firstErr error
}

// take returns the next page to read, or false.
func (sh *sharedPages) take() (int, bool) {
	i := int(sh.next.Add(1) - 1)
	return i, i < sh.pages
}

func (sh *sharedPages) left() int { return sh.pages - int(sh.next.Load()) }

// record keeps the error of the lowest page (errors before any page
// first), so that the reason does not depend on which instance read what.
func (sh *sharedPages) record(page int, err error) {
	if err == nil {
		return
	}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.firstErr == nil || page < sh.errPage {
		sh.errPage, sh.firstErr = page, err
	}
}

func (sh *sharedPages) err() error {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	return sh.firstErr
}

type oneInstanceKey struct{}

// OneInstance marks a context under which a document is read with one
// PDFium instance however many are idle: for a caller that reads other
// documents at the same time (a batch with more documents to come), where
// a second instance would only repeat the document's parse and font
// loading (an eighth more CPU over the corpus) to use a core that the
// next document would use anyway.
func OneInstance(ctx context.Context) context.Context {
	return context.WithValue(ctx, oneInstanceKey{}, true)
}

// readPages opens the document in one instance and reads the pages it
// takes from sh until none is left, then hands the instance back (or
// kills it when PDFium trapped). It returns the page an error is about
// (-1 when it is not about one page).
func readPages(ctx context.Context, in pdfium.Pdfium, apis *apiCache, data []byte, sh *sharedPages, memMB int) (page int, err error) {
	page = -1
	broken := false
	defer func() {
		if p := recover(); p != nil {
			broken = true
			err = fmt.Errorf("PDFium crashed: %v", p)
		}
		if err != nil && isTrap(err) {
			// A trap leaves the instance in an unknown state: drop it.
			broken = true
			if memMB > 0 && memoryUsed(in) >= int64(memMB-16)<<20 {
				err = &fileError{reason: fmt.Sprintf("PDFium ran out of memory (limit %d MiB per instance)", memMB), err: err}
			}
		}
		if broken {
			apis.forget(in)
			in.Kill()
		} else {
			in.Close()
		}
	}()
	api := apis.apiFor(in)
	doc, err := api.openDocument(data)
	if err != nil {
		return -1, openError(err)
	}
	defer api.closeDocument(doc)
	pc, err := api.pageCount(doc)
	if err != nil {
		return -1, err
	}
	for {
		i, ok := sh.take()
		if !ok || i >= pc {
			return -1, nil
		}
		page = i
		if ctx.Err() != nil {
			return i, ctx.Err()
		}
		rp, perr := readPage(ctx, api, doc, i)
		if perr != nil {
			return i, fmt.Errorf("page %d: %w", i+1, perr)
		}
		sh.out[i] = rp
	}
}

// isTrap reports whether a PDFium call ended in a WebAssembly trap (an
// abort, typically out of memory, or a crash).
func isTrap(err error) bool {
	s := err.Error()
	return strings.Contains(s, "wasm error") || strings.Contains(s, "PDFium crashed")
}

// memoryUsed is the size of the instance's wasm memory, or -1 when the
// implementation does not tell (go-pdfium keeps it on an internal type).
func memoryUsed(in pdfium.Pdfium) (n int64) {
	defer func() {
		if recover() != nil {
			n = -1
		}
	}()
	v := reflect.ValueOf(in.GetImplementation())
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	mod := v.FieldByName("Module")
	if !mod.IsValid() {
		return -1
	}
	mem := mod.MethodByName("Memory").Call(nil)[0]
	sz, ok := mem.Interface().(interface{ Size() uint32 })
	if !ok {
		return -1
	}
	return int64(sz.Size())
}

func openError(err error) error {
	msg := err.Error()
	if strings.Contains(strings.ToLower(msg), "password") {
		return &fileError{reason: "encrypted with a user password", err: err}
	}
	return &fileError{reason: "corrupt PDF: " + msg, err: err}
}

// sniff names what a non-PDF file starts with, for the error message.
func sniff(data []byte) string {
	n := min(len(data), 4)
	return fmt.Sprintf("%q", data[:n])
}

func hasPDFHeader(data []byte) bool {
	// The spec allows the header anywhere in the first 1024 bytes.
	head := data[:min(len(data), 1024)]
	return bytes.Contains(head, []byte("%PDF-"))
}

// Lazy is a Reader started on first use, so that a run over text files
// never pays for starting PDFium. The start (about a tenth of a second of
// CPU: the runtime validates the whole module even when its compilation is
// cached) runs in the background while the first documents are read and
// preflighted, which needs no PDFium.
type Lazy struct {
	opts  Options
	once  sync.Once
	ready chan struct{} // closed when r, err are set
	r     *Reader
	err   error

	mu     sync.Mutex
	ahead  map[string]*preflighted // see Expect; claimed while a Read preflights
	closed bool
}

// NewLazy returns a Reader that starts when the first PDF is read.
func NewLazy(opts Options) *Lazy {
	return &Lazy{opts: opts, ready: make(chan struct{}), ahead: map[string]*preflighted{}}
}

// start begins starting the reader, once.
func (l *Lazy) start() {
	l.once.Do(func() {
		go func() {
			defer close(l.ready)
			l.r, l.err = NewReader(l.opts)
		}()
	})
}

// Read starts the reader if need be and reads path.
func (l *Lazy) Read(ctx context.Context, path string) (*layout.Document, error) {
	l.start()
	lim := l.opts.Limits.resolve()
	var data []byte
	var pages int
	var rep *scanReport
	p, ok, ferr := l.takeAhead(ctx, path)
	switch {
	case ferr != nil:
		ferr = fail(path, "cancelled: "+ferr.Error(), ferr)
	case ok:
		data, pages, rep, ferr = p.data, p.pages, p.rep, p.err
	default:
		data, ferr = readFile(path, lim.MaxFileBytes)
		if ferr == nil {
			pages, rep, ferr = preflightLimits(ctx, path, data, &lim)
		}
	}
	l.release(path)
	<-l.ready
	if l.err != nil {
		return nil, fmt.Errorf("starting the PDF reader: %w", l.err)
	}
	if ferr != nil {
		return nil, ferr
	}
	return l.r.readChecked(ctx, path, data, pages, rep)
}

// Close stops the reader if it was started.
func (l *Lazy) Close() error {
	l.mu.Lock()
	l.closed = true
	clear(l.ahead)
	l.mu.Unlock()
	started := true
	l.once.Do(func() {
		started = false
		l.err = errors.New("the PDF reader is closed")
		close(l.ready)
	})
	if !started {
		return nil
	}
	<-l.ready
	if l.r != nil {
		return l.r.Close()
	}
	return nil
}

// Reader starts the reader if need be and returns it.
func (l *Lazy) Reader() (*Reader, error) {
	l.start()
	<-l.ready
	return l.r, l.err
}

// notRegular says what a file that is not a regular one is (as
// extract.OpenRegular does).
func notRegular(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "not a regular file: a named pipe (FIFO)"
	case m&os.ModeSocket != 0:
		return "not a regular file: a socket"
	case m&os.ModeDevice != 0:
		return "not a regular file: a device"
	}
	return "not a regular file (" + m.Type().String() + ")"
}
