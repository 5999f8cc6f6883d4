package normalize

import (
	"fmt"

	"github.com/agnivade/levenshtein"

	"github.com/yusuan-data/yusuan/subject"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/zh"
)

// A code read from a scan with a digit misread, lost or doubled (30116 for
// 30110, 2037 for 20137, 302391 for 30239) beside a name read exactly: the
// name is the evidence. When the name is exactly the known name of codes
// of the classification and exactly one of them is one digit away from
// the code read (same leading digit), the code is that one. A name that
// many codes carry (行政运行) names none unless one alone is a digit away.

// codesByName lists the known codes of each name.
var codesByName = func() map[string][]string {
	m := map[string][]string{}
	for _, s := range subject.All() {
		m[s.Name] = append(m[s.Name], s.Code)
	}
	return m
}()

// codeByName returns the code a misread code beside name stands for.
func codeByName(code, name string) (string, bool) {
	n := zh.Squash(zh.Fold(name))
	if n == "" || code == "" {
		return "", false
	}
	if known, ok := subject.Lookup(code); ok && known == n {
		return "", false
	}
	found := ""
	for _, c := range codesByName[n] {
		if c == code {
			return "", false // the code read carries the name too
		}
		if c[0] == code[0] && levenshtein.ComputeDistance(c, code) == 1 {
			if found != "" {
				return "", false
			}
			found = c
		}
	}
	return found, found != ""
}

// correctedCode is the finding of a code corrected by its name.
func correctedCode(t *table.Table, column string, r table.Row, from, to, name string) table.Finding {
	return table.Finding{
		Severity: table.Warning, Rule: "ocr.corrected_code", Table: t.ID, RowCode: to, RowLabel: name,
		Line: r.Line, Pages: []int{r.Page}, Column: column, Found: from, Expected: to,
		Message: fmt.Sprintf("page %d: code %q read beside %q, corrected to %q: the one code of that name a digit away", r.Page, from, name, to),
	}
}
