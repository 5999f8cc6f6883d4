package ocr

import (
	"context"
	"image"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/otiai10/gosseract/v2"

	"github.com/yusuan-data/yusuan/extract/align"
	"github.com/yusuan-data/yusuan/layout"
)

// readText reads whatever is left on the page outside the ruled grids.
// The ink is cut into pieces one line high (findPieces), each piece is
// read alone with psm 7 (amounts re-read under the digit whitelist) and
// placed by the ink of its parts, and what was read becomes positioned
// characters that extract/pdf lays out
// as it lays out a text layer (align.Chars): plain lines, and tables
// typeset without rules found by the alignment of their columns. (Whole
// page psm 4 drops small text standing apart, such as a unit note at the
// right margin, and glues the columns of an unruled table; this does not.)
// It gives, too, how the tables without rules were read, for the page's
// picture (layout.Page.Unruled).
func (e *Engine) readText(ctx context.Context, g, ink *gray, dpi, scale float64) ([]layout.Line, []layout.Unruled, error) {
	chars, err := e.readChars(ctx, g, ink, dpi, scale)
	if err != nil {
		return nil, nil, err
	}
	lines, unruled := align.ReadChars(chars)
	return lines, unruled, nil
}

// readChars reads the pieces of text on ink as positioned characters.
// Pieces are found on ink cleared of specks up to the size of a decimal
// point (noise in a bilevel scan survives despeckling in clumps of three or
// four pixels, and one clinging to a number shifts its edge and reads as
// a stray mark); they are read from g, where the points are still there.
func (e *Engine) readChars(ctx context.Context, g, ink *gray, dpi, scale float64) ([]align.Char, error) {
	clean := ink.binarise(0).despeckle(max(3, int(dpi*dpi/5000))).grayOf()
	found := findPieces(clean, dpi)
	jobs := make([]*cellJob, len(found))
	for i, p := range found {
		jobs[i] = &cellJob{idx: i, rect: p.box}
	}
	if err := e.run(ctx, jobs, func(c *gosseract.Client, j *cellJob) {
		j.words, j.err = readPiece(c, g, j.rect, dpi)
	}); err != nil {
		return nil, err
	}
	var ps []piece
	for i, j := range jobs {
		if len(j.words) > 0 {
			ps = append(ps, piece{textPiece: found[i], words: j.words})
		}
	}
	return pieceChars(ps, scale), nil
}

// ----------------------------------------------------------------- pieces

// findPieces cuts the ink of a page into pieces of text, each one line
// high, to be read alone. It is a recursive X-Y cut: the page into bands of
// rows with ink, each band into runs along x, and a run still taller than
// a line (the labels of two header rows in one column, beside a label
// merged over both) into bands again, and so on.
//
// Runs are cut at gaps as wide as the line is high: the cells of a table
// without rules stand apart however close their columns (a wide gap inside
// a cell, such as the side bearings of 目 in 项目支出, stays under a line
// height; the gap between two columns hardly does). These runs are the
// parts of a piece and give the positions. For reading, runs of one line
// closer than one and a half line heights are joined into one piece again:
// the recogniser reads short text better in its context (备注： alone
// reads as Bt:), and a part is placed by its own ink all the same.
//
// Each piece also gets the vertical extent of the line it stands in: the
// core of the band it was cut from, when that band is one line high. All
// pieces of a row of a table then share one vertical centre, whatever
// their glyphs (digits are shorter than CJK, a speck may cling to one),
// which is what rows are told apart by.
func findPieces(g *gray, dpi float64) []textPiece {
	page := image.Rect(0, 0, g.w, g.h)
	joinGap := max(2, int(0.012*dpi))
	minH := max(6, int(0.045*dpi))
	bands := rowRuns(g, page, joinGap, minH)
	if len(bands) == 0 {
		return nil
	}
	lineH := medianHeight(bands)
	minInk := max(8, int(dpi*dpi/9000))
	var cut func(r, line image.Rectangle, depth int) []textPiece
	cut = func(r, line image.Rectangle, depth int) []textPiece {
		box, n := inkBox(g, r, 0)
		if n < minInk || box.Dy() < minH/2 || box.Dx() < 3 {
			return nil
		}
		var sub []image.Rectangle
		if box.Dy() > lineH*3/2 && depth < 6 {
			sub = rowRuns(g, box, joinGap, minH/2)
		}
		if len(sub) <= 1 {
			if line.Empty() {
				line = core(g, box)
			}
			return []textPiece{{box: box, parts: []image.Rectangle{box}, line: line}}
		}
		var out []textPiece
		for _, b := range sub {
			out = append(out, cutBand(g, b, lineH, func(p, l image.Rectangle) []textPiece { return cut(p, l, depth+1) })...)
		}
		return out
	}
	var out []textPiece
	for _, b := range bands {
		out = append(out, cutBand(g, b, lineH, func(p, l image.Rectangle) []textPiece { return cut(p, l, 0) })...)
	}
	return out
}

