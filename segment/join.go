package segment

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yusuan-data/yusuan/zh"
)

// joinBlocks is pass 2: each block starts a table or continues the last.
//
//   - a 附件 marker always starts a table;
//   - a block with no title (a page break, or a page that repeats only the
//     header) continues the current table;
//   - a block whose title is the current title, or says 续, continues it;
//   - a block whose header rows repeat the current header continues it even
//     when its title differs: the title was garbled; not when both titles
//     carry table numbers and they differ (预算07表, 预算08表: two empty
//     tables of one layout);
//   - a block on the next page with a header of its own and as many rows
//     as the table is its next strip of columns (wide.go);
//   - otherwise it is a new table: in a document numbered by 附件 markers, a
//     further part of the current attachment (附件 12 holds six forms).
func joinBlocks(blocks []*block) []*Table {
	var (
		tables  []*Table
		cur     *Table
		markers bool
	)
	for _, b := range blocks {
		if b.title.hasMarker {
			markers = true
		}
	}
	for _, b := range blocks {
		if cur != nil && extendsHeader(cur, b) {
			extendHeader(cur, b)
			continue
		}
		if cur != nil && widens(cur, b) {
			appendColumns(cur, b)
			continue
		}
		if cur != nil && !b.title.hasMarker && continues(cur, b) {
			appendContinuation(cur, b)
			continue
		}
		t := &Table{
			Attachment: b.title.marker,
			Title:      b.title.title,
			Heading:    b.title.heading,
			Department: b.title.department,
			Unit:       b.title.unit,
			Part:       partNumber(b.title.title),
			number:     b.title.number,
			marked:     b.title.hasMarker,
			readMarker: b.title.marker,
			scanned:    b.scanned(),
			ownHeader:  ownHeader(b),
		}
		if cur != nil && markers && !b.title.hasMarker {
			t.Attachment = cur.Attachment
			if t.Part == 0 {
				t.Part = cur.Part + 1
			}
		}
		n := headerRows(b.rows)
		// Header and Body never share spare capacity: extendHeader
		// appends to both, and an append to one must not write into the
		// other (a header row came out as the body row after it).
		t.Header = b.rows[:n:n]
		t.Body = b.rows[n:]
		t.Notes = b.notes
		t.FirstLine = firstLine(b)
		t.LastLine = lastLine(b)
		t.Pages = pagesOf(b, nil)
		tables = append(tables, t)
		cur = t
	}
	for i, t := range tables {
		t.Order = i + 1
		joinSpans(t)
	}
	return tables
}

// continues decides whether block b is more of table t.
func continues(t *Table, b *block) bool {
	if b.scanned() {
		return continuesScan(t, b)
	}
	tb := b.title
	if startsAnotherForm(t, b) {
		return false
	}
	if tb.title == "" {
		return !b.afterProse || b.page == lastPage(t) && !b.afterHeading
	}
	if tb.cont || sameTitle(tb.title, t.Title) {
		return true
	}
	if tb.number > 0 && t.number > 0 && tb.number != t.number {
		return false
	}
	if namesOtherTable(t, b) {
		return false
	}
	if len(t.Header) == 0 || len(b.rows) < len(t.Header) {
		return false
	}
	for i, h := range t.Header {
		if !sameRow(h.Cells, b.rows[i].Cells) {
			return false
		}
	}
	// The header repeats; still a new part when both titles are numbered
	// parts of one series (…绩效目标表-1, …绩效目标表-2).
	return !(partNumber(tb.title) > 0 && partNumber(tb.title) != partNumber(t.Title))
}

var contSuffixRe = regexp.MustCompile(`([（(]续表?[)）]|续表)$`)

// sameTitle compares titles ignoring spaces, width and a 续 mark.
func sameTitle(a, b string) bool {
	key := func(s string) string {
		return contSuffixRe.ReplaceAllString(zh.Squash(zh.Fold(s)), "")
	}
	return key(a) == key(b)
}

