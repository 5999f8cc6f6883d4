package unruledgen

import (
	"math"
	"strings"
)

// Style is how one document is printed.
type Style struct {
	Font         *Font
	Metrics      Metrics
	Size         float64 // body text size, points
	Pitch        float64 // line pitch as a multiple of Size
	Landscape    bool
	Pad          float64 // horizontal cell padding, points (narrow or wide column gaps)
	NameCap      float64 // widest text column before it wraps, in em
	HeadCap      float64 // widest header label before it wraps, in em
	CentreAmount bool    // amounts centred in their column, else right-aligned
	Middle       bool    // cells centred vertically in their row, else top
	RepeatHeader bool    // continuation pages repeat the header rows
	Marker       bool    // 附件 N printed above each table
}

const margin = 42

// hcell is a header cell with its spans.
type hcell struct {
	text         string
	r, c, rs, cs int
}

// headerCells reconstructs spans: a label followed by empty cells spans
// them while some header row below has a label in that column; a cell
// spans down while the rows below are empty over all its columns.
func headerCells(h [][]string) []hcell {
	if len(h) == 0 {
		return nil
	}
	n := len(h[0])
	cov := make([][]bool, len(h))
	for i := range cov {
		cov[i] = make([]bool, n)
	}
	var out []hcell
	for r := range h {
		for c := 0; c < n; c++ {
			if cov[r][c] || h[r][c] == "" {
				continue
			}
			cs := 1
			for k := c + 1; k < n && h[r][k] == "" && !cov[r][k]; k++ {
				below := false
				for rr := r + 1; rr < len(h); rr++ {
					below = below || h[rr][k] != ""
				}
				if !below {
					break
				}
				cs++
			}
			rs := 1
		down:
			for rr := r + 1; rr < len(h); rr++ {
				for k := c; k < c+cs; k++ {
					if h[rr][k] != "" || cov[rr][k] {
						break down
					}
				}
				rs++
			}
			for rr := r; rr < r+rs; rr++ {
				for k := c; k < c+cs; k++ {
					cov[rr][k] = true
				}
			}
			out = append(out, hcell{h[r][c], r, c, rs, cs})
		}
	}
	return out
}

// wrap breaks s into lines no wider than w (character by character, as a
// word processor breaks CJK text; a line holds at least one character).
func wrap(ft *Font, s string, size, w float64) []string {
	if s == "" {
		return nil
	}
	var out []string
	var cur []rune
	for _, r := range s {
		if len(cur) > 0 && r != ' ' && ft.Width(strings.TrimRight(string(append(cur, r)), " "), size) > w+0.01 {
			out = append(out, strings.TrimRight(string(cur), " "))
			cur = cur[:0]
		}
		if r == ' ' && len(cur) == 0 && len(out) > 0 {
			continue // a space at a line break is not printed
		}
		cur = append(cur, r)
	}
	return append(out, strings.TrimRight(string(cur), " "))
}

type printer struct {
	st    Style
	pages []Page
	y     float64
	w, h  float64
}

func (p *printer) newPage() {
	p.pages = append(p.pages, Page{W: p.w, H: p.h})
	p.y = margin
}

func (p *printer) put(s string, x, base, size float64) {
	if strings.TrimSpace(s) == "" {
		return
	}
	pg := &p.pages[len(p.pages)-1]
	pg.Pieces = append(pg.Pieces, Piece{Text: s, X: x, Base: base, Size: size})
}

// line prints a line of running text across the page (wrapped), aligned
// 'l', 'c' or 'r'.
func (p *printer) line(s string, size float64, align byte) {
	for _, l := range wrap(p.st.Font, s, size, p.w-2*margin) {
		if p.y+size*1.8 > p.h-margin {
			p.newPage()
		}
		w := p.st.Font.Width(l, size)
		x := float64(margin)
		switch align {
		case 'c':
			x = (p.w - w) / 2
		case 'r':
			x = p.w - margin - w
		}
		p.put(l, x, p.y+size, size)
		p.y += size * 1.8
	}
}

// Typeset prints a document in a style.
func Typeset(d *Doc, st Style) []Page {
	p := &printer{st: st, w: 595.28, h: 841.89}
	if st.Landscape {
		p.w, p.h = p.h, p.w
	}
	p.newPage()
	for _, n := range d.Narrative {
		p.line(n, st.Size+1, 'l')
	}
	for i := range d.Tables {
		if i > 0 || len(d.Narrative) > 0 {
			p.newPage()
		}
		p.table(&d.Tables[i])
	}
	return p.pages
}

func isAmountCol(body [][]string, j int) bool {
	n, a := 0, 0
	for _, r := range body {
		if c := r[j]; c != "" {
			n++
			if amountRe.MatchString(c) {
				a++
			}
		}
	}
	return n > 0 && a*2 >= n
}

