package pdf

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"reflect"
	"testing"

	"github.com/yusuan-data/yusuan/extract/align"
	"github.com/yusuan-data/yusuan/layout"
)

// run lays out text at (x, baseline) in a font of the given size: CJK
// characters one em wide, others half an em; a space advances half an em
// and marks the next character, as PDFium's space characters do.
func run(text string, x, base, size float64) []rawChar {
	var out []rawChar
	space := false
	for _, r := range text {
		w := size / 2
		if isCJK(r) {
			w = size
		}
		if r == ' ' {
			x += w
			space = true
			continue
		}
		out = append(out, rawChar{Piece: align.Piece{R: r, X0: x, X1: x + w, Y0: base - 0.88*size, Y1: base + 0.12*size, Base: base, SpaceBefore: space}})
		space = false
		x += w
	}
	return out
}

func chars(runs ...[]rawChar) []rawChar {
	var out []rawChar
	for _, r := range runs {
		out = append(out, r...)
	}
	return out
}

// ruleGrid draws the rules of a table with the given column and row bounds.
func ruleGrid(xs, ys []float64) []seg {
	var out []seg
	for _, y := range ys {
		out = append(out, seg{xs[0], y, xs[len(xs)-1], y})
	}
	for _, x := range xs {
		out = append(out, seg{x, ys[0], x, ys[len(ys)-1]})
	}
	return out
}

func texts(p layout.Page) ([][]string, []bool) {
	var rows [][]string
	var tab []bool
	for _, l := range p.Lines {
		rows = append(rows, l.Texts())
		tab = append(tab, l.Tabular)
	}
	return rows, tab
}

func TestWrappedCellJoins(t *testing.T) {
	s := DefaultSettings()
	// A code wrapped in a narrow cell, a CJK name wrapped, a number with a
	// thousands separator wrapped after the comma.
	rp := &rawPage{Number: 1, W: 400, H: 300,
		Segs: ruleGrid([]float64{10, 40, 100, 160}, []float64{10, 40, 70}),
		Chars: chars(
			run("20137", 12, 22, 10), run("99", 12, 34, 10),
			run("一般公共预", 42, 22, 10), run("算资金", 42, 34, 10),
			run("109,", 102, 22, 10), run("703.00", 102, 34, 10),
			run("A", 12, 55, 10), run("x y", 42, 55, 10), run("1", 102, 55, 10),
		),
	}
	p := buildPage(rp, &s)
	rows, tab := texts(p)
	want := [][]string{{"2013799", "一般公共预算资金", "109,703.00"}, {"A", "x y", "1"}}
	if !reflect.DeepEqual(rows, want) || !tab[0] || !tab[1] {
		t.Errorf("got %q (tabular %v), want %q", rows, tab, want)
	}
}

func TestMergedCells(t *testing.T) {
	s := DefaultSettings()
	// Header: "收入" spans columns 0–1, "支出" spans 2–3; "项目" spans two
	// rows in column 0.
	var segs []seg
	xs := []float64{0, 50, 100, 150, 200}
	ys := []float64{0, 20, 40, 60}
	segs = append(segs, seg{0, 0, 200, 0}, seg{0, 20, 200, 20}, seg{50, 40, 200, 40}, seg{0, 60, 200, 60})
	segs = append(segs, seg{0, 0, 0, 60}, seg{100, 0, 100, 60}, seg{200, 0, 200, 60})
	segs = append(segs, seg{50, 20, 50, 60}, seg{150, 20, 150, 60})
	_ = xs
	_ = ys
	rp := &rawPage{Number: 1, W: 300, H: 100, Segs: segs, Chars: chars(
		run("收入", 30, 14, 8), run("支出", 130, 14, 8),
		run("项目", 10, 44, 8), run("甲", 60, 34, 8), run("乙", 110, 34, 8), run("丙", 160, 34, 8),
		run("1.00", 60, 54, 8), run("2.00", 110, 54, 8), run("3.00", 160, 54, 8),
	)}
	p := buildPage(rp, &s)
	rows, _ := texts(p)
	want := [][]string{{"收入", "", "支出", ""}, {"项目", "甲", "乙", "丙"}, {"", "1.00", "2.00", "3.00"}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("got %q, want %q", rows, want)
	}
}

func TestTextLinesAndSpaces(t *testing.T) {
	s := DefaultSettings()
	rp := &rawPage{Number: 1, W: 500, H: 300, Chars: chars(
		run("2026年部门预算", 10, 20, 10),
		run("编制部门：某局", 10, 40, 10), run("单位：元", 400, 40, 10),
		run("Total 12.5 万元", 10, 60, 10),
	)}
	p := buildPage(rp, &s)
	rows, tab := texts(p)
	want := [][]string{{"2026年部门预算"}, {"编制部门：某局 单位：元"}, {"Total 12.5 万元"}}
	if !reflect.DeepEqual(rows, want) || tab[0] || tab[1] || tab[2] {
		t.Errorf("got %q (tabular %v), want %q", rows, tab, want)
	}
}

