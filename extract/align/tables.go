package align

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/vocab"
)

// Unruled tables: a table typeset without rules (LibreOffice, Word with
// borders off). Columns come from text alignment, rows from baselines:
//
//   - a table region is a run of lines, several of them split by wide gaps
//     into segments, bounded by titles, unit lines, notes, 附件 markers,
//     prose and vertical white space;
//   - segments glued across a narrow column gap are cut where many other
//     segments of the region start (left-aligned column) or end
//     (right-aligned column), and where the baseline steps (each segment
//     keeps its own baseline: cells merged over rows put their lines
//     between the lines of their neighbours);
//   - the lines of a cell wrapped in its column (same x, one line pitch
//     apart) are one cell block;
//   - a body row is the blocks sharing a vertical centre (cells are
//     centred vertically in their row); a block centred between rows is a
//     cell merged over them and goes to the first;
//   - columns are the x ranges the body's blocks cover (header rows and
//     wide merged cells left out, and so is a block that glues two cells
//     of one row into one column), plus header blocks above nothing; a
//     header block wider than one column is centred over its span;
//   - header rows are counted down the columns as in a ruled grid: a label
//     starts one row below the labels above it, at the top when none is.

// segment is a run of characters of one line without a column-wide gap.
type segment struct {
	chars  []Piece
	x0, x1 float64
}

func splitSegments(l *Row, s *Settings) []segment {
	h := medianHeight(l.Pieces, s)
	return splitWords(l.Pieces, s.ColumnGap*h, s.RealSpaceGap*h)
}

// splitAt cuts a line's characters at every gap wider than gap.
func splitAt(cs []Piece, gap float64) []segment { return splitWords(cs, gap, 0) }

// splitWords cuts a line's characters at every gap wider than gap, except
// a gap of at most space that the PDF fills with a space character of its
// own: a word space inside one cell ("307001- 网信办"), however wide the
// font's space is.
func splitWords(cs []Piece, gap, space float64) []segment {
	var out []segment
	for i, c := range cs {
		if i == 0 || c.X0-cs[i-1].X1 > gap && !(c.RealSpace && c.X0-cs[i-1].X1 <= space) {
			out = append(out, segment{x0: c.X0, x1: c.X1})
		}
		sg := &out[len(out)-1]
		sg.chars = append(sg.chars, c)
		sg.x1 = math.Max(sg.x1, c.X1)
	}
	return out
}

// medianHeight is the text height of a line: the median of its
// characters' heights, at least MinHeight; EmptyHeight for no characters.
func medianHeight(cs []Piece, s *Settings) float64 {
	hs := make([]float64, len(cs))
	for i, c := range cs {
		hs[i] = c.h()
	}
	sort.Float64s(hs)
	if len(hs) == 0 {
		return s.EmptyHeight
	}
	return math.Max(hs[len(hs)/2], s.MinHeight)
}

// Lines that end a table region: the same kinds segmentation reads as the
// text around a table.
var (
	stopMarkerRe = regexp.MustCompile(`^附\s*件\s*([0-9０-９]+|[一二三四五六七八九十]+)`)
	stopUnitRe   = regexp.MustCompile(`单\s*位\s*[:：]`)
	stopNoteRe   = regexp.MustCompile(`^(备\s*注|注\s*[:：0-9０-９一二三]|说明\s*[:：])`)
	stopTitleRe  = regexp.MustCompile(`表\s*([-－—–]\s*[0-9０-９]+|[一二三四五六七八九十]+)?\s*([（(][^（()）]{1,14}[)）])?\s*([（(]\s*续\s*[表]?\s*[)）]|续表?)?$`)
	amountRe     = regexp.MustCompile(`^[-+]?[0-9][0-9,]*(\.[0-9]+)?$|^[-+]?\.[0-9]+$`)
	codeRe       = vocab.CodeCell
	totalRe      = regexp.MustCompile(`^(.{0,8}合\s*计|.{0,8}总\s*计)$`)
	// leaders: the dots of a table of contents between an entry and its page
	leaderRe = regexp.MustCompile(`…{2,}|\.{4,}|·{4,}|．{4,}|-{6,}`)
)

// stopLine reports whether a line's text is a title, unit, note, marker
// or an entry of a table of contents (leader dots): never part of a table
// region. Unit lines and titles are short (UnitMaxRunes, TitleRunes).
func stopLine(t string, s *Settings) bool {
	t = strings.TrimSpace(t)
	if t == "" {
		return false
	}
	sq := strings.Join(strings.Fields(t), "")
	n := utf8.RuneCountInString(sq)
	switch {
	case stopMarkerRe.MatchString(t), stopNoteRe.MatchString(t), leaderRe.MatchString(sq):
		return true
	case stopUnitRe.MatchString(t) && n < s.UnitMaxRunes:
		return true
	case n >= s.TitleMinRunes && n <= s.TitleMaxRunes && !strings.ContainsAny(sq, "。；;") && stopTitleRe.MatchString(sq):
		return true
	}
	return false
}

