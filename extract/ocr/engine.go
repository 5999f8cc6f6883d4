// Package ocr recognises scanned pages into the same layout type the text
// and PDF readers produce.
//
// A page image goes through: one grey channel (red, so that red seals and
// letterheads fade), orientation by tesseract's OSD (a table printed
// sideways is turned upright), deskew by the projection-profile method,
// Otsu binarisation, ruling-line detection (long dark runs joined into
// rules), the grid built from the rules as extract/pdf builds it (rules →
// intersections → cells → tables), then recognition cell by cell (psm 7
// for one line of text, psm 6 for several) with numeric cells re-read under
// a digit whitelist. Text outside any grid is cut on the raster into
// pieces one line high, each read with psm 7 (numbers re-read the same
// way), and what was read becomes positioned characters that extract/pdf
// lays out exactly as it lays out a text layer (align.Chars): plain
// lines, and tables typeset without rules, whose columns come from the
// alignment of their text.
//
// Recognition uses tesseract through gosseract (cgo); an Engine holds a
// pool of tesseract clients, one per worker, since a client is not safe for
// concurrent use.
package ocr

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"

	"github.com/otiai10/gosseract/v2"
	"github.com/yusuan-data/yusuan/vocab"
	"github.com/yusuan-data/yusuan/zh"
)

// Options configure an Engine.
type Options struct {
	// Languages for tesseract, "+"-joined; "" = "chi_sim+eng".
	Languages string
	// Workers is the number of tesseract clients; 0 = runtime.NumCPU().
	Workers int
	// DPI is assumed for image files that do not state their resolution;
	// 0 = 300.
	DPI int
	// NoOrientation skips orientation detection (pages known upright).
	NoOrientation bool
	// MemoryPixels bounds the pixels of the page images being decoded and
	// read at once, over all workers: a page waits until the pages in
	// progress leave room for it (one page over the bound is read alone).
	// Reading a page holds about 5 bytes per pixel of its image while it
	// is decoded and reduced to grey, so the default, 100 M (the largest
	// page allowed), keeps that under ~500 MB whatever the worker count;
	// ordinary pages (A4 at 300 dpi: 8.7 M) are read a dozen at a time.
	MemoryPixels int64
}

// LowConf is the confidence under which a cell's text should be doubted:
// the engine gives cells it could not read cleanly a Conf below it.
const LowConf = vocab.DoubtBelow

// Engine recognises page images. It is safe for concurrent use.
type Engine struct {
	opts    Options
	clients chan *gosseract.Client
	all     []*gosseract.Client
	osd     *osd
	budget  *budget
	// pages are the engine's page slots: a page in progress holds one,
	// whichever document it belongs to, so that documents recognised at
	// the same time share the workers page by page (see readPages).
	pages chan struct{}

	mu     sync.Mutex
	closed bool
}

// New starts the tesseract clients. It fails when tesseract or one of the
// languages is not installed.
func New(opts Options) (*Engine, error) {
	if opts.Languages == "" {
		opts.Languages = "chi_sim+eng"
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.DPI <= 0 {
		opts.DPI = 300
	}
	if opts.MemoryPixels <= 0 {
		opts.MemoryPixels = MaxImagePixels
	}
	e := &Engine{opts: opts, clients: make(chan *gosseract.Client, opts.Workers), budget: newBudget(opts.MemoryPixels), pages: make(chan struct{}, opts.Workers)}
	for i := 0; i < opts.Workers; i++ {
		c, err := newClient(opts.Languages)
		if err != nil {
			e.Close()
			return nil, err
		}
		e.all = append(e.all, c)
		e.clients <- c
	}
	if !opts.NoOrientation {
		o, err := newOSD()
		if err != nil {
			e.Close()
			return nil, err
		}
		e.osd = o
	}
	return e, nil
}

func newClient(langs string) (*gosseract.Client, error) {
	c := gosseract.NewClient()
	c.Trim = true
	if err := c.SetLanguage(langs); err != nil {
		c.Close()
		return nil, err
	}
	c.SetVariable("preserve_interword_spaces", "1")
	c.SetVariable("user_defined_dpi", "300")
	c.SetVariable("debug_file", "/dev/null")
	// Initialise now, on a blank image, so that a missing language fails
	// here and not on the first page.
	blank := newGray(32, 32)
	if err := c.SetImageFromBytes(blank.pgm()); err != nil {
		c.Close()
		return nil, err
	}
	if _, err := c.Text(); err != nil {
		c.Close()
		return nil, fmt.Errorf("ocr: starting tesseract (%s): %w", langs, err)
	}
	return c, nil
}

// Close frees the clients. The Engine must not be used afterwards.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	for _, c := range e.all {
		c.Close()
	}
	e.osd.close()
	return nil
}

