package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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
		utf16le("附件 1\n项目\t2025\n合计\t402.21\n"):         "UTF-16 text (no byte order mark)",
		strings.Repeat("301,工资福利支出,113.23,113.23\n", 6): "comma-separated text (6 lines",
	}
	for in, want := range cases {
		if _, err := ReadText("x.txt", []byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadText(%q) = %v, want %q", in, err, want)
		}
	}
}

// utf16le encodes s in UTF-16 little endian, without a byte order mark.
func utf16le(s string) string {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

// TestCommaInProse: prose with numbers written with thousands separators
// is not a comma-separated export.
func TestCommaInProse(t *testing.T) {
	text := strings.Repeat("收入预算1,234.56万元。\n", 10) + "项目\t2025\n合计\t1,234.56\n"
	if _, err := ReadText("x.txt", []byte(text)); err != nil {
		t.Error(err)
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

// TestPDFAfterJunk: a PDF whose header follows 2,000 bytes of junk goes to
// the PDF reader (which gives its own verdict), not to the text reader's
// "binary file, not text".
func TestPDFAfterJunk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "junk.pdf")
	data := append(bytes.Repeat([]byte{0xA5, 0x00}, 1000), []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")...)
	os.WriteFile(path, data, 0o644)
	_, err := (&Reader{}).Read(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "PDF input needs the PDF reader") {
		t.Errorf("got %v, want it taken for a PDF", err)
	}
}
