package pdf

import "math"

// Text clipped away is not read. A PDF may draw text outside its clip
// path: the last character of a header wrapping below a cell too narrow
// for it, the text of a merged cell that spans pages repeated on each page
// and clipped to that page's part. A viewer shows nothing there (or a
// sliver), but PDFium's text layer still has the characters.
//
// A character is Clipped when the bounds of its text object stick out of
// the object's clip box by more than clipSlack and the centre of the
// character's loose box lies outside that clip box. The clip box is the
// intersection of the bounding boxes of the clip's paths (text clipping
// modes are not looked at). The first test keeps the text of an object
// drawn wholly inside its clip, whatever its loose boxes (a full stop in a
// tight cell); the second drops a line of which at most a sliver shows.
// buildPage leaves Clipped characters out as it leaves out those off the
// page.
//
// Cost. While walking the page objects (extractPaths), text objects are
// asked for their clip path until one pokes out; a path's box is cached by
// its first segment, which PDFium shares between the objects drawn under
// one clip state, so most objects cost four or five calls. Only on a page
// where text pokes out is each character asked for its text object (one
// call), and each such object for its clip once (through go-pdfium, whose
// handles are new on every call, nothing is cached: slower, same answer).
//
// Spaces. The clip path is in the space of the object's content stream:
// page space for objects on the page, form space for objects in a form.
// The form matrix is what the character's matrix adds to its object's
// text matrix (PDFium: char matrix = text matrix × form matrix).

// clipSlack: text objects sticking out of their clip by no more than this
// (points) are taken as drawn inside it.
const clipSlack = 0.5

// A clip with more paths than this is read by its first ones; a clip path
// with more segments than this is not read (its box is no limit).
const (
	maxClipPaths    = 64
	maxClipSegments = 400
)

// box is an axis-aligned rectangle.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) empty() bool { return b.x0 > b.x1 || b.y0 > b.y1 }

// pathBox is the cached box of one clip path (ok false: not usable).
type pathBox struct {
	b  box
	ok bool
}

// objClip is what clipping does to a text object's characters.
type objClip struct {
	check bool // the object pokes out of its clip: test its characters
	b     box  // clip box, page space, Y down
}

// clipper holds one page's clip boxes.
type clipper struct {
	any   bool               // some text object of the page pokes out of its clip
	paths map[handle]pathBox // clip path box (content space) by first segment
	objs  map[handle]objClip // by text object
}

func newClipper() *clipper {
	return &clipper{paths: map[handle]pathBox{}, objs: map[handle]objClip{}}
}

// pokesOut reports whether text object obj sticks out of its clip box
// (content space), and that box.
func (cl *clipper) pokesOut(in pdfAPI, obj handle) (box, bool) {
	cb, ok := cl.clipBox(in, obj)
	if !ok {
		return box{}, false
	}
	l, b, r, t, err := in.objectBounds(obj)
	if err != nil {
		return box{}, false
	}
	out := float64(l) < cb.x0-clipSlack || float64(b) < cb.y0-clipSlack ||
		float64(r) > cb.x1+clipSlack || float64(t) > cb.y1+clipSlack
	return cb, out
}

// clipBox is the intersection of the boxes of obj's clip paths, in the
// space of obj's content stream; false when obj has no usable clip.
func (cl *clipper) clipBox(in pdfAPI, obj handle) (box, bool) {
	cp, err := in.clipPath(obj)
	if err != nil {
		return box{}, false
	}
	n, err := in.clipPathCount(cp)
	if err != nil || n <= 0 {
		return box{}, false
	}
	n = min(n, maxClipPaths)
	cb := box{math.Inf(-1), math.Inf(-1), math.Inf(1), math.Inf(1)}
	found := false
	for k := 0; k < n; k++ {
		first, err := in.clipSegment(cp, k, 0)
		if err != nil {
			continue // an empty path
		}
		pb, ok := cl.paths[first]
		if !ok {
			pb = readPathBox(in, cp, k, first)
			cl.paths[first] = pb
		}
		if !pb.ok {
			continue
		}
		cb = box{max(cb.x0, pb.b.x0), max(cb.y0, pb.b.y0), min(cb.x1, pb.b.x1), min(cb.y1, pb.b.y1)}
		found = true
	}
	return cb, found
}