// cutBand cuts a band into runs along x, cuts each further (cut), and
// joins the pieces that stay on the band's line and stand close.
func cutBand(g *gray, b image.Rectangle, lineH int, cut func(p, line image.Rectangle) []textPiece) []textPiece {
	line, gap := lineOf(g, b, lineH)
	var ps []textPiece
	for _, p := range colRuns(g, b, gap) {
		ps = append(ps, cut(p, line)...)
	}
	if line.Empty() {
		return ps
	}
	return joinPieces(ps, line, gap*3/2)
}

// lineOf tells whether band b is one line of text (at most half again as
// high as the page's lines), and then its core, and the gap that cuts it
// into runs: its own height when it is a line (a title in a larger size
// keeps its wider spacing, as around the full-width brackets of （本级）),
// else the page's line height.
func lineOf(g *gray, b image.Rectangle, lineH int) (line image.Rectangle, gap int) {
	if b.Dy() <= lineH*3/2 {
		return core(g, b), max(lineH, b.Dy())
	}
	return image.Rectangle{}, lineH
}

// joinPieces joins neighbouring pieces (left to right) of the given line
// whose gap is narrower than gap into one piece of several parts.
func joinPieces(ps []textPiece, line image.Rectangle, gap int) []textPiece {
	var out []textPiece
	for _, p := range ps {
		if n := len(out); n > 0 && p.line == line && out[n-1].line == line && p.box.Min.X-out[n-1].box.Max.X < gap {
			q := &out[n-1]
			q.box = q.box.Union(p.box)
			q.parts = append(q.parts, p.parts...)
			continue
		}
		out = append(out, p)
	}
	return out
}

// textPiece is a piece of a line found on the raster: the box read, the
// ink boxes of its parts (left to right), and the extent of its line.
type textPiece struct {
	box   image.Rectangle
	parts []image.Rectangle
	line  image.Rectangle
}

// rowRuns returns the bands of rows of r that hold ink (two pixels or
// more), bands closer than joinGap joined, bands lower than minH dropped.
func rowRuns(g *gray, r image.Rectangle, joinGap, minH int) []image.Rectangle {
	var out []image.Rectangle
	for _, sp := range spans(rowInk(g, r), 2, joinGap, minH) {
		out = append(out, image.Rect(r.Min.X, r.Min.Y+sp[0], r.Max.X, r.Min.Y+sp[1]+1))
	}
	return out
}

// spans returns the runs [first, last] of the indexes whose count reaches
// min, runs closer than gap joined, runs shorter than minLen dropped: the
// bands of a row or column ink profile.
func spans(counts []int, min, gap, minLen int) [][2]int {
	var out [][2]int
	start, last := -1, -1
	flush := func() {
		if start >= 0 && last-start+1 >= minLen {
			out = append(out, [2]int{start, last})
		}
	}
	for i, n := range counts {
		if n < min {
			continue
		}
		if start >= 0 && i-last-1 <= gap {
			last = i
			continue
		}
		flush()
		start, last = i, i
	}
	flush()
	return out
}

// rowInk counts the ink pixels of each row of r.
func rowInk(g *gray, r image.Rectangle) []int {
	counts := make([]int, r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := g.pix[y*g.w:]
		for x := r.Min.X; x < r.Max.X; x++ {
			if row[x] == 0 {
				counts[y-r.Min.Y]++
			}
		}
	}
	return counts
}

