// Package ruledgen prints ruled budget tables that run over a page break,
// with their truth, broken the ways real templates break them:
//
//   - OpenTop: the continuation page's first row has no top rule; its
//     column rules begin at the row's top (西安 一般公共预算支出表: the row was
//     read as running text and its amounts lost);
//   - OpenBottom: the last row before the break has no bottom rule; its
//     column rules end at the row's bottom (a row dropped at a page break);
//   - RepeatHeader: the continuation page repeats the header row, or not;
//   - FusedTotal: the 合计 row has no inner column rules (read as one cell,
//     合计156,211,123156,211,123);
//   - SplitColumns: a table too wide for its page printed in two strips of
//     columns, the second on the next page (appended as rows, it doubled
//     the table's length and lost its last column);
//   - ClipCodes: 项 codes one digit wider than their cell, clipped to it;
//   - CutRow: the break cuts through the text of a row (a tall merged cell
//     cut by a page break, as 北京's 项目支出绩效目标表 print it): the grid's
//     last rule runs through the row's text a little above its centre, the
//     text is clipped a little below it, and the next page prints the same
//     line again, clipped to show its other part (its centre outside).
//
// Tables are 一般公共预算支出表 of 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出,
// amounts that add up (合计 = 基本支出 + 项目支出, the 合计 row the sum of the
// 类 rows), in the metrics of a Debian CJK font (unruledgen's fonts, written
// by unruledgen.WritePDF).
package ruledgen

import (
	"fmt"
	"math/rand/v2"

	"github.com/shopspring/decimal"
	"github.com/yusuan-data/yusuan/internal/unruledgen"
)

// Style is how one document is printed.
type Style struct {
	OpenTop, OpenBottom, RepeatHeader bool
	// FusedTotal draws the 合计 row without its inner column rules: one
	// cell across the table holding label and amounts.
	FusedTotal bool
	// SplitColumns prints the table too wide for its page in two strips:
	// all rows with the first three columns on the first page, then all
	// rows with the last two (after the 科目编码/科目名称 labels again when
	// RepeatHeader) on the next, under a header of their own.
	SplitColumns bool
	// ClipCodes sets the 科目编码 column too narrow for a 项 code, each code
	// clipped to its cell: the last digit is cut off on paper but held by
	// the text layer (unit codes 125001-125004 were all read 12500).
	ClipCodes bool
	// CutRow cuts the first row after FirstPage in two at the break.
	CutRow    bool
	Size      float64 // font size, points
	FirstPage int     // body rows on the first page
	// Rule and Shown: where the grid's last rule and the clip cut the cut
	// row's text, as shares of its height from the top (CutRow).
	Rule, Shown float64
}

// Case is one generated document: its PDF and its truth (the header and
// the body rows, 合计 first).
type Case struct {
	Name   string
	Style  Style
	PDF    []byte
	Header []string
	Rows   [][]string
}

// Title is the generated table's title.
const Title = "2026年一般公共预算支出表"

var header = []string{"科目编码", "科目名称", "合计", "基本支出", "项目支出"}

// subjects are 类/款/项 codes and names, in the order a table prints them.
var subjects = [][2]string{
	{"201", "一般公共服务支出"}, {"20101", "人大事务"}, {"2010101", "行政运行"}, {"2010102", "一般行政管理事务"},
	{"20103", "政府办公厅（室）及相关机构事务"}, {"2010301", "行政运行"}, {"2010350", "事业运行"},
	{"208", "社会保障和就业支出"}, {"20805", "行政事业单位养老支出"}, {"2080501", "行政单位离退休"},
	{"2080505", "机关事业单位基本养老保险缴费支出"}, {"2080506", "机关事业单位职业年金缴费支出"},
	{"210", "卫生健康支出"}, {"21011", "行政事业单位医疗"}, {"2101101", "行政单位医疗"},
	{"215", "资源勘探工业信息等支出"}, {"21505", "工业和信息产业监管"}, {"2150501", "行政运行"},
	{"2150517", "产业发展"}, {"221", "住房保障支出"}, {"22102", "住房改革支出"}, {"2210201", "住房公积金"},
	{"2210203", "购房补贴"},
}

