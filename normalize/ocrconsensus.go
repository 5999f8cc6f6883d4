package normalize

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/yusuan-data/yusuan/table"
)

// One value printed on many rows of a column (网信办(本级) beside every
// project of a department) is read many times, and a recogniser misreads
// each reading in its own way: 网信办(AR), PED(本级), 网信办(BR). The
// readings vote: the name before the bracket and the one inside it are
// each the Han text three in four of the clean readings give.
// A reading whose parts are that text or Latin letters and marks in its
// place (Han read as capitals) is that value; a reading with other Han
// characters is left as read. Each change is a finding.

// bracketedRe splits a bracketed name as read: the name, a bracket or a
// look-alike, the inside, the closing bracket.
var bracketedRe = regexp.MustCompile(`^[.:;,'"“”‘’·|\-]*(.+?)\s*[(（《〈¢:\-]+\s*(.+?)\s*[)）》〉]?$`)

// latinRunRe is a part read as Latin letters and marks (Han read as
// capitals), with at most one Han character among them (人AR).
var latinRunRe = regexp.MustCompile(`^[A-Za-z.:;,\s\p{Han}]{1,6}$`)

func fixRepeatedNames(t *table.Table, cols []column, rows []rawRow) []table.Finding {
	var out []table.Finding
	for j, c := range cols {
		base := baseName(c.name)
		if !strings.HasSuffix(base, "_name") && base != "unit" || base == "subject_name" || strings.HasSuffix(base, "econ_name") {
			continue
		}
		names, insides := map[string]int{}, map[string]int{}
		for _, r := range rows {
			v := strings.TrimSpace(r.cells[j])
			m := bracketedRe.FindStringSubmatch(v)
			if m == nil {
				continue
			}
			if allHan(m[1]) {
				names[m[1]]++
			}
			if allHan(m[2]) {
				insides[m[2]]++
			}
		}
		name, nv := majority(names)
		inside, iv := majority(insides)
		if name == "" || inside == "" || nv+iv < 3 {
			continue // no clear value, or too few clean readings to vote
		}
		want := name + "(" + inside + ")"
		for i := range rows {
			r := &rows[i]
			v := strings.TrimSpace(r.cells[j])
			m := bracketedRe.FindStringSubmatch(v)
			if !r.ocr || v == want || m == nil {
				continue
			}
			if !fitsPart(m[1], name) || !fitsPart(m[2], inside) {
				continue
			}
			r.cells[j] = want
			out = append(out, table.Finding{
				Severity: table.Warning, Rule: "ocr.corrected_cell", Table: t.ID, Line: r.line, Pages: []int{r.page},
				RowLabel: rowLabelOf(r.cells), Column: c.label, Found: v, Expected: want,
				Message: fmt.Sprintf("page %d: %q read as %q: the value the column's other readings give, its characters read as letters or marks here", r.page, want, v),
			})
		}
	}
	return out
}

// majority is the reading given by three in four of the clean readings
// or more, and how many gave it.
func majority(votes map[string]int) (string, int) {
	best, n, all := "", 0, 0
	for k, v := range votes {
		all += v
		if v > n || v == n && k < best {
			best, n = k, v
		}
	}
	if n*4 < all*3 {
		return "", 0
	}
	return best, n
}

// fitsPart reports whether a part read stands for want: want itself, or
// Latin letters and marks (one Han character at most) no longer than
// want by more than one.
func fitsPart(got, want string) bool {
	if got == want {
		return true
	}
	if allHan(got) || !latinRunRe.MatchString(got) {
		return false
	}
	han := 0
	for _, r := range got {
		if hanRe.MatchString(string(r)) {
			han++
		}
	}
	return han <= 1 && len([]rune(got)) <= len([]rune(want))+1
}

func allHan(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !hanRe.MatchString(string(r)) {
			return false
		}
	}
	return true
}