// core trims a band of the rows at its ends that hold little ink beside
// its fullest row: the tips of brackets, a speck clinging above or below.
// What is left is where the text of the line stands, measured alike on
// every line of a page.
func core(g *gray, b image.Rectangle) image.Rectangle {
	counts := rowInk(g, b)
	peak := 0
	for _, n := range counts {
		peak = max(peak, n)
	}
	lo, hi := 0, len(counts)-1
	for lo < hi && counts[lo] < peak/16 {
		lo++
	}
	for hi > lo && counts[hi] < peak/16 {
		hi--
	}
	return image.Rect(b.Min.X, b.Min.Y+lo, b.Max.X, b.Min.Y+hi+1)
}

// colRuns returns the runs of columns of r that hold ink, runs closer
// than gap joined.
func colRuns(g *gray, r image.Rectangle, gap int) []image.Rectangle {
	var out []image.Rectangle
	for _, sp := range spans(colInk(g, r), 1, gap, 1) {
		out = append(out, image.Rect(r.Min.X+sp[0], r.Min.Y, r.Min.X+sp[1]+1, r.Max.Y))
	}
	return out
}

// colInk counts the ink pixels of each column of r.
func colInk(g *gray, r image.Rectangle) []int {
	counts := make([]int, r.Dx())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := g.pix[y*g.w:]
		for x := r.Min.X; x < r.Max.X; x++ {
			if row[x] == 0 {
				counts[x-r.Min.X]++
			}
		}
	}
	return counts
}

func medianHeight(rs []image.Rectangle) int {
	hs := make([]int, len(rs))
	for i, r := range rs {
		hs[i] = r.Dy()
	}
	sort.Ints(hs)
	return max(1, hs[len(hs)/2])
}

// readPiece reads one piece with psm 7, tries a doubtful read again
// (larger, as a raw line, with a wider margin), re-reads an amount or code
// under the digit whitelist, and drops what is surely noise (lone marks
// with no confidence). Word boxes come back in page pixels.
func readPiece(c *gosseract.Client, g *gray, r image.Rectangle, dpi float64) ([]word, error) {
	pad := max(8, int(dpi/25))
	ws, err := recognise(c, g.crop(r, pad), gosseract.PSM_SINGLE_LINE, "")
	if err != nil {
		return nil, err
	}
	if ws, err = secondLook(c, g, r, pad, ws); err != nil {
		return nil, err
	}
	if t, _ := joinLines(ws); looksNumeric(t) {
		nw, err := numericLook(c, g, r, pad)
		if err != nil {
			return nil, err
		}
		if nw != nil {
			ws = nw
		}
	}
	k := 0
	for _, w := range ws {
		t := strings.TrimSpace(w.text)
		if t == "" || (w.conf < 0.3 && len([]rune(t)) <= 2) {
			continue
		}
		w.text = t
		w.x0 += r.Min.X - pad
		w.x1 += r.Min.X - pad
		w.y0 += r.Min.Y - pad
		w.y1 += r.Min.Y - pad
		ws[k] = w
		k++
	}
	return ws[:k], nil
}

// secondLook reads a suspect read again (see suspect): twice the size, as
// a raw line, with a wider margin, in that order. The most confident read
// is kept, or the first that is no longer suspect; it stops once a read
// agrees with a confident one. ws are the words of the first read, on a
// crop of r with margin pad; the words returned are in that crop's frame.
func secondLook(c *gosseract.Client, g *gray, r image.Rectangle, pad int, ws []word) ([]word, error) {
	t, conf := joinLines(ws)
	if !suspect(t, conf) {
		return ws, nil
	}
	for _, alt := range []struct {
		psm   gosseract.PageSegMode
		pad   int
		scale int
	}{{gosseract.PSM_SINGLE_LINE, pad, 2}, {gosseract.PSM_RAW_LINE, pad, 1}, {gosseract.PSM_SINGLE_LINE, 3 * pad, 1}} {
		aw, err := recogniseScaled(c, g.crop(r, alt.pad), alt.psm, "", alt.scale)
		if err != nil {
			return nil, err
		}
		shift(aw, pad-alt.pad)
		at, cf := joinLines(aw)
		sure := confirmed(t, conf, at)
		if at != "" && (cf > conf || suspect(t, conf) && !suspect(at, cf)) {
			ws, t, conf = aw, at, cf
		}
		if sure || !suspect(t, conf) {
			break
		}
	}
	return ws, nil
}

