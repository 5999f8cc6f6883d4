package segment

import (
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/extract"
)

// TestHeaderExtendedAcrossUnitLine: a header of three rows, a unit line,
// then the header's last row and the body (the shape FuzzSplit found). The
// header row read after the unit line stays a header row: Header and Body
// were slices of one array, and appending to both made the header's fourth
// row a copy of the first body row.
func TestHeaderExtendedAcrossUnitLine(t *testing.T) {
	s := "项目支出明细表\n序号|预算单位|功能分类科目\n||科目\n|||类\n单位：万元\n科目编码|科目名称|合计\n合计|260.00|1\n"
	ld, err := extract.ReadText("f.txt", []byte(strings.ReplaceAll(s, "|", "\t")))
	if err != nil {
		t.Fatal(err)
	}
	doc := Split(ld)
	checkSplit(t, ld, doc)
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables", len(doc.Tables))
	}
	tb := doc.Tables[0]
	if len(tb.Header) != 4 || tb.Header[3].Cells[0] != "科目编码" || len(tb.Body) != 1 || tb.Body[0].Cells[1] != "260.00" {
		t.Fatalf("header %v body %v", tb.Header, tb.Body)
	}
}
