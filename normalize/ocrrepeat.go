package normalize

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/yusuan-data/yusuan/segment"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/zh"
)

// A header repeated on a continuation page is dropped by segmentation when
// it reads like the first page's. Under a seal or a page's skew a
// recogniser loses some of its cells (项目 | 支出科目 | 政府性基金预算 with
// 预算数, 合计 and 一般公共预算 gone), and the repeat lands in the body as a
// row of text among the lines of the table, the band above it (收入 |
// 支出, read as "nee 收入上") with it. Such a row is one whose cells,
// two or more, are each the header's label of their own column, and that
// holds no amount; the row above it goes too when it holds no amount and
// one of its cells carries its column's label. Each dropped row is a
// finding naming its page and line and what it read.

// dropRepeatedHeaders removes the OCR'd body rows that repeat the header.
func dropRepeatedHeaders(t *table.Table, h Header, rows []rawRow) ([]rawRow, []table.Finding) {
	labelAt := func(j int, c string, contains bool) bool {
		c = zh.Squash(zh.Fold(c))
		for _, lv := range h.Levels {
			if j >= len(lv) {
				continue
			}
			l := zh.Squash(zh.Fold(lv[j]))
			if l == "" {
				continue
			}
			if c == l || contains && strings.Contains(c, l) {
				return true
			}
		}
		return false
	}
	noAmount := func(r rawRow) bool {
		for _, c := range r.cells {
			if _, scale, ok := ParseAmount(c); ok && scale > 0 {
				return false
			}
		}
		return true
	}
	var out []rawRow
	var fs []table.Finding
	drop := func(r rawRow, why string) {
		fs = append(fs, table.Finding{
			Severity: table.Warning, Rule: "ocr.header_repeated", Table: t.ID, Line: r.line, Pages: []int{r.page},
			Found:   strings.Join(r.cells, " | "),
			Message: fmt.Sprintf("page %d: a row read as %q dropped: %s", r.page, strings.Join(filledCells(r.cells), " | "), why),
		})
	}
	for _, r := range rows {
		n, other := 0, 0
		for j, c := range r.cells {
			if strings.TrimSpace(c) == "" {
				continue
			}
			if labelAt(j, c, false) {
				n++
			} else {
				other++
			}
		}
		if !r.ocr || n < 2 || other > n || !noAmount(r) {
			out = append(out, r)
			continue
		}
		drop(r, "its cells are the header's labels of their columns (the header repeated on a page, read in part)")
		if k := len(out) - 1; k >= 0 && out[k].ocr && out[k].page == r.page && noAmount(out[k]) {
			band := false
			for j, c := range out[k].cells {
				band = band || strings.TrimSpace(c) != "" && labelAt(j, c, true)
			}
			if band {
				drop(out[k], "the header's band above a repeated header")
				out = out[:k]
			}
		}
	}
	return out, fs
}

func filledCells(cells []string) []string {
	var out []string
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			out = append(out, c)
		}
	}
	return out
}

// A speckled margin below a table's last row is read as a row of short
// junk (2 | oe | ee, ~ | - . | ar | Be), often past the header's last
// column, where it would open columns of its own. The OCR'd rows that end
// a table none of whose cells holds two Han characters or three digits
// are such junk, and so is a row anywhere of a digit or two alone in its
// cells: they are dropped, and reported.
func dropJunkRows(t *table.Table, body []segment.Row) ([]segment.Row, []table.Finding) {
	// only the trailing run: a junk row among the rows may be a line
	// whose label was read as Latin letters (Sty. ASHER for 债务付息支出)
	end := len(body)
	for end > 0 && body[end-1].OCR && junkRow(body[end-1].Cells) {
		end--
	}
	var out []segment.Row
	var fs []table.Finding
	var dropped []segment.Row
	for i, r := range body {
		if i >= end || r.OCR && speckRow(r.Cells) {
			dropped = append(dropped, r)
		} else {
			out = append(out, r)
		}
	}
	for _, r := range dropped {
		fs = append(fs, table.Finding{
			Severity: table.Warning, Rule: "ocr.noise_dropped", Table: t.ID, Line: r.Line, Pages: []int{r.Page},
			Found:   strings.Join(r.Cells, " | "),
			Message: fmt.Sprintf("page %d: a row read as %q dropped: specks read as text (no cell holds two Chinese characters or three digits)", r.Page, strings.Join(filledCells(r.Cells), " | ")),
		})
	}
	return out, fs
}

// speckRow reports whether a row holds nothing but a digit or two and
// marks in its cells (2, 3 | 1): specks, wherever the row is; a row of the
// table has a label or a code.
func speckRow(cells []string) bool {
	n := 0
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		n++
		if !speckDigitsRe.MatchString(c) {
			return false
		}
	}
	return n > 0
}

