package segment

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yusuan-data/yusuan/zh"
)

// Table starts that a repeated header must not hide.
//
// A page whose header repeats the table before it used to continue that
// table whatever its title said, since an OCR'd title may be garbled. On a
// text layer titles are not garbled: a block whose title names another
// table (政府性基金预算拨款支出预算表 after 一般公共预算拨款支出预算表, both
// 科目编码/科目名称/小计/基本支出/项目支出) starts a new table even when its
// header is the same.

// titleKeyRe strips what a repeated title may add or lose: an outline or
// table number in front (六、, 表5, 预算08表), a year (2026年度), a 续 mark.
var (
	titleLeadRe = regexp.MustCompile(`^(?:[一二三四五六七八九十]+[、.．]|[0-9]+[、.．]|(?:附表|公开表|预算表|公开|预算|表)[0-9一二三四五六七八九十]+表?[:：、.．]?)+`)
	titleYearRe = regexp.MustCompile(`(19|20)[0-9]{2}年度?`)
)

func titleKey(s string) string {
	s = zh.Squash(zh.Fold(s))
	s = contSuffixRe.ReplaceAllString(s, "")
	s = titleLeadRe.ReplaceAllString(s, "")
	s = titleYearRe.ReplaceAllString(s, "")
	return s
}

// namesOtherTable reports whether block b's title names a table other than
// t: both are titles as a text layer prints them (not OCR), and neither
// reads as the other with a department, year or number added.
func namesOtherTable(t *Table, b *block) bool {
	if len(b.rows) == 0 || b.rows[0].OCR || t.Title == "" || b.title.title == "" {
		return false
	}
	if !isTitle(bareTitle(t.Title)) || !isTitle(bareTitle(b.title.title)) {
		return false
	}
	a, c := titleKey(b.title.title), titleKey(t.Title)
	if a == "" || c == "" || a == c || strings.HasSuffix(a, c) || strings.HasSuffix(c, a) {
		return false
	}
	return true
}

// qualifierRe is a line printed under a title that qualifies it:
// （按经济分类科目分）, （按支出经济分类科目-不含上年结转）.
var qualifierRe = regexp.MustCompile(`^[（(][^（()）]{2,30}[)）]$`)

// isQualifier reports whether s is a qualifier line (not a period: （2026年度）
// is read as one already).
func isQualifier(s string) bool {
	s = zh.Squash(s)
	return qualifierRe.MatchString(s) && !isPeriodLine(s) && utf8.RuneCountInString(s) <= 32
}

// trailingQualifierRe is a qualifier joined to the end of a title.
var trailingQualifierRe = regexp.MustCompile(`[（(][^（()）]{2,30}[)）]$`)

// bareTitle is a title without the qualifier joined to it from the line
// below (…基本支出明细表（按支出经济分类科目-不含上年结转）).
func bareTitle(s string) string {
	s = zh.Squash(s)
	if b := trailingQualifierRe.ReplaceAllString(s, ""); isTitle(b) {
		return b
	}
	return s
}

// isUnitRow reports whether a tabular row only states who compiled the
// table and in what unit, one statement per cell: "预算单位：长春市信访局 |
// 单位：万元" printed in the top row of the table's grid. It belongs to the
// title block; read as a header row it would prefix every column's name.
func isUnitRow(cells []string) bool {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		switch classify(c) {
		case compilerLine, unitLine:
			n++
		default:
			return false
		}
	}
	return n >= 2
}

// extendsHeader reports whether block b is more header of table t: t has
// no body row yet, and b, on the same page with no title of its own, was
// cut from it by a line of header text printed outside the grid (上海: 项目
// | … / 收入预算 / 功能分类科目编码 | … / 类 | 款 | 项). Read as a
// continuation, b's header rows would become data rows.
func extendsHeader(t *Table, b *block) bool {
	if len(t.Body) > 0 || len(t.Header) == 0 || b.broken || b.title.title != "" || b.title.hasMarker || len(b.rows) == 0 {
		return false
	}
	return b.rows[0].Page == t.Header[len(t.Header)-1].Page && !isBodyRow(b.rows[0].Cells)
}

