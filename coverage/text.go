package coverage

import (
	"fmt"
	"sort"
	"strings"

	"github.com/yusuan-data/yusuan/segment"
	"github.com/yusuan-data/yusuan/table"
)

// text reports lines read as running text that stand between two rows of
// one table: a row (often a long prose cell of a form, 当年绩效目标) that
// the reader did not see as part of the table, so its text is in the
// narrative and in no cell. Numbers on such lines are checked by amounts;
// this catches the text.
func (c *checker) text() {
	rowsOn := c.bodyRowsByPage()
	repeated := c.repeatedLines()
	for _, pg := range c.ld.Pages {
		rows := rowsOn[pg.Number]
		if len(rows) < 2 || pg.Garbled {
			continue
		}
		for _, l := range pg.Lines {
			r, ok := c.role[lineKey{pg.Number, l.Number}]
			if l.Blank() || l.Tabular || ok && r.role != text {
				continue // a row, a header, a note; a tabular line dropped as a repeated header
			}
			k := sort.Search(len(rows), func(i int) bool { return rows[i].line > l.Number })
			if k == 0 {
				continue
			}
			t := rows[k-1].table
			// Below the line: the same table's next row on this page, or
			// (at the foot of the page) its continuation on the next one.
			if k < len(rows) && rows[k].table != t || k == len(rows) && !continues(rowsOn[pg.Number+1], t) {
				continue
			}
			s := strings.TrimSpace(l.Text())
			if segment.IsFolio(s) || segment.IsTitle(s) || repeated[s] {
				continue // titles inside a table are table.merged; running heads and feet repeat
			}
			if !ok && (segment.IsTitleBlock(s) || c.namesDepartment(s)) {
				continue // a continuation's title block: its unit, compiler or department line
			}
			c.addLine(table.Finding{Severity: table.Warning, Rule: "coverage.unplaced_text", Table: c.outID(t), Pages: []int{pg.Number}, Line: l.Number,
				Found:   clip(s, 60),
				Message: fmt.Sprintf("page %d line %d, between rows of the table %q, is in no cell: %q", pg.Number, l.Number, c.sd.Tables[t].Title, clip(s, 60))})
		}
	}
}

// namesDepartment reports whether s is a department a table's title block
// names (a repeated title block's department line).
func (c *checker) namesDepartment(s string) bool {
	for _, t := range c.sd.Tables {
		if t.Department != "" && strings.Contains(s, t.Department) {
			return true
		}
	}
	return false
}

// continues reports whether table t has the first rows of a page.
func continues(rows []rowAt, t int) bool { return len(rows) > 0 && rows[0].table == t }

// repeatedLines are the texts printed on more than one page: running
// heads and feet, not content.
func (c *checker) repeatedLines() map[string]bool {
	seen := map[string]int{}
	out := map[string]bool{}
	for _, pg := range c.ld.Pages {
		for _, l := range pg.Lines {
			s := strings.TrimSpace(l.Text())
			if p, ok := seen[s]; ok && p != pg.Number {
				out[s] = true
			}
			seen[s] = pg.Number
		}
	}
	return out
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