var speckDigitsRe = regexp.MustCompile(`^[0-9.,:;'"|\-]{1,2}$`)

func junkRow(cells []string) bool {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		n++
		han, digits := 0, 0
		for _, r := range c {
			switch {
			case unicode.Is(unicode.Han, r):
				han++
			case r >= '0' && r <= '9':
				digits++
			}
		}
		if han >= 2 || digits >= 3 {
			return false
		}
	}
	return n > 0
}

// Specks in an empty cell of an amount or a code column are read as letters or a
// mark (wo, eos, So@.@, “CXR, ia里). A cell of an OCR'd amount column
// that holds no digit and less than two Han characters is such a speck:
// the cell is left empty, and the text read is reported. The column is
// an amount column when no other cell holds two Han characters, and one
// holds an amount or its name is an amount's.
func dropSpecksInAmounts(t *table.Table, cols []column, rows []rawRow) []table.Finding {
	var fs []table.Finding
	for j, c := range cols {
		code := strings.HasSuffix(baseName(c.name), "_code")
		if isStringColumn(c.name) && !code {
			continue
		}
		amounts, specks := 0, 0
		for _, r := range rows {
			v := strings.TrimSpace(r.cells[j])
			switch {
			case v == "":
			case speck(v):
				specks++
			case hanCount(v) >= 2:
				amounts = -1 << 30 // text: not an amount column
			default:
				amounts++ // an amount, or an amount misread
			}
		}
		if amounts < 0 || amounts == 0 && leafOfName(c.name) == "" && !code || specks == 0 {
			continue
		}
		for i := range rows {
			r := &rows[i]
			v := strings.TrimSpace(r.cells[j])
			if !r.ocr || v == "" || !speck(v) {
				continue
			}
			r.cells[j] = ""
			fs = append(fs, table.Finding{
				Severity: table.Warning, Rule: "ocr.speck_dropped", Table: t.ID, Line: r.line, Pages: []int{r.page},
				RowLabel: rowLabelOf(r.cells), Column: c.label, Found: v,
				Message: fmt.Sprintf("page %d: %q in a column of amounts or codes, no digit in it: specks read as text, the cell left empty; check it on the page", r.page, v),
			})
		}
	}
	return fs
}

func hanCount(v string) int {
	n := 0
	for _, r := range v {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// speck reports whether a cell read among amounts is specks: no digit,
// less than two Han characters, a few characters at most.
func speck(v string) bool {
	han, n := 0, 0
	for _, r := range v {
		n++
		switch {
		case r >= '0' && r <= '9':
			return false
		case unicode.Is(unicode.Han, r):
			han++
		}
	}
	return han < 2 && n <= 8 && !junk[v]
}

// totalLabelJunkRe is a 合计 or 总计 label with junk read after it.
var totalLabelJunkRe = regexp.MustCompile(`^(合计|总计)\s+[^\p{Han}]{1,4}$`)

// fixFirstTotal reads the label of a table's first row as 合计 where the
// row opens a table of codes, has no code of its own, holds amounts, and
// its label was read as a few Latin letters or marks (ait, ai.): the row
// above the code tree is its total. A 合计 with junk after it loses the
// junk. Each change is a finding.
func fixFirstTotal(t *table.Table, cols []column, rows []rawRow) []table.Finding {
	if len(rows) < 2 || len(cols) < 3 || !rows[0].ocr || !strings.HasSuffix(baseName(cols[0].name), "_code") {
		return nil
	}
	r := &rows[0]
	v := strings.TrimSpace(r.cells[1])
	codes := 0
	for _, o := range rows[1:] {
		if codeRe.MatchString(o.cells[0]) {
			codes++
		}
	}
	amounts := 0
	for _, c := range r.cells[2:] {
		if _, scale, ok := ParseAmount(c); ok && scale > 0 {
			amounts++
		}
	}
	to := ""
	switch {
	case totalLabelJunkRe.MatchString(v):
		to = totalLabelJunkRe.FindStringSubmatch(v)[1]
	case r.cells[0] == "" && v != "" && hanCount(v) == 0 && len([]rune(v)) <= 4 && codes >= 1 && amounts > 0:
		to = "合计"
	}
	if to == "" {
		return nil
	}
	r.cells[1] = to
	return []table.Finding{{
		Severity: table.Warning, Rule: "ocr.corrected_label", Table: t.ID, Line: r.line, Pages: []int{r.page},
		RowLabel: to, Column: cols[1].label, Found: v, Expected: to,
		Message: fmt.Sprintf("page %d: the first row's label read as %q, taken for %q: the row without a code above the code tree, holding amounts", r.page, v, to),
	}}
}
