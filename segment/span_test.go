package segment

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/extract"
)

// spanForm writes a 项目支出绩效目标表 of projects whose code, name, amount
// and goal cells span their indicator rows (the text on the span's first
// row), with a page break inside project cut: its name, amount and goal
// are split, the first part on the span's first row, the rest on the
// first row of the next page, which also holds that page's first
// indicator (or nothing else, when onlyRest). With dots, the amount is
// whole on the span's first row and the next page's row holds only its
// decimal point (the other copy of a line the break cut, its digits
// clipped away). With inCode, the break cuts the code itself: the head of
// the code alone before it, the rest of the code and the name after it.
// It returns the text and the project's whole name, amount and goal.
func spanForm(r *rand.Rand, projects, cut int, onlyRest, dots, inCode bool) (text, name, amount, goal string) {
	var b strings.Builder
	b.WriteString("附件 12\n某局项目支出绩效目标表\n项目|金额|绩效目标|一级指标|二级指标|指标值\n")
	for p := 0; p < projects; p++ {
		code := fmt.Sprintf("11000022T000000%06d", 469000+r.Intn(999))
		nm := []string{"安全生产信用体系建设相关服务", "事故责任追究和整改措施落实情况评估服务", "防汛抗旱指挥决策研究分析服务"}[r.Intn(3)]
		amt := fmt.Sprintf("%d.%06d", 1+r.Intn(900), r.Intn(1000000))
		gl := "根据法律法规规定，对事故责任追究和整改措施落实情况开展评估，督促属地政府深刻吸取事故教训，落实安全生产责任"
		inds := 2 + r.Intn(3)
		ind := func(i int) string {
			return fmt.Sprintf("%s|%s|%d", []string{"产出指标", "效益指标", "满意度指标"}[i%3], []string{"数量指标", "质量指标", "时效指标"}[i%3], 1+r.Intn(100))
		}
		if p != cut {
			fmt.Fprintf(&b, "%s-%s|%s|%s|%s\n", code, nm, amt, gl, ind(0))
			for i := 1; i < inds; i++ {
				fmt.Fprintf(&b, "|||%s\n", ind(i))
			}
			continue
		}
		name, amount, goal = code+"-"+nm, amt, gl
		k := 1 + r.Intn(len([]rune(nm))-2) // the name's characters before the break
		g := minCutCell + r.Intn(20)
		first, rest := "", amt
		if dots {
			first, rest = amt, "."
		}
		head, tail := code+"-"+string([]rune(nm)[:k]), string([]rune(nm)[k:])
		if inCode {
			c := 6 + r.Intn(len(code)-7) // the code's characters before the break
			head, tail = code[:c], code[c:]+"-"+nm
		}
		fmt.Fprintf(&b, "%s|%s|%s|%s\n", head, first, string([]rune(gl)[:g]), ind(0))
		for i := 1; i < inds; i++ {
			fmt.Fprintf(&b, "|||%s\n", ind(i))
		}
		b.WriteString("\f")
		if onlyRest {
			fmt.Fprintf(&b, "%s|%s|%s|||\n", tail, rest, string([]rune(gl)[g:]))
		} else {
			fmt.Fprintf(&b, "%s|%s|%s|%s\n", tail, rest, string([]rune(gl)[g:]), ind(inds))
		}
	}
	return b.String(), name, amount, goal
}

