package ocr

import (
	"fmt"
	"image"
	"image/color"
	"math"
)

// gray is an 8-bit raster, 0 = black, 255 = white.
type gray struct {
	w, h int
	pix  []uint8
}

func newGray(w, h int) *gray {
	g := &gray{w: w, h: h, pix: make([]uint8, w*h)}
	for i := range g.pix {
		g.pix[i] = 255
	}
	return g
}

func (g *gray) at(x, y int) uint8 { return g.pix[y*g.w+x] }

// toGray reduces an image to one channel. The red channel is used: black
// print is dark in every channel, while a red seal or red letterhead is
// light in red and so drops out before binarisation.
func toGray(img image.Image) *gray {
	b := img.Bounds()
	g := &gray{w: b.Dx(), h: b.Dy(), pix: make([]uint8, b.Dx()*b.Dy())}
	switch m := img.(type) {
	case *image.Gray:
		for y := 0; y < g.h; y++ {
			copy(g.pix[y*g.w:(y+1)*g.w], m.Pix[y*m.Stride:y*m.Stride+g.w])
		}
	case *image.RGBA:
		for y := 0; y < g.h; y++ {
			row := m.Pix[y*m.Stride:]
			for x := 0; x < g.w; x++ {
				g.pix[y*g.w+x] = redOf(row[4*x], row[4*x+3])
			}
		}
	case *image.NRGBA:
		for y := 0; y < g.h; y++ {
			row := m.Pix[y*m.Stride:]
			for x := 0; x < g.w; x++ {
				r, a := row[4*x], row[4*x+3]
				g.pix[y*g.w+x] = uint8((int(r)*int(a) + 255*(255-int(a))) / 255)
			}
		}
	case *image.YCbCr:
		for y := 0; y < g.h; y++ {
			for x := 0; x < g.w; x++ {
				yi := m.YOffset(x+b.Min.X, y+b.Min.Y)
				ci := m.COffset(x+b.Min.X, y+b.Min.Y)
				r, _, _ := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
				g.pix[y*g.w+x] = r
			}
		}
	default:
		for y := 0; y < g.h; y++ {
			for x := 0; x < g.w; x++ {
				r, _, _, a := img.At(x+b.Min.X, y+b.Min.Y).RGBA()
				// composite over white
				v := (r + (0xffff - a)) >> 8
				if v > 255 {
					v = 255
				}
				g.pix[y*g.w+x] = uint8(v)
			}
		}
	}
	return g
}

// redOf composites a premultiplied red value over white.
func redOf(r, a uint8) uint8 {
	v := int(r) + 255 - int(a)
	if v > 255 {
		v = 255
	}
	return uint8(v)
}

// otsu returns the threshold that best splits the histogram in two.
func (g *gray) otsu() uint8 {
	var hist [256]int
	for _, v := range g.pix {
		hist[v]++
	}
	total := len(g.pix)
	var sum float64
	for i, c := range hist {
		sum += float64(i * c)
	}
	var sumB, wB float64
	best, th := -1.0, 128
	for t := 0; t < 256; t++ {
		wB += float64(hist[t])
		if wB == 0 {
			continue
		}
		wF := float64(total) - wB
		if wF == 0 {
			break
		}
		sumB += float64(t * hist[t])
		mB := sumB / wB
		mF := (sum - sumB) / wF
		v := wB * wF * (mB - mF) * (mB - mF)
		if v > best {
			best, th = v, t
		}
	}
	return uint8(th)
}

// binary is a bitmap, true = ink.
type binary struct {
	w, h int
	ink  []bool
}

func (g *gray) binarise(th uint8) *binary {
	b := &binary{w: g.w, h: g.h, ink: make([]bool, len(g.pix))}
	for i, v := range g.pix {
		b.ink[i] = v <= th
	}
	return b
}

// rotate90 turns the raster clockwise by k quarter turns.
func (g *gray) rotate90(k int) *gray {
	k = ((k % 4) + 4) % 4
	if k == 0 {
		return g
	}
	var o *gray
	if k == 2 {
		o = &gray{w: g.w, h: g.h, pix: make([]uint8, len(g.pix))}
	} else {
		o = &gray{w: g.h, h: g.w, pix: make([]uint8, len(g.pix))}
	}
	for y := 0; y < g.h; y++ {
		for x := 0; x < g.w; x++ {
			v := g.pix[y*g.w+x]
			switch k {
			case 1: // clockwise: (x,y) → (h-1-y, x)
				o.pix[x*o.w+(g.h-1-y)] = v
			case 2:
				o.pix[(g.h-1-y)*o.w+(g.w-1-x)] = v
			case 3: // counter-clockwise: (x,y) → (y, w-1-x)
				o.pix[(g.w-1-x)*o.w+y] = v
			}
		}
	}
	return o
}

// rotate turns the raster by deg degrees (positive = clockwise on screen)
// about its centre, keeping its size; uncovered corners become white.
func (g *gray) rotate(deg float64) *gray {
	if math.Abs(deg) < 0.01 {
		return g
	}
	o := &gray{w: g.w, h: g.h, pix: make([]uint8, len(g.pix))}
	rad := deg * math.Pi / 180
	s, c := math.Sin(rad), math.Cos(rad)
	cx, cy := float64(g.w-1)/2, float64(g.h-1)/2
	for y := 0; y < g.h; y++ {
		dy := float64(y) - cy
		for x := 0; x < g.w; x++ {
			dx := float64(x) - cx
			// inverse map: source = R(-deg) * dest
			sx := c*dx + s*dy + cx
			sy := -s*dx + c*dy + cy
			o.pix[y*o.w+x] = g.bilinear(sx, sy)
		}
	}
	return o
}