func (p *printer) table(t *Table) {
	st, ft := p.st, p.st.Font
	size := st.Size
	if st.Marker && t.Attachment > 0 {
		p.line(t.titleLines(true)[0], size+1, 'l')
	}
	if t.Department != "" {
		p.line(t.Department, size, 'c')
	}
	p.line(t.Title, size+5, 'c')
	if t.Unit != "" {
		p.line("单位："+t.Unit, size, 'r')
	}
	ncol := 0
	for _, r := range append(append([][]string(nil), t.Header...), t.Body...) {
		ncol = max(ncol, len(r))
	}
	if ncol == 0 {
		return
	}
	hc := headerCells(t.Header)
	amt := make([]bool, ncol)
	for j := range ncol {
		amt[j] = isAmountCol(t.Body, j)
	}
	// Column widths; a table too wide for the page gets its header labels
	// wrapped narrower, then its text columns, then smaller type.
	avail := p.w - 2*margin
	headCap, nameCap := st.HeadCap, st.NameCap
	var widths []float64
	for {
		widths = p.widths(t, hc, amt, size, headCap, nameCap)
		if sum(widths) <= avail {
			break
		}
		switch {
		case headCap > 2:
			headCap--
		case nameCap > 4:
			nameCap--
		default:
			size -= 0.5
		}
	}
	xs := make([]float64, ncol+1)
	xs[0] = margin + math.Max(0, (avail-sum(widths))/2)
	for j, w := range widths {
		xs[j+1] = xs[j] + w
	}
	pitch := st.Pitch * size
	vpad := 0.35 * size
	spanW := func(c, cs int) float64 { return xs[c+cs] - xs[c] - 2*st.Pad }
	// header row heights
	hh := make([]float64, len(t.Header))
	for i := range hh {
		hh[i] = pitch + 2*vpad
	}
	for _, c := range hc {
		need := float64(len(wrap(ft, c.text, size, spanW(c.c, c.cs))))*pitch + 2*vpad
		have := 0.0
		for r := c.r; r < c.r+c.rs; r++ {
			have += hh[r]
		}
		if need > have {
			hh[c.r+c.rs-1] += need - have
		}
	}
	cell := func(top, hgt float64, x0, w float64, text string, align byte, middle bool) {
		lines := wrap(ft, text, size, w)
		block := float64(len(lines)) * pitch
		y := top + vpad
		if middle {
			y = top + (hgt-block)/2
		}
		for i, l := range lines {
			lw := ft.Width(l, size)
			x := x0
			switch align {
			case 'c':
				x = x0 + (w-lw)/2
			case 'r':
				x = x0 + w - lw
			}
			p.put(l, x, y+float64(i)*pitch+(pitch-size)/2+0.86*size, size)
		}
	}
	header := func() {
		tops := make([]float64, len(hh)+1)
		tops[0] = p.y
		for i, v := range hh {
			tops[i+1] = tops[i] + v
		}
		for _, c := range hc {
			cell(tops[c.r], tops[c.r+c.rs]-tops[c.r], xs[c.c]+st.Pad, spanW(c.c, c.cs), c.text, 'c', true)
		}
		p.y = tops[len(hh)]
	}
	header()
	kv := t.Form
	for _, r := range t.Body {
		// A form's key–value rows (above its indicator grid) give a value
		// the empty cells after it, as the seed's forms merge them.
		if kv && strings.Contains(strings.Join(r, ""), "一级指标") {
			kv = false
		}
		spans := make([]int, len(r))
		for j := range r {
			spans[j] = 1
			if kv && r[j] != "" {
				for k := j + 1; k < len(r) && r[k] == ""; k++ {
					spans[j]++
				}
			}
		}
		lines := 1
		for j, c := range r {
			lines = max(lines, len(wrap(ft, c, size, spanW(j, spans[j]))))
		}
		rh := float64(lines)*pitch + 2*vpad
		if p.y+rh > p.h-margin {
			p.newPage()
			if st.RepeatHeader && !t.Form { // a form's first rows are no header to repeat
				header()
			}
		}
		for j, c := range r {
			align := byte('l')
			if amt[j] && amountRe.MatchString(c) {
				align = 'r'
				if st.CentreAmount {
					align = 'c'
				}
			}
			cell(p.y, rh, xs[j]+st.Pad, spanW(j, spans[j]), c, align, st.Middle)
		}
		p.y += rh
	}
	p.y += size
	for _, n := range t.Notes {
		p.line(n, size, 'l')
	}
}

// widths gives each column the width of its widest body text (text
// columns wrapped at nameCap em) and of its own header label (wrapped at
// headCap em), plus padding.
func (p *printer) widths(t *Table, hc []hcell, amt []bool, size, headCap, nameCap float64) []float64 {
	st, ft := p.st, p.st.Font
	widths := make([]float64, len(amt))
	for j := range widths {
		for _, r := range t.Body {
			w := ft.Width(r[j], size)
			if !amt[j] {
				w = math.Min(w, nameCap*size)
			}
			widths[j] = math.Max(widths[j], w)
		}
	}
	for _, c := range hc {
		if c.cs == 1 {
			widths[c.c] = math.Max(widths[c.c], math.Min(ft.Width(c.text, size), math.Max(headCap*size, widths[c.c])))
		}
	}
	for j := range widths {
		widths[j] = math.Max(widths[j], 2*size) + 2*st.Pad
	}
	return widths
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}
