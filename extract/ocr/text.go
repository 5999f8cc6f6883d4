package ocr

import (
	"context"
	"image"
	"math"
	"sort"
	"strings"

	"github.com/otiai10/gosseract/v2"

	"github.com/yusuan-data/yusuan/layout"
)

// readText reads whatever is left on the page. Lines are found on the
// raster (bands of rows with ink), each line is cut at wide gaps into
// pieces, and each piece is read with psm 7. Runs of lines that fall apart
// into aligned pieces become tabular lines (an unruled table); the rest are
// plain text lines. (Whole-page psm 4 drops small text standing apart, such
// as a unit note at the right margin; this does not.)
func (e *Engine) readText(ctx context.Context, g, ink *gray, dpi, scale float64) ([]layout.Line, error) {
	bands := findBands(ink, 0, dpi)
	var jobs []*cellJob
	var where [][2]int // band, piece of each job
	for bi, b := range bands {
		for pi, p := range b.pieces {
			jobs = append(jobs, &cellJob{idx: len(jobs), rect: p})
			where = append(where, [2]int{bi, pi})
		}
	}
	if err := e.run(ctx, jobs, func(c *gosseract.Client, j *cellJob) {
		j.words, j.err = readPiece(c, g, j.rect, dpi)
	}); err != nil {
		return nil, err
	}
	pieces := make([][]piece, len(bands))
	lines := make([][]word, len(bands))
	for k, j := range jobs {
		bi := where[k][0]
		if len(j.words) == 0 {
			continue
		}
		p := piece{words: j.words, x0: j.rect.Min.X, x1: j.rect.Max.X}
		pieces[bi] = append(pieces[bi], p)
		lines[bi] = append(lines[bi], j.words...)
	}
	k := 0
	for i := range lines {
		if len(lines[i]) > 0 {
			lines[k], pieces[k] = lines[i], pieces[i]
			k++
		}
	}
	return textLines(lines[:k], pieces[:k], scale), nil
}

// band is one line of text found on the raster, cut into pieces.
type band struct {
	y0, y1 int
	pieces []image.Rectangle
}

// findBands finds lines of text by the row profile, then cuts each at
// gaps wider than 1.5 line heights.
func findBands(g *gray, th uint8, dpi float64) []band {
	prof := make([]int, g.h)
	for y := 0; y < g.h; y++ {
		row := g.pix[y*g.w : (y+1)*g.w]
		n := 0
		for _, v := range row {
			if v <= th {
				n++
			}
		}
		prof[y] = n
	}
	minRow := 2
	joinGap := max(2, int(0.012*dpi))
	minH := max(6, int(0.045*dpi))
	var bands []band
	start, last := -1, -1
	flush := func() {
		if start >= 0 && last-start+1 >= minH {
			bands = append(bands, band{y0: start, y1: last + 1})
		}
	}
	for y := 0; y < g.h; y++ {
		if prof[y] < minRow {
			continue
		}
		if start >= 0 && y-last-1 <= joinGap {
			last = y
			continue
		}
		flush()
		start, last = y, y
	}
	flush()
	minInk := max(8, int(dpi*dpi/9000))
	var out []band
	for _, b := range bands {
		h := b.y1 - b.y0
		cols := make([]int, g.w)
		for y := b.y0; y < b.y1; y++ {
			row := g.pix[y*g.w:]
			for x := 0; x < g.w; x++ {
				if row[x] <= th {
					cols[x]++
				}
			}
		}
		split := max(4, 3*h/2)
		x0, xl := -1, -1
		add := func() {
			if x0 < 0 {
				return
			}
			r := image.Rect(x0, b.y0, xl+1, b.y1)
			if box, n := inkBox(g, r, th); n >= minInk && box.Dy() >= minH/2 && box.Dx() >= 3 {
				b.pieces = append(b.pieces, box)
			}
		}
		for x := 0; x < g.w; x++ {
			if cols[x] == 0 {
				continue
			}
			if x0 >= 0 && x-xl-1 <= split {
				xl = x
				continue
			}
			add()
			x0, xl = x, x
		}
		add()
		if len(b.pieces) > 0 {
			out = append(out, b)
		}
	}
	return out
}

