package align

import (
	"math"
	"regexp"
	"strings"
)

// Unruled tables across a page break. A long table without rules goes on
// over the next page, with its header repeated or not; that page alone
// often cannot show its columns: the rows of a two-sided summary's lower
// half fill only the expenditure side, one label and perhaps an amount a
// line, so no run of lines stands in aligned columns and the rows were
// read as prose, lost to the table. A printer keeps the columns of a
// table from page to page, so the columns the page before ended with are
// the template: the lines at the top of the next page that fit them,
// before any title, note or marker, are rows of that table, each cell in
// the column it overlaps.

// Carry is the column template an unruled table hands to the page
// after it.
type Carry struct {
	cols []ucol
	wrap float64 // pitch of lines wrapped in a cell; 0: none seen
}

// folioRe matches a page number line (5, - 5 -, 第5页, 5/12) that may stand
// below a table that goes on over the page.
var folioRe = regexp.MustCompile(`^[-—–－]*(第)?[0-9０-９]+(页|/[0-9]+)?[-—–－]*$`)

// endingAt returns c when the table whose region ends before line b is
// the last text of the page (page numbers aside): it may go on over the
// next page. nil otherwise.
func (c *Carry) endingAt(lines []*Row, b int, s *Settings) *Carry {
	if c == nil || len(c.cols) < 2 {
		return nil
	}
	for _, l := range lines[b:] {
		t := strings.Join(strings.Fields(Text(l.Pieces, s, false)), "")
		if !folioRe.MatchString(t) {
			return nil
		}
	}
	return c
}

// continuedRegion returns how many lines at the top of a page continue the
// table carry holds (0: none): lines before the first title, unit, note or
// marker line, close below each other, whose segments lie inside the
// table's extent, and none of them a line of prose (one segment from the
// table's left edge across half its width or more: ProseIndent,
// ProseWidth).
func continuedRegion(lines []*Row, segs [][]segment, stop []bool, carry *Carry, s *Settings) int {
	if carry == nil || len(lines) == 0 {
		return 0
	}
	cols := carry.cols
	left, right := cols[0].l, cols[len(cols)-1].r
	b := 0
	for ; b < len(lines); b++ {
		l := lines[b]
		h := medianHeight(l.Pieces, s)
		if stop[b] || b > 0 && l.Y0-lines[b-1].Y1 > s.MaxRowGap*math.Max(h, lines[b-1].height()) {
			break
		}
		inside := true
		for _, sg := range segs[b] {
			inside = inside && sg.x0 >= left-h && sg.x1 <= right+h
		}
		if !inside {
			break
		}
		if len(segs[b]) == 1 {
			sg := segs[b][0]
			if sg.x0 <= cols[0].x0+s.ProseIndent*h && sg.x1-sg.x0 >= s.ProseWidth*(right-left) {
				break
			}
		}
	}
	// A department line above the next table's title is centred like the
	// title: it goes with the title, not with the rows above it.
	for b > 0 && b < len(lines) && stop[b] && len(segs[b-1]) == 1 {
		l, t := lines[b-1], lines[b]
		if math.Abs((l.X0+l.X1)/2-(t.X0+t.X1)/2) > s.TitleCentre*medianHeight(t.Pieces, s) {
			break
		}
		b--
	}
	// Rows of a table: a line of two cells or more, or an amount, among
	// them; a few lines of one label each are no evidence of the table.
	for k := range b {
		if len(segs[k]) >= 2 {
			return b
		}
		for _, sg := range segs[k] {
			if isAmount(sg.chars) {
				return b
			}
		}
	}
	return 0
}

// tabulateIn lays out the lines of a region in the columns carry holds:
// each body block and leaf header label (a repeated header) goes to the
// column it overlaps most, group labels over the columns they are
// centred on, as tabulate does with the columns it finds. A cell wrapped
// over lines wraps at the pitch of the page before: a few lines at the top
// of a page may show no pitch of their own.
func tabulateIn(lines []*Row, carry *Carry, s *Settings) Table {
	cols := carry.cols
	blocks, header, bodyRows, _, _, _ := regionBlocks(lines, s, carry.wrap, true)
	for _, b := range blocks {
		b.col = -1
		if b.header && leafHeader(b, blocks, s) {
			b.col = labelCol(cols, b, s)
		} else if !b.header {
			b.col = overlapCol(cols, b)
		}
	}
	placeBody(blocks, cols, s)
	placeGroups(blocks, cols, s)
	hr := headerRows(header, s)
	rows := append(hr, bodyRows...)
	debugRows(cols, rows, s)
	return newTable(cols, len(hr), emitRows(rows, cols, s), true)
}

// overlapCol is the column whose cell overlaps block b most, or the
// nearest one when none does.
func overlapCol(cols []ucol, b *cblock) int {
	best, bestO := -1, 0.0
	for k, c := range cols {
		if o := overlap(c.l, c.r, b.x0, b.x1); o > bestO {
			best, bestO = k, o
		}
	}
	if best < 0 {
		return nearestCol(cols, (b.x0+b.x1)/2)
	}
	return best
}

// labelCol places a leaf header label as findColumns does on the table's
// first page: over the column whose text it overlaps most, else in the
// cell it overlaps most; a header repeated on a continued page then reads
// as it did there.
func labelCol(cols []ucol, b *cblock, s *Settings) int {
	best, bestO := -1, 0.0
	for k, c := range cols {
		if o := overlap(c.x0-s.LabelSlack, c.x1+s.LabelSlack, b.x0, b.x1); o > bestO {
			best, bestO = k, o
		}
	}
	if best < 0 {
		return overlapCol(cols, b)
	}
	return best
}
