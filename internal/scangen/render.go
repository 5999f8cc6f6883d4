package scangen

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// FontPath is the CJK font the pages are typeset in (Debian's
// fonts-droid-fallback: TrueType outlines, which x/image reads; the
// WenQuanYi collection is not). The tests that need it skip without it.
var FontPath = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

// LatinPath is the font for digits and Latin letters, which the CJK font
// lacks (Debian's fonts-dejavu-core).
var LatinPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

var (
	fontOnce  sync.Once
	theFont   *opentype.Font
	latinFont *opentype.Font
	fontErr   error
)

// loadFont reads the CJK font once.
func loadFont() (*opentype.Font, error) {
	fontOnce.Do(func() {
		data, err := os.ReadFile(FontPath)
		if err != nil {
			fontErr = fmt.Errorf("scangen needs a CJK font (apt-get install fonts-droid-fallback): %w", err)
			return
		}
		theFont, fontErr = opentype.Parse(data)
		if fontErr != nil {
			fontErr = fmt.Errorf("%s: %w", FontPath, fontErr)
			return
		}
		data, err = os.ReadFile(LatinPath)
		if err != nil {
			fontErr = fmt.Errorf("scangen needs a Latin font (apt-get install fonts-dejavu-core): %w", err)
			return
		}
		latinFont, fontErr = opentype.Parse(data)
	})
	return theFont, fontErr
}

// FontAvailable reports whether the generator can typeset pages.
func FontAvailable() error { _, err := loadFont(); return err }

// Page is one printed page before it is scanned, and what is on it.
type Page struct {
	Img    *image.Gray
	Tables []int            // the 附件 numbers with rows or title on this page
	Seal   *image.Rectangle // where a seal goes (over a table), nil for none
}

// typesetter lays out a document on pages at one resolution.
type typesetter struct {
	spec      Spec
	dpi       float64
	faces     map[float64]font.Face
	pages     []*Page
	cur       *Page
	y         int // next free row of pixels on cur
	land      bool
	headerRow int // the header row drawRow draws next
}

func (ts *typesetter) face(pt float64) font.Face {
	if f, ok := ts.faces[pt]; ok {
		return f
	}
	fnt, _ := loadFont()
	opts := &opentype.FaceOptions{Size: pt, DPI: ts.dpi, Hinting: font.HintingFull}
	cjkFace, err := opentype.NewFace(fnt, opts)
	if err != nil {
		panic(err)
	}
	latin, err := opentype.NewFace(latinFont, opts)
	if err != nil {
		panic(err)
	}
	f := mixedFace{cjkFace, latin}
	ts.faces[pt] = f
	return f
}

func (ts *typesetter) px(in float64) int { return int(in * ts.dpi) }

func (ts *typesetter) size() (w, h int) {
	w, h = ts.px(8.27), ts.px(11.69)
	if ts.land {
		w, h = h, w
	}
	return w, h
}

func (ts *typesetter) margin() int { return ts.px(0.75) }

func (ts *typesetter) bottom() int { _, h := ts.size(); return h - ts.px(0.9) }

func (ts *typesetter) newPage(land bool) {
	ts.land = land
	w, h := ts.size()
	img := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	ts.cur = &Page{Img: img}
	ts.pages = append(ts.pages, ts.cur)
	ts.y = ts.margin()
}

func (ts *typesetter) mark(n int) {
	for _, m := range ts.cur.Tables {
		if m == n {
			return
		}
	}
	ts.cur.Tables = append(ts.cur.Tables, n)
}

// text draws s with its top-left at (x, y) in the face of pt points.
func (ts *typesetter) text(s string, x, y int, pt float64, bold bool) {
	f := ts.face(pt)
	asc := f.Metrics().Ascent.Ceil()
	d := font.Drawer{Dst: ts.cur.Img, Src: image.Black, Face: f, Dot: fixed.P(x, y+asc)}
	d.DrawString(s)
	if bold {
		d.Dot = fixed.P(x+max(1, int(ts.dpi/150)), y+asc)
		d.DrawString(s)
	}
}

func (ts *typesetter) width(s string, pt float64) int {
	return font.MeasureString(ts.face(pt), s).Ceil()
}

func (ts *typesetter) lineHeight(pt float64) int {
	m := ts.face(pt).Metrics()
	return (m.Ascent + m.Descent).Ceil() * 5 / 4
}

