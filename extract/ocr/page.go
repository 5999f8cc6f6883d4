package ocr

import (
	"context"
	"fmt"
	"image"
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/otiai10/gosseract/v2"

	"github.com/yusuan-data/yusuan/extract/grid"
	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/zh"
)

// numericWhitelist is what an amount or code cell may hold.
const numericWhitelist = "0123456789.,-"

// PageInfo reports what Page did to the image before reading it.
type PageInfo struct {
	Turns  int     // clockwise quarter turns applied (OSD)
	Skew   float64 // degrees of skew removed
	Tables int     // ruled grids found
	Cells  int     // non-empty cells read

	raster *gray   // the upright, deskewed page as read
	dpi    float64 // its resolution
}

// Page recognises one page image. widthPt and heightPt are the page's size
// in PDF points (for an image file: its pixel size at its resolution); 0
// means "derive from the engine's DPI". The returned page is upright: when
// the image had to be turned a quarter, Width and Height are swapped, and
// all boxes are in points of the upright, deskewed page.
func (e *Engine) Page(ctx context.Context, img image.Image, number int, widthPt, heightPt float64) (layout.Page, error) {
	p, _, err := e.page(ctx, img, number, widthPt, heightPt)
	return p, err
}

func (e *Engine) page(ctx context.Context, img image.Image, number int, widthPt, heightPt float64) (layout.Page, PageInfo, error) {
	e.mu.Lock()
	closed := e.closed
	e.mu.Unlock()
	if closed {
		return layout.Page{}, PageInfo{}, errClosed
	}
	b := img.Bounds()
	if b.Dx() < 16 || b.Dy() < 16 {
		return layout.Page{}, PageInfo{}, fmt.Errorf("ocr: page %d: image too small (%dx%d)", number, b.Dx(), b.Dy())
	}
	if widthPt <= 0 || heightPt <= 0 {
		widthPt = float64(b.Dx()) * 72 / float64(e.opts.DPI)
		heightPt = float64(b.Dy()) * 72 / float64(e.opts.DPI)
	}
	dpi := float64(b.Dx()) * 72 / widthPt
	g := toGray(img)
	img = nil // the decoded image: one grey copy is all that is kept
	if f := reduction(g.w, g.h, dpi); f > 1 {
		g, dpi = g.downscale(f), dpi/float64(f)
	}
	if err := ctx.Err(); err != nil {
		return layout.Page{}, PageInfo{}, err
	}
	page, info, err := e.readUpright(ctx, g, dpi)
	if err != nil {
		return layout.Page{}, info, err
	}
	if info.Turns%2 == 1 {
		widthPt, heightPt = heightPt, widthPt
	}
	page.Number, page.Width, page.Height, page.OCR = number, widthPt, heightPt, true
	return page, info, nil
}

// Rasters are read at no more than maxReadDPI and maxReadPixels: the
// recogniser gains nothing above 600 dpi, and the steps of a page hold
// several rasters of its size (a 10000×10000 image on an A4 page, 1210
// dpi, took 1.9 GB read as it came).
const (
	maxReadDPI    = 600
	maxReadPixels = 36_000_000 // A4 at 600 dpi
)

// reduction is the factor a w×h raster at dpi is reduced by before it is
// read (1: none).
func reduction(w, h int, dpi float64) int {
	f := 1
	for dpi/float64(f) > maxReadDPI || int64(w/f)*int64(h/f) > maxReadPixels {
		f++
	}
	return f
}