// Generate makes n documents; document i is open at the top when i%2 is 1,
// open at the bottom when (i/2)%2 is 1, repeats the header when (i/4)%2 is
// 1, fuses its 合计 row when (i/8)%2 is 1, prints its columns in two
// strips when (i/16)%2 is 1, clips its codes when (i/24)%2 is 1 (then in
// one strip), cuts a row at the break when (i/32)%2 is 1 (then in one
// strip, codes unclipped, bottom closed); size, the page break's place and
// the cut's are drawn from a generator seeded by i.
func Generate(n int) ([]Case, error) {
	ft, err := unruledgen.LoadFont(unruledgen.Fonts[1])
	if err != nil {
		return nil, err
	}
	var out []Case
	for i := range n {
		rng := rand.New(rand.NewPCG(uint64(i), 13))
		st := Style{
			OpenTop:      i%2 == 1,
			OpenBottom:   (i/2)%2 == 1,
			RepeatHeader: (i/4)%2 == 1,
			FusedTotal:   (i/8)%2 == 1,
			SplitColumns: (i/16)%2 == 1,
			ClipCodes:    (i/24)%2 == 1,
			CutRow:       (i/32)%2 == 1,
			Size:         []float64{9, 10, 10.5, 12}[rng.IntN(4)],
		}
		rows := body(rng)
		st.FirstPage = 3 + rng.IntN(len(rows)-5)
		// what fits on page 1 under the title block, header, 合计 and a
		// cut row (typeset's geometry)
		st.FirstPage = min(st.FirstPage, int((595-40-44)/(st.Size*1.9))-3)
		var pages []unruledgen.Page
		if st.ClipCodes || st.CutRow {
			st.SplitColumns = false
		}
		if st.CutRow {
			st.ClipCodes, st.OpenBottom = false, false
			st.Rule = 0.42 + 0.07*rng.Float64() // centre just below the rule
			st.Shown = 0.55 + 0.2*rng.Float64() // centre inside the clip
		}
		if st.SplitColumns {
			st.Size = 9 // every row on one page
			pages = typesetStrips(ft, st, rows)
		} else {
			pages = typeset(ft, st, rows)
		}
		out = append(out, Case{
			Name:   fmt.Sprintf("%02d-top%v-bottom%v-header%v-fused%v-split%v-clip%v-cut%v", i, st.OpenTop, st.OpenBottom, st.RepeatHeader, st.FusedTotal, st.SplitColumns, st.ClipCodes, st.CutRow),
			Style:  st,
			PDF:    unruledgen.WritePDF(pages, ft, unruledgen.FontMetrics),
			Header: header,
			Rows:   rows,
		})
	}
	return out, nil
}

// body draws the amounts: each 项 row basic and project parts, each 款 and
// 类 row the sum of its children, the 合计 row the sum of the 类 rows.
func body(rng *rand.Rand) [][]string {
	type amt struct{ basic, project decimal.Decimal }
	vals := make([]amt, len(subjects))
	for i, s := range subjects {
		if len(s[0]) == 7 {
			vals[i] = amt{decimal.New(rng.Int64N(900000)+100, -2), decimal.New(rng.Int64N(400000), -2)}
		}
	}
	for _, level := range []int{5, 3} {
		for i, s := range subjects {
			if len(s[0]) != level {
				continue
			}
			for j := i + 1; j < len(subjects) && len(subjects[j][0]) > level; j++ {
				if len(subjects[j][0]) == level+2 || level == 5 && len(subjects[j][0]) == 7 {
					vals[i].basic = vals[i].basic.Add(vals[j].basic)
					vals[i].project = vals[i].project.Add(vals[j].project)
				}
			}
		}
	}
	var total amt
	var rows [][]string
	for i, s := range subjects {
		if len(s[0]) == 3 {
			total.basic, total.project = total.basic.Add(vals[i].basic), total.project.Add(vals[i].project)
		}
		v := vals[i]
		rows = append(rows, []string{s[0], s[1], v.basic.Add(v.project).StringFixed(2), v.basic.StringFixed(2), v.project.StringFixed(2)})
	}
	head := []string{"", "合计", total.basic.Add(total.project).StringFixed(2), total.basic.StringFixed(2), total.project.StringFixed(2)}
	return append([][]string{head}, rows...)
}

