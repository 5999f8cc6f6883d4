package scangen

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
)

// Scan is one scanned page: a JPEG at the spec's resolution.
type Scan struct {
	JPEG  []byte
	W, H  int
	Color bool
}

// scanPage prints and scans one page: turned by deg degrees, speckled,
// stamped with a red seal where the page says, saved as JPEG.
func scanPage(p *Page, deg, speckle float64, quality int, r *rand.Rand) (Scan, error) {
	g := rotate(p.Img, deg)
	b := g.Bounds()
	n := int(float64(b.Dx()*b.Dy()) * speckle)
	for range n {
		x, y := r.IntN(b.Dx()), r.IntN(b.Dy())
		v := uint8(255)
		if r.IntN(3) == 0 {
			v = uint8(r.IntN(90))
		}
		g.Pix[y*g.Stride+x] = v
		if r.IntN(2) == 0 && x+1 < b.Dx() {
			g.Pix[y*g.Stride+x+1] = v
		}
	}
	// softened as the fixtures' scans are (ImageMagick -blur 0x0.6): the
	// specks become grey dots, the strokes' edges grey
	g = soften(g)
	var img image.Image = g
	if p.Seal != nil {
		img = stamp(g, *p.Seal)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return Scan{}, err
	}
	return Scan{JPEG: buf.Bytes(), W: b.Dx(), H: b.Dy(), Color: p.Seal != nil}, nil
}

// soften blurs a page with the kernel of a Gaussian of σ≈0.6 px
// ([0.16 0.68 0.16] across, then down).
func soften(src *image.Gray) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	tmp := make([]float32, w*h)
	for y := 0; y < h; y++ {
		row := src.Pix[y*src.Stride : y*src.Stride+w]
		for x := 0; x < w; x++ {
			l, r := row[max(0, x-1)], row[min(w-1, x+1)]
			tmp[y*w+x] = 0.16*float32(l) + 0.68*float32(row[x]) + 0.16*float32(r)
		}
	}
	dst := image.NewGray(b)
	for y := 0; y < h; y++ {
		up, down := max(0, y-1), min(h-1, y+1)
		for x := 0; x < w; x++ {
			v := 0.16*tmp[up*w+x] + 0.68*tmp[y*w+x] + 0.16*tmp[down*w+x]
			dst.Pix[y*dst.Stride+x] = uint8(v + 0.5)
		}
	}
	return dst
}

// rotate turns a page by deg degrees about its centre (bilinear), white
// where the paper was not.
func rotate(src *image.Gray, deg float64) *image.Gray {
	b := src.Bounds()
	dst := image.NewGray(b)
	if deg == 0 {
		copy(dst.Pix, src.Pix)
		return dst
	}
	sin, cos := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	w, h := b.Dx(), b.Dy()
	for y := 0; y < h; y++ {
		dy := float64(y) - cy
		for x := 0; x < w; x++ {
			dx := float64(x) - cx
			sx := cos*dx + sin*dy + cx
			sy := -sin*dx + cos*dy + cy
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			if x0 < 0 || y0 < 0 || x0+1 >= w || y0+1 >= h {
				dst.Pix[y*dst.Stride+x] = 255
				continue
			}
			fx, fy := sx-float64(x0), sy-float64(y0)
			i := y0*src.Stride + x0
			v := (1-fy)*((1-fx)*float64(src.Pix[i])+fx*float64(src.Pix[i+1])) +
				fy*((1-fx)*float64(src.Pix[i+src.Stride])+fx*float64(src.Pix[i+src.Stride+1]))
			dst.Pix[y*dst.Stride+x] = uint8(v + 0.5)
		}
	}
	return dst
}

