package ocr

import (
	"github.com/yusuan-data/yusuan/extract/grid"
	"image"
	"math"
	"sort"
)

// Ruling lines on a raster: long dark runs after binarisation, joined
// across neighbouring rows (columns) into segments, snapped and merged.

// run is a stretch of ink along one row (horizontal) or column (vertical).
type run struct{ at, lo, hi int } // at = row (col); lo..hi inclusive

// segment is one ruling line in pixels. For a horizontal one pos is its
// y (centre of its thickness), lo/hi its x extent; for a vertical one pos
// is x and lo/hi the y extent.
type segment struct {
	horiz   bool
	pos     float64
	lo, hi  float64
	thickLo int
	thickHi int
	runs    []run
	pixels  int
}

// ruleParams scale with resolution.
type ruleParams struct {
	minLen   int     // shortest run counted as a rule
	maxGap   int     // gap bridged inside a run (noise, broken print)
	maxThick int     // thicker than this: a filled block, not a rule
	joinGap  float64 // collinear pieces closer than this are one rule
	snap     float64 // rules whose positions differ less are one
	tol      float64 // how far a rule may fall short of a crossing
	speckle  int     // ink components smaller than this are noise
}

func paramsFor(dpi float64) ruleParams {
	return ruleParams{
		minLen:   int(0.30 * dpi),
		maxGap:   max(2, int(dpi/100)),
		maxThick: max(6, int(dpi/18)),
		joinGap:  0.10 * dpi,
		snap:     0.025 * dpi,
		tol:      0.04 * dpi,
		speckle:  max(3, int(dpi*dpi/15000)),
	}
}

// findRuns lists the long ink runs of every row (horiz) or column.
func findRuns(b *binary, horiz bool, p ruleParams) []run {
	n, m := b.h, b.w // lines, length
	if !horiz {
		n, m = b.w, b.h
	}
	idx := func(line, i int) int {
		if horiz {
			return line*b.w + i
		}
		return i*b.w + line
	}
	var out []run
	for line := 0; line < n; line++ {
		start, last := -1, -1
		for i := 0; i <= m; i++ {
			ink := i < m && b.ink[idx(line, i)]
			if ink {
				if start < 0 {
					start = i
				} else if i-last-1 > p.maxGap {
					if last-start+1 >= p.minLen {
						out = append(out, run{line, start, last})
					}
					start = i
				}
				last = i
				continue
			}
			if start >= 0 && (i == m || i-last > p.maxGap) {
				if last-start+1 >= p.minLen {
					out = append(out, run{line, start, last})
				}
				start = -1
			}
		}
	}
	return out
}

// segmentsOf joins runs of adjacent lines that overlap into segments.
func segmentsOf(runs []run, horiz bool, p ruleParams) []segment {
	type open struct {
		seg  *segment
		last int // last line it got a run
		lo   int // extent of its last run
		hi   int
	}
	var segs []*segment
	var active []*open
	for _, r := range runs {
		var hit *open
		for _, a := range active {
			if r.at-a.last > 2 {
				continue
			}
			ov := min(r.hi, a.hi) - max(r.lo, a.lo)
			if ov > (min(r.hi-r.lo, a.hi-a.lo))/2 {
				hit = a
				break
			}
		}
		if hit == nil {
			s := &segment{horiz: horiz, lo: float64(r.lo), hi: float64(r.hi), thickLo: r.at, thickHi: r.at}
			segs = append(segs, s)
			hit = &open{seg: s}
			active = append(active, hit)
		}
		s := hit.seg
		s.runs = append(s.runs, r)
		s.lo, s.hi = math.Min(s.lo, float64(r.lo)), math.Max(s.hi, float64(r.hi))
		s.thickHi = r.at
		s.pixels += r.hi - r.lo + 1
		hit.last, hit.lo, hit.hi = r.at, r.lo, r.hi
		// drop segments that can no longer grow
		k := 0
		for _, a := range active {
			if r.at-a.last <= 2 {
				active[k] = a
				k++
			}
		}
		active = active[:k]
	}
	var out []segment
	for _, s := range segs {
		if s.thickHi-s.thickLo+1 > p.maxThick {
			continue
		}
		var w float64
		for _, r := range s.runs {
			w += float64(r.at) * float64(r.hi-r.lo+1)
		}
		s.pos = w / float64(s.pixels)
		out = append(out, *s)
	}
	return out
}

