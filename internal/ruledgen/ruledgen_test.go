package ruledgen_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/internal/ruledgen"
	"github.com/yusuan-data/yusuan/pipeline"
	"github.com/yusuan-data/yusuan/validate"
	"github.com/yusuan-data/yusuan/zh"
)

// TestPageBreaks reads ruled tables broken over a page in every way
// ruledgen prints them (first row of the continuation page with no top
// rule, last row before the break with no bottom rule, header repeated or
// not, the 合计 row without inner column rules, the columns in two strips,
// codes clipped at their cell's border, a row cut through its text by the break): each comes out as one table holding every row of its truth, cell
// for cell, and nothing reconciles wrong.
func TestPageBreaks(t *testing.T) {
	cases, err := ruledgen.Generate(40)
	if err != nil {
		t.Skipf("generator: %v", err) // the fonts come with fonts-noto-cjk (scripts/apt-packages.txt)
	}
	dir := t.TempDir()
	r := extract.New(extract.Options{Workers: 1, NoOCR: true})
	defer r.Close()
	opts := pipeline.Options{Reader: r, NoOCR: true, Check: validate.Check}
	for _, c := range cases {
		path := filepath.Join(dir, c.Name+".pdf")
		if err := os.WriteFile(path, c.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		doc, err := pipeline.Convert(context.Background(), path, opts)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		if len(doc.Tables) != 1 {
			var titles []string
			for _, tb := range doc.Tables {
				titles = append(titles, tb.Title)
			}
			t.Errorf("%s: %d tables %q, want 1", c.Name, len(doc.Tables), titles)
			continue
		}
		tb := doc.Tables[0]
		if len(tb.Rows) != len(c.Rows) {
			t.Errorf("%s: %d rows, want %d", c.Name, len(tb.Rows), len(c.Rows))
		}
		for i := 0; i < min(len(tb.Rows), len(c.Rows)); i++ {
			var got []string
			for _, v := range tb.Rows[i].Cells {
				got = append(got, v.Text)
			}
			if g, w := strings.Join(got, " | "), zh.Fold(strings.Join(c.Rows[i], " | ")); g != w {
				t.Errorf("%s: row %d: %s, want %s", c.Name, i+1, g, w)
			}
		}
		for _, f := range doc.Findings {
			if f.Severity == "error" {
				t.Errorf("%s: %s: %s", c.Name, f.Rule, f.Message)
			}
		}
	}
}
