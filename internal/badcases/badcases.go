// Package badcases reads fixtures/bad/expected.tsv, the list of hostile
// inputs (made by scripts/badfixtures) and what each must give: one line
// per file, name <TAB> a substring of its one-line error, or "(ok)" for a
// file that must come out. A name starting with a quote is Go-quoted
// (names with control characters). Blank lines and # comments are skipped.
package badcases

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Case is one input: Name relative to the folder of expected.tsv; Want is
// "" when the file must come out.
type Case struct{ Name, Want string }

// Read reads an expected.tsv. No cases is an error: a test over none
// would assert nothing.
func Read(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Case
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, want, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("%s: no tab in %q", path, line)
		}
		if strings.HasPrefix(name, `"`) {
			if name, err = strconv.Unquote(name); err != nil {
				return nil, fmt.Errorf("%s: %q: %v", path, line, err)
			}
		}
		if want == "(ok)" {
			want = ""
		}
		out = append(out, Case{name, want})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no cases", path)
	}
	return out, nil
}
