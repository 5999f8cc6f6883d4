package pdf

import (
	"context"
	"math"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// rawChar is one character of the text layer, in page space (points, Y down).
type rawChar struct {
	R              rune
	X0, Y0, X1, Y1 float64 // loose box: advance width × font ascent/descent
	Base           float64 // baseline: the character origin's Y
	SpaceBefore    bool    // a space (real or PDFium-generated) preceded it
	RealSpace      bool    // a space character of the PDF itself preceded it
	MapErr         bool    // PDFium reports no usable Unicode mapping
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

// extractPage reads one page. ctx is checked every few thousand PDFium
// calls, so that a time-out stops a page of millions of objects too.
func extractPage(ctx context.Context, in pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int) (*rawPage, error) {
	lp, err := in.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: index})
	if err != nil {
		return nil, err
	}
	defer in.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	page := requests.Page{ByReference: &lp.Page}

	wr, err := in.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: page})
	if err != nil {
		return nil, err
	}
	hr, err := in.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: page})
	if err != nil {
		return nil, err
	}
	rp := &rawPage{Number: index + 1, W: float64(wr.PageWidth), H: float64(hr.PageHeight)}

	// Page space → points with Y down (handles /Rotate, crop box offsets).
	dev, err := deviceTransform(in, page, rp.W, rp.H)
	if err != nil {
		return nil, err
	}

	if err := extractChars(ctx, in, page, dev, rp); err != nil {
		return nil, err
	}
	if err := extractPaths(ctx, in, page, dev, rp); err != nil {
		return nil, err
	}
	return rp, nil
}

func deviceTransform(in pdfium.Pdfium, page requests.Page, w, h float64) (affine, error) {
	pt := func(x, y float64) (float64, float64, error) {
		r, err := in.FPDF_PageToDevice(&requests.FPDF_PageToDevice{
			Page: page, SizeX: int(math.Round(w * devScale)), SizeY: int(math.Round(h * devScale)),
			Rotate: enums.FPDF_PAGE_ROTATION_NONE, PageX: x, PageY: y,
		})
		if err != nil {
			return 0, 0, err
		}
		return float64(r.DeviceX) / devScale, float64(r.DeviceY) / devScale, nil
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

func extractChars(ctx context.Context, in pdfium.Pdfium, page requests.Page, dev affine, rp *rawPage) error {
	tp, err := in.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return err
	}
	defer in.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	cnt, err := in.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return err
	}
	rp.Chars = make([]rawChar, 0, cnt.Count)
	space, real := false, false
	for i := 0; i < cnt.Count; i++ {
		if i&4095 == 4095 && ctx.Err() != nil {
			return ctx.Err()
		}
		u, err := in.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return err
		}
		r := rune(u.Unicode)
		switch r {
		case ' ', '\t', '\u00a0', '\u3000':
			space = true
			if g, err := in.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: tp.TextPage, Index: i}); err == nil && !g.IsGenerated {
				real = true
			}
			continue
		case '\r', '\n', 0xfffe, 0xffff:
			space = true
			continue
		}
		b, err := in.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return err
		}
		x0, y0 := dev.apply(float64(b.Rect.Left), float64(b.Rect.Top))
		x1, y1 := dev.apply(float64(b.Rect.Right), float64(b.Rect.Bottom))
		c := rawChar{R: r, X0: math.Min(x0, x1), X1: math.Max(x0, x1), Y0: math.Min(y0, y1), Y1: math.Max(y0, y1), SpaceBefore: space, RealSpace: real}
		c.Base = c.Y1 - 0.2*(c.Y1-c.Y0)
		if o, err := in.FPDFText_GetCharOrigin(&requests.FPDFText_GetCharOrigin{TextPage: tp.TextPage, Index: i}); err == nil {
			_, c.Base = dev.apply(o.X, o.Y)
		}
		if r == 0 {
			c.MapErr = true
		} else if me, err := in.FPDFText_HasUnicodeMapError(&requests.FPDFText_HasUnicodeMapError{TextPage: tp.TextPage, Index: i}); err == nil && me.HasUnicodeMapError {
			c.MapErr = true
		}
		space, real = false, false
		rp.Chars = append(rp.Chars, c)
	}
	return nil
}

// Path handling limits: a path with more segments than this is a drawing,
// not a table border; skip walking it.
const maxPathSegments = 400

