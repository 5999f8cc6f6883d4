package segment

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/zh"
)

// FuzzSplit reads the fuzz text with extract.ReadText ("|" stands for a tab,
// as in the tests above) and splits it. Split never panics and is
// deterministic, and:
//
//   - tables are numbered 1, 2, … in Order; Pages ascend without repeats and
//     hold the page of every row; FirstLine ≤ LastLine; at most
//     MaxHeaderRows header rows; rows in document order;
//   - every table row of the input is in the output exactly once, with its
//     cells unchanged: as a header row, a body row, or one of the repeated
//     header rows a continuation dropped (counted in DroppedHeaders, and
//     each such row equal to a header row of a table), or, when a page
//     break cut a row in two, as a Rejoined row whose cells are joined into
//     the body row before it, exactly as rejoin joins them; or, when a
//     break cut a tall merged cell, as cells moved into the owner row
//     (SpanJoined), exactly as spanCut moves them.
//
// A "table row of the input" is what the design says: a tabular line that
// is not blank (all cells empty), not a drawn rule (isSeparator: ---, ===),
// and not a text row (isTextRow: a single non-empty cell that is a 附件
// marker, title, unit, compiler or note line, as spreadsheet exports print
// titles). Those three kinds go to the narrative or are skipped by design.
//
// Rows of a chart's labels (an untitled table of numbers only) are moved
// to the narrative: they are in Text at their place, their cells joined.
//
// Running text is checked only for not being duplicated: every TextLine and
// Note is a distinct non-table line of the input (title-block lines are
// kept nowhere but in Title, Department and Unit, so text is not counted).
func FuzzSplit(f *testing.F) {
	for _, s := range append(splitSeeds, spanSeeds()...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ld, err := extract.ReadText("f.txt", []byte(strings.ReplaceAll(s, "|", "\t")))
		if err != nil {
			return
		}
		doc := Split(ld)
		if again := Split(ld); !reflect.DeepEqual(doc, again) {
			t.Fatalf("Split is not deterministic")
		}
		checkSplit(t, ld, doc)
	})
}

type pos struct{ page, line int }

