package segment

import (
	"strings"

	"github.com/yusuan-data/yusuan/zh"
)

// A table too wide for its page may be printed in strips of columns: every
// row with the first columns on one page, the same rows with the other
// columns on the next, under a header of their own (a spreadsheet printed
// across pages; the row labels, 科目编码 and 科目名称, repeated on each strip
// or not). Appended as rows, the next strip doubled the table's length and
// left its last columns under the first ones' header.

// widens reports whether block b is the next strip of table t's columns:
// no title of its own (or t's), on the page after all of t's body, with a
// header that is not t's, exactly as many body rows as t, and in them only
// amounts past the row labels they repeat (three rows at least when they
// repeat none).
func widens(t *Table, b *block) bool {
	if b.scanned() || b.title.hasMarker || b.title.title != "" && !sameTitle(b.title.title, t.Title) {
		return false
	}
	if len(t.Header) == 0 || len(t.Body) == 0 || len(b.rows) == 0 {
		return false
	}
	page := t.Body[0].Page
	for _, r := range t.Body {
		if r.Page != page {
			return false
		}
	}
	if b.rows[0].Page != page+1 {
		return false
	}
	n := headerRows(b.rows)
	if n == 0 || n > len(t.Header) || len(b.rows)-n != len(t.Body) {
		return false
	}
	for i := 0; i < n; i++ {
		if sameRow(t.Header[len(t.Header)-n+i].Cells, b.rows[i].Cells) {
			return false // a repeated header: more rows, not more columns
		}
	}
	// Past the repeated row labels, the strip's rows hold amounts only.
	body := b.rows[n:]
	k := repeatedLabels(t.Body, body)
	amounts := 0
	for _, r := range body {
		for _, c := range tail(r.Cells, k) {
			c = zh.Squash(zh.Fold(c))
			switch {
			case c == "" || junkMarks[c]:
			case numberRe.MatchString(c):
				amounts++
			default:
				return false
			}
		}
	}
	return amounts > 0 && (k > 0 || len(body) >= 3)
}

// repeatedLabels counts the leading columns in which every row of strip
// repeats the cell of the body row at its place (科目编码, 科目名称).
func repeatedLabels(body, strip []Row) int {
	k := 0
	for ; ; k++ {
		same, any := true, false
		for i, r := range strip {
			a, c := cellAt(body[i].Cells, k), cellAt(r.Cells, k)
			if zh.Squash(zh.Fold(a)) != zh.Squash(zh.Fold(c)) {
				same = false
				break
			}
			any = any || strings.TrimSpace(c) != ""
		}
		if !same || !any {
			return k
		}
	}
}

// appendColumns puts strip b's columns to the right of t's, row by row,
// leaving out the leading columns that only repeat t's row labels. b's
// header rows stand under t's lowest ones.
func appendColumns(t *Table, b *block) {
	n := headerRows(b.rows)
	head, body := b.rows[:n], b.rows[n:]
	k := repeatedLabels(t.Body, body) // leading columns that repeat t's row labels
	width := 0
	for _, r := range t.rows() {
		width = max(width, len(r.Cells))
	}
	extend := func(r *Row, more []string) {
		cells := make([]string, width, width+len(more))
		copy(cells, r.Cells)
		r.Cells = append(cells, more...)
	}
	for h := range t.Header {
		var more []string
		if i := h - (len(t.Header) - n); i >= 0 {
			more = tail(head[i].Cells, k)
		} else {
			more = make([]string, len(tail(head[0].Cells, k)))
		}
		extend(&t.Header[h], more)
	}
	for i := range t.Body {
		extend(&t.Body[i], tail(body[i].Cells, k))
	}
	t.Strips = append(t.Strips, b.rows...)
	t.Continuations++
	t.Notes = append(t.Notes, b.notes...)
	t.Pages = pagesOf(b, t.Pages)
	if l := lastLine(b); l > t.LastLine {
		t.LastLine = l
	}
}

func cellAt(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return ""
}

func tail(cells []string, k int) []string {
	if k >= len(cells) {
		return nil
	}
	return cells[k:]
}