func extractPaths(ctx context.Context, in pdfium.Pdfium, page requests.Page, dev affine, rp *rawPage) error {
	n, err := in.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return err
	}
	for i := 0; i < n.Count; i++ {
		if i&1023 == 1023 && ctx.Err() != nil {
			return ctx.Err()
		}
		o, err := in.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: i})
		if err != nil {
			return err
		}
		if err := walkObject(in, o.PageObject, identity, dev, rp, 0); err != nil {
			return err
		}
	}
	return nil
}

func walkObject(in pdfium.Pdfium, obj references.FPDF_PAGEOBJECT, parent affine, dev affine, rp *rawPage, depth int) error {
	t, err := in.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
	if err != nil {
		return err
	}
	switch t.Type {
	case enums.FPDF_PAGEOBJ_IMAGE:
		rp.Images++
	case enums.FPDF_PAGEOBJ_FORM:
		if depth > 8 {
			return nil
		}
		m, err := in.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj})
		if err != nil {
			return err
		}
		fm := toAffine(m.Matrix.A, m.Matrix.B, m.Matrix.C, m.Matrix.D, m.Matrix.E, m.Matrix.F).then(parent)
		c, err := in.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: obj})
		if err != nil {
			return err
		}
		for j := 0; j < c.Count; j++ {
			ch, err := in.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: obj, Index: uint64(j)})
			if err != nil {
				return err
			}
			if err := walkObject(in, ch.PageObject, fm, dev, rp, depth+1); err != nil {
				return err
			}
		}
	case enums.FPDF_PAGEOBJ_PATH:
		return pathSegs(in, obj, parent, dev, rp)
	}
	return nil
}

func toAffine(a, b, c, d, e, f float32) affine {
	return affine{float64(a), float64(b), float64(c), float64(d), float64(e), float64(f)}
}

// Thin shapes: a filled or stroked path whose box is at most this thick is
// a ruling line (WPS and Excel draw cell borders as thin filled rectangles).
const thinRule = 2.5

func pathSegs(in pdfium.Pdfium, obj references.FPDF_PAGEOBJECT, parent, dev affine, rp *rawPage) error {
	dm, err := in.FPDFPath_GetDrawMode(&requests.FPDFPath_GetDrawMode{PageObject: obj})
	if err != nil {
		return err
	}
	filled := dm.FillMode != enums.FPDF_FILLMODE_NONE
	if !filled && !dm.Stroke {
		return nil // clipping or invisible path
	}
	if filled && !dm.Stroke {
		// White fills are page backgrounds or erasers, not lines.
		if fc, err := in.FPDFPageObj_GetFillColor(&requests.FPDFPageObj_GetFillColor{PageObject: obj}); err == nil {
			c := fc.FillColor
			if c.A == 0 || (c.R > 240 && c.G > 240 && c.B > 240) {
				return nil
			}
		}
	}
	m, err := in.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj})
	if err != nil {
		return err
	}
	full := toAffine(m.Matrix.A, m.Matrix.B, m.Matrix.C, m.Matrix.D, m.Matrix.E, m.Matrix.F).then(parent).then(dev)

	cnt, err := in.FPDFPath_CountSegments(&requests.FPDFPath_CountSegments{PageObject: obj})
	if err != nil {
		return err
	}
	if cnt.Count <= 0 || cnt.Count > maxPathSegments {
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
	for j := 0; j < cnt.Count; j++ {
		s, err := in.FPDFPath_GetPathSegment(&requests.FPDFPath_GetPathSegment{PageObject: obj, Index: j})
		if err != nil {
			return err
		}
		st, err := in.FPDFPathSegment_GetType(&requests.FPDFPathSegment_GetType{PathSegment: s.PathSegment})
		if err != nil {
			return err
		}
		p, err := in.FPDFPathSegment_GetPoint(&requests.FPDFPathSegment_GetPoint{PathSegment: s.PathSegment})
		if err != nil {
			return err
		}
		x, y := full.apply(float64(p.X), float64(p.Y))
		switch st.Type {
		case enums.FPDF_SEGMENT_MOVETO:
			flush(false)
			sub = append(sub, point{x, y})
		case enums.FPDF_SEGMENT_BEZIERTO:
			curves = true
			sub = append(sub, point{x, y})
		default:
			sub = append(sub, point{x, y})
		}
		cl, err := in.FPDFPathSegment_GetClose(&requests.FPDFPathSegment_GetClose{PathSegment: s.PathSegment})
		if err == nil && cl.IsClose {
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
		if !dm.Stroke && !filled {
			continue
		}
		// Every axis-aligned edge of a stroked path (and of a filled
		// rectangle, whose sides are cell borders) is a candidate rule.
		if filled && !dm.Stroke && !isRect(sp) {
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