// extendHeader appends b's leading header rows to t's header (up to
// MaxHeaderRows in all) and the rest of b to its body.
func extendHeader(t *Table, b *block) {
	n := headerRows(b.rows)
	if room := MaxHeaderRows - len(t.Header); n > room {
		n = room
	}
	if n < 0 {
		n = 0
	}
	t.Header = append(t.Header, b.rows[:n]...)
	t.Body = append(t.Body, b.rows[n:]...)
	t.Notes = append(t.Notes, b.notes...)
	t.Pages = pagesOf(b, t.Pages)
	if l := lastLine(b); l > t.LastLine {
		t.LastLine = l
	}
}

// hasProse reports whether running text holds a sentence (。, or a long
// line with commas): narrative, not the page furniture (a running header,
// a folio) that may sit between a table and its continuation page. Rows
// after prose without a title of their own are no continuation: a chart's
// labels under a paragraph (一般公共预算拨款支出明细 / 120000 100000 …)
// were appended to whatever table came pages before.
//
// Only lines of a paragraph's width count: the text of a tall cell that
// fell outside the grid comes in short pieces (北京 项目支出绩效目标表:
// "顺利开展。"), and it does not end the table.
func hasProse(lines []TextLine) bool {
	for _, l := range lines {
		s := strings.TrimSpace(l.Text)
		if utf8.RuneCountInString(s) >= minProseLine && strings.ContainsAny(s, "。；;，,") {
			return true
		}
	}
	return false
}

// minProseLine is the length (in characters) from which a line of running
// text is a paragraph's line, not a piece of a cell.
const minProseLine = 24

// isFirstHalf reports whether s can be the first line of a title printed
// over two lines, the second ending in 表: it names a budget or a year, does
// not end a sentence, is not a section heading, and does not itself end
// in 表.
func isFirstHalf(s string) bool {
	s = zh.Squash(s)
	n := utf8.RuneCountInString(s)
	if n < 6 || n > 40 || strings.ContainsAny(s, "。；;：:，,") || headingRe.MatchString(s) || isPeriodLine(s) || isNumberLine(s) {
		return false
	}
	if strings.HasSuffix(s, "表") || !(strings.Contains(s, "预算") || strings.Contains(s, "决算") || titleYearRe.MatchString(s)) {
		return false
	}
	return classify(s) == textLine
}

// lastPage is the last page a table has reached.
func lastPage(t *Table) int {
	if len(t.Pages) == 0 {
		return 0
	}
	return t.Pages[len(t.Pages)-1]
}

// startsAnotherForm reports whether block b begins a form of its own: one
// per project, each under the same title (烟台 政策和项目预算绩效目标表, one
// page a project). Its first row opens with the field the table's own first
// row opens with (项目名称), a label and not data; run together, every
// project's fields but the first were read as indicator rows. A form over
// two pages goes on with its indicators, not with 项目名称.
func startsAnotherForm(t *Table, b *block) bool {
	if len(b.rows) == 0 {
		return false
	}
	var first Row
	switch {
	case len(t.Header) > 0:
		first = t.Header[0]
	case len(t.Body) > 0:
		first = t.Body[0]
	default:
		return false
	}
	l := formLabel(first.Cells)
	// A repeated header (项目名称 | 金额 on every page of a project list)
	// is the same row; a new form names another project.
	return l != "" && l == formLabel(b.rows[0].Cells) && first.Page != b.rows[0].Page && !sameRow(first.Cells, b.rows[0].Cells)
}

// formLabel is the first field label of a form's row (项目名称, 单位名称),
// or "" when the row does not open a form.
func formLabel(cells []string) string {
	for _, c := range cells {
		c = strings.TrimRight(zh.Squash(zh.Fold(c)), ":")
		if c == "" {
			continue
		}
		if formStartLabels[c] {
			return c
		}
		return ""
	}
	return ""
}