// stamp lays a red seal (a ring, a star, the words 财务专用章) over r of a
// page, the way the ink darkens what is under it.
func stamp(g *image.Gray, r image.Rectangle) *image.RGBA {
	b := g.Bounds()
	out := image.NewRGBA(b)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			v := g.Pix[y*g.Stride+x]
			out.Set(x, y, color.RGBA{v, v, v, 255})
		}
	}
	cx, cy := float64(r.Min.X+r.Max.X)/2, float64(r.Min.Y+r.Max.Y)/2
	rad := float64(r.Dx()) / 2
	ring := rad / 14
	ink := func(x, y int, a float64) {
		if !(image.Point{x, y}.In(b)) {
			return
		}
		c := out.RGBAAt(x, y)
		mix := func(v uint8, inkv float64) uint8 { return uint8(math.Min(float64(v), float64(v)*(1-a)+inkv*a)) }
		out.SetRGBA(x, y, color.RGBA{mix(c.R, 215), mix(c.G, 40), mix(c.B, 45), 255})
	}
	for y := int(cy - rad - 2); y <= int(cy+rad+2); y++ {
		for x := int(cx - rad - 2); x <= int(cx+rad+2); x++ {
			d := math.Hypot(float64(x)-cx, float64(y)-cy)
			if d <= rad && d >= rad-ring {
				ink(x, y, 0.85)
			}
			// a five-pointed star in the middle
			if inStar(float64(x)-cx, float64(y)-cy, rad/3.2) {
				ink(x, y, 0.85)
			}
			// the words along the lower arc, as bars of ink
			if d < rad-1.6*ring && d > rad-4.2*ring && math.Mod(math.Atan2(float64(y)-cy, float64(x)-cx)+4*math.Pi, 0.28) < 0.16 {
				ink(x, y, 0.6)
			}
		}
	}
	return out
}

// inStar reports whether (x, y) is inside a five-pointed star of outer
// radius R centred on the origin, point up.
func inStar(x, y, R float64) bool {
	d := math.Hypot(x, y)
	if d > R {
		return false
	}
	a := math.Atan2(x, -y) // 0 at the top point
	seg := 2 * math.Pi / 5
	t := math.Mod(a+8*math.Pi, seg) / seg // 0 at a point, 0.5 between points
	if t > 0.5 {
		t = 1 - t
	}
	inner := R * 0.38
	edge := R + (inner-R)*t*2
	return d <= edge
}

// WritePDF typesets, prints and scans document d into an image-only PDF at
// path, one JPEG per page.
func WritePDF(path string, d Doc) error {
	g, err := Generate(d)
	if err != nil {
		return err
	}
	return os.WriteFile(path, g.PDF, 0o644)
}

// Generated is a scanned document and its truth.
type Generated struct {
	PDF   []byte
	Text  string        // the same document as a text export: its tables are the truth
	Pages map[int][]int // 附件 number → the pages it is printed on
}

// Generate typesets and scans document d.
func Generate(d Doc) (Generated, error) {
	pages, err := Typeset(d)
	if err != nil {
		return Generated{}, err
	}
	scans, err := scanPages(d, pages)
	if err != nil {
		return Generated{}, err
	}
	g := Generated{PDF: imagePDF(scans, d.Spec.DPI), Text: d.Text(), Pages: map[int][]int{}}
	for i, p := range pages {
		for _, n := range p.Tables {
			g.Pages[n] = append(g.Pages[n], i+1)
		}
	}
	return g, nil
}

// scanPages scans each page.
func scanPages(d Doc, pages []*Page) ([]Scan, error) {
	s := d.Spec
	var out []Scan
	for i, p := range pages {
		deg := -2 + 4*s.rng.Float64()
		sc, err := scanPage(p, deg, s.Speckle, s.JPEG, s.rng)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		out = append(out, sc)
	}
	return out, nil
}

// imagePDF wraps JPEG pages as a PDF whose pages are the size the
// resolution gives them.
func imagePDF(scans []Scan, dpi int) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(body string, stream []byte) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offs), body)
		if stream != nil {
			b.WriteString("\nstream\n")
			b.Write(stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	kids := ""
	for i := range scans {
		kids += fmt.Sprintf("%d 0 R ", 3+3*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj(fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", len(scans), kids), nil)
	for i, s := range scans {
		w := float64(s.W) * 72 / float64(dpi)
		h := float64(s.H) * 72 / float64(dpi)
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", w, h, 5+3*i, 4+3*i), nil)
		content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", w, h)
		obj(fmt.Sprintf("<< /Length %d >>", len(content)), []byte(content))
		cs := "/DeviceGray"
		if s.Color {
			cs = "/DeviceRGB"
		}
		obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>", s.W, s.H, cs, len(s.JPEG)), s.JPEG)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}
