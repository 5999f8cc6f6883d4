package pdf

import (
	"fmt"
	"strings"
	"testing"
)

func statsOf(text string) GarbleStats {
	var st GarbleStats
	for _, r := range text {
		if r == ' ' || r == '\n' {
			continue
		}
		classify(r, &st)
	}
	return st
}

// TestBracketedCodesAreNotGarble: a clean page of a template that prints
// code–name cells as "[2210201]住房公积金" (广州 表5–7) holds brackets in
// bulk; they must not read as the symbols of a renumbered glyph map, while
// a page of real junk with brackets in it still does.
func TestBracketedCodesAreNotGarble(t *testing.T) {
	var b strings.Builder
	b.WriteString("一般公共预算支出情况表（按功能分类科目）\n单位名称：广州市某局 单位：万元\n")
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, "[22102%02d]住房公积金 %d.14 %d.14 0.00\n", i, 800+i, 800+i)
	}
	text := b.String()
	if g, why := garbled(statsOf(text), text); g {
		t.Fatalf("clean page with bracketed codes judged garbled: %s", why)
	}
	junk := strings.Repeat("[#]$&*+<=>?@^_{|}~ 1.0 ", 20)
	if g, _ := garbled(statsOf(junk), junk); !g {
		t.Fatal("junk with brackets no longer judged garbled")
	}
}
