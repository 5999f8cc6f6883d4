package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/vocab"
)

// A side of a two-sided table (收支总表) is an outline: items, some of them
// parents of sub-items, and 合计/总计/小计 rows that add up the items above
// them. The level of an item is read from its numbering only:
//
//	rank 1  一、 二、          rank 3  1. 1、 1．
//	rank 2  （一） (一)        rank 4  （1） (1)
//
// A numbered item is the child of the nearest open item of a smaller rank
// (or of an unnumbered parent), so 一、 over （一）, 一、 over 1., 财政拨款
// over 1. and 上年结转结余 over 一、 (Beijing's carry-over) all nest.
// An unnumbered item has no rank of its own:
//   - at the top of a segment, or after an unnumbered top-level item, it is
//     a top-level item (the seed's 一般公共预算拨款收入, 事业收入, …);
//   - under an open numbered item it is a descendant of unknown depth
//     (Shenzhen's 一、一般公共服务支出 / 统计信息事务 / 行政运行): the item
//     it belongs to is then not checked against its children, since which
//     of them are children cannot be told;
//   - on a side whose unnumbered items mix names of functional classes (类,
//     Outline.ClassNames or the shortest-coded rows of the document's coded
//     tables) with other names, the class names are the top level and the
//     other names their descendants (Hangzhou prints 科学技术支出 / 技术研究
//     与开发 / 科技成果转化与扩散 with indentation only).
//
// A total adds up the top-level items of its segment (the rows since the
// previous total) plus the previous total; a total printed above its items
// (Chongqing's 合计 on the first line) adds up the items below it. A parent
// equals the sum of its children when every child is numbered.

var (
	rank3Re = regexp.MustCompile(`^[0-9]+[、.．]`)
	rank4Re = regexp.MustCompile(`^[（(][0-9]+[）)]`)
	// outlineTotalRe: a label that closes a segment. A numbered label is an
	// item even when it ends in 合计 (Hangzhou's 一、本年支出合计).
	outlineTotalRe = vocab.EndsInAnyTotal
)

// rankOf is the numbering rank of an item label (0: unnumbered).
func rankOf(l string) int {
	switch {
	case head1Re.MatchString(l):
		return 1
	case head2Re.MatchString(l):
		return 2
	case rank4Re.MatchString(l):
		return 4
	case rank3Re.MatchString(l) && !plainNumRe.MatchString(l):
		return 3
	}
	return 0
}

// stripAnyNumbering removes any outline numbering from a squashed label.
func stripAnyNumbering(l string) string {
	for _, re := range []*regexp.Regexp{head1Re, head2Re, rank4Re, rank3Re} {
		if re.MatchString(l) {
			return re.ReplaceAllString(l, "")
		}
	}
	return l
}

func (c *checker) outline(r Outline) {
	classes := map[string]bool{}
	for _, n := range r.ClassNames {
		classes[squash(n)] = true
	}
	for _, t := range c.doc.Tables {
		if t == nil || t.Col("subject_code") < 0 || t.Col("subject_name") < 0 {
			continue
		}
		for _, i := range topRows(t, "subject_code") {
			if n := squash(textAt(t, i, "subject_name")); n != "" && len(codeText(t, i, "subject_code")) == 3 {
				classes[n] = true
			}
		}
	}
	for _, t := range tablesOf(c.doc, r.Kind) {
		for _, side := range r.Sides {
			if !hasCols(t, side.Item) {
				continue
			}
			nodes := parseOutline(t, side.Item, classes)
			for _, col := range side.Amounts {
				if t.Col(col) >= 0 {
					c.outlineColumn(r, t, side.Item, col, nodes)
				}
			}
		}
	}
}

// onode is one labelled row of a side.
type onode struct {
	row    int
	total  bool
	rank   int  // numbering rank; 0 unnumbered
	parent int  // index in the node list, -1 for a top-level item or a total
	vague  bool // has descendants of unknown depth: not checked against its children
	kids   []int
}

