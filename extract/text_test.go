package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestReadTextRefuses(t *testing.T) {
	cases := map[string]string{
		"":                         "empty file",
		" \n\t\n":                  "empty file",
		"\xEF\xBB\xBF":             "empty file",
		"\xEF\xBB\xBF  \n":         "empty file",
		"ab\x00cd":                 "binary file",
		"\xFF\xFEa\x00":            "UTF-16",
		"\xC3\x28\xA0\xA1\x80\x81": "not UTF-8",
	}
	for in, want := range cases {
		if _, err := ReadText("x.txt", []byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadText(%q) = %v, want %q", in, err, want)
		}
	}
}

func TestReadTextGBKAndPages(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("附件 1\n财政拨款收支总表\n项目\t预算数\n\f收入合计\t402.21\n")
	doc, err := ReadText("gbk.txt", []byte(gbk))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 2 || doc.Pages[0].Lines[0].Text() != "附件 1" || !doc.Pages[0].Lines[2].Tabular {
		t.Fatalf("pages %d: %+v", len(doc.Pages), doc.Pages)
	}
	if got := doc.Pages[1].Lines[0].Texts(); len(got) != 2 || got[1] != "402.21" || doc.Geometry {
		t.Errorf("page 2: %q", got)
	}
}
