package normalize

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yusuan-data/yusuan/table"
)

// Cells of recognised rows that a speck or a lost point made unreadable,
// where the table itself says what they are:
//
//   - a code with marks around it (21011-, 30101., ·208): the marks go;
//   - an amount with a mark in front (.182.50): the mark goes;
//   - an amount whose decimal point was lost (12150 in a column whose
//     every other amount has two decimals): the point goes back in front
//     of the last two digits.
//
// Each change is a warning naming the cell, the text read and the text
// kept: the reader checks it, and validation checks the number.

var (
	minusAmountRe  = regexp.MustCompile(`^[-—–－]\s*([0-9][0-9,]*\.[0-9]+)$`)
	markedCodeRe   = regexp.MustCompile(`^[.\-,:;'"“”‘’_·|]*([0-9]{3,7})[.\-,:;'"“”‘’_·|]+$|^[.\-,:;'"“”‘’_·|]+([0-9]{3,7})$`)
	markedAmountRe = regexp.MustCompile(`^[.,'·:;“”‘’|]+([0-9]+\.[0-9]{2})$`)
	bareIntRe      = regexp.MustCompile(`^[0-9]{3,}$`)
)

// fixScannedCells applies the repairs above to the recognised rows.
func fixScannedCells(t *table.Table, cols []column, rows []rawRow) []table.Finding {
	var out []table.Finding
	for j, c := range cols {
		code := strings.HasSuffix(c.name, "_code")
		amount := !isStringColumn(c.name) && mostlyAmounts(rows, j)
		n2 := 0
		if !isStringColumn(c.name) {
			n2 = twoDecimalAmounts(rows, j)
		}
		twoDecimals := n2 >= 3
		for i := range rows {
			r := &rows[i]
			if !r.ocr || j >= len(r.cells) || r.cells[j] == "" {
				continue
			}
			v := r.cells[j]
			if isStringColumn(c.name) && !strings.HasSuffix(c.name, "_code") && latinInHan(v) {
				// 网信办(AR): Han characters the recogniser read as capitals
				out = append(out, table.Finding{
					Severity: table.Warning, Rule: "ocr.suspect_text", Table: t.ID, Line: r.line,
					RowLabel: rowLabelOf(r.cells), Column: c.label, Found: v, Pages: []int{r.page},
					Message: fmt.Sprintf("page %d: %q mixes Chinese with capitals that read as no code: characters may be misread; check it on the page", r.page, v),
				})
			}
			fixed, why := "", ""
			switch {
			case isStringColumn(c.name) && !code && hanRe.MatchString(v):
				if f := nameGapRe.ReplaceAllString(trimLeadingMarks(v), "$1$2"); f != v {
					fixed, why = f, "a word gap read inside a number, or marks read before a name"
				}
			case code:
				if m := markedCodeRe.FindStringSubmatch(v); m != nil {
					fixed, why = m[1]+m[2], "marks read around a code"
				}
			case amount:
				if m := markedAmountRe.FindStringSubmatch(v); m != nil {
					fixed, why = m[1], "a mark read in front of an amount"
				} else if m := minusAmountRe.FindStringSubmatch(v); m != nil && negatives(rows, j) == 1 {
					fixed, why = m[1], "a speck read as a minus sign: no other amount of the column is negative"
				} else if twoDecimals && bareIntRe.MatchString(v) {
					fixed, why = v[:len(v)-2]+"."+v[len(v)-2:], "the decimal point lost: every other amount of the column has two decimals"
				}
			}
			if _, _, num := ParseAmount(v); !isStringColumn(c.name) && !num && utf8.RuneCountInString(v) <= 3 {
				// a mark or a speck read as a letter among amounts: the
				// column may be taken for text, and the cell passes as text
				out = append(out, table.Finding{
					Severity: table.Warning, Rule: "ocr.junk_in_amounts", Table: t.ID, Line: r.line,
					RowLabel: rowLabelOf(r.cells), Column: c.label, Found: v, Pages: []int{r.page},
					Message: fmt.Sprintf("page %d: %q among amounts: a mark or a speck read as text, or an amount misread; check it on the page", r.page, v),
				})
			}
			if n2 >= 1 && (v == "0" || v == "00") {
				// a mark printed for "none" („, -) read as a zero: kept,
				// but not in silence
				out = append(out, table.Finding{
					Severity: table.Warning, Rule: "ocr.lone_zero", Table: t.ID, Line: r.line,
					RowLabel: rowLabelOf(r.cells), Column: c.label, Found: v, Pages: []int{r.page},
					Message: fmt.Sprintf("page %d: a bare %q among amounts with two decimals: a mark printed for an empty cell may have been read as a zero; check it on the page", r.page, v),
				})
			}
			if fixed == "" {
				continue
			}
			r.cells[j] = fixed
			out = append(out, table.Finding{
				Severity: table.Warning, Rule: "ocr.corrected_cell", Table: t.ID, Line: r.line,
				RowLabel: rowLabelOf(r.cells), Column: c.label, Found: v, Expected: fixed, Pages: []int{r.page},
				Message: fmt.Sprintf("page %d: %q read as %q: %s", r.page, fixed, v, why),
			})
		}
	}
	return out
}

// twoDecimalAmounts counts the amounts of column j, bare integers aside,
// when every one of them has two decimals; 0 when one has not.
func twoDecimalAmounts(rows []rawRow, j int) int {
	n := 0
	for _, r := range rows {
		if j >= len(r.cells) || r.cells[j] == "" || bareIntRe.MatchString(r.cells[j]) || r.cells[j] == "0" || r.cells[j] == "00" {
			continue
		}
		_, scale, ok := ParseAmount(r.cells[j])
		if !ok {
			continue
		}
		if scale != 2 {
			return 0
		}
		n++
	}
	return n
}

var (
	// nameGapRe is a gap a recogniser reads inside the digits of a name
	// (20 25网络宣传): digits printed together are never spaced in a name
	nameGapRe = regexp.MustCompile(`([0-9])\s+([0-9])`)
	// leadingMarksRe is specks read before a name (.网信办, :网络…)
	leadingMarksRe = regexp.MustCompile(`^[.,:;'"“”‘’·|\-_]+\s*`)
	capsRe         = regexp.MustCompile(`[A-Z]{2,}`)
	alnumRunRe     = regexp.MustCompile(`[0-9A-Z]{6,}`)
	hanRe          = regexp.MustCompile(`\p{Han}`)
)

// latinInHan reports whether a text cell holds Han characters and a run
// of two capitals or more that is not part of a code (50015225T…).
func latinInHan(s string) bool {
	if !hanRe.MatchString(s) {
		return false
	}
	return capsRe.MatchString(alnumRunRe.ReplaceAllString(s, ""))
}

// negatives counts the amounts of column j read with a minus sign.
func negatives(rows []rawRow, j int) int {
	n := 0
	for _, r := range rows {
		if j >= len(r.cells) {
			continue
		}
		if d, _, ok := ParseAmount(r.cells[j]); ok && d.IsNegative() {
			n++
		}
	}
	return n
}

// trimLeadingMarks drops the marks read before a name that starts with a
// Han character.
func trimLeadingMarks(v string) string {
	rest := leadingMarksRe.ReplaceAllString(v, "")
	if r, _ := utf8.DecodeRuneInString(rest); rest == v || !hanRe.MatchString(string(r)) {
		return v
	}
	return rest
}