// appendContinuation merges block b into t, dropping the header rows the
// new page repeats.
func appendContinuation(t *Table, b *block) {
	rows := b.rows
	if b.scanned() {
		var n int
		rows, n = dropScanHeader(t, rows)
		t.DroppedHeaders += n
	} else if len(t.Header) > 0 {
		n := 0
		for n < len(t.Header) && n < len(rows) && sameRow(t.Header[n].Cells, rows[n].Cells) {
			n++
		}
		if n == len(t.Header) || n > 0 && n == len(rows) {
			t.DroppedHeaders += n
			rows = rows[n:]
		}
	}
	if !b.broken || len(b.title.lines) > 0 {
		t.Continuations++
	}
	if n := len(t.Body); n > 0 && len(rows) > 0 && cutByPage(t.Body[n-1], rows[0]) {
		t.Body[n-1] = rejoin(t.Body[n-1], rows[0])
		t.Rejoined = append(t.Rejoined, rows[0])
		rows = rows[1:]
	}
	t.Body = append(t.Body, rows...)
	t.Notes = append(t.Notes, b.notes...)
	t.Pages = pagesOf(b, t.Pages)
	if l := lastLine(b); l > t.LastLine {
		t.LastLine = l
	}
}

// minCutCell is the length (in characters) from which a cell is prose
// wrapped over several lines, the kind a page break can cut.
const minCutCell = 20

// cutByPage reports whether next, the first row after a page break, is the
// rest of prev: every cell it has text in continues a long cell of prev
// that stops without ending its sentence, and it has nothing else (no
// code, no amount: those would be a row of their own).
func cutByPage(prev, next Row) bool {
	if next.Page == prev.Page {
		return false
	}
	any := false
	for j, c := range next.Cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		any = true
		if j >= len(prev.Cells) || !unfinished(prev.Cells[j]) || startsItem(c) {
			return false
		}
	}
	return any
}

// unfinished reports whether a cell is long prose stopping mid-sentence.
func unfinished(s string) bool {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) < minCutCell {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune("。；;！!？?）)」”…", r)
}

// itemRe is the start of a new item: an outline number or a code.
var itemRe = regexp.MustCompile(`^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[、.．]\D|[0-9]{3,})`)

func startsItem(s string) bool { return itemRe.MatchString(strings.TrimSpace(s)) }

// rejoin appends next's cells to prev's.
func rejoin(prev, next Row) Row {
	cells := append([]string(nil), prev.Cells...)
	for j, c := range next.Cells {
		if c = strings.TrimSpace(c); c != "" {
			cells[j] = zh.JoinWrapped(strings.TrimSpace(cells[j]) + "\n" + c)
		}
	}
	prev.Cells = cells
	return prev
}

func firstLine(b *block) int {
	if len(b.title.lines) > 0 {
		return b.title.lines[0].Line
	}
	if len(b.rows) > 0 {
		return b.rows[0].Line
	}
	return 0
}

func lastLine(b *block) int {
	n := 0
	if len(b.rows) > 0 {
		n = b.rows[len(b.rows)-1].Line
	}
	for _, l := range b.notes {
		if l.Line > n {
			n = l.Line
		}
	}
	return n
}

// pagesOf adds the pages of b's lines to pages, sorted and unique. Lines
// come in reading order, so a new page almost always goes at the end: the
// cost is a binary search per line, not a pass over all pages per block.
func pagesOf(b *block, pages []int) []int {
	add := func(p int) {
		if p <= 0 {
			return
		}
		i := sort.SearchInts(pages, p)
		if i < len(pages) && pages[i] == p {
			return
		}
		pages = append(pages, 0)
		copy(pages[i+1:], pages[i:])
		pages[i] = p
	}
	for _, l := range b.title.lines {
		add(l.Page)
	}
	for _, r := range b.rows {
		add(r.Page)
	}
	return pages
}