// readUpright reads a page raster the right way up. Text running down the
// page (a table printed sideways) is found from the shape of the ink; only
// then, or when the shape is unclear, is tesseract's OSD asked which
// quarter turn makes it upright, and the turned raster is prepared again
// (its skew and rules are not those of the sideways one: rules slanting by
// a tenth of a degree break up). A page clearly sideways is read turned
// the usual way round (a quarter clockwise) while OSD runs, on the cores
// OSD leaves idle; should OSD say otherwise, that read is dropped.
func (e *Engine) readUpright(ctx context.Context, g *gray, dpi float64) (layout.Page, PageInfo, error) {
	prm := paramsFor(dpi)
	pr := prepare(g, prm)
	if err := ctx.Err(); err != nil {
		return layout.Page{}, PageInfo{}, err
	}
	d := 2.0 // horizontal text
	if e.osd != nil {
		d = textDirection(pr.ink, dpi)
	}
	if d >= 1.3 {
		return e.read(ctx, pr, dpi, prm)
	}
	var usual chan readResult
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if d <= 0.6 {
		usual = make(chan readResult, 1)
		go func() {
			var r readResult
			r.page, r.info, r.err = e.read(sctx, prepare(g.rotate90(1), prm), dpi, prm)
			usual <- r
		}()
	}
	turns := e.quarterTurns(pr, d, dpi)
	if err := ctx.Err(); err != nil {
		cancel()
		if usual != nil {
			<-usual
		}
		return layout.Page{}, PageInfo{}, err
	}
	if usual != nil {
		if turns == 1 {
			r := <-usual
			r.info.Turns = 1
			return r.page, r.info, r.err
		}
		cancel()
		<-usual
	}
	if turns != 0 {
		pr = prepare(g.rotate90(turns), prm)
		if err := ctx.Err(); err != nil {
			return layout.Page{}, PageInfo{}, err
		}
	}
	page, info, err := e.read(ctx, pr, dpi, prm)
	info.Turns = turns
	return page, info, err
}

type readResult struct {
	page layout.Page
	info PageInfo
	err  error
}

// quarterTurns asks OSD how many clockwise quarter turns make a prepared
// page whose text direction is d (see textDirection) upright.
func (e *Engine) quarterTurns(pr prepared, d, dpi float64) int {
	f := max(1, int(dpi/150))
	turns, conf, ok := e.osd.detect(pr.clean.downscale(f), int(dpi)/f)
	if d <= 0.6 {
		// Clearly sideways: OSD only says which way round; unsure, the
		// usual way (a quarter turn clockwise).
		if ok && turns%2 == 1 && conf >= 1 {
			return turns
		}
		return 1
	}
	if !ok || conf < 2 {
		return 0
	}
	return turns
}

// read reads a prepared, upright page: its ruled grids cell by cell, then
// the text outside them. The page returned has its rules and lines.
func (e *Engine) read(ctx context.Context, pr prepared, dpi float64, prm ruleParams) (layout.Page, PageInfo, error) {
	info := PageInfo{Skew: pr.skew, raster: pr.g, dpi: dpi}
	if err := ctx.Err(); err != nil {
		return layout.Page{}, info, err
	}
	grids := findGrids(pr.hs, pr.vs, prm)
	info.Tables = len(grids)
	scale := 72 / dpi
	var page layout.Page
	page.Rules = pageRules(pr.hs, pr.vs, scale)
	for _, gr := range grids {
		ls, n, err := e.readGrid(ctx, gr, pr.clean, pr.ink, pr.th, dpi, scale)
		if err != nil {
			return layout.Page{}, info, err
		}
		info.Cells += n
		page.Lines = append(page.Lines, ls...)
	}
	tl, unruled, err := e.readText(ctx, pr.clean, outsideGrids(pr.ink, grids, dpi), dpi, scale)
	if err != nil {
		return layout.Page{}, info, err
	}
	page.Lines = append(page.Lines, tl...)
	page.Unruled = unruled
	sort.SliceStable(page.Lines, func(i, j int) bool { return page.Lines[i].Box.Y0 < page.Lines[j].Box.Y0 })
	for i := range page.Lines {
		page.Lines[i].Number = i + 1
	}
	return page, info, nil
}