// numericLook reads r again under the digit whitelist, once more with a
// wider margin when doubtful, and returns the more confident read's words
// in the frame of a crop with margin pad; nil when neither read anything.
func numericLook(c *gosseract.Client, g *gray, r image.Rectangle, pad int) ([]word, error) {
	var best []word
	bconf := -1.0
	for _, p := range []int{pad, 3 * pad} {
		nw, err := recognise(c, g.crop(r, p), gosseract.PSM_SINGLE_LINE, numericWhitelist)
		if err != nil {
			return nil, err
		}
		shift(nw, pad-p)
		if nt, cf := joinLines(nw); nt != "" && cf > bconf {
			best, bconf = nw, cf
		}
		if bconf >= LowConf {
			break
		}
	}
	return best, nil
}

// shift moves word boxes read on a crop with another margin into the
// frame of the first crop.
func shift(ws []word, d int) {
	for i := range ws {
		ws[i].x0 += d
		ws[i].x1 += d
		ws[i].y0 += d
		ws[i].y1 += d
	}
}

// ------------------------------------------------------------- characters

// piece is one piece of a line as found on the raster and the words
// read in it.
type piece struct {
	textPiece
	words []word
}

// pieceChars turns what was read into characters shaped like a text
// layer's, in points. A text layer gives every character of a line the
// same loose box (its font's ascent to descent) and its advance width; a
// recogniser gives words in reading order whose left edges are sound but
// whose right edges are not always (in Chinese text a word's box may run
// to the end of the line: 单位 over 单位：万元). So:
//
//   - a word ends where the next begins, at the latest; words are joined
//     into runs where they meet CJK to CJK (the recogniser's word breaks
//     inside Chinese text mean nothing); the outer edges of each part of a
//     piece are its ink's (exact to a pixel, and column alignment is judged
//     on them); a run's width is shared evenly among its characters, CJK
//     being set on a fixed pitch;
//   - edges are widened by a side bearing, a tenth of the text height:
//     what lies between a glyph's ink and its advance box (the ink gap in
//     "2025 年" is 16 px at 200 dpi where the text layer's is 11), so that
//     gaps measure as a text layer's do;
//   - every character of a piece gets one box of the text height centred
//     on its line's band (the pieces of one row of a table share it), the
//     height being the line's when it holds CJK (whose ink fills nearly
//     the whole em), else the page's body text height;
//   - a part starts a word, and so does a run between two Latin or digit
//     runs (a space the recogniser saw between "2024" and "06").
func pieceChars(ps []piece, scale float64) []align.Char {
	em := float64(textHeight(ps))
	var out []align.Char
	for _, p := range ps {
		h := em
		if hasHan(p.words) {
			h = max(em*0.8, float64(p.line.Dy()))
		}
		cy := float64(p.line.Min.Y+p.line.Max.Y) / 2
		y0, y1 := (cy-h/2)*scale, (cy+h/2)*scale
		bearing := 0.1 * h
		for k, ws := range partWords(p.words, p.parts) {
			prev := rune(0)
			for _, r := range wordRuns(ws, p.parts[k]) {
				x0, x1 := float64(r.x0)-bearing, float64(r.x1)+bearing
				step := (x1 - x0) / float64(len(r.text))
				for i, c := range r.text {
					x := x0 + float64(i)*step
					start := i == 0 && (prev == 0 || !wide(prev) && !wide(c))
					out = append(out, align.Char{R: c, X0: x * scale, X1: (x + step) * scale,
						Y0: y0, Y1: y1, Base: y1 - 0.12*h*scale, WordStart: start, Conf: r.conf[i]})
					prev = c
				}
			}
		}
	}
	return out
}

