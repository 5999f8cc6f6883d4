// Package normalize turns the raw tables that segmentation found into typed
// tables: cleaned text, split codes, exact decimals, a canonical kind for
// each table and a canonical name for each column.
//
// Every rule here is a small function over strings with its own test; the
// order they run in is in Table (normalize.go).
package normalize

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/zh"
)

// junk is the set of marks that publishers type into a cell to say it is
// empty: dots, commas, a low double quote (an OCR'd comma), dashes.
var junk = map[string]bool{
	".": true, "。": true, ",": true, "，": true, "„": true, "、": true,
	"-": true, "—": true, "–": true, "－": true, "——": true, "--": true,
	"/": true, "／": true, "…": true, "·": true, "`": true, "'": true,
	"*": true,
}

// CleanCell is the text of a data cell as yusuan writes it: wrap spaces
// inside Chinese removed, full-width forms folded, junk marks emptied.
//
// Prose (a sentence, or a long text such as 项目概述) is Chinese text, not
// data: it keeps its full-width punctuation and loses only wrap spaces.
func CleanCell(s string) string {
	s = zh.JoinWrapped(s)
	if junk[zh.Fold(s)] {
		return ""
	}
	if IsProse(s) {
		return zh.FoldIdeographs(s)
	}
	s = zh.Fold(s)
	if junk[s] {
		return ""
	}
	return s
}

// IsProse reports whether a cell holds running text rather than a value: a
// sentence mark, or more than 40 characters.
func IsProse(s string) bool {
	return strings.ContainsAny(s, "。；") || utf8.RuneCountInString(s) > 40
}

// CleanLabel is the text of a header label or form field: like CleanCell,
// and also without the spaces Word puts between digits and Chinese
// ("2024 年预算数" → "2024年预算数").
func CleanLabel(s string) string {
	s = zh.Fold(zh.JoinAllWrapped(s))
	if junk[s] {
		return ""
	}
	return s
}

// maxAmountLen bounds the text of an amount: no budget prints one of more
// than a few dozen characters, and parsing a long digit run is quadratic.
// maxAmountDigits bounds its digits, a little below maxAmountLen, so that
// the canonical text of any amount read ("-.5" → "-0.5", "(1)" → "-1")
// is itself within maxAmountLen and reads back to the same amount.
const (
	maxAmountLen    = 64
	maxAmountDigits = maxAmountLen - 4
)

var amountRe = regexp.MustCompile(`^[-+]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?$|^[-+]?\.[0-9]+$`)

// ParseAmount reads an amount as printed: "402.21", "1,234.50",
// "3 240.00" (a wrapped or spaced number), "(12.00)" for a negative.
// It returns the exact decimal, keeping the printed scale (260.00 has scale
// 2), and ok false for anything that is not a number.
func ParseAmount(s string) (d decimal.Decimal, scale int, ok bool) {
	s = zh.Squash(zh.Fold(s))
	if s == "" || len(s) > maxAmountLen {
		return decimal.Decimal{}, 0, false
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, s[1:len(s)-1]
		if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
			return decimal.Decimal{}, 0, false // "(-5)": a sign inside the parentheses
		}
	}
	if !amountRe.MatchString(s) {
		return decimal.Decimal{}, 0, false
	}
	s = strings.ReplaceAll(s, ",", "")
	if canonicalDigits(s) > maxAmountDigits {
		return decimal.Decimal{}, 0, false
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, 0, false
	}
	if neg {
		d = d.Neg()
	}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		scale = len(s) - i - 1
	}
	return d, scale, true
}

// canonicalDigits counts the digits FormatAmount will write for the
// unsigned number s without separators: the integer part without leading
// zeros but at least one digit ("0001" → 1, ".5" → "0.5"), then the
// fraction as printed.
func canonicalDigits(s string) int {
	s = strings.TrimLeft(s, "+-")
	whole, frac, _ := strings.Cut(s, ".")
	whole = strings.TrimLeft(whole, "0")
	return max(len(whole), 1) + len(frac)
}

// FormatAmount writes d with exactly scale decimal places: the source's
// own precision, no thousands separators, no unit.
func FormatAmount(d decimal.Decimal, scale int) string {
	return d.StringFixed(int32(scale))
}
