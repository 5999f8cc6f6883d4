package normalize

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/zh"
)

// The lines of the two-sided summaries read from a scan.
//
// 财政拨款收支总表 and 部门收支总表 print a fixed list of lines: on the
// expenditure side every 类 of the functional classification in code order,
// numbered as an outline ((八)社会保障和就业支出, 八、社会保障和就业支出), on
// the income side the sources of funds, then the totals. A document leaves
// lines out, never reorders or renames them. So a line a recogniser
// misread (CA)社会保障和就业支出, 二十七、俩务发行费用支出, 收入合计四) is the
// list's line whose name it is within a quarter of the characters of, and a
// line read as nothing (= Be) between two lines that are neighbours in the
// list but for one is that one. A line's number is the list's only where
// the document's own cleanly read neighbours number as the list does:
// another edition of the list numbers otherwise, and is left to the outline
// repair. Every change is a finding with the text read and the text kept.

// summaryLines are the lines of each summary kind, per side, in printed
// order, as the seed disclosure (fixtures/000_40af54efeba53a7c.txt) prints
// them, brackets folded to ASCII as CleanCell does.
var summaryLines = map[string][][]string{
	KindFiscalSummary: {
		{"一、本年收入", "(一)一般公共预算拨款", "(二)政府性基金预算拨款", "(三)国有资本经营预算拨款",
			"二、上年结转", "(一)一般公共预算拨款", "(二)政府性基金预算拨款", "(三)国有资本经营预算拨款", "收入合计"},
		append(append([]string{"一、本年支出"}, numbered("(%s)", functionalClasses)...), "二、结转下年", "支出合计"),
	},
	KindDeptSummary: {
		{"一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "财政专户管理资金收入",
			"事业收入", "上级补助收入", "附属单位上缴收入", "事业单位经营收入", "其他收入",
			"本年收入合计", "上年结转", "收入总计"},
		append(numbered("%s、", functionalClasses), "本年支出合计", "结转下年", "支出总计"),
	},
}

// functionalClasses are the 类 of the functional classification as the
// summaries list them, (一) to (二十八).
var functionalClasses = []string{
	"一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
	"文化旅游体育与传媒支出", "社会保障和就业支出", "社会保险基金支出", "卫生健康支出",
	"节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出", "资源勘探工业信息等支出",
	"商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出",
	"粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出",
	"转移性支出", "债务付息支出", "债务发行费用支出", "抗疫特别国债安排的支出",
}

func numbered(format string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf(format, chineseNumeral(i+1)) + n
	}
	return out
}

// summaryLine is one line of the list: its printed text, its number in
// the outline (0 for none), its name, its side and place in the list.
type summaryLine struct {
	text, name string
	n          int
	side, pos  int
}

// outlinePrefixRe is an outline number in front of a name: (八), 八、.
var outlinePrefixRe = regexp.MustCompile(`^[(]([一二三四五六七八九十]{1,3})[)]|^([一二三四五六七八九十]{1,3})、`)

func splitOutline(s string) (n int, name string) {
	m := outlinePrefixRe.FindStringSubmatch(s)
	if m == nil {
		return 0, s
	}
	n, _ = zh.Numeral(m[1] + m[2])
	return n, s[len(m[0]):]
}

func summaryLinesOf(kind string) []summaryLine {
	var out []summaryLine
	for side, lines := range summaryLines[kind] {
		for pos, text := range lines {
			n, name := splitOutline(text)
			out = append(out, summaryLine{text: text, name: name, n: n, side: side, pos: pos})
		}
	}
	return out
}

// tailJunkRe is what ends a misread line after its last character:
// Latin letters, digits, marks, spaces.
var tailJunkRe = regexp.MustCompile(`[^\p{Han})]+$`)

// matchSummaryLine returns the line s is a reading of, and whether one
// line is nearest. The name is compared from each of the first few
// characters of s (a misread number in front: CA), 二士二、), the number
// not at all; a longer name wins a tie (本年收入合计 over 收入合计).
func matchSummaryLine(lines []summaryLine, s string) (summaryLine, int, bool) {
	core := tailJunkRe.ReplaceAllString(zh.Squash(s), "")
	rs := []rune(core)
	best, bestD, bestLen, ties := summaryLine{}, 1<<30, 0, 0
	for _, l := range lines {
		nl := utf8.RuneCountInString(l.name)
		d := 1 << 30
		for k := 0; k <= 5 && k < len(rs); k++ {
			d = min(d, levenshtein.ComputeDistance(string(rs[k:]), l.name))
		}
		switch {
		case d < bestD || d == bestD && nl > bestLen:
			best, bestD, bestLen, ties = l, d, nl, 1
		case d == bestD && nl == bestLen && l.text != best.text && l.name != best.name:
			ties++
		}
	}
	if ties != 1 || bestD > max(1, bestLen/4) || bestLen < 2 {
		return summaryLine{}, bestD, false
	}
	return best, bestD, true
}