// read turns text rows into layout lines, finding unruled table regions,
// on a page that may continue the unruled table the page before ended with
// (carry, nil for none): the lines at its top that fit that table's
// columns are read in them (continuedRegion). Its Carry is the columns of
// the table this page ends with, for the next.
func read(lines []*Row, s *Settings, carry *Carry) Result {
	res := Result{Rows: lines}
	segs := make([][]segment, len(lines))
	stop := make([]bool, len(lines))
	for i, l := range lines {
		segs[i] = splitSegments(l, s)
		stop[i] = stopLine(Text(l.Pieces, s, true), s)
		if len(segs[i]) < 2 && s.NarrowColumnGap > 0 {
			// Narrow column gaps: a line of NarrowMinPieces (three) or
			// more short pieces without sentence punctuation is a table row too (a header
			// whose labels stand half an em apart); prose and contents
			// entries are two pieces at most or carry punctuation.
			h := medianHeight(l.Pieces, s)
			if n := splitWords(l.Pieces, s.NarrowColumnGap*h, s.RealSpaceGap*h); len(n) >= s.NarrowMinPieces && !strings.ContainsAny(Text(l.Pieces, s, false), "。，；,;：:") {
				segs[i] = n
			}
		}
	}
	done := make([]bool, len(lines))
	var out []layout.Line
	var next *Carry
	start := 0
	if b := continuedRegion(lines, segs, stop, carry, s); b > 0 {
		t := tabulateIn(lines[:b], carry, s)
		t.First, t.End = 0, b
		res.Tables = append(res.Tables, t)
		out = append(out, t.Lines...)
		for k := range b {
			done[k] = true
		}
		start, next = b, carry.endingAt(lines, b, s)
	}
	for i := start; i < len(lines); i++ {
		if done[i] || stop[i] || len(segs[i]) < 2 {
			continue
		}
		a, b := region(lines, segs, stop, i, s)
		if b <= a {
			continue
		}
		if t, c := tabulate(lines[a:b], s); t.Lines != nil {
			t.First, t.End = a, b
			res.Tables = append(res.Tables, t)
			out = append(out, t.Lines...)
			for k := a; k < b; k++ {
				done[k] = true
			}
			next = c.endingAt(lines, b, s)
		}
		if b > i+1 {
			i = b - 1
		}
	}
	for i, l := range lines {
		if !done[i] {
			out = append(out, plainLine(l, s))
		}
	}
	res.Lines, res.Carry = out, next
	return res
}

// region grows a table region around line i (which has several segments):
// down and up over lines close enough, that are not stop lines and, when
// they have one segment, are not a line of prose.
func region(lines []*Row, segs [][]segment, stop []bool, i int, s *Settings) (int, int) {
	left, right := math.Inf(1), math.Inf(-1)
	for _, sg := range segs[i] {
		left, right = math.Min(left, sg.x0), math.Max(right, sg.x1)
	}
	close := func(a, b *Row) bool {
		h := math.Max(a.height(), b.height())
		return b.Y0-a.Y1 <= s.MaxRowGap*h
	}
	fits := func(k int) bool {
		if stop[k] {
			return false
		}
		if len(segs[k]) >= 2 {
			return true
		}
		// A single segment: a wrapped cell, a lone cell or a merged header
		// cell, not a line of prose running from the left margin across.
		sg := segs[k][0]
		h := medianHeight(lines[k].Pieces, s)
		if sg.x0 > left+s.ProseIndent*h {
			return true
		}
		return sg.x1-sg.x0 < s.ProseWidth*(right-left) || besideWrapped(lines, segs, k, s)
	}
	b := i + 1
	multi := 1
	for b < len(lines) && close(lines[b-1], lines[b]) && fits(b) {
		if len(segs[b]) >= 2 {
			multi++
			for _, sg := range segs[b] {
				left, right = math.Min(left, sg.x0), math.Max(right, sg.x1)
			}
		}
		b++
	}
	// trailing single-segment lines belong only if they are short cells
	a := i
	for a > 0 && close(lines[a-1], lines[a]) && fits(a-1) {
		a--
	}
	ctx := a > 0 && stop[a-1]
	if multi < s.MinUnruledRows && !(ctx && multi >= 2) {
		return i, i
	}
	return a, b
}

// besideWrapped reports whether line k, one segment at the column gap, is
// a label beside a cell of prose wrapped over the lines around it (当年整体
// 绩效目标 and the first line of its goal, with narrow column gaps): cut
// at the narrow column gap, a piece after the first starts where a
// segment of the line above or below starts. Prose has no gap that wide
// with text lined up beneath it.
func besideWrapped(lines []*Row, segs [][]segment, k int, s *Settings) bool {
	if s.NarrowColumnGap <= 0 {
		return false
	}
	h := medianHeight(lines[k].Pieces, s)
	pieces := splitWords(lines[k].Pieces, s.NarrowColumnGap*h, s.RealSpaceGap*h)
	for _, p := range pieces[1:] {
		for _, n := range []int{k - 1, k + 1} {
			if n < 0 || n >= len(segs) {
				continue
			}
			for _, o := range segs[n] {
				if math.Abs(o.x0-p.x0) <= s.AlignTol {
					return true
				}
			}
		}
	}
	return false
}

// ----------------------------------------------------------------- blocks

// useg is a segment of one line of a region.
type useg struct {
	chars        []Piece
	x0, x1       float64
	y0, y1, base float64
	h            float64
	line         int
	block        int
}

// cblock is a cell block: the segments of one cell, wrapped lines included.
type cblock struct {
	segs           []*useg
	x0, x1, y0, y1 float64
	top, bot       float64 // first and last baseline
	header         bool
	num            bool // an amount
	col, span      int
	row            int // index of its body row; -1 in the header
}

func (b *cblock) centre() float64 { return (b.top + b.bot) / 2 }

// fineSegments splits the region's lines at gaps narrower than a column
// gap and where the baseline steps, then cuts glued segments at the
// region's strong column edges.
func fineSegments(lines []*Row, s *Settings) [][]*useg {
	out := make([][]*useg, len(lines))
	var all []segment
	for li, l := range lines {
		h := medianHeight(l.Pieces, s)
		for _, sg := range splitBaselines(splitAmounts(splitWords(l.Pieces, s.CellGap*h, s.RealSpaceGap*h), s.AmountGap*h), h, s) {
			out[li] = append(out[li], &useg{chars: sg.chars, x0: sg.x0, x1: sg.x1, h: h, line: li})
			all = append(all, sg)
		}
	}
	// Amounts are right-aligned: amounts of one length start at one x by
	// chance, which is no left edge (2025 年基本支出 was cut where 45.08
	// and 63.21 start). Left edges are judged on the other segments.
	var texts []segment
	for _, sg := range all {
		if !isAmount(sg.chars) {
			texts = append(texts, sg)
		}
	}
	for li := range out {
		var cut []*useg
		for _, sg := range out[li] {
			start := 0
			for k := 1; k < len(sg.chars); k++ {
				p, c := sg.chars[k-1], sg.chars[k]
				if c.X0-p.X1 < s.EdgeCutGap*sg.h {
					continue
				}
				if columnEdge(texts, c.X0, sg.x1, false, s) || columnEdge(all, p.X1, sg.x0, true, s) {
					cut = append(cut, mkSeg(sg.chars[start:k], sg.h, li))
					start = k
				}
			}
			cut = append(cut, mkSeg(sg.chars[start:], sg.h, li))
		}
		out[li] = cut
	}
	for li := range out {
		for _, sg := range out[li] {
			sg.base = sg.chars[0].Base
		}
	}
	return out
}

