package pdf

import (
	"context"
	"math"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/yusuan-data/yusuan/extract/align"
)

// rawChar is one character of the text layer, in page space (points, Y down).
type rawChar struct {
	align.Piece      // the character, its loose box (advance width × font ascent/descent) and baseline
	MapErr      bool // PDFium reports no usable Unicode mapping
	Clipped     bool // drawn outside its clip path: not visible (clip.go)
}

func (c rawChar) cx() float64 { return (c.X0 + c.X1) / 2 }
func (c rawChar) cy() float64 { return (c.Y0 + c.Y1) / 2 }
func (c rawChar) h() float64  { return c.Y1 - c.Y0 }

// rawPage is what PDFium tells about one page, before any layout work.
type rawPage struct {
	Number int
	W, H   float64
	Chars  []rawChar
	Segs   []seg // horizontal and vertical strokes, thin fills, rect sides
	Images int   // image objects on the page
}

type point struct{ x, y float64 }

// seg is an axis-aligned line in page space. Horizontal when Y0 == Y1.
type seg struct{ X0, Y0, X1, Y1 float64 }

func (s seg) horizontal() bool { return s.Y0 == s.Y1 }

// affine is a PDF matrix [a b c d e f]: x' = a x + c y + e, y' = b x + d y + f.
type affine struct{ a, b, c, d, e, f float64 }

func (m affine) apply(x, y float64) (float64, float64) {
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

// then returns the transform "m, then n".
func (m affine) then(n affine) affine {
	return affine{
		a: m.a*n.a + m.b*n.c, b: m.a*n.b + m.b*n.d,
		c: m.c*n.a + m.d*n.c, d: m.c*n.b + m.d*n.d,
		e: m.e*n.a + m.f*n.c + n.e, f: m.e*n.b + m.f*n.d + n.f,
	}
}

var identity = affine{a: 1, d: 1}

const devScale = 1000 // FPDF_PageToDevice answers in integers: ask at 1000 px/pt

// extractPage reads one page of a document opened with go-pdfium.
func extractPage(ctx context.Context, in pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int) (*rawPage, error) {
	return readPage(ctx, goPDF{in}, handle{ref: string(doc)}, index)
}

// readPage reads one page. ctx is checked every few thousand PDFium
// calls, so that a time-out stops a page of millions of objects too.
func readPage(ctx context.Context, in pdfAPI, doc handle, index int) (*rawPage, error) {
	page, err := in.loadPage(doc, index)
	if err != nil {
		return nil, err
	}
	defer in.closePage(page)

	w, h, err := in.pageSize(page)
	if err != nil {
		return nil, err
	}
	rp := &rawPage{Number: index + 1, W: float64(w), H: float64(h)}

	// Page space → points with Y down (handles /Rotate, crop box offsets).
	dev, err := deviceTransform(in, page, rp.W, rp.H)
	if err != nil {
		return nil, err
	}

	// Paths first: walking the objects tells whether any text pokes out
	// of its clip path, which the characters then are checked against.
	cl := newClipper()
	if err := extractPaths(ctx, in, page, dev, rp, cl); err != nil {
		return nil, err
	}
	if err := extractChars(ctx, in, page, dev, rp, cl); err != nil {
		return nil, err
	}
	return rp, nil
}

func deviceTransform(in pdfAPI, page handle, w, h float64) (affine, error) {
	pt := func(x, y float64) (float64, float64, error) {
		dx, dy, err := in.pageToDevice(page, int(math.Round(w*devScale)), int(math.Round(h*devScale)), x, y)
		if err != nil {
			return 0, 0, err
		}
		return float64(dx) / devScale, float64(dy) / devScale, nil
	}
	ox, oy, err := pt(0, 0)
	if err != nil {
		return identity, err
	}
	ax, ay, err := pt(100, 0)
	if err != nil {
		return identity, err
	}
	bx, by, err := pt(0, 100)
	if err != nil {
		return identity, err
	}
	return affine{a: (ax - ox) / 100, b: (ay - oy) / 100, c: (bx - ox) / 100, d: (by - oy) / 100, e: ox, f: oy}, nil
}

func extractChars(ctx context.Context, in pdfAPI, page handle, dev affine, rp *rawPage, cl *clipper) error {
	tp, err := in.loadTextPage(page)
	if err != nil {
		return err
	}
	defer in.closeTextPage(tp)
	cnt, err := in.countChars(tp)
	if err != nil {
		return err
	}
	rp.Chars = make([]rawChar, 0, cnt)
	space, real := false, false
	var prev rawChar // the last character read, where it was drawn
	for i := 0; i < cnt; i++ {
		if i&4095 == 4095 && ctx.Err() != nil {
			return ctx.Err()
		}
		u, err := in.unicode(tp, i)
		if err != nil {
			return err
		}
		r := rune(u)
		switch r {
		case ' ', '\t', '\u00a0', '\u3000':
			space = true
			if g, err := in.isGenerated(tp, i); err == nil && !g {
				real = true
			}
			continue
		case '\r', '\n', 0xfffe, 0xffff:
			space = true
			continue
		}
		left, top, right, bottom, err := in.looseCharBox(tp, i)
		if err != nil {
			return err
		}
		x0, y0 := dev.apply(float64(left), float64(top))
		x1, y1 := dev.apply(float64(right), float64(bottom))
		c := rawChar{Piece: align.Piece{R: r, X0: math.Min(x0, x1), X1: math.Max(x0, x1), Y0: math.Min(y0, y1), Y1: math.Max(y0, y1), SpaceBefore: space, RealSpace: real}}
		c.Base = c.Y1 - 0.2*(c.Y1-c.Y0)
		if ox, oy, err := in.charOrigin(tp, i); err == nil {
			_, c.Base = dev.apply(ox, oy)
		}
		if r == 0 {
			c.MapErr = true
		} else if me, err := in.hasUnicodeMapError(tp, i); err == nil && me {
			c.MapErr = true
		}
		if cl.any {
			var b box
			b, c.Clipped = cl.clipped(in, tp, i, dev, c)
			drawn := c
			if c.Clipped && len(rp.Chars) > 0 && overflows(c, prev, !rp.Chars[len(rp.Chars)-1].Clipped, b) {
				// read, placed just inside the clip's right side so that
				// it stays in its cell (clip.go)
				c.X1, c.X0, c.Clipped = b.x1-0.01, b.x1-0.03, false
			}
			prev = drawn
		}
		space, real = false, false
		rp.Chars = append(rp.Chars, c)
	}
	return nil
}

// Path handling limits: a path with more segments than this is a drawing,
// not a table border; skip walking it.
const maxPathSegments = 400

func extractPaths(ctx context.Context, in pdfAPI, page handle, dev affine, rp *rawPage, cl *clipper) error {
	n, err := in.countObjects(page)
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if i&1023 == 1023 && ctx.Err() != nil {
			return ctx.Err()
		}
		o, err := in.object(page, i)
		if err != nil {
			return err
		}
		if err := walkObject(in, o, identity, dev, rp, cl, 0); err != nil {
			return err
		}
	}
	return nil
}

