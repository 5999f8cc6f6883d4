package normalize

import (
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/zh"
)

// A recogniser misreads header labels as it misreads any text (“人员经费,
// 因公出国Ci)费用, 科目名称、), and a misread label becomes a column name
// nobody knows (ke_mu_ming_cheng). The labels of budget headers are few:
// a label read from a scan that is within a quarter of its characters of
// exactly one known label is read as that label, and reported.

// knownLabels are the header labels the column names know, squashed.
var knownLabels = func() []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range []map[string]string{leafTokens, groupTokens} {
		for k := range m {
			if !seen[k] && utf8.RuneCountInString(k) >= 2 {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}()

// labelJunkRe is what specks and rules are read as at a label's ends:
// marks, and Latin letters beside Han ones (a “2024年预算数).
var labelJunkRe = regexp.MustCompile(`^[\sA-Za-z.,:;'"\-_|·、。，“”‘’` + "`" + `~*=+]+|[\sA-Za-z.,:;'"\-_|·、。，“”‘’` + "`" + `~*=+]+$`)

// readLabel returns the known label a label read from a scan stands for,
// or the label unchanged (and false) when it is known, a year label, or
// near no known label or near two.
func readLabel(s string) (string, bool) {
	key := zh.Squash(s)
	if key == "" || yearLabelRe.MatchString(key) {
		return s, false
	}
	if _, ok := leafTokens[key]; ok {
		return s, false
	}
	if _, ok := groupTokens[key]; ok {
		return s, false
	}
	trimmed := labelJunkRe.ReplaceAllString(key, "")
	if yearLabelRe.MatchString(trimmed) {
		return trimmed, trimmed != key
	}
	n := utf8.RuneCountInString(trimmed)
	if n < 2 {
		return s, false
	}
	// ties between labels of one meaning (上年结转 and 上年结转结余 for
	// 上年结转结) are no ambiguity
	best, bestD, ties := "", 1<<30, 0
	for _, k := range knownLabels {
		if d := levenshtein.ComputeDistance(trimmed, k); d < bestD {
			best, bestD, ties = k, d, 1
		} else if d == bestD && tokenOf(k) != tokenOf(best) {
			ties++
		}
	}
	if ties != 1 || bestD > max(1, utf8.RuneCountInString(best)/4) && trimmed != best {
		return s, false
	}
	if bestD == 0 && trimmed == key {
		return s, false
	}
	return best, true
}

// readHeaderLabels reads the header rows of a recognised table as known
// labels where they are misread (readLabel), and reports each change.
func readHeaderLabels(t *table.Table, hdr [][]string, ocr []bool) ([][]string, []table.Finding) {
	var fs []table.Finding
	out := make([][]string, len(hdr))
	for i, r := range hdr {
		out[i] = r
		if !ocr[i] {
			continue
		}
		out[i] = append([]string(nil), r...)
		for j, c := range r {
			if as, ok := readLabel(c); ok {
				out[i][j] = as
				fs = append(fs, table.Finding{Severity: table.Warning, Rule: "ocr.corrected_header", Table: t.ID, Pages: t.Pages,
					Found: c, Expected: as, Message: fmt.Sprintf("header label %q read as %q, the known label it is within a few characters of", c, as)})
			} else if !knownLabel(c) {
				fs = append(fs, table.Finding{Severity: table.Warning, Rule: "ocr.unknown_header", Table: t.ID, Pages: t.Pages,
					Found: c, Message: fmt.Sprintf("header label %q, read by OCR, is no label yusuan knows: it may be misread, and its column's name is made from it", c)})
			}
		}
	}
	return out, fs
}

// tokenOf is the token a known label maps to (as a leaf first).
func tokenOf(label string) string {
	if t, ok := leafTokens[label]; ok {
		return t
	}
	return groupTokens[label]
}

// knownLabel reports whether a header label maps to a name by itself: a
// known label or a year label.
func knownLabel(s string) bool {
	key := unitSuffixRe.ReplaceAllString(zh.Squash(s), "")
	if key == "" || yearLabelRe.MatchString(key) {
		return true
	}
	_, leaf := leafTokens[key]
	_, group := groupTokens[key]
	return leaf || group
}
