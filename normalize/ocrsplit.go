package normalize

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"github.com/yusuan-data/yusuan/subject"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/zh"
)

// Two rows run together where a seal hides the rule between them (the
// rule is red under red ink, and lost to the JPEG's colour): the
// recogniser reads one cell per column holding both rows' text, the codes
// joined (3011030112), the names joined (职工基本医疗保险缴费其他社会保障缴费),
// two amounts in a cell (67.50 2.00). The classification says where to
// cut: the code splits into two known codes whose names, joined, are the
// name read. Then each amount cell of two amounts gives one to each row;
// a cell of one reading cannot say whose it is and stays on the first row,
// reported. Each split is a finding.

// splitJoinedRows splits the OCR'd rows whose code and name are two rows'.
func splitJoinedRows(t *table.Table, cols []column, rows []rawRow) ([]rawRow, []table.Finding) {
	j := -1
	for k, c := range cols {
		if _, ok := classificationColumn(baseName(c.name)); ok {
			j = k
			break
		}
	}
	if j < 0 || j+1 >= len(cols) || !strings.HasSuffix(baseName(cols[j+1].name), "_name") {
		return rows, nil
	}
	var out []rawRow
	var fs []table.Finding
	for _, r := range rows {
		if !r.ocr {
			out = append(out, r)
			continue
		}
		c1, c2, ok := splitCodes(r.cells[j], zh.Squash(r.cells[j+1]))
		if !ok {
			out = append(out, r)
			continue
		}
		a, b := rawRow{page: r.page, line: r.line, ocr: true}, rawRow{page: r.page, line: r.line, ocr: true}
		a.cells, b.cells = make([]string, len(r.cells)), make([]string, len(r.cells))
		n1, _ := subject.Lookup(c1)
		n2, _ := subject.Lookup(c2)
		a.cells[j], a.cells[j+1], b.cells[j], b.cells[j+1] = c1, n1, c2, n2
		var unsure []string
		for k, v := range r.cells {
			if k == j || k == j+1 {
				continue
			}
			f := strings.Fields(v)
			switch {
			case len(f) == 2:
				a.cells[k], b.cells[k] = f[0], f[1]
			case len(f) == 0:
			default:
				a.cells[k] = v
				unsure = append(unsure, fmt.Sprintf("%s %q", cols[k].label, v))
			}
		}
		out = append(out, a, b)
		msg := fmt.Sprintf("page %d: one row read as %q %q is two, %s %s and %s %s (a rule between them lost, under a seal): the amounts read two to a cell shared in order",
			r.page, r.cells[j], r.cells[j+1], c1, n1, c2, n2)
		if len(unsure) > 0 {
			msg += "; " + strings.Join(unsure, ", ") + " read as one amount, left on the first row: check them on the page"
		}
		fs = append(fs, table.Finding{
			Severity: table.Warning, Rule: "ocr.rows_split", Table: t.ID, Line: r.line, Pages: []int{r.page},
			RowCode: c1, RowLabel: n1, Found: r.cells[j] + " " + r.cells[j+1], Expected: c1 + " " + c2, Message: msg,
		})
	}
	return out, fs
}

// nearName reports whether name is want read with a character in six
// misread at most.
func nearName(want, name string) bool {
	return levenshtein.ComputeDistance(want, name)*6 <= utf8.RuneCountInString(want)
}

// splitCodes cuts a code read as two known codes whose names, joined, are
// name; exactly one cut must fit.
func splitCodes(code, name string) (string, string, bool) {
	code = strings.Join(strings.Fields(code), "") // 30110 30112
	if len(code) < 6 || len(code) > 14 || strings.Trim(code, "0123456789") != "" {
		return "", "", false
	}
	if _, ok := subject.Lookup(code); ok {
		return "", "", false
	}
	var c1, c2 string
	fits := 0
	for _, n := range []int{3, 5, 7} {
		if n >= len(code) {
			continue
		}
		a, b := code[:n], code[n:]
		na, oka := subject.Lookup(a)
		nb, okb := subject.Lookup(b)
		if oka && okb && (len(b) == 3 || len(b) == 5 || len(b) == 7) && nearName(zh.Squash(na+nb), name) {
			c1, c2 = a, b
			fits++
		}
	}
	return c1, c2, fits == 1
}