func (g *gray) bilinear(x, y float64) uint8 {
	if x < 0 || y < 0 || x > float64(g.w-1) || y > float64(g.h-1) {
		return 255
	}
	x0, y0 := int(x), int(y)
	x1, y1 := min(x0+1, g.w-1), min(y0+1, g.h-1)
	fx, fy := x-float64(x0), y-float64(y0)
	a := float64(g.pix[y0*g.w+x0])*(1-fx) + float64(g.pix[y0*g.w+x1])*fx
	b := float64(g.pix[y1*g.w+x0])*(1-fx) + float64(g.pix[y1*g.w+x1])*fx
	return uint8(a*(1-fy) + b*fy + 0.5)
}

// downscale shrinks by an integer factor, averaging blocks.
func (g *gray) downscale(f int) *gray {
	if f <= 1 {
		return g
	}
	o := &gray{w: g.w / f, h: g.h / f}
	o.pix = make([]uint8, o.w*o.h)
	for y := 0; y < o.h; y++ {
		for x := 0; x < o.w; x++ {
			sum := 0
			for j := 0; j < f; j++ {
				row := (y*f + j) * g.w
				for i := 0; i < f; i++ {
					sum += int(g.pix[row+x*f+i])
				}
			}
			o.pix[y*o.w+x] = uint8(sum / (f * f))
		}
	}
	return o
}

// crop copies a rectangle (clipped) into a new raster with pad pixels of
// white around it.
func (g *gray) crop(r image.Rectangle, pad int) *gray {
	r = r.Intersect(image.Rect(0, 0, g.w, g.h))
	o := newGray(r.Dx()+2*pad, r.Dy()+2*pad)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		copy(o.pix[(y-r.Min.Y+pad)*o.w+pad:], g.pix[y*g.w+r.Min.X:y*g.w+r.Max.X])
	}
	return o
}

func (g *gray) clone() *gray {
	return &gray{w: g.w, h: g.h, pix: append([]uint8(nil), g.pix...)}
}

func (g *gray) fill(r image.Rectangle, v uint8) {
	r = r.Intersect(image.Rect(0, 0, g.w, g.h))
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := g.pix[y*g.w:]
		for x := r.Min.X; x < r.Max.X; x++ {
			row[x] = v
		}
	}
}

// pgm encodes the raster as a binary PGM, which leptonica reads without
// any decompression cost.
func (g *gray) pgm() []byte {
	head := fmt.Sprintf("P5\n%d %d\n255\n", g.w, g.h)
	out := make([]byte, 0, len(head)+len(g.pix))
	out = append(out, head...)
	return append(out, g.pix...)
}

// image returns the raster as an image.Gray (shares pixels).
func (g *gray) image() *image.Gray {
	return &image.Gray{Pix: g.pix, Stride: g.w, Rect: image.Rect(0, 0, g.w, g.h)}
}

// despeckle removes 8-connected ink components smaller than minArea
// pixels: scanner speckle. The result is used to find where text is, never
// fed to the recogniser (a decimal point is small too).
func (b *binary) despeckle(minArea int) *binary {
	out := &binary{w: b.w, h: b.h, ink: append([]bool(nil), b.ink...)}
	seen := make([]bool, len(b.ink))
	var stack, comp []int
	for i, v := range b.ink {
		if !v || seen[i] {
			continue
		}
		stack = append(stack[:0], i)
		comp = comp[:0]
		seen[i] = true
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			comp = append(comp, p)
			x, y := p%b.w, p/b.w
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					nx, ny := x+dx, y+dy
					if nx < 0 || ny < 0 || nx >= b.w || ny >= b.h {
						continue
					}
					q := ny*b.w + nx
					if b.ink[q] && !seen[q] {
						seen[q] = true
						stack = append(stack, q)
					}
				}
			}
		}
		if len(comp) < minArea {
			for _, p := range comp {
				out.ink[p] = false
			}
		}
	}
	return out
}

// grayOf draws a bitmap as a raster (ink black).
func (b *binary) grayOf() *gray {
	g := &gray{w: b.w, h: b.h, pix: make([]uint8, len(b.ink))}
	for i, v := range b.ink {
		if !v {
			g.pix[i] = 255
		}
	}
	return g
}

// paper returns the commonest light value: the colour of the paper.
func (g *gray) paper() uint8 {
	var hist [256]int
	for i := 0; i < len(g.pix); i += 7 {
		hist[g.pix[i]]++
	}
	best := 255
	for v := 128; v < 256; v++ {
		if hist[v] > hist[best] {
			best = v
		}
	}
	return uint8(best)
}

// upscale enlarges by an integer factor with bilinear interpolation.
// Tesseract reads small CJK text (a 9-point unit note at 200–300 dpi, some
// 25–37 pixels high) markedly better at twice the size.
func (g *gray) upscale(f int) *gray {
	if f <= 1 {
		return g
	}
	o := newGray(g.w*f, g.h*f)
	for y := 0; y < o.h; y++ {
		sy := (float64(y)+0.5)/float64(f) - 0.5
		for x := 0; x < o.w; x++ {
			sx := (float64(x)+0.5)/float64(f) - 0.5
			o.pix[y*o.w+x] = g.bilinear(max(0, sx), max(0, sy))
		}
	}
	return o
}