// readPathBox reads the bounding box of path k of clip cp, whose first
// segment is first.
func readPathBox(in pdfAPI, cp handle, k int, first handle) pathBox {
	cnt, err := in.clipSegmentCount(cp, k)
	if err != nil || cnt <= 0 || cnt > maxClipSegments {
		return pathBox{}
	}
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for j := 0; j < cnt; j++ {
		sg := first
		if j > 0 {
			if sg, err = in.clipSegment(cp, k, j); err != nil {
				return pathBox{}
			}
		}
		x, y, err := in.segmentPoint(sg)
		if err != nil {
			return pathBox{}
		}
		b = box{min(b.x0, float64(x)), min(b.y0, float64(y)), max(b.x1, float64(x)), max(b.y1, float64(y))}
	}
	return pathBox{b: b, ok: true}
}

// clipped reports whether character i of text page tp, read as c, is
// drawn outside its text object's clip, and that clip (page space).
func (cl *clipper) clipped(in pdfAPI, tp handle, i int, dev affine, c rawChar) (box, bool) {
	o, err := in.textObject(tp, i)
	if err != nil {
		return box{}, false // a character PDFium made up has no object
	}
	oc, ok := cl.objs[o]
	if !ok {
		oc = cl.objectClip(in, tp, i, o, dev)
		cl.objs[o] = oc
	}
	if !oc.check {
		return oc.b, false
	}
	x, y := c.cx(), c.cy()
	return oc.b, oc.b.empty() || x < oc.b.x0 || x > oc.b.x1 || y < oc.b.y0 || y > oc.b.y1
}

// overflows reports whether character c, outside clip box b, only runs on
// past its right side from prev, the character before it, which shows:
// c follows prev in one word (no space between) on its baseline, and is
// level with the box. A word one character wider than its cell (unit code 125001 in
// a cell cut at 12500) is cut on paper but whole in the text layer; the
// cell's text is the whole word, so c is read, drawn just inside the box.
func overflows(c, prev rawChar, prevShown bool, b box) bool {
	y := c.cy()
	if !prevShown || c.SpaceBefore || b.empty() || c.cx() <= b.x1 || y < b.y0 || y > b.y1 {
		return false
	}
	return math.Abs(c.Base-prev.Base) < 0.2*c.h() && c.X0 >= prev.X0 && c.X0-prev.X1 < 0.5*c.h()
}

// objectClip finds how clipping affects text object o, one of whose
// characters is character i of tp.
func (cl *clipper) objectClip(in pdfAPI, tp handle, i int, o handle, dev affine) objClip {
	cb, out := cl.pokesOut(in, o)
	if !out {
		return objClip{}
	}
	if cb.empty() {
		return objClip{check: true, b: cb}
	}
	// Content space → page space: the form matrix, if any.
	tm, err := in.objectMatrix(o)
	if err != nil {
		return objClip{}
	}
	cm, err := in.charMatrix(tp, i)
	if err != nil {
		return objClip{}
	}
	toPage := identity
	if tm != cm {
		inv, ok := toAffine(tm).inverse()
		if !ok {
			return objClip{}
		}
		toPage = inv.then(toAffine(cm))
	}
	m := toPage.then(dev)
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range [4]point{{cb.x0, cb.y0}, {cb.x1, cb.y0}, {cb.x0, cb.y1}, {cb.x1, cb.y1}} {
		x, y := m.apply(p.x, p.y)
		b = box{min(b.x0, x), min(b.y0, y), max(b.x1, x), max(b.y1, y)}
	}
	return objClip{check: true, b: b}
}

// inverse returns the inverse transform, false for a singular one.
func (m affine) inverse() (affine, bool) {
	det := m.a*m.d - m.b*m.c
	if math.Abs(det) < 1e-12 || math.IsNaN(det) || math.IsInf(det, 0) {
		return affine{}, false
	}
	return affine{
		a: m.d / det, b: -m.b / det,
		c: -m.c / det, d: m.a / det,
		e: (m.c*m.f - m.d*m.e) / det, f: (m.b*m.e - m.a*m.f) / det,
	}, true
}
