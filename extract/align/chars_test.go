package align

import (
	"testing"
	"unicode/utf8"
)

// charsOf sets text on one line like a recogniser's reading: from x0 to
// x1 (an ink extent), the width shared evenly, every character with conf.
func charsOf(text string, x0, x1, y, conf float64) []Char {
	n := float64(utf8.RuneCountInString(text))
	step := (x1 - x0) / n
	var out []Char
	i := 0.0
	for _, r := range text {
		out = append(out, Char{R: r, X0: x0 + i*step, X1: x0 + (i+1)*step, Y0: y - 4.2, Y1: y + 4.2, Base: y + 3.2, WordStart: i == 0, Conf: conf})
		i++
	}
	return out
}

// TestUnruledChars: an unruled table read from an image comes out as rows
// of cells, columns found from alignment (codes and names left-aligned,
// amounts right-aligned, with the half-point unevenness of ink edges), and
// a cell's confidence is its worst character's.
func TestUnruledChars(t *testing.T) {
	var cs []Char
	cs = append(cs, charsOf("单位：万元", 500, 545, 100, 0.9)...)
	cs = append(cs, charsOf("科目编码", 60, 96, 120, 0.9)...)
	cs = append(cs, charsOf("科目名称", 150, 186, 120, 0.9)...)
	cs = append(cs, charsOf("合计", 330, 348, 120.2, 0.9)...)
	rows := []struct {
		code, name, amount string
		x0                 float64 // left edge of the amount
		y, conf            float64
	}{
		{"201", "一般公共服务支出", "368.97", 331.4, 136.1, 0.9},
		{"20137", "网信事务", "8.97", 340.2, 151.9, 0.9},
		{"2013701", "行政运行", "108.97", 331.1, 168.2, 0.4},
		{"208", "社会保障和就业支出", "16.19", 336.0, 183.8, 0.9},
	}
	for i, r := range rows {
		j := float64(i%2) * 0.4 // ink edges are uneven
		cs = append(cs, charsOf(r.code, 44+j, 44+j+5*float64(len(r.code)), r.y, 0.95)...)
		cs = append(cs, charsOf(r.name, 118.5-j, 118.5-j+9*float64(utf8.RuneCountInString(r.name)), r.y, 0.95)...)
		cs = append(cs, charsOf(r.amount, r.x0, 357.5-j, r.y, r.conf)...)
	}
	lines := Chars(cs)
	var tab [][]string
	for _, l := range lines {
		if !l.Tabular {
			if l.Text() != "单位：万元" {
				t.Errorf("plain line %q", l.Text())
			}
			continue
		}
		tab = append(tab, l.Texts())
		if l.Cells[0].Text == "2013701" {
			if c := l.Cells[2].Conf; c != 0.4 {
				t.Errorf("conf of 108.97: %v, want 0.4", c)
			}
			if c := l.Cells[1].Conf; c != 0.95 {
				t.Errorf("conf of 行政运行: %v, want 0.95", c)
			}
		}
	}
	want := [][]string{
		{"科目编码", "科目名称", "合计"},
		{"201", "一般公共服务支出", "368.97"},
		{"20137", "网信事务", "8.97"},
		{"2013701", "行政运行", "108.97"},
		{"208", "社会保障和就业支出", "16.19"},
	}
	if len(tab) != len(want) {
		t.Fatalf("rows %q, want %q", tab, want)
	}
	for i := range want {
		if len(tab[i]) != len(want[i]) {
			t.Errorf("row %d: %q, want %q", i, tab[i], want[i])
			continue
		}
		for j := range want[i] {
			if tab[i][j] != want[i][j] {
				t.Errorf("row %d: %q, want %q", i, tab[i], want[i])
				break
			}
		}
	}
}
