package segment

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/yusuan-data/yusuan/vocab"
	"github.com/yusuan-data/yusuan/zh"
)

// MaxHeaderRows bounds how many leading rows can be header: budget tables
// have one to three levels, 决算 tables add a 栏次 row.
const MaxHeaderRows = 4

var (
	numberRe = regexp.MustCompile(`^[-+]?[0-9][0-9,]*(\.[0-9]+)?$|^[-+]?\.[0-9]+$`)
	codeRe   = vocab.CodeCell
	totalRe  = vocab.HeaderTotal
)

// headerRows counts the leading rows of a table that are header: rows up to
// the first one that holds an amount, a classification code, or a total
// label in its first two columns.
func headerRows(rows []Row) int {
	for i, r := range rows {
		if i == MaxHeaderRows {
			return i
		}
		if isBodyRow(r.Cells) {
			return i
		}
	}
	return len(rows)
}

// isBodyRow reports whether a row carries data rather than labels.
func isBodyRow(cells []string) bool {
	if isColumnNumbering(cells) {
		return false
	}
	first := -1
	for i, c := range cells {
		c = zh.Squash(zh.Fold(c))
		if c == "" {
			continue
		}
		if first < 0 {
			first = i
			if i <= 1 && totalRe.MatchString(c) && !hasOtherLabels(cells, i) {
				return true
			}
		}
		if (numberRe.MatchString(c) || codeRe.MatchString(c)) && !(yearRe.MatchString(c) && hasOtherLabels(cells, i)) {
			return true
		}
	}
	return false
}

// yearRe matches a bare year: in a row of labels it is what is left of a
// header such as 2024年预算数 when OCR loses the characters after it.
var yearRe = regexp.MustCompile(`^(19|20)[0-9]{2}$`)

// hasOtherLabels reports whether a row holds text other than numbers
// besides cell skip: a header row whose first label happens to be 合计.
func hasOtherLabels(cells []string, skip int) bool {
	for i, c := range cells {
		c = zh.Squash(zh.Fold(c))
		if i == skip || c == "" || numberRe.MatchString(c) || junkMarks[c] {
			continue
		}
		return true
	}
	return false
}

// junkMarks stand for an empty cell.
var junkMarks = map[string]bool{".": true, ",": true, "„": true, "-": true, "—": true, "/": true, "…": true}

// isColumnNumbering recognises the 栏次 row of final-account tables:
// "栏次 1 2 3 …" or the bare sequence 1, 2, 3 … under the header.
func isColumnNumbering(cells []string) bool {
	want := 1
	seen := 0
	for _, c := range cells {
		c = zh.Squash(zh.Fold(c))
		if c == "" {
			continue
		}
		if c == "栏次" || c == "行次" || strings.Trim(c, "*＊") == "" {
			continue
		}
		n, err := strconv.Atoi(c)
		if err != nil {
			if strings.HasPrefix(c, "栏") {
				continue
			}
			return false
		}
		if n != want {
			return false
		}
		want++
		seen++
	}
	return seen >= 3
}

// sameRow compares two rows the way a repeated header must match: by text
// with spaces removed, trailing empty cells ignored.
func sameRow(a, b []string) bool {
	a, b = trimEmpty(a), trimEmpty(b)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if zh.Squash(zh.Fold(a[i])) != zh.Squash(zh.Fold(b[i])) {
			return false
		}
	}
	return true
}

func trimEmpty(cells []string) []string {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	return cells[:n]
}