// partWords shares the words read in a piece (in reading order) among its
// parts: a word goes to the part it starts in, or nearest; a word reaching
// over parts (up to where the next word starts) is split among them in
// proportion to its width in each (text in one font on a fixed pitch, as
// CJK is).
func partWords(ws []word, parts []image.Rectangle) [][]word {
	out := make([][]word, len(parts))
	for i, w := range ws {
		x1 := w.x1
		if i+1 < len(ws) {
			x1 = min(x1, ws[i+1].x0)
		}
		var over []int
		var widths []int
		for k, pt := range parts {
			if o := min(x1, pt.Max.X) - max(w.x0, pt.Min.X); o > 0 {
				over, widths = append(over, k), append(widths, o)
			}
		}
		rs := []rune(w.text)
		if len(over) <= 1 || len(rs) < 2 {
			k := nearestPart(parts, w.x0)
			out[k] = append(out[k], w)
			continue
		}
		total := 0
		for _, o := range widths {
			total += o
		}
		from, acc := 0, 0
		for j, k := range over {
			acc += widths[j]
			to := (len(rs)*acc + total/2) / total
			if j == len(over)-1 {
				to = len(rs)
			}
			if to > from {
				part := w
				part.text = string(rs[from:to])
				part.x0, part.x1 = max(w.x0, parts[k].Min.X), min(x1, parts[k].Max.X)
				out[k] = append(out[k], part)
			}
			from = to
		}
	}
	return out
}

// nearestPart is the part x falls in, or the nearest.
func nearestPart(parts []image.Rectangle, x int) int {
	best, bd := 0, math.MaxInt
	for k, pt := range parts {
		d := max(pt.Min.X-x, x-pt.Max.X+1, 0)
		if d < bd {
			best, bd = k, d
		}
	}
	return best
}

// textRun is a stretch of a piece's text set as one: its characters, each
// one's confidence (its word's), and its pixel extent.
type textRun struct {
	text   []rune
	conf   []float64
	x0, x1 int
}

// wordRuns lays the words of a piece (in reading order) out as runs from
// the piece's left ink edge to its right: each word from its left edge
// (kept in order) to the next word's, the last to the piece's right edge;
// words meeting CJK to CJK joined into one run.
func wordRuns(ws []word, box image.Rectangle) []textRun {
	if len(ws) == 0 {
		return nil
	}
	x0s := make([]int, len(ws))
	for i, w := range ws {
		x0s[i] = min(max(w.x0, box.Min.X), box.Max.X-1)
		if i == 0 {
			x0s[i] = box.Min.X
		} else {
			x0s[i] = max(x0s[i], x0s[i-1]+1)
		}
	}
	var out []textRun
	for i, w := range ws {
		x1 := box.Max.X
		if i+1 < len(ws) {
			x1 = min(max(w.x1, x0s[i]+1), x0s[i+1])
		}
		t := []rune(w.text)
		if n := len(out); n > 0 && wide(out[n-1].text[len(out[n-1].text)-1]) && wide(t[0]) {
			r := &out[n-1]
			r.x1 = x1
			r.text = append(r.text, t...)
			for range t {
				r.conf = append(r.conf, w.conf)
			}
			continue
		}
		r := textRun{text: t, x0: x0s[i], x1: x1}
		for range t {
			r.conf = append(r.conf, w.conf)
		}
		out = append(out, r)
	}
	return out
}

// textHeight is the height of the page's body text: the median line
// height of the pieces holding CJK, or 4/3 of the median piece height when
// none does (digits fill about three quarters of the em).
func textHeight(ps []piece) int {
	var han, all []image.Rectangle
	for _, p := range ps {
		all = append(all, p.line)
		if hasHan(p.words) {
			han = append(han, p.line)
		}
	}
	if len(han) > 0 {
		return medianHeight(han)
	}
	if len(all) == 0 {
		return 1
	}
	return medianHeight(all) * 4 / 3
}

func hasHan(ws []word) bool {
	for _, w := range ws {
		for _, r := range w.text {
			if unicode.Is(unicode.Han, r) {
				return true
			}
		}
	}
	return false
}