// readPiece reads one piece of a line with psm 7 and drops what is surely
// noise (lone marks with no confidence).
func readPiece(c *gosseract.Client, g *gray, r image.Rectangle, dpi float64) ([]word, error) {
	pad := max(8, int(dpi/25))
	ws, err := recognise(c, g.crop(r, pad), gosseract.PSM_SINGLE_LINE, "")
	if err != nil {
		return nil, err
	}
	if t, conf := joinLines(ws); suspect(t, conf) {
		for _, alt := range []struct {
			psm   gosseract.PageSegMode
			pad   int
			scale int
		}{{gosseract.PSM_SINGLE_LINE, pad, 2}, {gosseract.PSM_RAW_LINE, pad, 1}, {gosseract.PSM_SINGLE_LINE, 3 * pad, 1}} {
			aw, err := recogniseScaled(c, g.crop(r, alt.pad), alt.psm, "", alt.scale)
			if err != nil {
				return nil, err
			}
			if at, cf := joinLines(aw); len(aw) > 0 && (cf > conf || suspect(t, conf) && !suspect(at, cf)) {
				ws, t, conf, pad = aw, at, cf, alt.pad
			}
			if !suspect(t, conf) {
				break
			}
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

// piece is a run of words of one line with no wide gap inside.
type piece struct {
	words  []word
	x0, x1 int
}

func textLines(lines [][]word, pieces [][]piece, scale float64) []layout.Line {
	var out []layout.Line
	for i := 0; i < len(lines); {
		// a block of consecutive multi-piece lines is an unruled table
		j := i
		for j < len(lines) && len(pieces[j]) >= 2 {
			j++
		}
		if j-i >= 2 {
			out = append(out, alignBlock(lines[i:j], pieces[i:j], scale)...)
			i = j
			continue
		}
		if j == i {
			j = i + 1
		}
		for ; i < j; i++ {
			out = append(out, plainLine(lines[i], scale))
		}
	}
	return out
}

func wordsBox(ws []word, scale float64) layout.Box {
	b := layout.Box{X0: math.Inf(1), Y0: math.Inf(1), X1: math.Inf(-1), Y1: math.Inf(-1)}
	for _, w := range ws {
		b.X0, b.Y0 = math.Min(b.X0, float64(w.x0)), math.Min(b.Y0, float64(w.y0))
		b.X1, b.Y1 = math.Max(b.X1, float64(w.x1)), math.Max(b.Y1, float64(w.y1))
	}
	return layout.Box{X0: b.X0 * scale, Y0: b.Y0 * scale, X1: b.X1 * scale, Y1: b.Y1 * scale}
}

func minConf(ws []word) float64 {
	c := 1.0
	for _, w := range ws {
		c = math.Min(c, w.conf)
	}
	return c
}

func plainLine(l []word, scale float64) layout.Line {
	box := wordsBox(l, scale)
	return layout.Line{Box: box, Cells: []layout.Cell{{Text: joinWords(l), Box: box, Conf: minConf(l)}}}
}

// alignBlock turns lines of pieces into table rows: the x extents of all
// pieces, merged where they overlap, are the columns.
func alignBlock(lines [][]word, pieces [][]piece, scale float64) []layout.Line {
	type col struct{ x0, x1 int }
	var all []col
	for _, ps := range pieces {
		for _, p := range ps {
			all = append(all, col{p.x0, p.x1})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].x0 < all[j].x0 })
	var cols []col
	for _, c := range all {
		if n := len(cols); n > 0 && c.x0 <= cols[n-1].x1 {
			cols[n-1].x1 = max(cols[n-1].x1, c.x1)
			continue
		}
		cols = append(cols, c)
	}
	var out []layout.Line
	for i, ps := range pieces {
		cells := make([]layout.Cell, len(cols))
		var grouped = make([][]word, len(cols))
		for _, p := range ps {
			best, bestOv := 0, -1
			for ci, c := range cols {
				if ov := min(p.x1, c.x1) - max(p.x0, c.x0); ov > bestOv {
					best, bestOv = ci, ov
				}
			}
			grouped[best] = append(grouped[best], p.words...)
		}
		lb := wordsBox(lines[i], scale)
		for ci, c := range cols {
			cells[ci] = layout.Cell{Conf: 1, Box: layout.Box{X0: float64(c.x0) * scale, Y0: lb.Y0, X1: float64(c.x1) * scale, Y1: lb.Y1}}
			if ws := grouped[ci]; len(ws) > 0 {
				cells[ci].Text = joinWords(ws)
				cells[ci].Conf = minConf(ws)
			}
		}
		out = append(out, layout.Line{Box: lb, Tabular: true, Cells: cells})
	}
	return out
}