// mergeSegments snaps nearly collinear segments to one position and joins
// pieces separated by small gaps.
func mergeSegments(segs []segment, p ruleParams) []segment {
	if len(segs) == 0 {
		return nil
	}
	sort.Slice(segs, func(i, j int) bool { return segs[i].pos < segs[j].pos })
	// cluster positions
	var clusters [][]segment
	for _, s := range segs {
		if n := len(clusters); n > 0 {
			c := clusters[n-1]
			if s.pos-c[len(c)-1].pos <= p.snap {
				clusters[n-1] = append(c, s)
				continue
			}
		}
		clusters = append(clusters, []segment{s})
	}
	var out []segment
	for _, c := range clusters {
		var w, sum float64
		for _, s := range c {
			w += float64(s.pixels)
			sum += s.pos * float64(s.pixels)
		}
		pos := sum / w
		sort.Slice(c, func(i, j int) bool { return c[i].lo < c[j].lo })
		cur := c[0]
		cur.pos = pos
		for _, s := range c[1:] {
			if s.lo <= cur.hi+p.joinGap {
				cur.hi = math.Max(cur.hi, s.hi)
				cur.runs = append(cur.runs, s.runs...)
				cur.pixels += s.pixels
				cur.thickLo, cur.thickHi = min(cur.thickLo, s.thickLo), max(cur.thickHi, s.thickHi)
				continue
			}
			out = append(out, cur)
			cur = s
			cur.pos = pos
		}
		out = append(out, cur)
	}
	return out
}

// detectRules finds the horizontal and vertical ruling lines of a page.
func detectRules(b *binary, p ruleParams) (hs, vs []segment) {
	hs = mergeSegments(ruled(b, segmentsOf(findRuns(b, true, p), true, p)), p)
	vs = mergeSegments(ruled(b, segmentsOf(findRuns(b, false, p), false, p)), p)
	return hs, vs
}

// eraseRules paints the pixels of the rules white (with a one-pixel
// halo), so that cell crops do not carry bits of their frame.
func eraseRules(g *gray, segs []segment) {
	for _, s := range segs {
		for _, r := range s.runs {
			if s.horiz {
				g.fill(image.Rect(r.lo-2, r.at-2, r.hi+3, r.at+3), 255)
			} else {
				g.fill(image.Rect(r.at-2, r.lo-2, r.at+3, r.hi+3), 255)
			}
		}
	}
}

// findGrids builds tables from the rules found on the raster, by the same
// steps the PDF reader uses on a page's drawn rules (package grid).
func findGrids(hs, vs []segment, p ruleParams) []*grid.Table {
	toSegs := func(segs []segment) []grid.Seg {
		out := make([]grid.Seg, len(segs))
		for i, sg := range segs {
			if sg.horiz {
				out[i] = grid.Seg{X0: sg.lo, Y0: sg.pos, X1: sg.hi, Y1: sg.pos}
			} else {
				out[i] = grid.Seg{X0: sg.pos, Y0: sg.lo, X1: sg.pos, Y1: sg.hi}
			}
		}
		return out
	}
	return grid.Find(toSegs(hs), toSegs(vs), p.tol, 2)
}

// maxFringe is the most ink a ruling line may have beside it (see fringe):
// measured on 200- and 300-dpi scans, rules have at most about 0.25 (the
// rules crossing them, text touching them), lined-up strokes of bold text
// at least 0.7.
const maxFringe = 0.5

// ruled keeps the segments that stand clear like ruling lines. The others
// are runs of text strokes; erasing them would cut the characters apart.
func ruled(b *binary, segs []segment) []segment {
	k := 0
	for _, s := range segs {
		if fringe(b, s) <= maxFringe {
			segs[k] = s
			k++
		}
	}
	return segs[:k]
}

// fringe measures how much ink lies just beside a segment, along its
// length: the share of positions with ink two to four pixels above (left
// of) it, and the same below (right of) it; the larger is returned. A
// ruling line stands in clear space but for the rules crossing it; a run
// of bold characters whose strokes happen to line up (a title's base
// strokes) has the rest of the characters right beside it.
func fringe(b *binary, s segment) float64 {
	lo, hi := int(s.lo), int(s.hi)
	if hi <= lo {
		return 0
	}
	side := func(from, to int) float64 {
		n := 0
		for i := lo; i <= hi; i++ {
			for d := from; d <= to; d++ {
				x, y := i, d
				if !s.horiz {
					x, y = d, i
				}
				if x >= 0 && y >= 0 && x < b.w && y < b.h && b.ink[y*b.w+x] {
					n++
					break
				}
			}
		}
		return float64(n) / float64(hi-lo+1)
	}
	return max(side(s.thickLo-4, s.thickLo-2), side(s.thickHi+2, s.thickHi+4))
}