// splitAmounts cuts segments between two amounts a gap apart wider than
// gap: right-aligned amounts of neighbouring narrow columns can stand as
// close as two words, but two numbers side by side are never one cell.
func splitAmounts(segs []segment, gap float64) []segment {
	if gap <= 0 {
		return segs
	}
	var out []segment
	for _, sg := range segs {
		parts := splitAt(sg.chars, gap)
		start := 0
		for k := 1; k <= len(parts); k++ {
			if k < len(parts) && !(isAmount(parts[k-1].chars) && isAmount(parts[k].chars)) {
				continue
			}
			var cs []Piece
			for _, p := range parts[start:k] {
				cs = append(cs, p.chars...)
			}
			out = append(out, splitAt(cs, math.Inf(1))...)
			start = k
		}
	}
	return out
}

func isAmount(cs []Piece) bool {
	var b strings.Builder
	for _, c := range cs {
		b.WriteRune(c.R)
	}
	return amountRe.MatchString(b.String())
}

// splitBaselines cuts segments where the baseline steps by more than
// BaselineTol (a tenth) of the text height. Text lines gather characters whose baselines
// are close, but in a table without rules the lines of neighbouring cells
// can sit a point or two apart: a cell merged over rows is centred in its
// own span, so its wrapped lines fall between the lines of the cells
// beside it. One cell's text keeps one baseline, so a step is a cell edge,
// and each segment's own baseline (not the line's) tells which wrapped
// lines belong together.
func splitBaselines(segs []segment, h float64, s *Settings) []segment {
	var out []segment
	for _, sg := range segs {
		start := 0
		for k := 1; k <= len(sg.chars); k++ {
			if k < len(sg.chars) && math.Abs(sg.chars[k].Base-sg.chars[start].Base) <= s.BaselineTol*h {
				continue
			}
			part := segment{chars: sg.chars[start:k], x0: math.Inf(1), x1: math.Inf(-1)}
			for _, c := range part.chars {
				part.x0, part.x1 = math.Min(part.x0, c.X0), math.Max(part.x1, c.X1)
			}
			out = append(out, part)
			start = k
		}
	}
	return out
}

// columnEdge reports whether x is a column edge of the region's segments:
// at least MinEdgeTexts (three) start there (right: end there), within
// AlignTol, and most of those do not end (right: start) where the glued
// segment being cut does (within EdgeTol). Labels of one
// length in a left-aligned column all end at one x by chance; that is no
// edge to cut a longer label of the same column at (当年预算(万元) under
// 项目名称, 项目概述, 立项依据).
func columnEdge(all []segment, x, other float64, right bool, s *Settings) bool {
	n, same := 0, 0
	for _, sg := range all {
		at, far := sg.x0, sg.x1
		if right {
			at, far = sg.x1, sg.x0
		}
		if math.Abs(at-x) <= s.AlignTol {
			n++
			if math.Abs(far-other) <= s.EdgeTol {
				same++
			}
		}
	}
	return n >= s.MinEdgeTexts && same*2 < n
}

func mkSeg(cs []Piece, h float64, li int) *useg {
	sg := &useg{chars: cs, h: h, line: li, x0: math.Inf(1), x1: math.Inf(-1), y0: math.Inf(1), y1: math.Inf(-1)}
	for _, c := range cs {
		sg.x0, sg.x1 = math.Min(sg.x0, c.X0), math.Max(sg.x1, c.X1)
		sg.y0, sg.y1 = math.Min(sg.y0, c.Y0), math.Max(sg.y1, c.Y1)
	}
	return sg
}

// strongEdges returns x positions shared (within AlignTol, a point) by at
// least MinEdgeTexts (three) segments.
func strongEdges(xs []float64, s *Settings) []float64 {
	sort.Float64s(xs)
	var out []float64
	for i := 0; i < len(xs); {
		j := i
		for j < len(xs) && xs[j]-xs[i] <= s.AlignTol {
			j++
		}
		if j-i >= s.MinEdgeTexts {
			out = append(out, (xs[i]+xs[j-1])/2)
		}
		i = j
	}
	return out
}

func overlap(a0, a1, b0, b1 float64) float64 { return math.Min(a1, b1) - math.Max(a0, b0) }

// aligned reports whether two segments could be lines of one wrapped cell:
// they share a left edge, a right edge or a centre (within AlignTol; the
// sums of the edges, twice the centres, within twice that).
func aligned(a, b *useg, s *Settings) bool {
	if overlap(a.x0, a.x1, b.x0, b.x1) <= 0 {
		return false
	}
	return math.Abs(a.x0-b.x0) <= s.AlignTol || math.Abs(a.x1-b.x1) <= s.AlignTol || math.Abs(a.x0+a.x1-b.x0-b.x1) <= 2*s.AlignTol
}

