package coverage

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/yusuan-data/yusuan/segment"
	"github.com/yusuan-data/yusuan/table"
)

// expected checks the tables found against the document's own account of
// them: its 附件 numbering must run without a gap, and every table its
// list (目录, or the narrative's 附件 list) names must have come out.
func (c *checker) expected() {
	found := map[int]bool{}
	low, top := 0, 0
	for _, t := range c.sd.Tables {
		if t.Attachment > 0 {
			found[t.Attachment] = true
			top = max(top, t.Attachment)
			if low == 0 || t.Attachment < low {
				low = t.Attachment
			}
		}
	}
	listed := c.listed()
	for n := range listed {
		top = max(top, n)
	}
	if len(found) > 0 || len(listed) > 0 {
		c.q.TablesExpected = max(top-max(low, 1)+1, len(listed))
	}
	// A file may hold a part of a disclosure (附件 3 alone): the numbering
	// is checked from the first number found, and below it only where the
	// document's list names a table.
	var missing []int
	for n := 1; n <= top && len(found) > 0; n++ {
		_, isListed := listed[n]
		if !found[n] && (n > low || isListed) {
			missing = append(missing, n)
		}
	}
	for _, n := range missing {
		what := "the numbering of the tables found skips it"
		if title, ok := listed[n]; ok {
			if c.titleFound(title) {
				continue // listed by number, found under another one: 附件 numbering is checked by its title
			}
			what = fmt.Sprintf("the document lists it as %q", title)
		}
		c.q.MissingTables = append(c.q.MissingTables, n)
		c.add(table.Finding{Severity: table.Error, Rule: "coverage.missing_table", Expected: fmt.Sprintf("附件%d", n),
			Message: fmt.Sprintf("no table came out as 附件 %d: %s", n, what)})
	}
	// Titles listed without a number the tables use: each must be found.
	nums := make([]int, 0, len(listed))
	for n := range listed {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	for _, n := range nums {
		if found[n] || c.titleFound(listed[n]) {
			continue
		}
		if len(found) > 0 && n <= top {
			continue // reported above
		}
		c.q.MissingTables = append(c.q.MissingTables, n)
		c.add(table.Finding{Severity: table.Error, Rule: "coverage.missing_table", Expected: listed[n],
			Message: fmt.Sprintf("the document lists table %d %q, and no table with that title came out", n, listed[n])})
	}
}

// listed returns the tables the document lists, by number: entries of a
// table of contents and of a list of 附件 in the running text.
func (c *checker) listed() map[int]string {
	out := map[int]string{}
	for _, l := range c.sd.Text {
		s := strings.TrimSpace(l.Text)
		m := listEntryRe.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		if !segment.IsTOC(s) && !strings.HasPrefix(s, "附件") && !strings.HasPrefix(s, "附表") && !c.inList(l) {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		if n > 0 {
			if _, dup := out[n]; !dup {
				out[n] = strings.TrimSpace(m[2])
			}
		}
	}
	return out
}

// inList reports whether a numbered running-text line stands in a list of
// attachments: the text before it (same page) says 附件 or 目录.
func (c *checker) inList(l segment.TextLine) bool {
	for _, o := range c.sd.Text {
		if o.Page == l.Page && o.Line < l.Line && o.Line >= l.Line-20 {
			s := strings.TrimSpace(o.Text)
			if s == "目录" || s == "目 录" || strings.HasPrefix(s, "附件：") || strings.HasPrefix(s, "附件:") || s == "附件" {
				return true
			}
		}
	}
	return false
}

// titleFound reports whether a listed title names a table that came out.
func (c *checker) titleFound(title string) bool {
	for _, t := range c.sd.Tables {
		if sameTitle(title, t.Title, c.s.TitleSimilarity) || t.Heading != "" && sameTitle(title, t.Heading, c.s.TitleSimilarity) {
			return true
		}
	}
	return false
}
