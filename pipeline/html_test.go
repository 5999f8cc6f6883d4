package pipeline

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/internal/htmlgen"
	"github.com/yusuan-data/yusuan/normalize"
)

// writePage writes a web page under a budget's PDF name, as scrapers do.
func writePage(t *testing.T, html string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "2025年部门预算.pdf")
	if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestHTMLBudgetPage: a web page holding a budget table (two-row header
// joined by colspan and rowspan) comes out as that table, its 总计 amounts
// in the right rows.
func TestHTMLBudgetPage(t *testing.T) {
	r := rand.New(rand.NewSource(160))
	for i := 0; i < 15; i++ {
		p := htmlgen.BudgetPage(r)
		doc, err := Convert(context.Background(), writePage(t, p.HTML), Options{})
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		var found bool
		for _, tb := range doc.Tables {
			if tb.Kind != normalize.KindGPBExpenditure {
				continue
			}
			found = true
			code, total := -1, -1
			for ci, c := range tb.Columns {
				name := c.Name + " " + c.Label
				switch {
				case strings.Contains(name, "科目编码") || strings.Contains(name, "code"):
					code = ci
				case strings.Contains(name, "2025") && strings.Contains(name, "总计"):
					total = ci
				}
			}
			if code < 0 || total < 0 {
				t.Fatalf("page %d: columns %+v: no 科目编码 or 2025 总计", i, tb.Columns)
			}
			seen := 0
			for _, row := range tb.Rows {
				want, ok := p.Amounts[row.Cells[code].Text]
				if !ok {
					continue
				}
				seen++
				if got := row.Cells[total].Num.Decimal.StringFixed(2); !row.Cells[total].Num.Valid || got != want {
					t.Errorf("page %d: %s 总计 %s (valid %v), want %s", i, row.Cells[code].Text, got, row.Cells[total].Num.Valid, want)
				}
			}
			if seen != len(p.Amounts) {
				t.Errorf("page %d: %d of %d subject rows read", i, seen, len(p.Amounts))
			}
		}
		if !found {
			var kinds []string
			for _, tb := range doc.Tables {
				kinds = append(kinds, tb.Kind+":"+tb.Title)
			}
			t.Fatalf("page %d: no %s table among %q", i, normalize.KindGPBExpenditure, kinds)
		}
	}
}

// TestHTMLIndexPageDeclined: a finance bureau's index of links to
// departments' budgets (budget words everywhere, no table) is declined as
// not a budget, saying it is an HTML page, never "ok" with no table; so is
// a server's error page.
func TestHTMLIndexPageDeclined(t *testing.T) {
	r := rand.New(rand.NewSource(161))
	pages := []string{"<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n</body>\r\n</html>\r\n"}
	for i := 0; i < 10; i++ {
		pages = append(pages, htmlgen.IndexPage(r))
	}
	for i, p := range pages {
		_, err := Convert(context.Background(), writePage(t, p), Options{})
		if err == nil {
			t.Fatalf("page %d: converted, want declined", i)
		}
		if ReasonOf(err.Error()) != ReasonNotBudget || !strings.Contains(err.Error(), "an HTML page") {
			t.Errorf("page %d: %q, want reason %s naming an HTML page", i, err, ReasonNotBudget)
		}
	}
}
