package ocr

import "math"

// estimateSkew returns the angle in degrees by which the page content is
// turned clockwise (text lines and rules running down to the right are
// positive), found by the projection-profile method: the angle at which the
// ink, projected along that slope, gives the sharpest row histogram. Long
// rules and text lines both sharpen it. maxDeg bounds the search.
func estimateSkew(g *gray, maxDeg float64) float64 {
	// Work at about 100 dpi-ish: 1200 px on the long side.
	f := max(1, max(g.w, g.h)/1200)
	s := g.downscale(f)
	th := s.otsu()
	type pt struct{ x, y float64 }
	var pts []pt
	for y := 0; y < s.h; y++ {
		for x := 0; x < s.w; x++ {
			if s.pix[y*s.w+x] <= th {
				pts = append(pts, pt{float64(x), float64(y)})
			}
		}
	}
	if len(pts) < 100 || len(pts) > s.w*s.h/3 {
		return 0
	}
	hist := make([]float64, s.h+2*s.w+4)
	off := float64(s.w + 2)
	score := func(deg float64) float64 {
		t := math.Tan(deg * math.Pi / 180)
		for i := range hist {
			hist[i] = 0
		}
		for _, p := range pts {
			yy := p.y - p.x*t + off
			i := int(yy)
			if i >= 0 && i < len(hist) {
				hist[i]++
			}
		}
		var sq float64
		for _, v := range hist {
			sq += v * v
		}
		return sq
	}
	best, bestS := 0.0, score(0)
	for d := -maxDeg; d <= maxDeg+1e-9; d += 0.2 {
		if sc := score(d); sc > bestS {
			best, bestS = d, sc
		}
	}
	lo, hi := best-0.2, best+0.2
	for d := lo; d <= hi+1e-9; d += 0.02 {
		if sc := score(d); sc > bestS {
			best, bestS = d, sc
		}
	}
	return best
}

// textDirection tells horizontal from vertical text on a raster whose rules
// are erased: ink is smeared along rows (and, separately, columns) over
// gaps narrower than an inter-character gap, and the direction whose runs
// come out longer is the direction of the text lines. It returns the ratio
// horizontal/vertical of the length-weighted mean run lengths: > 1 for
// horizontal text.
func textDirection(g *gray, dpi float64) float64 {
	f := max(1, int(dpi/100))
	s := g.downscale(f)
	th := s.otsu()
	if th > 200 {
		th = 200
	}
	gap := max(2, int(dirGap*dpi/float64(f)))
	runs := func(horiz bool) float64 {
		n, m := s.h, s.w
		if !horiz {
			n, m = s.w, s.h
		}
		var sum, sq float64
		for line := 0; line < n; line++ {
			start, last := -1, -1
			flush := func() {
				if start >= 0 {
					l := float64(last - start + 1)
					sum += l
					sq += l * l
				}
			}
			for i := 0; i < m; i++ {
				var v uint8
				if horiz {
					v = s.pix[line*s.w+i]
				} else {
					v = s.pix[i*s.w+line]
				}
				if v > th {
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
		}
		if sum == 0 {
			return 0
		}
		return sq / sum
	}
	h, v := runs(true), runs(false)
	if v == 0 {
		return 1
	}
	return h / v
}

var dirGap = 0.08