// wrapPitch estimates the baseline distance of wrapped lines in a cell:
// the smallest distance between vertically adjacent segments that overlap
// in x, when distances a little larger (a row pitch: a line plus cell
// padding) exist too. 0 when nothing wraps.
func wrapPitch(all []*useg, s *Settings) float64 {
	var ds []float64
	for i, a := range all {
		for _, b := range all[i+1:] {
			d := b.base - a.base
			if d <= s.WrapMinPitch*a.h || !aligned(a, b, s) {
				continue
			}
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		return 0
	}
	sort.Float64s(ds)
	m := ds[0]
	// A wrapped line's pitch is the font's line spacing, within about
	// RowPitchRatio (1.45) em (heights are ems: EmBoxes); a row pitch adds the padding of
	// two cells, which can be as much again when the type is small.
	hs := make([]float64, len(all))
	for i, sg := range all {
		hs[i] = sg.h
	}
	tight := m <= s.WrapTight*median(hs)
	for _, d := range ds {
		if d > m+s.PitchTol && (d < s.RowPitchRatio*m || tight && d < s.WrapRowRatio*m) {
			return m
		}
	}
	return 0
}

// buildBlocks joins segments wrapped in one cell into blocks, at wrap
// pitch w (0: estimated from the segments, wrapPitch); it returns the
// pitch it used.
func buildBlocks(rows [][]*useg, s *Settings, w float64) ([]*cblock, float64) {
	var all []*useg
	for _, r := range rows {
		all = append(all, r...)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].base < all[j].base })
	if w <= 0 {
		w = wrapPitch(all, s)
	}
	var blocks []*cblock
	for i, sg := range all {
		sg.block = -1
		if w > 0 {
			// the nearest segment above that overlaps in x
			for k := i - 1; k >= 0; k-- {
				p := all[k]
				d := sg.base - p.base
				if d <= s.SameLinePitch*sg.h {
					continue
				}
				if d > w+s.PitchTol {
					break
				}
				if aligned(p, sg, s) && math.Abs(d-w) <= s.PitchTol && p.block >= 0 {
					b := blocks[p.block]
					if b.segs[len(b.segs)-1] == p {
						sg.block = p.block
						break
					}
				}
			}
		}
		if sg.block < 0 {
			sg.block = len(blocks)
			blocks = append(blocks, &cblock{})
		}
		blocks[sg.block].segs = append(blocks[sg.block].segs, sg)
	}
	for _, b := range blocks {
		b.x0, b.x1, b.y0, b.y1 = math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		for _, sg := range b.segs {
			b.x0, b.x1 = math.Min(b.x0, sg.x0), math.Max(b.x1, sg.x1)
			b.y0, b.y1 = math.Min(b.y0, sg.y0), math.Max(b.y1, sg.y1)
		}
		b.top, b.bot = b.segs[0].base, b.segs[len(b.segs)-1].base
	}
	return blocks, w
}

// yearRe is a year as header labels print it (2025 年基本支出).
var yearRe = regexp.MustCompile(`^(19|20)[0-9]{2}$`)

// yearOf reports whether segment i of a line, text t, is the year of a
// label: four digits a word space before 年 (a header cut at the space,
// not an amount).
func yearOf(segs []*useg, i int, t string) bool {
	return yearRe.MatchString(t) && i+1 < len(segs) && segs[i+1].chars[0].R == '年' && segs[i+1].x0-segs[i].x1 < segs[i].h
}

// bodyLine reports whether a line carries data: an amount or a code, or a
// total label first with no other text beside it (a 合计 row whose amounts
// are empty). A total label among other labels is a header (总计 over its
// column, beside the wrapped lines of its neighbours' labels).
func bodyLine(segs []*useg, s *Settings) bool {
	total, text := false, false
	for i, sg := range segs {
		t := strings.ReplaceAll(Text(sg.chars, s, false), " ", "")
		switch {
		case yearOf(segs, i, t):
			text = true
		case amountRe.MatchString(t) || codeRe.MatchString(t):
			return true
		case totalRe.MatchString(t):
			total = total || i == 0
		default:
			text = true
		}
	}
	return total && !text
}

// ---------------------------------------------------------------- columns

type ucol struct {
	x0, x1      float64 // extent of the text
	l, r        float64 // the column's cell edges (contiguous partition)
	left, right bool    // body texts share a left (right) edge
	id          int
	label       float64 // centre of its leaf header label, or NaN
}

// leafHeader reports whether header block b has no header block under it.
// A group label has header blocks a row or more below it: under it, or on
// both sides of its centre closer than its neighbours in its own row.
func leafHeader(b *cblock, blocks []*cblock, s *Settings) bool {
	h := b.segs[0].h
	mid := (b.x0 + b.x1) / 2
	lo, hi := math.Inf(-1), math.Inf(1)
	for _, o := range blocks {
		// its own row: within a line height (HeaderRowSpan), so a label
		// centred between two header rows (merged over both) sees the
		// labels beside it
		if o != b && o.header && math.Abs(o.centre()-b.centre()) < s.HeaderRowSpan*h {
			if o.x1 <= b.x0 {
				lo = math.Max(lo, o.x1)
			} else if o.x0 >= b.x1 {
				hi = math.Min(hi, o.x0)
			}
		}
	}
	var l, r bool
	for _, o := range blocks {
		if o == b || !o.header || o.top-b.bot <= h {
			continue
		}
		if overlap(o.x0, o.x1, b.x0, b.x1) > 0 {
			return false
		}
		c := (o.x0 + o.x1) / 2
		l = l || c < mid && o.x0 > lo
		r = r || c > mid && o.x1 < hi
	}
	return !(l && r)
}