// pageRules converts the rules found on the raster to points.
func pageRules(hs, vs []segment, scale float64) []layout.Rule {
	var out []layout.Rule
	for _, s := range hs {
		out = append(out, layout.Rule{X0: s.lo * scale, Y0: s.pos * scale, X1: s.hi * scale, Y1: s.pos * scale})
	}
	for _, s := range vs {
		out = append(out, layout.Rule{X0: s.pos * scale, Y0: s.lo * scale, X1: s.pos * scale, Y1: s.hi * scale})
	}
	return out
}

// outsideGrids returns the ink with the grids (and a small margin round
// them) blanked: the text left to read as lines.
func outsideGrids(ink *gray, grids []*grid.Table, dpi float64) *gray {
	if len(grids) == 0 {
		return ink
	}
	rest := ink.clone()
	m := int(0.02 * dpi)
	for _, gr := range grids {
		rest.fill(image.Rect(int(gr.Box.X0)-m, int(gr.Box.Y0)-m, int(gr.Box.X1)+m+1, int(gr.Box.Y1)+m+1), 255)
	}
	return rest
}

// prepared is a page raster made ready for reading.
type prepared struct {
	g, clean *gray
	ink      *gray // clean, binarised and despeckled: where the text is
	th       uint8
	skew     float64
	hs, vs   []segment
}

// prepare deskews a raster, binarises it, finds its rules and erases them.
func prepare(g *gray, prm ruleParams) prepared {
	var p prepared
	if s := estimateSkew(g, 5); math.Abs(s) >= 0.05 {
		g = g.rotate(-s)
		p.skew = s
	}
	p.g = g
	p.th = g.otsu()
	// Rules may be thin and grey: found with a more lenient threshold.
	rth := max(p.th+uint8((255-int(p.th))/3), g.paper()-30)
	p.hs, p.vs = detectRules(g.binarise(rth), prm)
	p.clean = g.clone()
	eraseRules(p.clean, p.hs)
	eraseRules(p.clean, p.vs)
	p.ink = p.clean.binarise(p.th).despeckle(prm.speckle).grayOf()
	return p
}

// inkBox returns the bounding box of ink pixels (darker than th) in r and
// their count.
func inkBox(g *gray, r image.Rectangle, th uint8) (image.Rectangle, int) {
	r = r.Intersect(image.Rect(0, 0, g.w, g.h))
	x0, y0, x1, y1, n := r.Max.X, r.Max.Y, r.Min.X, r.Min.Y, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := g.pix[y*g.w:]
		for x := r.Min.X; x < r.Max.X; x++ {
			if row[x] <= th {
				n++
				x0, y0 = min(x0, x), min(y0, y)
				x1, y1 = max(x1, x+1), max(y1, y+1)
			}
		}
	}
	if n == 0 {
		return image.Rectangle{}, 0
	}
	return image.Rect(x0, y0, x1, y1), n
}

// textBands counts the horizontal bands of ink in a rectangle: the number of
// text lines in a cell.
func textBands(g *gray, r image.Rectangle, th uint8, minGap int) int {
	bands, in, gap := 0, false, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		ink := 0
		row := g.pix[y*g.w:]
		for x := r.Min.X; x < r.Max.X; x++ {
			if row[x] <= th {
				ink++
			}
		}
		if ink > 0 {
			if !in && (bands == 0 || gap >= minGap) {
				bands++
			}
			in, gap = true, 0
		} else {
			in = false
			gap++
		}
	}
	return bands
}

type cellJob struct {
	idx   int
	rect  image.Rectangle
	text  string
	conf  float64
	words []word
	err   error
}

