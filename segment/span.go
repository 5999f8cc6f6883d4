package segment

import (
	"regexp"
	"strings"

	"github.com/yusuan-data/yusuan/zh"
)

// joinSpans applies spanCut to the first row of each page of t's body.
func joinSpans(t *Table) {
	body := t.Body[:0:0]
	for i, r := range t.Body {
		if i > 0 && r.Page != t.Body[i-1].Page {
			var moved Row
			if r, moved = spanCut(body, r); moved.Cells != nil {
				t.SpanJoined = append(t.SpanJoined, moved)
				if blank(r) {
					continue
				}
			}
		}
		body = append(body, r)
	}
	t.Body = body
}

// spanCut handles a page break through a tall merged cell. Forms such as
// 北京's 项目支出绩效目标表 print a project's code, name, amounts and goal
// in cells that span all its indicator rows; the text sits in the middle
// of the span, so a break that cuts the span cuts the text: the code and
// the first characters of the name stay at the foot of one page ("…469175
// -事"), the rest of the name, the amounts and the rest of the goal open
// the next ("故责任追究和整改措施落实情况评估服务 | 20.000000 | …").
//
// next, the first row after the break, finishes the span when body's last
// rows are a span: an owner row with text in the first column, then rows
// (at least one) empty in some columns the owner fills or left empty, all
// on one page; next has text in such columns, none of it repeating the
// owner's cell, starting a new item (a code: not the rest of a code the
// owner's cell holds only the head of) or naming a total; and one
// of them continues a long cell of the owner that stops mid-sentence
// (the goal: what says the span was cut, not ended). A cell of next that
// is only a junk mark (".": the decimal points of the cut line's other
// copy, whose digits are clipped away) is dropped with them. Those cells move into the owner (joined to its
// text); what is left of next (its own indicator cells) stays a row, or
// is dropped when nothing is left. moved holds the moved cells (nil when
// next is not such a row) for the finding.
func spanCut(body []Row, next Row) (rest, moved Row) {
	n := len(body)
	if n < 2 || next.Page == body[n-1].Page || len(next.Cells) == 0 {
		return next, Row{}
	}
	o := n - 1
	for o >= 0 && strings.TrimSpace(body[o].Cells[0]) == "" {
		o--
	}
	if o < 0 || o == n-1 || body[o].Page != body[n-1].Page {
		return next, Row{}
	}
	owner := body[o]
	var cols, junk []int
	prose := false
	for j := 0; j < len(next.Cells); j++ {
		c := strings.TrimSpace(next.Cells[j])
		if c == "" || j >= len(owner.Cells) {
			continue
		}
		if junkMarks[zh.Squash(zh.Fold(c))] {
			// a mark left of the cut line's other copy (the decimal
			// points of amounts whose digits are clipped away)
			junk = append(junk, j)
			continue
		}
		spanned := true
		for _, r := range body[o+1:] {
			if j < len(r.Cells) && strings.TrimSpace(r.Cells[j]) != "" {
				spanned = false
				break
			}
		}
		if !spanned {
			continue
		}
		cutCode := codeHeadRe.MatchString(strings.TrimSpace(owner.Cells[j])) && codeTailRe.MatchString(c)
		if c == strings.TrimSpace(owner.Cells[j]) || !spanAmountRe.MatchString(c) && !cutCode && startsItem(c) || spanTotalRe.MatchString(c) {
			return next, Row{}
		}
		cols = append(cols, j)
		prose = prose || unfinished(owner.Cells[j])
	}
	if len(cols) == 0 || !prose {
		return next, Row{}
	}
	joined := append([]string(nil), owner.Cells...)
	rest = next
	rest.Cells = append([]string(nil), next.Cells...)
	moved = next
	moved.Cells = make([]string, len(next.Cells))
	for _, j := range cols {
		c := strings.TrimSpace(next.Cells[j])
		if prev := strings.TrimSpace(joined[j]); prev != "" {
			c = zh.JoinWrapped(prev + "\n" + c)
		}
		joined[j] = c
		moved.Cells[j] = rest.Cells[j]
		rest.Cells[j] = ""
	}
	for _, j := range junk {
		moved.Cells[j] = rest.Cells[j]
		rest.Cells[j] = ""
	}
	body[o].Cells = joined
	return rest, moved
}

// spanAmountRe is an amount: the rest of a cut cell may be one, a code
// (startsItem) may not.
var spanAmountRe = regexp.MustCompile(`^-?[0-9,]*[0-9]\.[0-9]+$`)

// codeHeadRe is a cell holding only the head of a project code, and
// codeTailRe the rest of a code followed by the name: a break that cuts a
// code-name cell inside its code (北京-应急 p.54/55: "11000023T000" at one
// page's foot, "002092910-安全生产考试相关工作" at the next page's head).
// The rest starts with digits like a new item's code, but an owner cell
// that is a bare code with no name says it was cut.
var (
	codeHeadRe = regexp.MustCompile(`^[0-9A-Z]{6,}$`)
	codeTailRe = regexp.MustCompile(`^[0-9A-Z]+\s*[-－—]\s*\S`)
)

// spanTotalRe is a total row's label: never the rest of a cut cell.
var spanTotalRe = regexp.MustCompile(`^(合\s*计|小\s*计|总\s*计|共\s*计)`)

// blank reports whether a row has no text.
func blank(r Row) bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