// findColumns takes columns from the x coverage of body blocks (wide ones
// left out), then places the leaf header labels: over the column whose
// text they overlap, or whose cell they are centred in, or else as a
// column of their own (a column empty in the body). It sets the column of
// body and leaf header blocks.
func findColumns(blocks []*cblock, left, right float64, s *Settings) []ucol {
	width := right - left
	var body []*cblock
	for _, b := range blocks {
		b.col = -1
		if !b.header && b.x1-b.x0 < s.WideBlock*width {
			body = append(body, b)
		}
	}
	sort.SliceStable(body, func(i, j int) bool { return body[i].x0 < body[j].x0 })
	cols := coverColumns(body)
	for {
		w := bridge(body)
		if w == nil {
			break
		}
		// a merged cell: placed later by the column it starts in
		w.col = -1
		body = slices.DeleteFunc(body, func(b *cblock) bool { return b == w })
		cols = coverColumns(body)
	}
	for k := range cols {
		var n, nl, nr int
		for _, b := range body {
			if b.col != cols[k].id {
				continue
			}
			n++
			if math.Abs(b.x0-cols[k].x0) <= s.EdgeTol {
				nl++
			}
			if math.Abs(b.x1-cols[k].x1) <= s.EdgeTol {
				nr++
			}
		}
		cols[k].left, cols[k].right = nl*100 >= n*s.AlignedPercent, nr*100 >= n*s.AlignedPercent
		if cols[k].left && cols[k].right {
			// texts of one width: amounts are right-aligned
			nums := 0
			for _, b := range body {
				if b.col == cols[k].id && b.num {
					nums++
				}
			}
			cols[k].left = nums*2 < n
			cols[k].right = !cols[k].left
		}
	}
	nbody := len(cols)
	// leaf header labels, narrowest first
	var leaves []*cblock
	for _, b := range blocks {
		if b.header && leafHeader(b, blocks, s) {
			leaves = append(leaves, b)
		}
	}
	sort.SliceStable(leaves, func(i, j int) bool { return leaves[i].x1-leaves[i].x0 < leaves[j].x1-leaves[j].x0 })
	clear := func(b *cblock, k int, l, r float64) bool {
		for j := 0; j < nbody; j++ {
			if j != k && overlap(l, r, cols[j].x0, cols[j].x1) > s.LabelSlack {
				return false
			}
		}
		for _, o := range leaves {
			if o != b && overlap(l, r, o.x0, o.x1) > s.LabelSlack && o.top <= b.bot && o.bot >= b.top {
				return false
			}
		}
		return true
	}
	for _, b := range leaves {
		mid := (b.x0 + b.x1) / 2
		best, bestO := -1, 0.0
		for k := range cols {
			if o := overlap(cols[k].x0-s.LabelSlack, cols[k].x1+s.LabelSlack, b.x0, b.x1); o > bestO {
				best, bestO = k, o
			}
		}
		if best < 0 {
			// centred in the cell of a body column
			bd := math.Inf(1)
			for k := 0; k < nbody; k++ {
				c := cols[k]
				pad := s.CellPad
				if c.right && c.x1 > mid {
					if r := c.x1 + pad; 2*mid-r <= c.x0 && clear(b, k, 2*mid-r, r) && r-mid < bd {
						best, bd = k, r-mid
					}
				}
				if c.left && c.x0 < mid {
					if l := c.x0 - pad; 2*mid-l >= c.x1 && clear(b, k, l, 2*mid-l) && mid-l < bd {
						best, bd = k, mid-l
					}
				}
			}
		}
		if best < 0 {
			cols = append(cols, ucol{x0: b.x0, x1: b.x1, id: len(cols)})
			best = len(cols) - 1
		}
		b.col = cols[best].id
	}
	sort.SliceStable(cols, func(i, j int) bool { return cols[i].x0 < cols[j].x0 })
	index := make(map[int]int, len(cols))
	for k, c := range cols {
		index[c.id] = k
	}
	for _, b := range blocks {
		if b.col >= 0 {
			b.col = index[b.col]
		}
	}
	for k := range cols {
		cols[k].label = math.NaN()
		w := -1.0
		for _, b := range leaves {
			if b.col == k && b.x1-b.x0 > w {
				cols[k].label, w = (b.x0+b.x1)/2, b.x1-b.x0
			}
		}
	}
	if len(leaves) >= 2 {
		cols = dropUnsupported(cols, blocks, s)
	}
	// cell edges: a left-aligned column starts just left of its texts, a
	// right-aligned one ends just right of them, and a label centred in
	// the cell gives the other edge.
	for k := range cols {
		if k == 0 {
			cols[k].l = math.Min(left, cols[k].x0) - s.OuterPad
		} else {
			cols[k].l = edgeBetween(cols[k-1], cols[k], s)
			cols[k-1].r = cols[k].l
		}
	}
	if n := len(cols); n > 0 {
		cols[n-1].r = math.Max(right, cols[n-1].x1) + s.OuterPad
	}
	return cols
}

// coverColumns makes one column of each run of overlapping blocks (sorted
// by left edge) and sets the blocks' column.
func coverColumns(body []*cblock) []ucol {
	var cols []ucol
	for _, b := range body {
		if n := len(cols); n > 0 && b.x0 <= cols[n-1].x1 {
			cols[n-1].x1 = math.Max(cols[n-1].x1, b.x1)
			b.col = cols[n-1].id
			continue
		}
		cols = append(cols, ucol{x0: b.x0, x1: b.x1, id: len(cols)})
		b.col = len(cols) - 1
	}
	return cols
}

// bridge finds a block that glues two columns: two blocks of one body row
// that share a column are two cells, so the widest block reaching across the
// gap between them is a cell merged over columns (a form's long value
// under a grid's narrow columns, 项目概述 beside 业务主管部门 | 项目分类),
// not a sign that the columns are one. nil when every column holds at
// most one block per row.
func bridge(body []*cblock) *cblock {
	for i, a := range body {
		for _, b := range body[i+1:] {
			if a.col != b.col || a.row != b.row || overlap(a.x0, a.x1, b.x0, b.x1) > 0 {
				continue
			}
			lo, hi := math.Min(a.x1, b.x1), math.Max(a.x0, b.x0)
			var w *cblock
			for _, o := range body {
				if o.col == a.col && o.x0 < hi && o.x1 > lo && (w == nil || o.x1-o.x0 > w.x1-w.x0) {
					w = o
				}
			}
			if w != nil {
				return w
			}
		}
	}
	return nil
}

