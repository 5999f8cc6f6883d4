package coverage

import (
	"strings"

	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/zh"
)

// pageNumbers returns the numbers of a page that must land in a cell, and
// how many of its lines look like table rows.
//
// Which numbers count depends on what the segmenter made of the line:
//   - a table row: every number (codes and counts may go to text cells,
//     amounts must go to amount cells);
//   - a header row or a note: none (years, 注1);
//   - running text, a title block or page furniture: amounts standing
//     alone, when the line holds two or more of them and no sentence: a
//     table row read as text. A figure inside a sentence (收入402.21万元) is
//     the narrative's, and is checked against the tables by validate.
func (c *checker) pageNumbers(pg layout.Page) (nums []printed, tableLike int) {
	for _, l := range pg.Lines {
		if l.Blank() {
			continue
		}
		r, ok := c.role[lineKey{pg.Number, l.Number}]
		if !ok {
			r.role = furniture
		}
		switch r.role {
		case header, note:
			continue
		case body:
			amount := false
			for i, cell := range l.Cells {
				for _, t := range tokens(cell.Text) {
					nums = append(nums, printed{page: pg.Number, tok: t, line: l, cell: i, role: body})
					amount = amount || t.amount
				}
			}
			if amount {
				tableLike++
			}
			continue
		}
		var alone []printed
		for i, cell := range l.Cells {
			for _, t := range tokens(cell.Text) {
				if t.amount && t.alone {
					alone = append(alone, printed{page: pg.Number, tok: t, line: l, cell: i, role: r.role})
				}
			}
		}
		if !hasHan(l.Text()) {
			continue // a chart's axis and bar labels: numbers with no row label
		}
		if len(alone) >= 2 && !sentence(l.Text()) || l.Tabular && len(alone) >= 1 && r.role == furniture {
			nums = append(nums, alone...)
			tableLike++
		}
	}
	return nums, tableLike
}

func hasHan(s string) bool {
	for _, r := range s {
		if zh.IsCJK(r) {
			return true
		}
	}
	return false
}

// sentence reports whether a line is prose: it holds sentence marks, or
// states its figures with their unit (1468.70 万元、…): a table puts the
// unit in its title block, never after each amount.
func sentence(s string) bool {
	return strings.ContainsAny(s, "。；，：") || strings.Contains(s, "万元")
}

// joinSplit places the numbers a line wrap cut in two ("20137 99" printed,
// 2013799 written; "…499429 3-2025"): runs of adjacent leftover integers of
// one line are tried joined. It returns the numbers still not placed.
func joinSplit(rest []printed, p *pool) []printed {
	if p == nil || len(rest) < 2 {
		return rest
	}
	var out []printed
	for i := 0; i < len(rest); {
		j := i + 1
		placed := false
		for ; j < len(rest) && j-i < 4; j++ {
			a, b := rest[j-1], rest[j]
			if b.line.Number != a.line.Number || a.tok.amount || b.tok.amount {
				break
			}
			joined := ""
			for _, x := range rest[i : j+1] {
				joined += x.tok.raw
			}
			if p.take(canonical(joined)) {
				placed = true
				break
			}
		}
		if placed {
			i = j + 1
			continue
		}
		out = append(out, rest[i])
		i++
	}
	return out
}

// dropCodeParts drops the bare integers left over that are part of a code
// or label written out (301 printed in a 类 column, 30101 written): the
// parts of a classification code printed in 类/款/项 columns. Amounts are
// never dropped.
func dropCodeParts(rest []printed, p *pool) []printed {
	if p == nil || len(rest) == 0 {
		return rest
	}
	var out []printed
	for _, x := range rest {
		if !x.tok.amount && p.partOfText(x.tok.raw) {
			continue
		}
		out = append(out, x)
	}
	return out
}
