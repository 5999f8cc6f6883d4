package extract

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/yusuan-data/yusuan/internal/htmlgen"
	"github.com/yusuan-data/yusuan/layout"
)

// tabularRows are a document's tabular lines as cell texts.
func tabularRows(doc *layout.Document) [][]string {
	var rows [][]string
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			if !l.Tabular {
				continue
			}
			var row []string
			for _, c := range l.Cells {
				row = append(row, c.Text)
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// TestReadHTMLBudgetPage: generated budget pages (two-row header joined by
// colspan and rowspan, varied markup, some in GBK) read to the text
// export's layout, cell by cell; the page's furniture (script, style, nav,
// footer) is not read, its title and the table's title are.
func TestReadHTMLBudgetPage(t *testing.T) {
	r := rand.New(rand.NewSource(16))
	for i := 0; i < 60; i++ {
		p := htmlgen.BudgetPage(r)
		data := []byte(p.HTML)
		if i%4 == 3 {
			gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data)
			if err != nil {
				t.Fatal(err)
			}
			data = gbk
		}
		path := filepath.Join(t.TempDir(), "预算.pdf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		doc, err := (&Reader{}).Read(context.Background(), path)
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		if doc.Kind != layout.KindHTML || doc.Geometry || len(doc.Pages) != 1 {
			t.Fatalf("page %d: kind %q geometry %v pages %d", i, doc.Kind, doc.Geometry, len(doc.Pages))
		}
		got := tabularRows(doc)
		if len(got) != len(p.Rows) {
			t.Fatalf("page %d: %d tabular lines, want %d:\n%q\n%s", i, len(got), len(p.Rows), got, p.HTML)
		}
		for ri, want := range p.Rows {
			if len(got[ri]) != len(want) {
				t.Fatalf("page %d row %d: %q, want %q", i, ri, got[ri], want)
			}
			for ci := range want {
				if got[ri][ci] != want[ci] {
					t.Errorf("page %d row %d col %d: %q, want %q", i, ri, ci, got[ri][ci], want[ci])
				}
			}
		}
		var text []string
		for _, l := range doc.Pages[0].Lines {
			text = append(text, l.Text())
		}
		all := strings.Join(text, "\n")
		for _, want := range []string{"2025年部门预算", "一般公共预算财政拨款支出预算表", "单位：万元", "备注："} {
			if !strings.Contains(all, want) {
				t.Errorf("page %d: %q not read", i, want)
			}
		}
		for _, not := range []string{"var a", "border:1px", "政务公开", "版权所有", "document.write"} {
			if strings.Contains(all, not) {
				t.Errorf("page %d: furniture %q read as text", i, not)
			}
		}
	}
}

// TestReadHTMLSpans: spans that overlap, run past the table's end or are
// not numbers are laid out on the grid without losing or moving text.
func TestReadHTMLSpans(t *testing.T) {
	page := `<html><body><table>
<tr><td rowspan=3>A</td><td colspan=2>B</td><td rowspan=9>C</td></tr>
<tr><td>d</td><td colspan=x>e</td></tr>
<tr><td colspan=0>f</td><td>g</td><td>h</td></tr>
<tr><td>i</td></tr>
<tr><td colspan=99999>only</td></tr>
</table></body></html>`
	doc, err := ReadHTML("t.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	got := tabularRows(doc)
	// C's rowspan stops at the table's last row; colspan=x and colspan=0
	// are 1; colspan=99999 is capped and widens nothing; rows are as wide
	// as the widest row's last cell (h).
	want := [][]string{
		{"A", "B", "", "C", ""},
		{"", "d", "e", "", ""},
		{"", "f", "g", "", "h"},
		{"i", "", "", "", ""},
		{"only", "", "", "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("%d tabular lines, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d: %q, want %q", i, got[i], want[i])
		}
	}
}

// FuzzReadHTML: a web page is untrusted input; any bytes give an error or
// a document, never a panic or a runaway. A document is one page of
// numbered lines, each with a cell; a line is tabular exactly when it has
// two or more cells; every cell's text is valid UTF-8, trimmed, and free
// of tab, line end and form feed, so the layout is the text reader's.
func FuzzReadHTML(f *testing.F) {
	r := rand.New(rand.NewSource(1))
	f.Add([]byte(htmlgen.BudgetPage(r).HTML))
	f.Add([]byte(htmlgen.IndexPage(r)))
	for _, s := range []string{
		"<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center></body></html>",
		"<table><tr><td rowspan=65534 colspan=1000>x</td></tr><tr><td>\t\f</td></tr></table>",
		"<table><table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td></tr>",
		"<!doctype html><p>a<br>b<script>c</script><div hidden>d</div>",
		"<html>\xB2\xC6\xD5\xFE</html>",
		"<html>\x00</html>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadHTML("in.html", data)
		if err != nil {
			if doc != nil {
				t.Fatalf("error %v with a document", err)
			}
			return
		}
		if doc.Kind != layout.KindHTML || doc.Geometry || len(doc.Pages) != 1 || doc.Pages[0].Number != 1 {
			t.Fatalf("kind %q geometry %v pages %d", doc.Kind, doc.Geometry, len(doc.Pages))
		}
		for i, l := range doc.Pages[0].Lines {
			if l.Number != i+1 || len(l.Cells) == 0 || l.Tabular != (len(l.Cells) >= 2) {
				t.Fatalf("line %d: number %d, %d cells, tabular %v", i+1, l.Number, len(l.Cells), l.Tabular)
			}
			for _, c := range l.Cells {
				if !utf8.ValidString(c.Text) || strings.TrimSpace(c.Text) != c.Text || strings.ContainsAny(c.Text, "\t\r\n\f") {
					t.Fatalf("line %d: cell %q", l.Number, c.Text)
				}
			}
		}
	})
}