// typeset prints the table over two landscape A4 pages.
func typeset(ft *unruledgen.Font, st Style, rows [][]string) []unruledgen.Page {
	const w, h, margin = 842.0, 595.0, 40.0
	xs := []float64{margin, margin + 90, margin + 330, margin + 470, margin + 610, w - margin}
	if st.ClipCodes {
		// a 项 code's last digit crosses the column rule
		xs[1] = margin + 3 + ft.Width("201010", st.Size) + ft.Width("1", st.Size)*0.3
	}
	pitch := st.Size * 1.9
	var pages []unruledgen.Page
	pg := unruledgen.Page{W: w, H: h}
	put := func(s string, x, y float64, clip unruledgen.Rule) { // y: top of the row
		pg.Pieces = append(pg.Pieces, unruledgen.Piece{Text: s, X: x, Base: y + (pitch+st.Size*0.75)/2, Size: st.Size, Clip: clip})
	}
	row := func(cells []string, y float64, centre bool) {
		for j, c := range cells {
			cw := ft.Width(c, st.Size)
			x := xs[j] + 3
			if centre {
				x = (xs[j] + xs[j+1] - cw) / 2
			} else if j >= 2 {
				x = xs[j+1] - 3 - cw
			}
			var clip unruledgen.Rule
			if st.ClipCodes {
				clip = unruledgen.Rule{X0: xs[j], Y0: y, X1: xs[j+1], Y1: y + pitch}
			}
			put(c, x, y, clip)
		}
	}
	// rules draws the grid of rows from y0 to y1: a row rule at every
	// row bound but those left open, the column rules from y0 to y1.
	// fusedFrom..fusedFrom+pitch: the row without inner column rules.
	rules := func(y0, y1 float64, openTop, openBottom bool, fusedFrom float64) {
		for y := y0; y <= y1+0.01; y += pitch {
			if openTop && y == y0 || openBottom && y > y1-0.01 {
				continue
			}
			pg.Rules = append(pg.Rules, unruledgen.Rule{X0: xs[0], Y0: y, X1: xs[len(xs)-1], Y1: y})
		}
		for j, x := range xs {
			if fusedFrom >= 0 && j > 0 && j < len(xs)-1 {
				pg.Rules = append(pg.Rules, unruledgen.Rule{X0: x, Y0: y0, X1: x, Y1: fusedFrom}, unruledgen.Rule{X0: x, Y0: fusedFrom + pitch, X1: x, Y1: y1})
				continue
			}
			pg.Rules = append(pg.Rules, unruledgen.Rule{X0: x, Y0: y0, X1: x, Y1: y1})
		}
	}
	// page 1: title, unit, header, the first rows
	tw := ft.Width(Title, st.Size+4)
	pg.Pieces = append(pg.Pieces, unruledgen.Piece{Text: Title, X: (w - tw) / 2, Base: margin + 16, Size: st.Size + 4})
	pg.Pieces = append(pg.Pieces, unruledgen.Piece{Text: "单位：万元", X: xs[len(xs)-1] - ft.Width("单位：万元", st.Size), Base: margin + 36, Size: st.Size})
	y := margin + 44
	top := y
	row(header, y, true)
	y += pitch
	n := st.FirstPage + 1 // the 合计 row and FirstPage rows
	for _, r := range rows[:n] {
		row(r, y, false)
		y += pitch
	}
	fused := -1.0
	if st.FusedTotal {
		fused = top + pitch // the 合计 row, under the header
	}
	rules(top, y, false, st.OpenBottom, fused)
	// The cut row: its text's loose box (what PDFium reports) runs from
	// textTop for textH; the grid ends at the share st.Rule of it, the
	// clip at st.Shown.
	base := func(y float64) float64 { return y + (pitch+st.Size*0.75)/2 }
	textH := (ft.Ascent - ft.Descent) / 1000 * st.Size
	var cut []string
	if st.CutRow {
		cut = rows[n]
		n++
		textTop := base(y) - ft.Ascent/1000*st.Size
		bottom := textTop + st.Rule*textH
		clip := unruledgen.Rule{X0: xs[0], Y0: top, X1: xs[len(xs)-1], Y1: textTop + st.Shown*textH}
		at := len(pg.Pieces)
		row(cut, y, false)
		for i := at; i < len(pg.Pieces); i++ {
			pg.Pieces[i].Clip = clip
		}
		pg.Rules = append(pg.Rules, unruledgen.Rule{X0: xs[0], Y0: bottom, X1: xs[len(xs)-1], Y1: bottom})
		for _, x := range xs {
			pg.Rules = append(pg.Rules, unruledgen.Rule{X0: x, Y0: y, X1: x, Y1: bottom})
		}
	}
	pages = append(pages, pg)
	// page 2: the header again or not, the other rows
	pg = unruledgen.Page{W: w, H: h}
	y = margin
	top = y
	if st.RepeatHeader {
		row(header, y, true)
		y += pitch
	}
	var band float64 // the cut row's other part: no text shows in it
	if cut != nil {
		// The same line again, its top above the clip by the share shown
		// on the page before.
		copyTop := y - st.Shown*textH
		clip := unruledgen.Rule{X0: xs[0], Y0: y, X1: xs[len(xs)-1], Y1: h}
		at := len(pg.Pieces)
		row(cut, copyTop+ft.Ascent/1000*st.Size-base(0), false)
		for i := at; i < len(pg.Pieces); i++ {
			pg.Pieces[i].Clip = clip
		}
		band = pitch / 2
		pg.Rules = append(pg.Rules, unruledgen.Rule{X0: xs[0], Y0: y + band, X1: xs[len(xs)-1], Y1: y + band})
		for _, x := range xs {
			pg.Rules = append(pg.Rules, unruledgen.Rule{X0: x, Y0: y, X1: x, Y1: y + band})
		}
		if st.RepeatHeader || !st.OpenTop {
			pg.Rules = append(pg.Rules, unruledgen.Rule{X0: xs[0], Y0: y, X1: xs[len(xs)-1], Y1: y})
		}
		y += band
	}
	start := y
	for _, r := range rows[n:] {
		row(r, y, false)
		y += pitch
	}
	if cut != nil {
		// the header (if any) and the band are ruled above: the rows'
		// grid starts under them, closed at its top
		if st.RepeatHeader {
			rules(top, top+pitch, st.OpenTop, true, -1)
		}
		rules(start, y, false, false, -1)
	} else {
		rules(top, y, st.OpenTop, false, -1)
	}
	pages = append(pages, pg)
	return pages
}