func TestUnruledTable(t *testing.T) {
	s := DefaultSettings()
	// A table without any rules: left-aligned names, right-aligned amounts.
	num := func(v string, right, base float64) []rawChar { return run(v, right-float64(len(v))*4, base, 8) }
	rp := &rawPage{Number: 1, W: 500, H: 400, Chars: chars(
		run("表一 收支总表", 10, 20, 10),
		run("项目", 10, 50, 8), run("预算数", 200, 50, 8), run("上年数", 300, 50, 8),
		run("一、财政拨款", 10, 64, 8), num("1,234.56", 240, 64), num("1,100.00", 340, 64),
		run("二、事业收入", 10, 78, 8), num("0.00", 240, 78), num("12.00", 340, 78),
		run("三、其他收入", 10, 92, 8), num("5.5", 240, 92), num("", 340, 92),
		run("合计", 10, 106, 8), num("1,240.06", 240, 106), num("1,112.00", 340, 106),
		run("注：本表无数据时为空。", 10, 140, 8),
	)}
	p := buildPage(rp, &s)
	rows, tab := texts(p)
	want := [][]string{
		{"表一 收支总表"},
		{"项目", "预算数", "上年数"},
		{"一、财政拨款", "1,234.56", "1,100.00"},
		{"二、事业收入", "0.00", "12.00"},
		{"三、其他收入", "5.5", ""},
		{"合计", "1,240.06", "1,112.00"},
		{"注：本表无数据时为空。"},
	}
	wantTab := []bool{false, true, true, true, true, true, false}
	if !reflect.DeepEqual(rows, want) || !reflect.DeepEqual(tab, wantTab) {
		t.Errorf("got %q %v\nwant %q %v", rows, tab, want, wantTab)
	}
}

func TestProseIsNotATable(t *testing.T) {
	s := DefaultSettings()
	rp := &rawPage{Number: 1, W: 500, H: 400, Chars: chars(
		run("一、部门主要职能", 10, 20, 10),
		run("负责本区司法行政工作，组织实施普法宣传。", 30, 40, 10),
		run("承担区委全面依法治区委员会办公室日常工作。", 10, 54, 10),
		run("完成区委、区政府交办的其他任务。", 10, 68, 10),
	)}
	for _, l := range buildPage(rp, &s).Lines {
		if l.Tabular {
			t.Errorf("prose line %q marked tabular", l.Texts())
		}
	}
}

func TestNormalizeAndGarble(t *testing.T) {
	s := DefaultSettings()
	// Kangxi radicals ⼀ (U+2F00) and ⾏ (U+2F8F), compatibility ideograph
	// 豈 (U+F900): mapped to unified ideographs, page not garbled.
	rp := &rawPage{Number: 1, W: 300, H: 100, Chars: run("⼀般公共服务⽀出⾏政运⾏\uf900", 10, 20, 10)}
	p := buildPage(rp, &s)
	if p.Garbled || len(p.Lines) != 1 || p.Lines[0].Text() != "一般公共服务支出行政运行豈" {
		t.Errorf("normalisation: garbled %v lines %+v", p.Garbled, p.Lines)
	}
	// Full-width digits stay as they are (NFKC only on the CJK blocks).
	if r := normalizeRune('２'); r != '２' {
		t.Errorf("normalizeRune(２) = %q", r)
	}
	junk := map[string]string{
		"private use": "\ue000\ue001\ue002\ue003部门预算\ue004\ue005\ue006\ue007\ue008",
		"U+FFFD":      "部门\ufffd\ufffd\ufffd预算\ufffd\ufffd\ufffd\ufffd收支",
		"renumbered":  `!"#$%&'()*+,-./0123 ２０２６&'(./012 !"#$：%&'()*+,`,
		"cid":         "(cid:123)(cid:45)(cid:67)(cid:89)",
	}
	for name, text := range junk {
		rp := &rawPage{Number: 1, W: 600, H: 100, Chars: run(text, 10, 20, 10)}
		if p := buildPage(rp, &s); !p.Garbled || len(p.Lines) != 0 {
			t.Errorf("%s: garbled %v, %d lines", name, p.Garbled, len(p.Lines))
		}
	}
	// No text at all: garbled when the page carries an image (a scan),
	// simply empty when it is blank.
	if p := buildPage(&rawPage{Number: 1, W: 100, H: 100, Images: 1}, &s); !p.Garbled {
		t.Errorf("image-only page not garbled")
	}
	if p := buildPage(&rawPage{Number: 1, W: 100, H: 100}, &s); p.Garbled {
		t.Errorf("blank page garbled")
	}
}

func TestMergeEdges(t *testing.T) {
	s := DefaultSettings()
	// A border drawn in two pieces 0.5 pt apart, a double rule, a stub.
	es := mergeEdges([]seg{{0, 10, 50, 10}, {51, 10.5, 100, 10.5}, {0, 30, 100, 30}, {0, 31.5, 100, 31.5}, {0, 50, 2, 50}}, &s)
	if len(es) != 2 {
		t.Fatalf("got %v", es)
	}
	if es[0].X0 != 0 || es[0].X1 != 100 || es[0].Y0 < 10 || es[0].Y0 > 10.5 {
		t.Errorf("joined rule: %v", es[0])
	}
}

func TestDebugPNG(t *testing.T) {
	var buf bytes.Buffer
	if err := testReader(t).DebugPNG(context.Background(), corpus+"jiangsu-shengweibangongting-2019-budget-tables.pdf", 6, 50, &buf); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 500 || b.Dy() < 700 {
		t.Errorf("image %v", b)
	}
	if out := os.Getenv("YUSUAN_PNG"); out != "" {
		f, _ := os.Create(out)
		png.Encode(f, img)
		f.Close()
	}
}