// readGrid reads every cell of a grid and lays the grid out as table rows,
// the way extract/pdf does: a merged cell's text in its first row and
// column, the cells it covers empty; rows without text dropped.
func (e *Engine) readGrid(ctx context.Context, t *grid.Table, clean, ink *gray, th uint8, dpi, scale float64) ([]layout.Line, int, error) {
	nr, nc := len(t.Ys)-1, len(t.Xs)-1
	spans, slot := t.Slots()
	inset := max(3, int(dpi/50))
	jobs := make([]*cellJob, len(t.Cells))
	var todo []*cellJob
	minInk := max(8, int(dpi*dpi/9000)) // ~10 px at 300 dpi
	for i, cb := range t.Cells {
		r := image.Rect(int(cb.X0)+inset, int(cb.Y0)+inset, int(cb.X1)-inset+1, int(cb.Y1)-inset+1)
		j := &cellJob{idx: i, rect: r, conf: 1}
		jobs[i] = j
		if r.Dx() < 4 || r.Dy() < 4 {
			continue
		}
		if box, n := inkBox(ink, r, 0); n >= minInk && box.Dx() > 2 && box.Dy() > 2 {
			j.rect = box
			todo = append(todo, j)
		}
	}
	if err := e.run(ctx, todo, func(c *gosseract.Client, j *cellJob) {
		j.text, j.conf, j.err = readCell(c, clean, ink, j.rect, dpi)
	}); err != nil {
		return nil, 0, err
	}
	var out []layout.Line
	for r := 0; r < nr; r++ {
		line := layout.Line{Tabular: true, Box: layout.Box{X0: t.Box.X0 * scale, Y0: t.Ys[r] * scale, X1: t.Box.X1 * scale, Y1: t.Ys[r+1] * scale}}
		blank := true
		for c := 0; c < nc; c++ {
			cell := layout.Cell{Conf: 1, Box: layout.Box{X0: t.Xs[c] * scale, Y0: t.Ys[r] * scale, X1: t.Xs[c+1] * scale, Y1: t.Ys[r+1] * scale}}
			if i := slot[r][c]; i >= 0 && spans[i].R0 == r && spans[i].C0 == c {
				cb := t.Cells[i]
				cell.Box = layout.Box{X0: cb.X0 * scale, Y0: cb.Y0 * scale, X1: cb.X1 * scale, Y1: cb.Y1 * scale}
				cell.Text, cell.Conf = jobs[i].text, jobs[i].conf
				if cell.Text != "" {
					blank = false
				}
			}
			line.Cells = append(line.Cells, cell)
		}
		if !blank {
			out = append(out, line)
		}
	}
	return out, len(todo), nil
}

// run spreads jobs over the engine's clients. It returns once every
// worker has stopped: when all jobs are done, or as soon as ctx ends (a
// worker waiting for a client gives up then, and the jobs not yet handed
// out are dropped). A job's failure, its own or the wait for a client,
// stays on the job, so no worker ever blocks reporting one.
func (e *Engine) run(ctx context.Context, jobs []*cellJob, f func(*gosseract.Client, *cellJob)) error {
	var wg sync.WaitGroup
	next := make(chan *cellJob)
	workers := min(e.opts.Workers, len(jobs))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				c, err := e.acquire(ctx)
				if err != nil {
					j.err = err
					continue
				}
				f(c, j)
				e.release(c)
			}
		}()
	}