// cellEdges estimates a column's cell edges from its alignment and label;
// NaN where nothing tells.
func cellEdges(c ucol, pad float64) (l, r float64) {
	l, r = math.NaN(), math.NaN()
	switch {
	case c.left:
		l = c.x0 - pad
		if !math.IsNaN(c.label) {
			r = 2*c.label - l
		}
	case c.right:
		r = c.x1 + pad
		if !math.IsNaN(c.label) {
			l = 2*c.label - r
		}
	}
	return l, r
}

// edgeBetween places the cell edge between two neighbouring columns: where
// their alignment puts it (CellPad from the text, at most half the gap;
// EdgeSlack into the text at most), else halfway.
func edgeBetween(a, b ucol, s *Settings) float64 {
	pad := math.Min((b.x0-a.x1)/2, s.CellPad)
	_, ar := cellEdges(a, pad)
	bl, _ := cellEdges(b, pad)
	lo, hi := a.x1, b.x0
	var sum float64
	n := 0
	for _, e := range []float64{ar, bl} {
		if !math.IsNaN(e) && e >= lo-s.EdgeSlack && e <= hi+s.EdgeSlack {
			sum += e
			n++
		}
	}
	if n > 0 {
		return sum / float64(n)
	}
	return (a.x1 + b.x0) / 2
}

// placeBody gives each body block that has no column yet (a wide merged
// cell) the column it starts in.
func placeBody(blocks []*cblock, cols []ucol, s *Settings) {
	for _, b := range blocks {
		if b.header {
			continue
		}
		b.span = 1
		if b.col >= 0 {
			continue
		}
		b.col = nearestCol(cols, (b.x0+b.x1)/2)
		for k, c := range cols {
			if b.x0+s.CellInset >= c.l && b.x0+s.CellInset < c.r {
				b.col = k
				break
			}
		}
	}
}

// vspan is a vertical extent of the header that a block occupies.
type vspan struct{ y0, y1 float64 }

// placeGroups gives each header group label (a header block without a
// column yet) the widest run of columns it is centred over, covers, and
// finds free at its height (or, when no such run is centred within a
// tolerance, the free covering run closest to centred). A column is taken at a height by the leaf
// label in it and by the group labels placed before (top-down); a leaf
// label alone in its column and centred on the whole header is a cell
// merged over every header row (部门名称 beside 2024 年预算数 over its
// parts), so it takes its column from the header's top to its bottom,
// even though its text sits lower than the group label beside it.
func placeGroups(blocks []*cblock, cols []ucol, s *Settings) {
	var header, groups []*cblock
	top, bot := math.Inf(1), math.Inf(-1)
	for _, b := range blocks {
		if b.header {
			header = append(header, b)
			top, bot = math.Min(top, b.y0), math.Max(bot, b.y1)
		}
	}
	taken := make([][]vspan, len(cols))
	for _, b := range header {
		if b.col < 0 {
			groups = append(groups, b)
			continue
		}
		b.span = 1
		ext := vspan{b.y0, b.y1}
		if alone(b, header) && math.Abs((b.y0+b.y1)/2-(top+bot)/2) <= s.HeaderCentre*b.segs[0].h {
			ext = vspan{top, bot}
		}
		taken[b.col] = append(taken[b.col], ext)
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].top < groups[j].top })
	free := func(k int, b *cblock) bool {
		for _, e := range taken[k] {
			if overlap(e.y0, e.y1, b.y0, b.y1) > 0 {
				return false
			}
		}
		return true
	}
	for _, b := range groups {
		mid := (b.x0 + b.x1) / 2
		tol := math.Max(s.GroupCentrePt, s.GroupCentre*b.segs[0].h)
		// the widest centred run; failing that (cell edges are only
		// estimates where columns have room to spare), the best centred
		best, bestW, bestD := -1, -1, math.Inf(1)
		for i := range cols {
			for j := i; j < len(cols); j++ {
				if !free(j, b) {
					break
				}
				if cols[i].l > b.x0+s.LabelSlack || cols[j].r < b.x1-s.LabelSlack {
					continue
				}
				d := math.Abs((cols[i].l+cols[j].r)/2 - mid)
				switch {
				case d <= tol && (bestD > tol || j-i > bestW):
					best, bestW, bestD = i, j-i, d
				case bestD > tol && d < bestD:
					best, bestW, bestD = i, j-i, d
				}
			}
		}
		if best >= 0 {
			b.col, b.span = best, bestW+1
		} else {
			b.col, b.span = nearestCol(cols, mid), 1
		}
		for j := b.col; j < b.col+b.span; j++ {
			taken[j] = append(taken[j], vspan{b.y0, b.y1})
		}
	}
}

// alone reports whether no other header text is above or below header
// block b.
func alone(b *cblock, header []*cblock) bool {
	for _, o := range header {
		if o != b && overlap(o.x0, o.x1, b.x0, b.x1) > 0 {
			return false
		}
	}
	return true
}

func nearestCol(cols []ucol, x float64) int {
	best, bd := 0, math.Inf(1)
	for k, c := range cols {
		d := math.Abs((c.l+c.r)/2 - x)
		if d < bd {
			best, bd = k, d
		}
	}
	return best
}

// ------------------------------------------------------------------- rows

// headerRows puts the header blocks into rows as a ruled grid would: a
// label goes to the first row its cell spans, which is one below the
// lowest row of the labels above it in its columns (a cell with nothing
// above it starts at the top). Vertical position alone cannot tell this:
// a cell merged over several rows is centred in them, so its text sits
// between the rows of the cells beside it.
func headerRows(header []*cblock, s *Settings) [][]*cblock {
	bs := append([]*cblock(nil), header...)
	sort.SliceStable(bs, func(i, j int) bool { return bs[i].top < bs[j].top })
	row := make(map[*cblock]int, len(bs))
	n := 0
	for i, b := range bs {
		r := 0
		for _, a := range bs[:i] {
			if a.bot < b.top-s.HeaderRowStep*b.segs[0].h && a.col < b.col+b.span && b.col < a.col+a.span {
				r = max(r, row[a]+1)
			}
		}
		row[b] = r
		n = max(n, r+1)
	}
	rows := make([][]*cblock, n)
	for _, b := range bs {
		rows[row[b]] = append(rows[row[b]], b)
	}
	return rows
}