// parseOutline reads one side's labels into nodes, top to bottom.
func parseOutline(t *table.Table, itemCol string, classes map[string]bool) []onode {
	var nodes []onode
	// segment bounds, to decide per segment whether class names mark the top level
	var labels []string
	for i := range t.Rows {
		labels = append(labels, squash(textAt(t, i, itemCol)))
	}
	isTotal := func(l string) bool { return outlineTotalRe.MatchString(l) && rankOf(l) == 0 }
	classMode := func(from int) bool {
		cls, other := false, false
		for i := from; i < len(labels); i++ {
			l := labels[i]
			if l == "" {
				continue
			}
			if isTotal(l) {
				break
			}
			if rankOf(l) != 0 {
				continue
			}
			if classes[l] {
				cls = true
			} else {
				other = true
			}
		}
		return cls && other
	}
	var stack []int // open items, outermost first
	mode := classMode(0)
	for i, l := range labels {
		if l == "" {
			continue
		}
		if isTotal(l) {
			nodes = append(nodes, onode{row: i, total: true, parent: -1})
			stack = nil
			mode = classMode(i + 1)
			continue
		}
		n := onode{row: i, rank: rankOf(l), parent: -1}
		me := len(nodes)
		if n.rank > 0 {
			for len(stack) > 0 {
				top := nodes[stack[len(stack)-1]]
				if top.rank != 0 && top.rank >= n.rank {
					stack = stack[:len(stack)-1]
					continue
				}
				break
			}
			if len(stack) > 0 {
				n.parent = stack[len(stack)-1]
			}
			nodes = append(nodes, n)
			stack = append(stack, me)
			continue
		}
		// unnumbered
		switch {
		case len(stack) == 0:
		case nodes[stack[0]].rank != 0:
			// under a numbered item: a descendant of unknown depth
			nodes[stack[len(stack)-1]].vague = true
			n.parent = -2
		case mode && !classes[l]:
			// under a class: a descendant of unknown depth
			nodes[stack[len(stack)-1]].vague = true
			n.parent = -2
		}
		if n.parent == -2 {
			nodes = append(nodes, n)
			continue
		}
		nodes = append(nodes, n)
		stack = []int{me}
	}
	for i, n := range nodes {
		if n.parent >= 0 {
			nodes[n.parent].kids = append(nodes[n.parent].kids, i)
		}
	}
	return nodes
}

// outlineColumn checks one column of one side: every parent against its
// children, every total against the top-level items it closes.
func (c *checker) outlineColumn(r Outline, t *table.Table, itemCol, col string, nodes []onode) {
	check := func(row int, want decimal.Decimal, addends int, what string) {
		found, ok := cellAt(t, row, col)
		if (!ok && r.SkipNullTotals) || found.Equal(want) {
			return
		}
		s := scaleFor(t, []string{col}, found, want)
		label := strings.TrimSpace(textAt(t, row, itemCol))
		c.reportSum(r.Meta, mismatch{t: t, row: row, col: col, found: found, ok: ok, expected: want, scale: s, label: label}, addends,
			fmt.Sprintf("%s %s: %s %s ≠ %s, %s", t.Kind, label, col, shown(found, ok, s), fixed(want, s), what))
	}
	add := func(rows []int) (decimal.Decimal, int) {
		sum, n := decimal.Zero, 0
		for _, i := range rows {
			d, ok := cellAt(t, i, col)
			if ok {
				n++
			}
			sum = sum.Add(d)
		}
		return sum, n
	}
	for _, n := range nodes {
		if n.total || len(n.kids) == 0 || n.vague {
			continue
		}
		var rows []int
		for _, k := range n.kids {
			rows = append(rows, nodes[k].row)
		}
		sum, cnt := add(rows)
		check(n.row, sum, cnt, fmt.Sprintf("the sum of its %d sub-items", len(rows)))
	}
	var seg []int // top-level items since the last total
	prev := -1    // the last total row
	leading := -1 // a total printed above its items
	closeSeg := func(at int) {
		sum, cnt := add(seg)
		if leading >= 0 {
			check(leading, sum, cnt, "the sum of the items below it")
			if at >= 0 {
				check(at, sum, cnt, "the sum of the items above it")
			}
			leading = -1
			return
		}
		if at < 0 {
			return
		}
		what := "the sum of the items above it"
		if prev >= 0 {
			p, ok := cellAt(t, prev, col)
			sum = sum.Add(p)
			if ok {
				cnt++
			}
			what = "the total above it plus the items between"
		}
		check(at, sum, cnt, what)
	}
	for _, n := range nodes {
		switch {
		case n.total:
			if prev < 0 && leading < 0 && len(seg) == 0 {
				leading = n.row
				continue
			}
			closeSeg(n.row)
			seg, prev = nil, n.row
		case n.parent == -1:
			seg = append(seg, n.row)
		}
	}
	if leading >= 0 {
		closeSeg(-1)
	}
}