// line draws one line of running text: align 0 left, 1 centred, 2 right.
func (ts *typesetter) line(s string, pt float64, align int, bold bool) {
	w, _ := ts.size()
	m := ts.margin()
	x := m
	switch align {
	case 1:
		x = (w - ts.width(s, pt)) / 2
	case 2:
		x = w - m - ts.width(s, pt)
	}
	ts.text(s, x, ts.y, pt, bold)
	ts.y += ts.lineHeight(pt)
}

// paragraph draws running text wrapped to the page width.
func (ts *typesetter) paragraph(s string, pt float64) {
	w, _ := ts.size()
	avail := w - 2*ts.margin()
	for _, l := range wrap(s, avail, func(t string) int { return ts.width(t, pt) }) {
		if ts.y+ts.lineHeight(pt) > ts.bottom() {
			ts.newPage(false)
		}
		ts.line(l, pt, 0, false)
	}
	ts.y += ts.lineHeight(pt) / 3
}

// wrap breaks s into lines no wider than w (by characters, as CJK wraps).
func wrap(s string, w int, width func(string) int) []string {
	if s == "" {
		return []string{""}
	}
	var out []string
	for s != "" {
		n := 0
		for i := range s {
			if i > 0 && width(s[:i]) > w {
				break
			}
			n = i
		}
		if width(s) <= w {
			n = len(s)
		}
		if n == 0 {
			_, n = utf8.DecodeRuneInString(s)
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// Typeset lays out a document on pages, as a person would print it.
func Typeset(d Doc) ([]*Page, error) {
	if _, err := loadFont(); err != nil {
		return nil, err
	}
	s := d.Spec
	ts := &typesetter{spec: s, dpi: float64(s.DPI), faces: map[float64]font.Face{}}
	pt := s.PointSize
	ts.newPage(false)
	ts.y += ts.px(0.5)
	for i, p := range d.Narrative {
		switch {
		case i == 0:
			ts.line(p, pt+6, 1, true)
		case i == 1:
			ts.line(p, pt+8, 1, true)
			ts.y += ts.lineHeight(pt)
		default:
			ts.paragraph(p, pt+1)
		}
	}
	for i, t := range d.Tables {
		lay := ts.layoutTable(t, pt)
		share := i > 0 && s.rng.Float64() < s.ShareLast && lay.land == ts.land &&
			ts.y+lay.titleH+lay.headH+3*lay.rowH[0] < ts.bottom()
		if share {
			ts.y += ts.lineHeight(pt) * 2
		} else {
			ts.newPage(lay.land)
		}
		ts.drawTable(d, t, lay, i)
	}
	for i, p := range ts.pages {
		// a folio at the foot of every page
		w, h := ts.size()
		f := fmt.Sprintf("- %d -", i+1)
		fw := ts.width(f, pt)
		ts.cur = p
		ts.text(f, (p.Img.Bounds().Dx()-fw)/2, p.Img.Bounds().Dy()-ts.px(0.6), pt, false)
		_, _ = w, h
	}
	return ts.pages, nil
}

// tableLayout is where a table's columns and rows go.
type tableLayout struct {
	land   bool
	pt     float64
	colX   []int // left edge of each column, and the right edge last
	rowH   []int // height of each body row
	hdrH   []int // height of each header row
	headH  int
	titleH int
	span   [][]cellSpan
}

// cellSpan is a header cell's extent: columns and rows it covers; covered
// cells have cols == 0.
type cellSpan struct{ cols, rows int }

// headerSpans rebuilds the merged cells of a header from its empty cells:
// a label spans the empty cells after it while a row below has labels
// there, and spans down while the rows below are empty under it.
func headerSpans(h [][]string) [][]cellSpan {
	sp := make([][]cellSpan, len(h))
	covered := make([][]bool, len(h))
	for i := range h {
		sp[i] = make([]cellSpan, len(h[i]))
		covered[i] = make([]bool, len(h[i]))
	}
	labelBelow := func(i, j int) bool {
		for k := i + 1; k < len(h); k++ {
			if h[k][j] != "" {
				return true
			}
		}
		return false
	}
	for i := range h {
		for j := 0; j < len(h[i]); j++ {
			if covered[i][j] {
				continue
			}
			c := 1
			if h[i][j] != "" {
				for j+c < len(h[i]) && h[i][j+c] == "" && !covered[i][j+c] && labelBelow(i, j+c) {
					c++
				}
			}
			r := 1
			if h[i][j] != "" {
			down:
				for i+r < len(h) {
					for k := j; k < j+c; k++ {
						if h[i+r][k] != "" || covered[i+r][k] {
							break down
						}
					}
					r++
				}
			}
			sp[i][j] = cellSpan{c, r}
			for a := i; a < i+r; a++ {
				for b := j; b < j+c; b++ {
					if a != i || b != j {
						covered[a][b] = true
					}
				}
			}
		}
	}
	return sp
}

func (ts *typesetter) layoutTable(t Table, pt float64) tableLayout {
	ncol := len(t.Body[0])
	if len(t.Header) > 0 {
		ncol = len(t.Header[0])
	}
	lay := tableLayout{pt: pt, span: headerSpans(t.Header)}
	pad := ts.px(0.06)
	for {
		nat := make([]int, ncol)
		for _, r := range t.Body {
			for j, c := range r {
				nat[j] = max(nat[j], ts.width(c, pt)+2*pad)
			}
		}
		for i, r := range t.Header {
			for j, c := range r {
				if lay.span[i][j].cols == 1 {
					nat[j] = max(nat[j], min(ts.width(c, pt), ts.width("一二三四五六", pt))+2*pad)
				}
			}
		}
		minW := ts.width("一二", pt) + 2*pad
		for j := range nat {
			nat[j] = max(nat[j], minW)
		}
		total := 0
		for _, w := range nat {
			total += w
		}
		pw := ts.px(8.27) - 2*ts.margin()
		lay.land = total > pw
		avail := pw
		if lay.land {
			avail = ts.px(11.69) - 2*ts.margin()
		}
		// cap the widest columns until the table fits
		capW := 0
		for _, w := range nat {
			capW = max(capW, w)
		}
		sum := func(c int) int {
			s := 0
			for _, w := range nat {
				s += min(w, c)
			}
			return s
		}
		for capW > minW && sum(capW) > avail {
			capW--
		}
		numW := 0
		for _, r := range t.Body {
			for j, c := range r {
				if amountRe.MatchString(c) || codeLike(c) {
					numW = max(numW, ts.width(c, pt)+2*pad)
					_ = j
				}
			}
		}
		if (capW < numW || sum(capW) > avail) && pt > 6.5 {
			pt -= 0.5
			lay.pt = pt
			continue
		}
		// spread what is left over the columns
		extra := (avail - sum(capW)) / ncol
		if !lay.land {
			extra = min(extra, ts.px(0.4))
		}
		x := ts.margin()
		lay.colX = []int{x}
		for _, w := range nat {
			x += min(w, capW) + extra
			lay.colX = append(lay.colX, x)
		}
		break
	}
	lh := ts.lineHeight(lay.pt)
	cellLines := func(s string, j, cols int) int {
		w := lay.colX[j+cols] - lay.colX[j] - 2*pad
		return len(wrap(s, w, func(t string) int { return ts.width(t, lay.pt) }))
	}
	for i, r := range t.Header {
		h := lh + 2*pad
		for j, c := range r {
			if sp := lay.span[i][j]; sp.cols > 0 && sp.rows == 1 {
				h = max(h, cellLines(c, j, sp.cols)*lh+2*pad)
			}
		}
		lay.hdrH = append(lay.hdrH, h)
		lay.headH += h
	}
	for _, r := range t.Body {
		h := lh + 2*pad
		for j, c := range r {
			h = max(h, cellLines(c, j, 1)*lh+2*pad)
		}
		lay.rowH = append(lay.rowH, h)
	}
	lay.titleH = ts.lineHeight(pt+2)*3 + ts.lineHeight(pt+6)
	return lay
}

func codeLike(s string) bool {
	if len(s) < 3 || len(s) > 8 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// drawTable draws table t (the i-th of the document) from the current
// position, breaking pages where the spec says or the page ends.
func (ts *typesetter) drawTable(d Doc, t Table, lay tableLayout, i int) {
	s := d.Spec
	pt := lay.pt
	titleBlock := func(marker bool) {
		if marker {
			ts.line(fmt.Sprintf(s.Marker, t.N), pt+2, 0, true)
		}
		if s.DeptInline {
			ts.line(d.Department+" "+t.Title, pt+4, 1, true)
		} else {
			ts.line(d.Department, pt+2, 1, false)
			ts.line(t.Title, pt+6, 1, true)
		}
		ts.line("单位：万元", pt, 2, false)
	}
	ts.mark(t.N)
	titleBlock(true)
	ts.drawHeader(t, lay)
	first := true
	onPage := 0
	for r, row := range t.Body {
		full := ts.y+lay.rowH[r] > ts.bottom() || onPage >= s.MaxRows[i]
		if full && onPage > 0 {
			if first && s.SealTable == t.N {
				ts.seal(lay)
			}
			first = false
			ts.newPage(lay.land)
			ts.mark(t.N)
			onPage = 0
			switch s.Cont[i] {
			case 0:
				titleBlock(false)
				ts.drawHeader(t, lay)
			case 1:
				ts.drawHeader(t, lay)
			}
		}
		ts.drawRow(row, lay, lay.rowH[r], nil, false)
		onPage++
	}
	if first && s.SealTable == t.N {
		ts.seal(lay)
	}
	for _, n := range t.Notes {
		ts.y += ts.lineHeight(pt) / 2
		ts.paragraph(n, pt)
	}
}

func (ts *typesetter) seal(lay tableLayout) {
	x := lay.colX[len(lay.colX)-1] - ts.px(1.3)
	r := image.Rect(x-ts.px(0.8), ts.y-ts.px(1.9), x+ts.px(0.8), ts.y-ts.px(0.3))
	ts.cur.Seal = &r
}

func (ts *typesetter) drawHeader(t Table, lay tableLayout) {
	y0 := ts.y
	for i, r := range t.Header {
		ts.drawRow(r, lay, lay.hdrH[i], lay.span, true)
		_ = i
	}
	_ = y0
}

// drawRow draws one row of cells with its rules; in a header (spans set)
// a merged cell is drawn once, over the rows and columns it covers.
func (ts *typesetter) drawRow(row []string, lay tableLayout, h int, spans [][]cellSpan, header bool) {
	img := ts.cur.Img
	th := max(1, int(ts.dpi/150))
	pad := ts.px(0.06)
	lh := ts.lineHeight(lay.pt)
	y := ts.y
	hline := func(x0, x1, y int) { fill(img, image.Rect(x0, y, x1+th, y+th)) }
	vline := func(x, y0, y1 int) { fill(img, image.Rect(x, y0, x+th, y1+th)) }
	ri := -1
	if header {
		// which header row this is: count the rows already drawn
		ri = ts.headerRow
		ts.headerRow = (ts.headerRow + 1) % len(spans)
	}
	// rows below a header cell that spans down are not ruled across it
	for j := range row {
		x0, x1 := lay.colX[j], lay.colX[j+1]
		cols, rows := 1, 1
		if header {
			sp := spans[ri][j]
			if sp.cols == 0 {
				continue
			}
			cols, rows = sp.cols, sp.rows
			x1 = lay.colX[j+cols]
		}
		ch := h
		if rows > 1 {
			for k := ri + 1; k < ri+rows; k++ {
				ch += lay.hdrH[k]
			}
		}
		hline(x0, x1, y)
		hline(x0, x1, y+ch)
		vline(x0, y, y+ch)
		vline(x1, y, y+ch)
		c := row[j]
		lines := wrap(c, x1-x0-2*pad, func(t string) int { return ts.width(t, lay.pt) })
		ty := y + (ch-len(lines)*lh)/2 + lh/10
		for _, l := range lines {
			w := ts.width(l, lay.pt)
			var tx int
			switch {
			case header:
				tx = x0 + (x1-x0-w)/2
			case amountRe.MatchString(c):
				tx = x1 - pad - w
			default:
				tx = x0 + pad
			}
			ts.text(l, tx, ty, lay.pt, false)
			ty += lh
		}
	}
	ts.y += h
}

func fill(img *image.Gray, r image.Rectangle) {
	draw.Draw(img, r.Intersect(img.Bounds()), &image.Uniform{color.Gray{0}}, image.Point{}, draw.Src)
}

// mixedFace draws ASCII from the Latin face and everything else from the
// CJK face, as a word processor falls back from one font to the other.
type mixedFace struct{ cjk, latin font.Face }

func (m mixedFace) pick(r rune) font.Face {
	if r < 0x80 {
		return m.latin
	}
	return m.cjk
}

func (m mixedFace) Close() error { return nil }

func (m mixedFace) Glyph(dot fixed.Point26_6, r rune) (image.Rectangle, image.Image, image.Point, fixed.Int26_6, bool) {
	return m.pick(r).Glyph(dot, r)
}

func (m mixedFace) GlyphBounds(r rune) (fixed.Rectangle26_6, fixed.Int26_6, bool) {
	return m.pick(r).GlyphBounds(r)
}

func (m mixedFace) GlyphAdvance(r rune) (fixed.Int26_6, bool) { return m.pick(r).GlyphAdvance(r) }

func (m mixedFace) Kern(r0, r1 rune) fixed.Int26_6 { return 0 }

func (m mixedFace) Metrics() font.Metrics { return m.cjk.Metrics() }