// groupRows clusters blocks by vertical centre (within RowCentre), then
// moves a cluster that sits half a row from its neighbour (a cell merged
// over two rows: closer than MergedRowPitch of the median row pitch) into
// the row above, and a block merged over more rows into the first of them.
func groupRows(blocks []*cblock, s *Settings) [][]*cblock {
	bs := append([]*cblock(nil), blocks...)
	sort.SliceStable(bs, func(i, j int) bool { return bs[i].centre() < bs[j].centre() })
	var rows [][]*cblock
	var centres []float64
	for _, b := range bs {
		tol := s.RowCentre * b.segs[0].h
		if n := len(rows); n > 0 && b.centre()-centres[n-1] <= tol {
			rows[n-1] = append(rows[n-1], b)
			continue
		}
		rows = append(rows, []*cblock{b})
		centres = append(centres, b.centre())
	}
	if len(rows) < s.MinPitchRows {
		return rows
	}
	var ds []float64
	for i := 1; i < len(centres); i++ {
		ds = append(ds, centres[i]-centres[i-1])
	}
	sort.Float64s(ds)
	p := ds[len(ds)/2]
	for i := 1; i < len(rows); i++ {
		dU := centres[i] - centres[i-1]
		dD := math.Inf(1)
		if i+1 < len(rows) {
			dD = centres[i+1] - centres[i]
		}
		if dU >= s.MergedRowPitch*p && dD >= s.MergedRowPitch*p {
			continue
		}
		// Merge into the closer... the upper row by convention (a merged
		// cell's text goes to the first row it spans), if its cells are free.
		target := i - 1
		if !free(rows[target], rows[i]) {
			if i+1 < len(rows) && free(rows[i+1], rows[i]) && dD < s.MergedRowPitch*p {
				target = i + 1
			} else {
				continue
			}
		}
		rows[target] = append(rows[target], rows[i]...)
		rows = append(rows[:i], rows[i+1:]...)
		centres = append(centres[:i], centres[i+1:]...)
		i--
	}
	return firstSpanned(rows, s)
}

// firstSpanned moves a block that sits off the centre of its row into the
// first row of the run it is centred on: a cell merged over many rows (绩效
// 指标 beside a whole indicator grid) is centred on them all, so its text
// lands in a middle row, but a ruled grid gives merged text to the first
// row it spans. The run is the longest, among those through the block's
// row whose cells leave its column empty, whose text extent is centred on
// the block.
func firstSpanned(rows [][]*cblock, s *Settings) [][]*cblock {
	type ext struct{ y0, y1 float64 }
	extent := func(r []*cblock, skip *cblock) (ext, bool) {
		e, ok := ext{math.Inf(1), math.Inf(-1)}, false
		for _, b := range r {
			if b != skip {
				e.y0, e.y1, ok = math.Min(e.y0, b.y0), math.Max(e.y1, b.y1), true
			}
		}
		return e, ok
	}
	for i := range rows {
		for _, b := range append([]*cblock(nil), rows[i]...) {
			var cs []float64
			for _, o := range rows[i] {
				if o != b {
					cs = append(cs, o.centre())
				}
			}
			if len(cs) == 0 {
				continue
			}
			sort.Float64s(cs)
			h := b.segs[0].h
			if math.Abs(b.centre()-cs[len(cs)/2]) <= s.RowCentre*h {
				continue
			}
			alone := func(k int) bool { return onlyOver(rows[k], b) }
			mid := (b.y0 + b.y1) / 2
			best, bestN := i, 0
			for a := i; a >= 0 && alone(a); a-- {
				top, ok := extent(rows[a], b)
				if !ok {
					continue
				}
				for c := i; c < len(rows) && alone(c); c++ {
					bot, ok := extent(rows[c], b)
					if !ok {
						continue
					}
					if math.Abs((top.y0+bot.y1)/2-mid) <= s.SpanCentre*h && c-a+1 > bestN {
						best, bestN = a, c-a+1
					}
				}
			}
			if best != i {
				rows[i] = slices.DeleteFunc(rows[i], func(o *cblock) bool { return o == b })
				rows[best] = append(rows[best], b)
			}
		}
	}
	return rows
}

// onlyOver reports whether b is the only block of row r over its x extent.
func onlyOver(r []*cblock, b *cblock) bool {
	for _, o := range r {
		if o != b && overlap(o.x0, o.x1, b.x0, b.x1) > 0 {
			return false
		}
	}
	return true
}

// free reports whether the columns of blocks bs are empty in row r. Columns
// are not known yet when rows are grouped: x overlap stands in for them.
func free(r, bs []*cblock) bool {
	for _, a := range r {
		for _, b := range bs {
			if overlap(a.x0, a.x1, b.x0, b.x1) > 0 {
				return false
			}
		}
	}
	return true
}

// ---------------------------------------------------------------- tabulate

// Debug prints each table region's body start, columns and placed blocks
// to standard output (TestUnruledDebug in extract/pdf turns it on).
var Debug = false