// fixSummaryLines corrects the OCR'd lines of a summary table's text
// columns to the list's lines (see above), and reports each correction.
func fixSummaryLines(t *table.Table, cols []column, rows []rawRow) []table.Finding {
	lines := summaryLinesOf(t.Kind)
	if len(lines) == 0 {
		return nil
	}
	var out []table.Finding
	for j, col := range cols {
		if mostlyAmounts(rows, j) {
			continue
		}
		out = append(out, fixSummaryColumn(t, col, rows, j, lines)...)
	}
	return out
}

type summaryCell struct {
	row     int
	line    summaryLine
	matched bool
	exact   bool // the name read as the list prints it
	n       int  // the outline number read, 0 for none
	agrees  bool // read with the list's number (exact and sound)
}

func fixSummaryColumn(t *table.Table, col column, rows []rawRow, j int, lines []summaryLine) []table.Finding {
	var cells []summaryCell
	for i, r := range rows {
		if j >= len(r.cells) || strings.TrimSpace(r.cells[j]) == "" {
			continue
		}
		c := summaryCell{row: i}
		v := tailJunkRe.ReplaceAllString(zh.Squash(r.cells[j]), "")
		c.line, _, c.matched = matchSummaryLine(lines, v)
		if c.matched {
			n, name := splitOutline(v)
			c.n = n
			c.exact = name == c.line.name
			c.agrees = c.exact && n == c.line.n
		}
		cells = append(cells, c)
	}
	if len(cells) == 0 {
		return nil
	}
	// a side: the one most matched cells are on
	votes := map[int]int{}
	for _, c := range cells {
		if c.matched {
			votes[c.line.side]++
		}
	}
	side, most := -1, 0
	for s, v := range votes {
		if v > most || v == most && s < side {
			side, most = s, v
		}
	}
	if most < 3 {
		return nil // not a column of the list
	}
	var sideLines []summaryLine
	for _, l := range lines {
		if l.side == side {
			sideLines = append(sideLines, l)
		}
	}
	// places in the list, rising down the column
	last := -1
	for k := range cells {
		c := &cells[k]
		if !c.matched || c.line.side != side {
			c.matched = false
			continue
		}
		placed := false
		for _, l := range sideLines {
			if l.text == c.line.text && l.pos > last {
				c.line, placed = l, true
				break
			}
		}
		if !placed {
			c.matched = false
			continue
		}
		last = c.line.pos
	}
	// the numbers the document's own neighbours confirm
	numberSound := func(k int) bool {
		// the two nearest cleanly read numbered lines above and below
		// number as the list does, more of them than not; all of them, and
		// two at least, when the line itself reads cleanly with another
		// number (a misread number among lines of another edition is left
		// to the outline repair)
		agree, disagree := 0, 0
		for _, step := range []int{-1, 1} {
			seen := 0
			for m := k + step; m >= 0 && m < len(cells) && seen < 2; m += step {
				c := cells[m]
				if !c.matched || !c.exact || c.n == 0 {
					continue
				}
				seen++
				if c.agrees {
					agree++
				} else {
					disagree++
				}
			}
		}
		if c := cells[k]; c.agrees {
			return true // read with the list's number: only marks around it
		} else if c.exact && c.n > 0 {
			return agree >= 2 && disagree == 0
		}
		return agree > disagree
	}
	var out []table.Finding
	fix := func(k int, to, why string) {
		r := &rows[cells[k].row]
		from := r.cells[j]
		if from == to {
			return
		}
		r.cells[j] = to
		out = append(out, correction(t, col, *r, from, to, "%s", why))
	}
	for k, c := range cells {
		if !c.matched || !rows[c.row].ocr || c.line.n > 0 && !numberSound(k) {
			continue
		}
		fix(k, c.line.text, fmt.Sprintf("the summary's line %q, the nearest by its characters", c.line.text))
	}
	// lines read as nothing between two lines of the list with as many
	// lines between them in the list
	for k := 0; k < len(cells); {
		if cells[k].matched {
			k++
			continue
		}
		end := k
		for end < len(cells) && !cells[end].matched {
			end++
		}
		from, gap := k, cells[k:end]
		k = end
		if from == 0 || end >= len(cells) {
			continue
		}
		prev, next := cells[from-1].line, cells[end].line
		if next.pos-prev.pos-1 != len(gap) {
			continue
		}
		ok := true
		for _, g := range gap {
			ok = ok && rows[g.row].ocr && !headerLike(rows[g.row].cells)
		}
		if !ok {
			continue
		}
		for m := range gap {
			want := sideLines[prev.pos+1+m]
			if want.n > 0 && !numberSound(from+m) {
				continue
			}
			fix(from+m, want.text, fmt.Sprintf("unreadable between %q and %q, which the summary's list prints with %d line(s) between them, this one %q", prev.text, next.text, len(gap), want.text))
		}
	}
	return out
}

// headerLike reports whether a row holds two known header labels or more:
// a header repeated on a page, not a line of the list.
func headerLike(cells []string) bool {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" && knownLabel(c) {
			n++
		}
	}
	return n >= 2
}
