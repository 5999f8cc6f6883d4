package align

import (
	"testing"
	"unicode/utf8"
)

// TestReadKeepsSteps: the Result of a page holds each step's output: the
// text rows, the table region among them, its column anchors (one per
// column, left to right, their cells partitioning the table) and its
// header band.
func TestReadKeepsSteps(t *testing.T) {
	s := *Defaults().OCR
	res := Read(Rows(stepsPage(), &s), &s, nil)
	if len(res.Rows) != 6 {
		t.Fatalf("%d text rows, want 6", len(res.Rows))
	}
	if len(res.Tables) != 1 {
		t.Fatalf("%d tables, want 1", len(res.Tables))
	}
	tb := res.Tables[0]
	if tb.First != 1 || tb.End != 6 || tb.Continued {
		t.Errorf("table region rows %d-%d (continued %v), want 1-6", tb.First, tb.End, tb.Continued)
	}
	if len(tb.Columns) != 3 {
		t.Fatalf("%d columns, want 3: %+v", len(tb.Columns), tb.Columns)
	}
	for i, c := range tb.Columns {
		if c.L > c.X0 || c.R < c.X1 || i > 0 && tb.Columns[i-1].R > c.L {
			t.Errorf("column %d: %+v does not partition the table (before: %+v)", i, c, tb.Columns[max(i-1, 0)])
		}
	}
	if !tb.Columns[0].Left || !tb.Columns[2].Right {
		t.Errorf("codes should share a left edge, amounts a right one: %+v", tb.Columns)
	}
	if tb.Header != 1 || len(tb.Lines) != 5 {
		t.Errorf("header band %d of %d lines, want 1 of 5", tb.Header, len(tb.Lines))
	}
	if h := tb.Lines[0].Texts(); h[0] != "科目编码" || h[2] != "合计" {
		t.Errorf("header %q", h)
	}
	if len(res.Lines) != 6 || res.Carry == nil {
		t.Errorf("%d lines out (want 6), carry %v", len(res.Lines), res.Carry)
	}
}

// stepsPage is a page with a unit line over a table of codes (left
// aligned), names (left aligned) and amounts (right aligned) under a
// header of one row, at the pitch a recogniser reads.
func stepsPage() []Piece {
	var cs []Char
	cs = append(cs, charsOf("单位：万元", 500, 545, 100, 0.9)...)
	cs = append(cs, charsOf("科目编码", 60, 96, 120, 0.9)...)
	cs = append(cs, charsOf("科目名称", 150, 186, 120, 0.9)...)
	cs = append(cs, charsOf("合计", 330, 348, 120, 0.9)...)
	for i, r := range []struct{ code, name, amount string }{
		{"201", "一般公共服务支出", "368.97"},
		{"20137", "网信事务", "8.97"},
		{"2013701", "行政运行", "108.97"},
		{"208", "社会保障和就业支出", "16.19"},
	} {
		y := 136 + 16*float64(i)
		cs = append(cs, charsOf(r.code, 44, 44+5*float64(len(r.code)), y, 1)...)
		cs = append(cs, charsOf(r.name, 118.5, 118.5+9*float64(utf8.RuneCountInString(r.name)), y, 1)...)
		cs = append(cs, charsOf(r.amount, 357.5-5*float64(len(r.amount)), 357.5, y, 1)...)
	}
	ps := make([]Piece, len(cs))
	for i, c := range cs {
		ps[i] = Piece{R: c.R, X0: c.X0, Y0: c.Y0, X1: c.X1, Y1: c.Y1, Base: c.Base, SpaceBefore: c.WordStart, RealSpace: c.WordStart}
	}
	return ps
}