feed:
	for _, j := range jobs {
		select {
		case next <- j:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, j := range jobs {
		if j.err != nil {
			return j.err
		}
	}
	return nil
}

// readCell recognises the ink box of one cell. A read under LowConf is
// tried again as a raw line (psm 13) and with a wider margin, and the most
// confident read is kept.
func readCell(c *gosseract.Client, g, ink *gray, r image.Rectangle, dpi float64) (string, float64, error) {
	pad := max(8, int(dpi/25))
	crop := g.crop(r, pad)
	psm := gosseract.PSM_SINGLE_LINE
	multi := textBands(ink, r, 0, max(2, int(dpi/60))) > 1
	if multi {
		psm = gosseract.PSM_SINGLE_BLOCK
	}
	words, err := recognise(c, crop, psm, "")
	if err != nil {
		return "", 0, err
	}
	if !multi {
		if words, err = secondLook(c, g, r, pad, words); err != nil {
			return "", 0, err
		}
	}
	text, conf := joinLines(words)
	if looksNumeric(text) && !(cleanNumberRe.MatchString(text) && conf >= sureNumber) {
		// A read that is already a well-formed number, and a sure one, is
		// kept: the re-read was a third of all recognition calls on a
		// table page.
		nw, err := numericLook(c, g, r, pad)
		if err != nil {
			return "", 0, err
		}
		if nw != nil {
			text, conf = joinLines(nw)
		}
	}
	if text == "" {
		// ink that reads as nothing: a smudge, a seal, or text lost
		return "", 0, nil
	}
	return text, conf, nil
}

// cleanNumberRe is a well-formed amount or code: digits, thousands
// separators, one decimal point, a leading minus.
var cleanNumberRe = regexp.MustCompile(`^-?[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?$|^-?[0-9]+(\.[0-9]+)?$`)

// sureNumber is the confidence from which a clean number is not re-read.
const sureNumber = 0.85

// looksNumeric tells an amount or code from text: digits with separators
// (and the letters tesseract confuses with digits), at least half digits.
func looksNumeric(s string) bool {
	s = strings.ReplaceAll(s, " ", "")
	digits, n := 0, 0
	for _, r := range s {
		n++
		switch {
		case r >= '0' && r <= '9':
			digits++
		case unicode.Is(unicode.Han, r) && r != '了': // 了 is a misread 7
			return false
		}
	}
	return n > 0 && n <= 24 && digits*2 >= n
}

// joinLines groups words into lines (by tesseract's line numbers and
// vertical overlap) and joins them: words inside a line with a space when
// the gap is wide and not between two CJK characters, lines without a
// space (a cell's text wrapped). The confidence is the lowest word's.
func joinLines(ws []word) (string, float64) {
	if len(ws) == 0 {
		return "", 0
	}
	lines := groupWords(ws)
	var sb strings.Builder
	conf := 1.0
	for li, l := range lines {
		if li > 0 {
			if needSpace(sb.String(), l[0].text) {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(joinWords(l))
		for _, w := range l {
			conf = math.Min(conf, w.conf)
		}
	}
	return strings.TrimSpace(sb.String()), conf
}

// groupWords splits words into lines top to bottom, each left to right.
func groupWords(ws []word) [][]word {
	type key struct{ block, line int }
	order := []key{}
	by := map[key][]word{}
	for _, w := range ws {
		k := key{w.block, w.line}
		if _, ok := by[k]; !ok {
			order = append(order, k)
		}
		by[k] = append(by[k], w)
	}
	var lines [][]word
	for _, k := range order {
		l := by[k]
		sort.Slice(l, func(i, j int) bool { return l[i].x0 < l[j].x0 })
		lines = append(lines, l)
	}
	sort.SliceStable(lines, func(i, j int) bool { return midY(lines[i]) < midY(lines[j]) })
	return lines
}

func midY(l []word) float64 {
	var s float64
	for _, w := range l {
		s += float64(w.y0+w.y1) / 2
	}
	return s / float64(len(l))
}

func lineHeight(l []word) int {
	hs := make([]int, len(l))
	for i, w := range l {
		hs[i] = w.y1 - w.y0
	}
	sort.Ints(hs)
	return max(1, hs[len(hs)/2])
}

func joinWords(l []word) string {
	h := lineHeight(l)
	var sb strings.Builder
	for i, w := range l {
		if i > 0 {
			gap := w.x0 - l[i-1].x1
			prev := sb.String()
			if gap > h/2 && needSpace(prev, w.text) || gap > 2*h {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(w.text)
	}
	return sb.String()
}

// needSpace: no space where either side is a CJK character or punctuation.
func needSpace(before, after string) bool {
	if before == "" || after == "" {
		return false
	}
	a := []rune(before)
	last := a[len(a)-1]
	first := []rune(after)[0]
	return !wide(last) && !wide(first)
}

func wide(r rune) bool { return zh.IsWide(r) }