// formStartLabels open a per-project or per-unit form.
var formStartLabels = map[string]bool{"项目名称": true, "项目名称(全称)": true, "单位名称": true, "部门名称": true}

// chartLabelRe is a cell of a chart's labels: numbers only (the axis
// 120000 100000 …, the bars' values 1419.73 458.2 …), several in one cell.
var chartLabelRe = regexp.MustCompile(`^[0-9][0-9.,%]*(\s+[0-9][0-9.,%]*)*$`)

// dropChartLabels turns back into running text the tables that are only a
// chart's labels: no title, every cell numbers, some several to a cell (西安:
// the bar charts of 一般公共预算拨款支出明细 under the narrative). Typed by
// the section heading they would pass for budget tables; as text they stay
// in the narrative.
func dropChartLabels(tables []*Table, text []TextLine) ([]*Table, []TextLine) {
	kept := tables[:0]
	moved := false
	for _, t := range tables {
		if !isChartLabels(t) {
			kept = append(kept, t)
			continue
		}
		for _, r := range t.rows() {
			text = append(text, TextLine{Text: strings.Join(nonEmpty(r.Cells), " "), Page: r.Page, Line: r.Line})
		}
		moved = true
	}
	if !moved {
		return tables, text
	}
	for i, t := range kept {
		t.Order = i + 1
	}
	sort.SliceStable(text, func(i, j int) bool {
		if text[i].Page != text[j].Page {
			return text[i].Page < text[j].Page
		}
		return text[i].Line < text[j].Line
	})
	return kept, text
}

func isChartLabels(t *Table) bool {
	if t.Title != "" {
		return false
	}
	runs := false // a cell of several numbers: labels side by side
	words := false
	for _, r := range t.rows() {
		for _, c := range r.Cells {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			if isAxis(c) {
				return true // a chart's value axis, whatever its other labels
			}
			if !chartLabelRe.MatchString(c) {
				words = true
			}
			runs = runs || strings.ContainsAny(c, " \t")
		}
	}
	return runs && !words
}

// minAxisLabels is the fewest labels a value axis has (a run of fewer,
// "1086420", could be an amount printed without separators).
const minAxisLabels = 5

// isAxis reports whether s is the labels of a chart's value axis read as
// one cell: an arithmetic run of minAxisLabels numbers or more down to 0 or up
// from it, printed one under the other and joined as wrapped lines
// ("200180160140120100806040200": 200, 180, …, 20, 0; 西安-工信 p.7, a bar
// chart of staff numbers whose gridlines read as a ruled grid).
func isAxis(s string) bool {
	s = strings.Join(strings.Fields(s), "")
	if len(s) < 2*minAxisLabels-2 || strings.Trim(s, "0123456789") != "" {
		return false
	}
	// The first two labels give the run: top and the next below it, or 0
	// and the step up from it. Labels are at most 6 digits.
	for l := 1; l <= 6 && l < len(s); l++ {
		first, err := strconv.Atoi(s[:l])
		if err != nil || s[0] == '0' && l > 1 {
			continue
		}
		for m := 1; m <= 6 && l+m <= len(s); m++ {
			second, err := strconv.Atoi(s[l : l+m])
			if err != nil || s[l] == '0' && m > 1 || second == first {
				continue
			}
			if (first == 0 || second < first) && axisRun(first, second-first, len(s)) == s {
				return true
			}
		}
	}
	return false
}

// axisRun writes the labels from, from+step, … while they are not below 0
// and the text is shorter than n, or "" when that is fewer than
// minAxisLabels labels.
func axisRun(from, step, n int) string {
	var b strings.Builder
	k := 0
	for v := from; v >= 0 && b.Len() < n; v += step {
		b.WriteString(strconv.Itoa(v))
		k++
	}
	if k < minAxisLabels {
		return ""
	}
	return b.String()
}

// rows is the table's header and body rows in order.
func (t *Table) rows() []Row { return append(append([]Row(nil), t.Header...), t.Body...) }

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}