// TestSpanCutByPage: a page break through a project's merged cells
// leaves its code and the head of its name at the foot of one page and
// the rest of the name, its amount and the rest of its goal on the next
// page's first row (北京-应急 项目支出绩效目标表: 6 projects). The rest
// is moved into the project's row, the indicator beside it stays a row,
// and a finding's row is recorded. Every fourth form prints the amount
// whole before the break and only its decimal point after it (北京-应急
// pages 78/79 and 131/132): the point is dropped, not joined to the
// amount. Every fifth cuts inside the code (北京-应急 p.54/55): the rest of
// the code is no new item. Generated: 40 forms.
func TestSpanCutByPage(t *testing.T) {
	r := rand.New(rand.NewSource(131))
	for i := 0; i < 40; i++ {
		projects := 2 + r.Intn(4)
		cut := r.Intn(projects)
		onlyRest := i%3 == 0
		text, name, amount, goal := spanForm(r, projects, cut, onlyRest, i%4 == 1, i%5 == 2)
		doc := split(t, text)
		if len(doc.Tables) != 1 {
			t.Fatalf("case %d: %d tables, want 1", i, len(doc.Tables))
		}
		tb := doc.Tables[0]
		var owners []Row
		for _, row := range tb.Body {
			if strings.TrimSpace(row.Cells[0]) != "" {
				owners = append(owners, row)
			} else if strings.TrimSpace(row.Cells[1]) != "" || strings.TrimSpace(row.Cells[2]) != "" {
				t.Fatalf("case %d: a row without code holds project cells: %q", i, row.Cells)
			}
		}
		if len(owners) != projects {
			t.Fatalf("case %d: %d project rows, want %d", i, len(owners), projects)
		}
		o := owners[cut]
		// a code cut by the break is joined as a wrapped line is ("…469
		// 653-…"); normalize joins the code's parts
		if strings.ReplaceAll(o.Cells[0], " ", "") != name || o.Cells[1] != amount || o.Cells[2] != goal {
			t.Errorf("case %d: project row %q, want project %q amount %q goal %q", i, o.Cells[:3], name, amount, goal)
		}
		if len(tb.SpanJoined) != 1 {
			t.Errorf("case %d: %d span joins recorded, want 1", i, len(tb.SpanJoined))
		}
	}
}

// TestSpanCutLeavesRowsAlone: rows after a page break that are rows of
// their own stay so: a group's name repeated at the head of the page, a
// new item, a total, and a top row under a row that spans nothing.
func TestSpanCutLeavesRowsAlone(t *testing.T) {
	for _, top := range []string{
		"|某某单位|公用经费|5.00",   // the group's name, repeated
		"|（二）商品和服务支出||5.00", // a new item
		"|合计||25.00",        // a total
	} {
		doc := split(t, "附件 3\n某局三公经费支出表\n单位编码|单位名称|项目|金额\n001001|某某单位|公务接待费|10.00\n|||\n||公务用车运行费|10.00\n\f"+top+"\n")
		tb := doc.Tables[0]
		if len(tb.SpanJoined) != 0 {
			t.Errorf("top row %q: joined to the row above: %q", top, tb.Body[0].Cells)
		}
	}
	doc := split(t, "附件 3\n某局项目表\n项目编码|项目名称|金额\n2010101|行政运行|10.00\n\f|机关服务|5.00\n")
	if tb := doc.Tables[0]; len(tb.SpanJoined) != 0 || len(tb.Body) != 2 {
		t.Errorf("a row that spans nothing took the next page's top row: %v", tb.Body)
	}
}

// TestSpanJoinsKeepEveryRow: FuzzSplit's check (every input row in the
// output once, cells unchanged but for what a join moved) holds on
// generated span forms of every variant, so the fuzzer does not report a
// span join as a lost or altered row. Their texts are FuzzSplit seeds too.
func TestSpanJoinsKeepEveryRow(t *testing.T) {
	for i, text := range spanSeeds() {
		ld, err := extract.ReadText("f.txt", []byte(strings.ReplaceAll(text, "|", "\t")))
		if err != nil {
			t.Fatal(err)
		}
		doc := Split(ld)
		if len(doc.Tables) != 1 || len(doc.Tables[0].SpanJoined) != 1 {
			t.Fatalf("form %d: no span join", i)
		}
		checkSplit(t, ld, doc)
	}
}

// spanSeeds are span forms of each variant: amount after the break or
// before it (dots), the cut in the name or in the code, with the next
// page's indicator or without.
func spanSeeds() []string {
	r := rand.New(rand.NewSource(7))
	var out []string
	for i := 0; i < 8; i++ {
		text, _, _, _ := spanForm(r, 3, 1, i%2 == 0, i/2%2 == 1, i/4%2 == 1)
		out = append(out, text)
	}
	return out
}