func walkObject(in pdfAPI, obj handle, parent affine, dev affine, rp *rawPage, cl *clipper, depth int) error {
	t, err := in.objectType(obj)
	if err != nil {
		return err
	}
	switch t {
	case enums.FPDF_PAGEOBJ_IMAGE:
		rp.Images++
	case enums.FPDF_PAGEOBJ_FORM:
		if depth > 8 {
			return nil
		}
		m, err := in.objectMatrix(obj)
		if err != nil {
			return err
		}
		fm := toAffine(m).then(parent)
		c, err := in.formCount(obj)
		if err != nil {
			return err
		}
		for j := 0; j < c; j++ {
			ch, err := in.formObject(obj, j)
			if err != nil {
				return err
			}
			if err := walkObject(in, ch, fm, dev, rp, cl, depth+1); err != nil {
				return err
			}
		}
	case enums.FPDF_PAGEOBJ_PATH:
		return pathSegs(in, obj, parent, dev, rp)
	case enums.FPDF_PAGEOBJ_TEXT:
		if !cl.any {
			_, cl.any = cl.pokesOut(in, obj)
		}
	}
	return nil
}

func toAffine(m [6]float32) affine {
	return affine{float64(m[0]), float64(m[1]), float64(m[2]), float64(m[3]), float64(m[4]), float64(m[5])}
}

// Thin shapes: a filled or stroked path whose box is at most this thick is
// a ruling line (WPS and Excel draw cell borders as thin filled rectangles).
const thinRule = 2.5