var errClosed = errors.New("ocr: engine closed")

func (e *Engine) acquire(ctx context.Context) (*gosseract.Client, error) {
	select {
	case c := <-e.clients:
		return c, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (e *Engine) release(c *gosseract.Client) { e.clients <- c }

// budget is a count of pixels shared by the pages being read (see
// Options.MemoryPixels).
type budget struct {
	mu      sync.Mutex
	size    int64
	free    int64
	changed chan struct{} // closed, and replaced, when pixels are given back
}

func newBudget(size int64) *budget {
	return &budget{size: size, free: size, changed: make(chan struct{})}
}

// acquire takes n pixels (at most the whole budget), waiting until they
// are free or ctx ends, and returns the function that gives them back. A
// nil budget (an Engine made in a test) is unbounded.
func (b *budget) acquire(ctx context.Context, n int64) (func(), error) {
	if b == nil {
		return func() {}, ctx.Err()
	}
	n = max(0, min(n, b.size))
	for {
		b.mu.Lock()
		if n <= b.free {
			b.free -= n
			b.mu.Unlock()
			var once sync.Once
			return func() { once.Do(func() { b.release(n) }) }, nil
		}
		ch := b.changed
		b.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (b *budget) release(n int64) {
	b.mu.Lock()
	b.free += n
	close(b.changed)
	b.changed = make(chan struct{})
	b.mu.Unlock()
}

// word is one recognised word, in the pixel space of the image handed to
// tesseract.
type word struct {
	x0, y0, x1, y1 int
	text           string
	conf           float64 // 0..1
	block, line    int     // tesseract's block and line numbers
}

// recognise runs tesseract on a raster with a page segmentation mode and an
// optional character whitelist.
func recognise(c *gosseract.Client, g *gray, psm gosseract.PageSegMode, whitelist string) ([]word, error) {
	if err := c.SetImageFromBytes(g.pgm()); err != nil {
		return nil, err
	}
	c.SetPageSegMode(psm)
	if whitelist != "" {
		c.SetWhitelist(whitelist)
		defer c.SetWhitelist("")
	}
	boxes, err := c.GetBoundingBoxesVerbose()
	if err != nil {
		return nil, err
	}
	out := make([]word, 0, len(boxes))
	for _, b := range boxes {
		if b.Word == "" {
			continue
		}
		out = append(out, word{
			x0: b.Box.Min.X, y0: b.Box.Min.Y, x1: b.Box.Max.X, y1: b.Box.Max.Y,
			text: b.Word, conf: clamp01(b.Confidence / 100),
			block: b.BlockNum*1000 + b.ParNum, line: b.LineNum,
		})
	}
	return out, nil
}

// recogniseScaled reads g enlarged f times and maps the word boxes back.
func recogniseScaled(c *gosseract.Client, g *gray, psm gosseract.PageSegMode, whitelist string, f int) ([]word, error) {
	if f <= 1 {
		return recognise(c, g, psm, whitelist)
	}
	ws, err := recognise(c, g.upscale(f), psm, whitelist)
	for i := range ws {
		ws[i].x0, ws[i].y0, ws[i].x1, ws[i].y1 = ws[i].x0/f, ws[i].y0/f, ws[i].x1/f, ws[i].y1/f
	}
	return ws, err
}

// suspect tells a read worth a second look: a low confidence, or Latin
// letters in the middle of Chinese text ("fil:万元" for 单位：万元, "(AR)"
// for （本级）), which in these documents is nearly always a misread.
func suspect(text string, conf float64) bool {
	return conf < LowConf || zh.LatinInHan(text)
}

// confirmed tells a suspect read that needs no further look: it was
// confident, and another read gives the same text, so the Latin letters in
// it are there in print (长沙文旅2025年户外3D大屏宣传项目, which the other
// reads of the retry only read the same again, a tenth of a second each).
func confirmed(text string, conf float64, again string) bool {
	return conf >= LowConf && again == text
}

func clamp01(v float64) float64 {
	if v < 0 {
		return 0
	}
	if v > 1 {
		return 1
	}
	return v
}

func itoa(i int) string { return strconv.Itoa(i) }
