package normalize

import (
	"strings"

	"github.com/yusuan-data/yusuan/segment"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/zh"
)

// A form may hold a small grid of amounts among its key–value rows: a band
// of one or two label rows over one row of amounts, the labels of a column
// naming its amount (北京 部门整体支出绩效目标表:
//
//	总体资金情况（万元） | 预算支出总额 | 财政拨款 |          |          | 其他资金 | …
//	                    |              | 合计     | 基本支出 | 项目支出 | 合计     | …
//	                    | 92,430.002767| 92,340.5…| 33,061.4…| 59,279.1…| 89.49    | …
//
// Read as pairs, the first amount became a field name and the rest its
// value. Each amount is a field of its own instead, named by the labels
// above it: a label spans the empty cells to its right in its row (a merged
// cell), and the band's first cell, left of every amount, titles them all.
// A labelled column left empty is a field with no value, so that forms of
// one template have the same fields.

// maxBandLabelRows is how many label rows a band of amounts may have.
const maxBandLabelRows = 2

// fundBand is one row of a band: a label row, or the amounts row that ends
// it (amounts true, with its label rows).
type fundBand struct {
	amounts bool
	labels  []int // indexes of the label rows (amounts row only)
}

// fundBands finds the bands of amounts among a form's key–value rows,
// keyed by row index.
func fundBands(rows []segment.Row) map[int]fundBand {
	out := map[int]fundBand{}
	for i, r := range rows {
		cols := amountColumns(r.Cells)
		if len(cols) < 2 {
			continue
		}
		var labels []int
		for k := i - 1; k >= 0 && i-k <= maxBandLabelRows; k-- {
			if _, used := out[k]; used || !labelRow(rows[k].Cells) {
				break
			}
			labels = append([]int{k}, labels...)
		}
		if len(labels) == 0 || !namesAll(rows, labels, cols) {
			continue
		}
		for _, k := range labels {
			out[k] = fundBand{}
		}
		out[i] = fundBand{amounts: true, labels: labels}
	}
	return out
}

// amountColumns returns the columns of a row that hold amounts, or nil
// when the row holds anything else but empty cells and junk marks.
func amountColumns(cells []string) []int {
	var cols []int
	for j, c := range cells {
		c = CleanCell(c)
		switch {
		case c == "":
		case amountRe.MatchString(c):
			cols = append(cols, j)
		default:
			return nil
		}
	}
	return cols
}

// labelRow reports whether a row holds labels only: some text, no amount,
// and no label of a key–value pair (部门名称 …) the band would swallow.
func labelRow(cells []string) bool {
	any := false
	for _, c := range cells {
		c = CleanCell(c)
		if c == "" {
			continue
		}
		if amountRe.MatchString(c) || isFormLabel(CleanLabel(c)) {
			return false
		}
		any = true
	}
	return any
}

// bandLabel is the label over column j in row cells: its own text, or the
// nearest text to its left (a merged cell spanning j) that is right of
// column from (the band's title column).
func bandLabel(cells []string, j, from int) string {
	for k := min(j, len(cells)-1); k > from; k-- {
		if c := CleanCell(cells[k]); c != "" {
			return c
		}
	}
	return ""
}

// namesAll reports whether every amount column has a label in the band.
func namesAll(rows []segment.Row, labels, cols []int) bool {
	for _, j := range cols {
		name := ""
		for _, k := range labels {
			name += bandLabel(rows[k].Cells, j, -1)
		}
		if name == "" {
			return false
		}
	}
	return true
}

// fields turns the amounts row i of band b into key–value rows, one per
// amount: label the band's title and the labels over its column.
func (b fundBand) fields(rows []segment.Row, i int) []table.Row {
	cols := amountColumns(rows[i].Cells)
	title, titleCol := "", -1
	first := rows[b.labels[0]].Cells
	for j, c := range first {
		if c = CleanCell(c); c != "" {
			if j < cols[0] {
				title, titleCol = CleanLabel(c), j
			}
			break
		}
	}
	// every column from the first amount on that the band labels, empty
	// or not: a form's fields are the same whichever amounts it fills
	width := 0
	for _, k := range append([]int{i}, b.labels...) {
		width = max(width, len(rows[k].Cells))
	}
	var out []table.Row
	for j := cols[0]; j < width; j++ {
		var parts []string
		if title != "" {
			parts = append(parts, title)
		}
		for _, k := range b.labels {
			if l := CleanLabel(bandLabel(rows[k].Cells, j, titleCol)); l != "" && (len(parts) == 0 || parts[len(parts)-1] != l) {
				parts = append(parts, l)
			}
		}
		if len(parts) == 0 || title != "" && len(parts) == 1 {
			continue // no label of its own
		}
		value := ""
		if j < len(rows[i].Cells) {
			value = CleanCell(rows[i].Cells[j])
		}
		label := strings.Join(parts, "/")
		// the field is named by the column's own labels: the title is
		// the same for every amount of the band
		own := parts
		if title != "" && len(parts) > 1 {
			own = parts[1:]
		}
		out = append(out, table.Row{Page: rows[i].Page, Line: rows[i].Line, Cells: []table.Value{
			{Text: Slug(zh.Squash(strings.Join(own, "_")))}, {Text: label}, {Text: value},
		}})
	}
	return out
}
