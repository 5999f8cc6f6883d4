package coverage

import (
	"fmt"
	"sort"
	"strings"

	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/segment"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/zh"
)

// titles checks that every table title printed on a page of tables starts
// a table or repeats the title of one on that page. A title inside the rows
// of another table means two tables were read as one (table.merged); a
// title under which no table came out is a table missed.
func (c *checker) titles() {
	rowsOn := c.bodyRowsByPage()
	for _, pg := range c.ld.Pages {
		if pg.Garbled {
			continue
		}
		for i, l := range pg.Lines {
			r, ok := c.role[lineKey{pg.Number, l.Number}]
			if ok && r.role != text && r.role != furniture {
				continue
			}
			if !c.claimed[pg.Number] && !tabularBelow(pg.Lines[i+1:]) {
				continue // a contents page or a part heading: titles over no grid
			}
			s := strings.TrimSpace(l.Text())
			if !segment.IsTitle(s) || segment.IsTOC(s) || strings.ContainsAny(s, "，：:") || strings.Contains(s, "如下") || listEntryRe.MatchString(s) {
				continue
			}
			if c.titleOnPage(s, pg.Number) {
				continue
			}
			t, inside := c.tableAround(rowsOn[pg.Number], pg.Number, l.Number)
			switch {
			case inside:
				c.add(table.Finding{Severity: table.Error, Rule: "table.merged", Table: c.outID(t), Pages: []int{pg.Number}, Line: l.Number,
					Found: s, Expected: c.sd.Tables[t].Title,
					Message: fmt.Sprintf("page %d line %d prints the title %q inside the table %q: two tables were read as one", pg.Number, l.Number, s, c.sd.Tables[t].Title)})
			default:
				c.add(table.Finding{Severity: table.Warning, Rule: "coverage.orphan_title", Pages: []int{pg.Number}, Line: l.Number, Found: s,
					Message: fmt.Sprintf("page %d line %d prints the title %q, but no table came out under it", pg.Number, l.Number, s)})
			}
		}
	}
}

// titleOnPage reports whether s names a table found on page p.
func (c *checker) titleOnPage(s string, p int) bool {
	for _, t := range c.sd.Tables {
		if !hasPage(t.Pages, p) {
			continue
		}
		if sameTitle(s, t.Title, c.s.TitleSimilarity) || t.Heading != "" && sameTitle(s, t.Heading, c.s.TitleSimilarity) {
			return true
		}
	}
	return false
}

type rowAt struct{ line, table int }

func (c *checker) bodyRowsByPage() map[int][]rowAt {
	out := map[int][]rowAt{}
	for i, t := range c.sd.Tables {
		for _, r := range t.Body {
			out[r.Page] = append(out[r.Page], rowAt{r.Line, i})
		}
	}
	for _, rs := range out {
		sort.Slice(rs, func(a, b int) bool { return rs[a].line < rs[b].line })
	}
	return out
}

// tableAround returns the table whose rows continue past line n of page p:
// the table of the next row below the line, when that table began before
// the line (rows above it on the page, or on an earlier page).
func (c *checker) tableAround(rows []rowAt, p, n int) (int, bool) {
	k := sort.Search(len(rows), func(i int) bool { return rows[i].line > n })
	if k == len(rows) {
		return -1, false
	}
	t := rows[k].table
	st := c.sd.Tables[t]
	if len(st.Body) == 0 {
		return -1, false
	}
	first := st.Body[0]
	return t, first.Page < p || first.Page == p && first.Line < n
}

// outID is the ID of the first output table made from segment table i.
func (c *checker) outID(i int) string {
	st := c.sd.Tables[i]
	if len(st.Body) == 0 {
		return ""
	}
	k := lineKey{st.Body[0].Page, st.Body[0].Line}
	for _, t := range c.doc.Tables {
		for _, r := range t.Rows {
			if r.Page == k.page && r.Line == k.line {
				return t.ID
			}
		}
	}
	return ""
}

func hasPage(pages []int, p int) bool {
	for _, q := range pages {
		if q == p {
			return true
		}
	}
	return false
}

// sameTitle reports whether two printings name the same table: one holds
// the other (a department or year in front, 续 behind), or their character
// pairs mostly agree (a garbled repeat).
func sameTitle(a, b string, least float64) bool {
	a, b = titleCore(a), titleCore(b)
	if a == "" || b == "" {
		return false
	}
	if strings.Contains(a, b) || strings.Contains(b, a) {
		return true
	}
	return similarity(a, b) >= least
}

// titleCore strips what varies between printings of one title: spaces,
// full-width forms, a year, a table number, 续, brackets.
func titleCore(s string) string {
	s = zh.Squash(zh.Fold(s))
	s = coreStripRe.ReplaceAllString(s, "")
	return s
}

// similarity is the Dice coefficient of the two strings' character pairs.
func similarity(a, b string) float64 {
	pa, pb := pairs(a), pairs(b)
	if len(pa) == 0 || len(pb) == 0 {
		return 0
	}
	n := 0
	for k, x := range pa {
		n += min(x, pb[k])
	}
	total := 0
	for _, x := range pa {
		total += x
	}
	for _, x := range pb {
		total += x
	}
	return 2 * float64(n) / float64(total)
}

func pairs(s string) map[string]int {
	r := []rune(s)
	out := map[string]int{}
	for i := 0; i+1 < len(r); i++ {
		out[string(r[i:i+2])]++
	}
	return out
}

// tabularBelow reports whether a table's header or rows follow: a line the
// reader cut into cells, a unit line (单位：万元) or a header label (科目编码,
// 合计) — what a contents page or a part heading has not under its titles.
func tabularBelow(lines []layout.Line) bool {
	for _, l := range lines {
		if l.Blank() {
			continue
		}
		s := l.Text()
		if segment.IsTitle(s) || segment.IsTOC(s) {
			continue // more titles: a contents list
		}
		if l.Tabular || headerWordRe.MatchString(s) || segment.IsUnitLine(s) {
			return true
		}
	}
	return false
}