func pathSegs(in pdfAPI, obj handle, parent, dev affine, rp *rawPage) error {
	fillMode, stroke, err := in.drawMode(obj)
	if err != nil {
		return err
	}
	filled := fillMode != enums.FPDF_FILLMODE_NONE
	if !filled && !stroke {
		return nil // clipping or invisible path
	}
	if filled && !stroke {
		// White fills are page backgrounds or erasers, not lines.
		if r, g, b, a, err := in.fillColor(obj); err == nil {
			if a == 0 || (r > 240 && g > 240 && b > 240) {
				return nil
			}
		}
	}
	m, err := in.objectMatrix(obj)
	if err != nil {
		return err
	}
	full := toAffine(m).then(parent).then(dev)

	cnt, err := in.countSegments(obj)
	if err != nil {
		return err
	}
	if cnt <= 0 || cnt > maxPathSegments {
		return nil
	}
	var sub []point // current subpath
	var subs [][]point
	closed := []bool{}
	curves := false
	flush := func(close bool) {
		if len(sub) > 0 {
			subs = append(subs, sub)
			closed = append(closed, close)
		}
		sub = nil
	}
	for j := 0; j < cnt; j++ {
		sg, err := in.segment(obj, j)
		if err != nil {
			return err
		}
		st, err := in.segmentType(sg)
		if err != nil {
			return err
		}
		px, py, err := in.segmentPoint(sg)
		if err != nil {
			return err
		}
		x, y := full.apply(float64(px), float64(py))
		switch st {
		case enums.FPDF_SEGMENT_MOVETO:
			flush(false)
			sub = append(sub, point{x, y})
		case enums.FPDF_SEGMENT_BEZIERTO:
			curves = true
			sub = append(sub, point{x, y})
		default:
			sub = append(sub, point{x, y})
		}
		if cl, err := in.segmentClose(sg); err == nil && cl {
			flush(true)
		}
	}
	flush(false)
	if curves {
		return nil // rounded shapes, seals, charts
	}
	for k, sp := range subs {
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, q := range sp {
			x0, y0 = math.Min(x0, q.x), math.Min(y0, q.y)
			x1, y1 = math.Max(x1, q.x), math.Max(y1, q.y)
		}
		w, h := x1-x0, y1-y0
		if filled && len(sp) >= 3 && (w <= thinRule || h <= thinRule) {
			// A thin filled shape is a line along its long side.
			if w >= h && w > 1 {
				rp.Segs = append(rp.Segs, seg{x0, (y0 + y1) / 2, x1, (y0 + y1) / 2})
			} else if h > w && h > 1 {
				rp.Segs = append(rp.Segs, seg{(x0 + x1) / 2, y0, (x0 + x1) / 2, y1})
			}
			continue
		}
		if !stroke && !filled {
			continue
		}
		// Every axis-aligned edge of a stroked path (and of a filled
		// rectangle, whose sides are cell borders) is a candidate rule.
		if filled && !stroke && !isRect(sp) {
			continue
		}
		n := len(sp)
		last := n - 1
		if closed[k] || (filled && n >= 3) {
			last = n
		}
		for e := 0; e < last; e++ {
			a, b := sp[e], sp[(e+1)%n]
			switch {
			case math.Abs(a.y-b.y) < 0.5 && math.Abs(a.x-b.x) > 1:
				y := (a.y + b.y) / 2
				rp.Segs = append(rp.Segs, seg{math.Min(a.x, b.x), y, math.Max(a.x, b.x), y})
			case math.Abs(a.x-b.x) < 0.5 && math.Abs(a.y-b.y) > 1:
				x := (a.x + b.x) / 2
				rp.Segs = append(rp.Segs, seg{x, math.Min(a.y, b.y), x, math.Max(a.y, b.y)})
			}
		}
	}
	return nil
}

// isRect reports whether a subpath is an axis-aligned rectangle.
func isRect(sp []point) bool {
	n := len(sp)
	if n == 5 && math.Abs(sp[0].x-sp[4].x) < 0.5 && math.Abs(sp[0].y-sp[4].y) < 0.5 {
		n = 4
	}
	if n != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		a, b := sp[i], sp[(i+1)%4]
		if math.Abs(a.x-b.x) > 0.5 && math.Abs(a.y-b.y) > 0.5 {
			return false
		}
	}
	return true
}
