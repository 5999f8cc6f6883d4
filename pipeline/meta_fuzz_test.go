package pipeline

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/table"
)

// FuzzParseMeta feeds -meta files (a CSV a person writes or a script
// exports, any encoding, any shape) to the parser. It never panics; an
// error names the file; a file that parses finds each row it holds by its
// sha256 and by its input path, and applying a row to a document leaves
// the text's department and year where the text has them.
func FuzzParseMeta(f *testing.F) {
	for _, s := range []string{
		"input,department,region,year\nreport.pdf,网信办,重庆市,2025\n",
		"sha256,year\n" + strings.Repeat("ab", 32) + ",2025年\n",
		"\uFEFFPath,Department\n\"a,b.pdf\",\"x\"\"y\"\n",
		"input\n\n",
		"department\nx\n",
		"input,input\na,b\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseMeta("meta.csv", bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "meta.csv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for sum, s := range m.bySum {
			if got, ok := m.Lookup("", sum); !ok || got != s {
				t.Fatalf("row of sha256 %s not found by it", sum)
			}
		}
		for p := range m.byPath {
			if _, ok := m.Lookup(p, ""); !ok {
				t.Fatalf("row of input %q not found by it", p)
			}
		}
		for p := range m.byPath {
			doc := &table.Document{Source: p, Department: "文本部门", Year: 2024}
			applyMeta(doc, m)
			if doc.Department != "文本部门" || doc.Year != 2024 {
				t.Fatalf("the supplied row overrode the text: %q %d", doc.Department, doc.Year)
			}
			break
		}
	})
}