func checkSplit(t *testing.T, ld *layout.Document, doc *Document) {
	t.Helper()
	if doc.PageCount != len(ld.Pages) {
		t.Fatalf("PageCount %d, %d pages", doc.PageCount, len(ld.Pages))
	}
	rows := map[pos][]string{} // the input's table rows
	texts := map[pos]bool{}    // the input's other non-blank lines
	for _, p := range ld.Pages {
		for _, l := range p.Lines {
			if l.Blank() {
				continue
			}
			k := pos{p.Number, l.Number}
			cells := l.Texts()
			switch {
			case l.Tabular && isSeparator(cells):
			case !l.Tabular || isTextRow(cells):
				texts[k] = true
			default:
				rows[k] = cells
			}
		}
	}

	seen := map[pos]string{}
	dropped := 0
	var headers [][]string
	for i, tb := range doc.Tables {
		name := fmt.Sprintf("table %d (%q)", i+1, tb.Title)
		if tb.Order != i+1 {
			t.Fatalf("%s: Order %d", name, tb.Order)
		}
		if tb.Attachment < 0 || tb.Part < 0 {
			t.Fatalf("%s: attachment %d part %d", name, tb.Attachment, tb.Part)
		}
		for j := 1; j < len(tb.Pages); j++ {
			if tb.Pages[j] <= tb.Pages[j-1] {
				t.Fatalf("%s: pages %v not ascending", name, tb.Pages)
			}
		}
		if tb.FirstLine != 0 && tb.LastLine != 0 && tb.FirstLine > tb.LastLine {
			t.Fatalf("%s: FirstLine %d > LastLine %d", name, tb.FirstLine, tb.LastLine)
		}
		if len(tb.Header) > MaxHeaderRows {
			t.Fatalf("%s: %d header rows", name, len(tb.Header))
		}
		if len(tb.Header)+len(tb.Body) == 0 {
			t.Fatalf("%s: no rows", name)
		}
		if tb.DroppedHeaders < 0 || tb.Continuations < 0 {
			t.Fatalf("%s: dropped %d continuations %d", name, tb.DroppedHeaders, tb.Continuations)
		}
		dropped += tb.DroppedHeaders
		for _, h := range tb.Header {
			headers = append(headers, h.Cells)
		}
		// A row a page break cut in two (Rejoined) is in the output inside
		// the body row before it, joined by rejoin: expect exactly that.
		joined := map[pos][]Row{}
		for _, rj := range tb.Rejoined {
			k := pos{rj.Page, rj.Line}
			want, ok := rows[k]
			if !ok || !reflect.DeepEqual(want, rj.Cells) {
				t.Fatalf("%s: rejoined row at page %d line %d %q is no table row of the input (%q)", name, rj.Page, rj.Line, rj.Cells, want)
			}
			if where, dup := seen[k]; dup {
				t.Fatalf("%s: rejoined row at page %d line %d is in the output twice (also in %s)", name, rj.Page, rj.Line, where)
			}
			seen[k] = name
			host, found := pos{}, false
			for _, b := range tb.Body {
				if bk := (pos{b.Page, b.Line}); bk.page < k.page || bk.page == k.page && bk.line < k.line {
					host, found = bk, true
				}
			}
			if !found {
				t.Fatalf("%s: rejoined row at page %d line %d has no body row before it", name, rj.Page, rj.Line)
			}
			joined[host] = append(joined[host], rj)
		}
		// A top row that finished a tall merged cell (SpanJoined): the
		// cells it gave up are in the owner row above, the nearest body row
		// before it with text in its first column, joined as spanCut joins
		// them (a junk mark is dropped); what is left of it is a body row,
		// or nothing when nothing is left.
		want2 := map[pos][]string{}
		cellsOf := func(k pos) []string {
			if w, ok := want2[k]; ok {
				return w
			}
			return append([]string(nil), rows[k]...)
		}
		for _, sj := range tb.SpanJoined {
			k := pos{sj.Page, sj.Line}
			in, ok := rows[k]
			if !ok || len(sj.Cells) != len(in) {
				t.Fatalf("%s: span-joined row at page %d line %d %q is no table row of the input", name, sj.Page, sj.Line, sj.Cells)
			}
			owner, found := pos{}, false
			for _, b := range tb.Body {
				if bk := (pos{b.Page, b.Line}); (bk.page < k.page || bk.page == k.page && bk.line < k.line) && len(b.Cells) > 0 && strings.TrimSpace(b.Cells[0]) != "" {
					owner, found = bk, true
				}
			}
			if !found {
				t.Fatalf("%s: span-joined row at page %d line %d has no owner row", name, sj.Page, sj.Line)
			}
			rest, own := cellsOf(k), cellsOf(owner)
			for j, c := range sj.Cells {
				if c == "" {
					continue
				}
				if c != in[j] {
					t.Fatalf("%s: span-joined row at page %d line %d moved %q, the input has %q", name, sj.Page, sj.Line, c, in[j])
				}
				rest[j] = ""
				if c = strings.TrimSpace(c); junkMarks[zh.Squash(zh.Fold(c))] {
					continue
				}
				if prev := strings.TrimSpace(own[j]); prev != "" {
					c = zh.JoinWrapped(prev + "\n" + c)
				}
				own[j] = c
			}
			want2[k], want2[owner] = rest, own
			if blank(Row{Cells: rest}) {
				if where, dup := seen[k]; dup {
					t.Fatalf("%s: span-joined row at page %d line %d is in the output twice (also in %s)", name, sj.Page, sj.Line, where)
				}
				seen[k] = name
			}
		}
		// A further strip of columns (Strips): its rows are in the output
		// as the cells appended to the rows they extend.
		for _, sr := range tb.Strips {
			k := pos{sr.Page, sr.Line}
			if want, ok := rows[k]; !ok || !reflect.DeepEqual(want, sr.Cells) {
				t.Fatalf("%s: strip row at page %d line %d %q is no table row of the input", name, sr.Page, sr.Line, sr.Cells)
			}
			if where, dup := seen[k]; dup {
				t.Fatalf("%s: strip row at page %d line %d is in the output twice (also in %s)", name, sr.Page, sr.Line, where)
			}
			seen[k] = name
		}
		var prev pos
		all := append(append([]Row{}, tb.Header...), tb.Body...)
		for j, r := range all {
			k := pos{r.Page, r.Line}
			part := "body"
			if j < len(tb.Header) {
				part = "header"
			}
			want, ok := rows[k]
			if !ok {
				t.Fatalf("%s: %s row at page %d line %d %q is no table row of the input", name, part, r.Page, r.Line, r.Cells)
			}
			if w, ok := want2[k]; ok {
				want = w
			}
			for _, rj := range joined[k] {
				want = rejoin(Row{Cells: want}, rj).Cells
			}
			got := r.Cells
			if len(tb.Strips) > 0 && len(got) > len(want) {
				got = got[:len(want)] // more columns from a further strip
			}
			if !reflect.DeepEqual(want, got) {
				t.Fatalf("%s: row at page %d line %d is %q, the input has %q", name, r.Page, r.Line, r.Cells, want)
			}
			if where, dup := seen[k]; dup {
				t.Fatalf("%s: row at page %d line %d is in the output twice (also in %s)", name, r.Page, r.Line, where)
			}
			seen[k] = name
			if j > 0 && (k.page < prev.page || k.page == prev.page && k.line <= prev.line) {
				t.Fatalf("%s: row at page %d line %d follows page %d line %d", name, k.page, k.line, prev.page, prev.line)
			}
			prev = k
			if !contains(tb.Pages, r.Page) {
				t.Fatalf("%s: row on page %d, pages %v", name, r.Page, tb.Pages)
			}
			// A text file numbers its lines through the whole file.
			if r.Line < tb.FirstLine || r.Line > tb.LastLine {
				t.Fatalf("%s: row at line %d outside lines %d..%d", name, r.Line, tb.FirstLine, tb.LastLine)
			}
		}
	}
	// Rows of a chart's labels (dropChartLabels) are moved to the
	// narrative: in Text at their place, their cells joined.
	moved := map[pos]bool{}
	for _, l := range doc.Text {
		k := pos{l.Page, l.Line}
		if cells, ok := rows[k]; ok {
			if _, inTable := seen[k]; inTable {
				t.Fatalf("row at page %d line %d is in a table and in the text", k.page, k.line)
			}
			if want := strings.Join(nonEmpty(cells), " "); l.Text != want {
				t.Fatalf("chart row at page %d line %d is %q in the text, the input has %q", k.page, k.line, l.Text, want)
			}
			moved[k] = true
		}
	}
	missing := 0
	for k, cells := range rows {
		if _, ok := seen[k]; ok || moved[k] {
			continue
		}
		missing++
		repeat := false
		for _, h := range headers {
			if sameRow(h, cells) {
				repeat = true
				break
			}
		}
		if !repeat {
			t.Fatalf("table row at page %d line %d %q is lost (not in any table, and no repeated header)", k.page, k.line, cells)
		}
	}
	if missing != dropped {
		t.Fatalf("%d table rows are not in the output, DroppedHeaders add up to %d", missing, dropped)
	}

	lines := map[pos]bool{}
	check := func(what string, l TextLine) {
		k := pos{l.Page, l.Line}
		if !texts[k] && !(what == "text" && moved[k]) {
			t.Fatalf("%s at page %d line %d %q is no text line of the input", what, l.Page, l.Line, l.Text)
		}
		if lines[k] {
			t.Fatalf("%s at page %d line %d %q is in the output twice", what, l.Page, l.Line, l.Text)
		}
		lines[k] = true
	}
	for _, l := range doc.Text {
		check("text", l)
	}
	for _, tb := range doc.Tables {
		for _, l := range tb.Notes {
			check("note", l)
		}
	}
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// splitSeeds: the shapes of the bundled disclosure
// (fixtures/000_40af54efeba53a7c.txt) in small, with "|" for a tab. The
// whole fixture and its single tables are seeds in testdata/fuzz/FuzzSplit.
var splitSeeds = []string{
	// 附件 1: a two-level header repeated on the next page with the title.
	`附件 1
中共重庆市潼南区委网络安全和信息化委员会办公室（本级）
财政拨款收支总表
单位：万元
收入||支出||||
项目|预算数|支出科目|合计|一般公共预算|政府性基金预算|国有资本经营预算
一、本年收入|402.21|一、本年支出|402.21|402.21||
（一）一般公共预算拨款|402.21|（一）一般公共服务支出|368.97|368.97||
财政拨款收支总表
单位：万元
收入||支出||||
项目|预算数|支出科目|合计|一般公共预算|政府性基金预算|国有资本经营预算
||（十六）商业服务业等支出||||
收入合计|402.21|支出合计|402.21|||
`,
	// 附件 2: department before the title, a repeated header after a bare title.
	`附件 2
中共重庆市潼南区委网络安全和信息化委员会办公室（本级） 一般公共预算财政拨款支出预算表
单位：万元
功能分类科目||2024 年预算数|2025 年预算数||
科目编码|科目名称||总计|基本支出|项目支出
合计||365.57|402.21|142.21|260.00
201|一般公共服务支出|331.64|368.97|108.97|260.00
一般公共预算财政拨款支出预算表
功能分类科目||2024 年预算数|2025 年预算数||
科目编码|科目名称||总计|基本支出|项目支出
2013799|其他网信事务支出|223.00|260.00||
`,
	// A page break inside a run of rows, a repeated header, a separator, a note.
	"附件 10\n项目支出明细表\n序号|预算单位|功能分类科目||项目名称|合计\n||科目编码|科目名称||\n|||合计|260.00|\n1|307001- 网信办（本级）|2013799|其他网信事务支出|50015225T00000499429 3-2025 网络宣传|20.00\n\f序号|预算单位|功能分类科目||项目名称|合计\n||科目编码|科目名称||\n6|307001- 网 信办（本 级）|20137 99|其他网信 事务支出|50015225T00000499543 0-2025 网络信息化|20.00\n---|-----|---|---|---|---\n备注：本表反映项目支出。\n",
	// Forms of 附件 12: numbered parts.
	`附件 12
2025 年预算项目绩效目标表-1
项目名称|50015225T000004994630-网络安全协调指挥平台建设|业务主管部门|中共重庆市潼南区委网络安全和信息化办公室
预算执行率权重|10|项目分类|一般性项目
|一级指标|二级指标|三级指标|指标权重|计量单位|指标性质|指标值|是否核心指标
绩效指标|产出指标|质量指标|监测全区网络安全|15|%|≥|100|否
2025 年预算项目绩效目标表-2
项目名称|50015225T000004994293-2025 网络宣传|||业务主管部门|中共重庆市潼南区委网络安全和信息化办公室
当年预算（万元）|20|||本级安排（万元）|20
`,
	// Titles without markers, a table of contents, a title in a cell.
	"目录\n一、收支总表……………………3\n1．2026年部门财务收支预算总表\n编制单位：上海市普陀区司法局    单位：元\n项目|预算数|项目|预算数\n一般公共预算资金|1,234.00|一般公共服务支出|1,234.00\n公开表一 收入预算总表||\n单位：万元\n项目|合计|财政拨款\n合计|10.00|10.00\n",
	"|||\n\t\n---|===\nx|y\n\fx|y\nx|y\n",
	"部门收支总表（续）\n项目|预算数\n项目|预算数\n合计|1\n部门收支总表\n项目|预算数\n",
}

// TestSplitManyPages: a table continued over many pages is one table with
// every page; the cost (once quadratic: 20000 pages took a minute) is
// measured by BenchmarkSplitManyPages.
func TestSplitManyPages(t *testing.T) {
	doc := Split(manyPages(t, 1500))
	if len(doc.Tables) != 1 || len(doc.Tables[0].Pages) != 1500 {
		t.Fatalf("%d tables", len(doc.Tables))
	}
}

func BenchmarkSplitManyPages(b *testing.B) {
	ld := manyPages(b, 20000)
	for b.Loop() {
		Split(ld)
	}
}

func manyPages(t testing.TB, n int) *layout.Document {
	s := "附件 1\n部门收支总表\n项目\t预算数\n" + strings.Repeat("合计\t1\n\f", n)
	ld, err := extract.ReadText("pages.txt", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return ld
}
