package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/zh"
)

// FuzzReadText: any bytes give either an error or a document, never a
// panic. A document has pages numbered 1, 2, …; every line a number in
// 1..(lines of the input), non-decreasing through the document, and at
// least one cell; a line is tabular exactly when it has two or more cells.
// Every cell's text is valid UTF-8, trimmed, free of tab, newline and form
// feed, and a substring of its own line of the input as decoded (UTF-8 as
// is, else GB18030); and no text is lost or invented: the cells' non-space runes,
// in reading order, are exactly the input's. Reader.Read of the same bytes
// in a file gives the same document, unless it refuses the file as PDF or
// a known binary format.
func FuzzReadText(f *testing.F) {
	seeds := []string{
		"附件 1\n财政拨款收支总表\n单位：万元\n收入\t\t支出\n项目\t预算数\t支出科目\t合计\n一、本年收入\t402.21\t一、本年支出\t402.21\n",
		"a\fb\f\fc\n\f",
		"\xEF\xBB\xBF附件 2\r\n科目编码\t科目名称\r\n201\t一般公共服务支出\r\n",
		"\xEF\xBB\xBF",
		"\xB8\xBD\xBC\xFE 1\n\xB2\xC6\xD5\xFE\xB2\xA6\xBF\xEE\t402.21\n", // GBK: 附件 1 / 财政拨款
		"\xFF\xFE",
		"a\x00b",
		"%PDF-1.7\n",
		"\t\t\t\n\t\n",
		"   \n\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadText("in.txt", data)
		if err != nil {
			if doc != nil {
				t.Fatalf("error %v with a document", err)
			}
		} else {
			checkDoc(t, data, doc)
		}

		// Reader.Read through a file.
		path := filepath.Join(dir, "in.txt")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		rdoc, rerr := (&Reader{}).Read(context.Background(), path)
		switch {
		case rerr != nil && err == nil:
			n := min(len(data), 1024)
			if !isPDF(data[:n]) && knownBinary(data[:n]) == "" {
				t.Fatalf("Read failed (%v) where ReadText did not", rerr)
			}
		case rerr == nil && err != nil:
			t.Fatalf("Read succeeded where ReadText failed (%v)", err)
		case rerr == nil:
			rdoc.Source = doc.Source
			if !reflect.DeepEqual(rdoc, doc) {
				t.Fatalf("Read and ReadText differ")
			}
		}
	})
}

func checkDoc(t *testing.T, data []byte, doc *layout.Document) {
	t.Helper()
	body := bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	text := string(body)
	if !utf8.Valid(body) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(body)
		if err != nil {
			t.Fatalf("ReadText accepted bytes that GB18030 does not decode: %v", err)
		}
		text = string(dec)
	}
	if doc.Kind != layout.KindText || doc.Geometry || len(doc.Pages) == 0 {
		t.Fatalf("kind %q geometry %v pages %d", doc.Kind, doc.Geometry, len(doc.Pages))
	}
	src := strings.Split(text, "\n") // line n of the input is src[n-1]
	maxLine := len(src)
	last := 0
	var got strings.Builder
	for i, p := range doc.Pages {
		if p.Number != i+1 {
			t.Fatalf("page %d numbered %d", i+1, p.Number)
		}
		for _, l := range p.Lines {
			if l.Number < 1 || l.Number > maxLine || l.Number < last {
				t.Fatalf("page %d: line number %d (previous %d, input has %d lines)", p.Number, l.Number, last, maxLine)
			}
			last = l.Number
			if len(l.Cells) == 0 || l.Tabular != (len(l.Cells) >= 2) {
				t.Fatalf("line %d: %d cells, tabular %v", l.Number, len(l.Cells), l.Tabular)
			}
			for _, c := range l.Cells {
				if !utf8.ValidString(c.Text) {
					t.Fatalf("line %d: cell %q is not valid UTF-8", l.Number, c.Text)
				}
				if strings.TrimSpace(c.Text) != c.Text || strings.ContainsAny(c.Text, "\t\n\f") {
					t.Fatalf("line %d: cell %q untrimmed or holds a separator", l.Number, c.Text)
				}
				if !strings.Contains(src[l.Number-1], c.Text) {
					t.Fatalf("line %d: cell %q is not in that line of the input", l.Number, c.Text)
				}
				if c.Conf != -1 {
					t.Fatalf("line %d: confidence %v", l.Number, c.Conf)
				}
				got.WriteString(c.Text)
			}
		}
	}
	if zh.Squash(got.String()) != zh.Squash(text) {
		t.Fatalf("cells do not hold the input's text:\n got %q\nwant %q", zh.Squash(got.String()), zh.Squash(text))
	}
}