// typesetStrips prints the table's first three columns on one page and its
// last two (after the label columns when st.RepeatHeader) on the next.
func typesetStrips(ft *unruledgen.Font, st Style, rows [][]string) []unruledgen.Page {
	const w, h, margin = 842.0, 595.0, 40.0
	pitch := st.Size * 1.9
	strip := func(pg *unruledgen.Page, xs []float64, cols []int, y float64) {
		top := y
		for k, r := range append([][]string{header}, rows...) {
			for j, c := range cols {
				cw := ft.Width(r[c], st.Size)
				x := xs[j] + 3
				switch {
				case k == 0:
					x = (xs[j] + xs[j+1] - cw) / 2
				case c >= 2:
					x = xs[j+1] - 3 - cw
				}
				pg.Pieces = append(pg.Pieces, unruledgen.Piece{Text: r[c], X: x, Base: y + (pitch+st.Size*0.75)/2, Size: st.Size})
			}
			y += pitch
		}
		for yy := top; yy <= y+0.01; yy += pitch {
			pg.Rules = append(pg.Rules, unruledgen.Rule{X0: xs[0], Y0: yy, X1: xs[len(xs)-1], Y1: yy})
		}
		for _, x := range xs {
			pg.Rules = append(pg.Rules, unruledgen.Rule{X0: x, Y0: top, X1: x, Y1: y})
		}
	}
	p1 := unruledgen.Page{W: w, H: h}
	tw := ft.Width(Title, st.Size+4)
	p1.Pieces = append(p1.Pieces, unruledgen.Piece{Text: Title, X: (w - tw) / 2, Base: margin + 16, Size: st.Size + 4},
		unruledgen.Piece{Text: "单位：万元", X: w - margin - ft.Width("单位：万元", st.Size), Base: margin + 36, Size: st.Size})
	strip(&p1, []float64{margin, margin + 120, margin + 420, w - margin}, []int{0, 1, 2}, margin+44)
	p2 := unruledgen.Page{W: w, H: h}
	if st.RepeatHeader {
		strip(&p2, []float64{margin, margin + 120, margin + 420, margin + 590, w - margin}, []int{0, 1, 3, 4}, margin)
	} else {
		strip(&p2, []float64{margin, margin + 170, margin + 340}, []int{3, 4}, margin)
	}
	return []unruledgen.Page{p1, p2}
}