// tabulate lays out one table region, or returns a Table without Lines
// when it is not a table after all; it also returns the columns it found.
func tabulate(lines []*Row, s *Settings) (Table, *Carry) {
	blocks, header, bodyRows, left, right, wrap := regionBlocks(lines, s, 0, false)
	cols := findColumns(blocks, left, right, s)
	if len(cols) < 2 {
		return Table{}, nil
	}
	placeBody(blocks, cols, s)
	placeGroups(blocks, cols, s)
	hr := headerRows(header, s)
	rows := append(hr, bodyRows...)
	debugRows(cols, rows, s)

	// Rows must use at least two columns (MinTableRows of them, or one row
	// in TableRowShare), otherwise this is prose, not a table.
	multi := 0
	for _, r := range rows {
		used := map[int]bool{}
		for _, b := range r {
			used[b.col] = true
		}
		if len(used) >= 2 {
			multi++
		}
	}
	if multi < s.MinTableRows && multi*s.TableRowShare < len(rows) {
		return Table{}, nil
	}
	return newTable(cols, len(hr), emitRows(rows, cols, s), false), &Carry{cols: cols, wrap: wrap}
}

// regionBlocks cuts a region's lines into cell blocks, tells header from
// body (the header ends at the first line of data) and groups the body
// into rows; left and right are the region's text extent, wrap the pitch
// of lines wrapped in a cell (given, or 0: estimated here); cont: the
// region continues a table from the page before (tabulateIn).
func regionBlocks(lines []*Row, s *Settings, wrap float64, cont bool) (blocks, header []*cblock, bodyRows [][]*cblock, left, right, pitch float64) {
	segRows := fineSegments(lines, s)
	hb := len(lines)
	for li, r := range segRows {
		if bodyLine(r, s) {
			hb = li
			break
		}
	}
	if hb == len(lines) {
		hb = 0
	}
	// Lines above the first line of data still belong to the body when
	// each of their segments starts or ends on an edge the data shares (a
	// two-sided table whose first rows have no amount).
	if hb > 0 {
		var ls, rs []float64
		for _, r := range segRows[hb:] {
			for _, sg := range r {
				ls, rs = append(ls, sg.x0), append(rs, sg.x1)
			}
		}
		sl, sr := strongEdges(ls, s), strongEdges(rs, s)
		on := func(xs []float64, x float64) bool {
			for _, e := range xs {
				if math.Abs(e-x) <= s.EdgeTol {
					return true
				}
			}
			return false
		}
		for hb > 0 {
			ok := len(segRows[hb-1]) > 0
			for _, sg := range segRows[hb-1] {
				ok = ok && (on(sl, sg.x0) || on(sr, sg.x1))
			}
			if !ok {
				break
			}
			hb--
		}
	}
	blocks, pitch = buildBlocks(segRows, s, wrap)
	if Debug {
		fmt.Printf("region of %d lines, body from line %d\n", len(lines), hb)
	}
	left, right = math.Inf(1), math.Inf(-1)
	for _, b := range blocks {
		// a block that starts above the first body line is header; at the
		// top of a continued page (cont) not one that reaches below it: a
		// cell centred on the first row of data, cut at the page top
		b.header = b.segs[0].line < hb && (!cont || b.segs[len(b.segs)-1].line <= hb)
		if len(b.segs) == 1 {
			b.num = amountRe.MatchString(strings.ReplaceAll(Text(b.segs[0].chars, s, false), " ", ""))
		}
		left, right = math.Min(left, b.x0), math.Max(right, b.x1)
	}
	var body []*cblock
	for _, b := range blocks {
		if b.header {
			header = append(header, b)
		} else {
			body = append(body, b)
		}
	}
	bodyRows = bodyRowsOf(body, s)
	for _, b := range header {
		b.row = -1
	}
	for i, r := range bodyRows {
		for _, b := range r {
			b.row = i
		}
	}
	return blocks, header, bodyRows, left, right, pitch
}

func debugRows(cols []ucol, rows [][]*cblock, s *Settings) {
	if !Debug {
		return
	}
	for _, c := range cols {
		fmt.Printf("col %.1f-%.1f [%.1f %.1f]\n", c.x0, c.x1, c.l, c.r)
	}
	for _, r := range rows {
		for _, b := range r {
			fmt.Printf("  blk c=%d s=%d h=%v x=%.1f-%.1f y=%.1f %q\n", b.col, b.span, b.header, b.x0, b.x1, b.centre(), blockText(b, s))
		}
		fmt.Println("  --")
	}
}

// emitRows writes rows of placed blocks as table lines, one cell per
// column.
func emitRows(rows [][]*cblock, cols []ucol, s *Settings) []layout.Line {
	var out []layout.Line
	lastY := math.Inf(-1)
	for _, r := range rows {
		sort.SliceStable(r, func(i, j int) bool {
			if r[i].col != r[j].col {
				return r[i].col < r[j].col
			}
			if r[i].top != r[j].top {
				return r[i].top < r[j].top
			}
			return r[i].x0 < r[j].x0
		})
		texts := make([]string, len(cols))
		box := layout.Box{X0: math.Inf(1), Y0: math.Inf(1), X1: math.Inf(-1), Y1: math.Inf(-1)}
		for _, b := range r {
			t := blockText(b, s)
			if texts[b.col] != "" && t != "" {
				texts[b.col] += " "
			}
			texts[b.col] += t
			box.X0, box.Y0 = math.Min(box.X0, b.x0), math.Min(box.Y0, b.y0)
			box.X1, box.Y1 = math.Max(box.X1, b.x1), math.Max(box.Y1, b.y1)
		}
		// keep rows in order when the page sorts its lines by top
		if box.Y0 <= lastY {
			box.Y0 = lastY + s.RowOrderStep
		}
		lastY = box.Y0
		line := layout.Line{Tabular: true, Box: box}
		for c := range cols {
			line.Cells = append(line.Cells, layout.Cell{Text: strings.TrimSpace(texts[c]), Box: layout.Box{X0: cols[c].l, Y0: box.Y0, X1: cols[c].r, Y1: box.Y1}, Conf: -1})
		}
		out = append(out, line)
	}
	return out
}

// blockText joins the wrapped lines of a cell block.
func blockText(b *cblock, s *Settings) string {
	ls := make([]*Row, len(b.segs))
	for i, sg := range b.segs {
		ls[i] = &Row{Pieces: sg.chars}
	}
	return JoinWrapped(ls, s)
}
