package segment

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/zh"
)

// A scanned disclosure is read by a recogniser that misreads what a text
// layer never gets wrong: the 附件 marker (附仵 3, 附件 l), a character of a
// bold title (般公共预算… with 一 lost, …预算衰), a header cell. The
// structure of the document must not hang on a perfect reading of those
// few lines. What this file adds, on recognised pages only:
//
//   - marker and title lines are matched to what they can be (附件 N, the
//     standard table titles) by edit distance, not by exact text;
//   - a page's repeated header is matched to the table's header by edit
//     distance, so a misread title never splits one table in two when the
//     header continues, and a misread header is not taken for body rows;
//   - a block of rows under no readable title whose header is not the
//     current table's starts a new table (a header band is a table start);
//   - 附件 numbers come from all the evidence: markers run up by one, the
//     document's own list of its 附件, and titles that change (a new table
//     under no marker whose title is of another kind is the next 附件).
//
// Every change is a Repair, which the pipeline reports as a finding.

// Repair is a change the reading of a scan made to what the recogniser
// read, or a number it inferred: each becomes a finding.
type Repair struct {
	Rule       string // ocr.corrected_title, ocr.corrected_marker, segment.attachment_inferred …
	Attachment int    // the table's 附件 number after the repair
	Part       int
	Page       int
	Line       int
	Read, As   string
	Message    string
}

// StandardTitles are the titles of the standard tables of a budget
// disclosure (the kind vocabulary, in the usual order of 附件), that an
// OCR'd title line is matched to.
var StandardTitles = []string{
	"财政拨款收支总表",
	"一般公共预算财政拨款支出预算表",
	"一般公共预算财政拨款基本支出预算表",
	"一般公共预算支出“三公”经费预算表",
	"政府性基金预算支出表",
	"部门收支总表",
	"部门收入总表",
	"部门支出总表",
	"政府采购预算明细表",
	"项目支出明细表",
	"部门整体绩效目标表",
	"项目绩效目标表",
	"国有资本经营预算支出表",
	"机关运行经费预算表",
	"政府购买服务预算表",
	"一般公共预算财政拨款收支总表",
	"财政拨款收支预算总表",
	"部门收支预算总表",
	"部门收入预算表",
	"部门支出预算表",
}

// scanMarkerRe is a 附件 marker as a recogniser may read it: 附 or a look-alike,
// 件 or a look-alike or nothing, a number with 1 read as l, I or |.
var scanMarkerRe = regexp.MustCompile(`^[附刚阳付咐驸][件仵伴牛侍]?([0-9lI|O]{1,2}|[一二三四五六七八九十]{1,3})[:：.、]?(.*)$`)

// listItemRe is an item of a list: 一、…, (二十二)…, 1.…
var listItemRe = regexp.MustCompile(`^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[、.．]\D)`)

// unitLineRe is a unit line as a recogniser may read it: 单位;万元, 单位.万元.
var unitLineRe = regexp.MustCompile(`^(金额)?单\s*位\s*[;；:：.,，]?\s*(万元|元|千元|亿元)$`)

// junkEdge are the marks specks read as at the ends of a line of text.
const junkEdge = " .,:;'\"-_|·、。，“”‘’`~*"

// scanLine reads a line of running text of a recognised page as the
// marker or the title it is within a few misread characters of. It
// returns the line unchanged when it is neither, or is already exact.
func scanLine(s string) (string, string) {
	q := zh.Squash(zh.Fold(s))
	if q == "" {
		return s, ""
	}
	if classify(s) == markerLine {
		return s, ""
	}
	if m := unitLineRe.FindStringSubmatch(q); m != nil && classify(s) != unitLine {
		return m[1] + "单位：" + m[2], "ocr.corrected_unit"
	}
	if m := scanMarkerRe.FindStringSubmatch(q); m != nil && (m[2] == "" || isTitle(m[2]) || fuzzyTitle(m[2]) != "") {
		num := strings.NewReplacer("l", "1", "I", "1", "|", "1", "O", "0").Replace(m[1])
		if n, ok := zh.Numeral(num); ok && n > 0 && n < 100 {
			out := fmt.Sprintf("附件 %d", n)
			if m[2] != "" {
				out += " " + m[2]
			}
			return out, "ocr.corrected_marker"
		}
	}
	if utf8.RuneCountInString(q) > 70 || strings.ContainsAny(q, "。；;，,") || listItemRe.MatchString(q) {
		// prose, or an item of a list (一、…, (二十二)…, 1.…)
		return s, ""
	}
	if t := fuzzyTitle(q); t != "" {
		return t, "ocr.corrected_title"
	}
	return s, ""
}

// fuzzyTitle returns the line q (squashed) with its tail replaced by the
// standard title it ends in, within a fifth of the title's characters
// misread, lost or added; "" when no title is that close or the tail is
// already exact.
func fuzzyTitle(q string) string {
	r := []rune(q)
	best, bestD, second := "", 1<<30, 1<<30
	bestCut := 0
	for _, v := range StandardTitles {
		vr := []rune(zh.Fold(v))
		for l := len(vr) - 2; l <= len(vr)+2; l++ {
			if l <= 0 || l > len(r) {
				continue
			}
			tail := string(r[len(r)-l:])
			d := levenshtein.ComputeDistance(tail, string(vr))
			switch {
			case d < bestD:
				if best != v {
					second = bestD
				}
				best, bestD, bestCut = v, d, len(r)-l
			case d < second && v != best:
				second = d
			}
		}
	}
	if best == "" || bestD == 0 {
		return ""
	}
	n := utf8.RuneCountInString(best)
	if bestD > max(1, n/5) || second <= bestD {
		return ""
	}
	prefix := strings.TrimSpace(string(r[:bestCut]))
	if prefix != "" {
		return prefix + " " + best
	}
	return best
}

// scanTitleKey is the standard title a table's title stands for, or the
// title squashed when it is none: two tables with different keys are of
// different kinds.
func scanTitleKey(title string) string {
	q := contSuffixRe.ReplaceAllString(zh.Squash(zh.Fold(title)), "")
	q = partRe.ReplaceAllString(q, "表")
	for _, v := range StandardTitles {
		if strings.HasSuffix(q, zh.Fold(v)) {
			return v
		}
	}
	if t := fuzzyTitle(q); t != "" {
		return scanTitleKey(t)
	}
	return q
}

// similarTitle reports whether two titles read from scans are the same
// title misread: equal keys, or within a fifth of their length.
func similarTitle(a, b string) bool {
	ka, kb := scanTitleKey(a), scanTitleKey(b)
	if ka == kb {
		return true
	}
	d := levenshtein.ComputeDistance(ka, kb)
	return d*5 <= max(utf8.RuneCountInString(ka), utf8.RuneCountInString(kb))
}

// similarRow compares a header row read from a scan with another: the
// same cells within a quarter of their text misread.
func similarRow(a, b []string) bool {
	a, b = trimEmpty(a), trimEmpty(b)
	if len(a) == 0 || len(b) == 0 || len(a)-len(b) > 1 || len(b)-len(a) > 1 {
		return false
	}
	ja := zh.Squash(zh.Fold(strings.Join(a, "")))
	jb := zh.Squash(zh.Fold(strings.Join(b, "")))
	n := max(utf8.RuneCountInString(ja), utf8.RuneCountInString(jb))
	if n == 0 {
		return false
	}
	return levenshtein.ComputeDistance(ja, jb)*4 <= n
}

// similarHeader reports whether the leading rows of a block repeat the
// header of a table, misread or not, and how many rows they are: the
// block's rows above its first body row (as many as the header has), half
// of them or more like the header's rows at their place.
func similarHeader(header []Row, rows []Row) (int, bool) {
	if len(header) == 0 {
		return 0, false
	}
	k := 0
	for k < len(header) && k < len(rows) && !isBodyRow(rows[k].Cells) {
		k++
	}
	if k == 0 {
		return 0, false
	}
	same := 0
	for i := 0; i < k; i++ {
		if similarRow(header[i].Cells, rows[i].Cells) || i+1 < len(header) && similarRow(header[i+1].Cells, rows[i].Cells) {
			same++
		}
	}
	return k, same*2 >= k
}

// isBodyRowOCR reports whether the first of rows is a body row.
func isBodyRowOCR(rows []Row) bool { return len(rows) > 0 && isBodyRow(rows[0].Cells) }

// ownHeader reports whether a block starts with a header band of its own:
// its first row reads as a header (headerLike), and the rows above the
// first body row are at most a header's.
func ownHeader(b *block) bool {
	n := headerRows(b.rows)
	return n > 0 && n < len(b.rows) && headerLike(b.rows[0].Cells)
}

// headerWords are the labels of budget table headers.
var headerWords = []string{"科目编码", "科目名称", "功能分类", "经济分类", "预算数", "项目", "合计", "总计", "基本支出", "项目支出",
	"人员经费", "公用经费", "部门编码", "部门名称", "单位名称", "序号", "小计", "金额", "收入", "支出", "科目"}

// headerLike reports whether a row reads as a header row: two labels or
// more, each short, none an item of a list (一、…, (三)…) or a code or an
// amount, one of them a header's word.
func headerLike(cells []string) bool {
	n, word := 0, false
	for _, c := range cells {
		c = zh.Squash(zh.Fold(c))
		if c == "" {
			continue
		}
		n++
		if utf8.RuneCountInString(c) > 16 || listItemRe.MatchString(c) || numberRe.MatchString(c) || codeRe.MatchString(c) {
			return false
		}
		for _, w := range headerWords {
			if strings.Contains(c, w) {
				word = true
			}
		}
	}
	return n >= 2 && word
}

// contentsRe is an entry of the document's own list of its 附件 in the
// narrative: "1.财政拨款收支总表", "附件2：一般公共预算…表", "（三）…表".
var contentsRe = regexp.MustCompile(`^(?:附件)?\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[.．、:：]\s*(.+表)\s*$`)

// contentsList reads the document's list of its 附件 from running text:
// 附件 number → the standard title it names. Entries must run 1, 2, 3 …
func contentsList(text []TextLine) map[int]string {
	list := map[int]string{}
	next := 1
	for _, l := range text {
		q := zh.Squash(zh.Fold(l.Text))
		m := contentsRe.FindStringSubmatch(q)
		if m == nil {
			continue
		}
		n, ok := zh.Numeral(m[1])
		if !ok {
			continue
		}
		if n == 1 {
			list = map[int]string{}
			next = 1
		}
		if n != next {
			continue
		}
		list[n] = scanTitleKey(m[2])
		next++
	}
	if len(list) < 3 {
		return nil
	}
	return list
}

// readScanLines matches the running-text lines of recognised pages to
// markers and standard titles (scanLine). It returns a copy of the
// document with those lines replaced, and the repairs made.
func readScanLines(doc *layout.Document) (*layout.Document, []Repair) {
	var repairs []Repair
	out := *doc
	out.Pages = make([]layout.Page, len(doc.Pages))
	for i, p := range doc.Pages {
		out.Pages[i] = p
		if !p.OCR {
			continue
		}
		var lines []layout.Line
		if kept, dropped := dropNoise(p.Lines); len(dropped) > 0 {
			lines = kept
			repairs = append(repairs, Repair{Rule: "ocr.noise_dropped", Page: p.Number, Line: p.Lines[0].Number,
				Message: fmt.Sprintf("page %d: %d lines read from specks dropped (%s)", p.Number, len(dropped), sample(dropped))})
		}
		src := p.Lines
		if lines != nil {
			src = lines
		}
		for j, l := range src {
			// a title or marker is printed above the table's rules: a
			// row of the table (tabular) is neither, even with one cell
			if l.Blank() || l.Tabular {
				continue
			}
			read := strings.TrimSpace(l.Text())
			as, rule := scanLine(read)
			if rule == "" {
				// specks beside a line of text (重庆市…局-): trimmed, so
				// that a department line still reads as one
				t := strings.Trim(read, junkEdge)
				if t == read || utf8.RuneCountInString(t) < 2 {
					continue
				}
				as = t
			}
			if lines == nil {
				lines = append([]layout.Line(nil), src...)
			}
			box := l.Box
			if len(l.Cells) > 0 {
				box = l.Cells[0].Box
			}
			lines[j] = layout.Line{Number: l.Number, Box: l.Box, Cells: []layout.Cell{{Text: as, Box: box, Conf: -1}}}
			if rule != "" {
				repairs = append(repairs, Repair{Rule: rule, Page: p.Number, Line: l.Number, Read: read, As: as})
			}
		}
		if lines != nil {
			out.Pages[i].Lines = lines
		}
	}
	return &out, repairs
}

func countNonEmpty(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// scanned reports whether a block was read from a recognised page.
func (b *block) scanned() bool { return len(b.rows) > 0 && b.rows[0].OCR }

// continuesScan decides whether a block of a recognised page continues
// table t (joinBlocks' continues, for scans): the title is compared by
// edit distance and by the standard title it stands for, the header by
// edit distance; a block under no title whose own header is not t's is a
// new table.
func continuesScan(t *Table, b *block) bool {
	tb := b.title
	if tb.title == "" {
		if len(t.Header) > 0 && ownHeader(b) {
			_, same := similarHeader(t.Header, b.rows)
			return same
		}
		return true
	}
	if tb.cont {
		return true
	}
	kb, kt := scanTitleKey(tb.title), scanTitleKey(t.Title)
	if t.Title != "" && kb != kt && isStandard(kb) && isStandard(kt) {
		return false
	}
	if t.Title == "" || similarTitle(tb.title, t.Title) {
		return true
	}
	if tb.number > 0 && t.number > 0 && tb.number != t.number {
		return false
	}
	n, same := similarHeader(t.Header, b.rows)
	return same && n == len(t.Header) && !(partNumber(tb.title) > 0 && partNumber(tb.title) != partNumber(t.Title))
}

func isStandard(key string) bool {
	for _, v := range StandardTitles {
		if key == v {
			return true
		}
	}
	return false
}

// dropScanHeader removes the rows of a recognised page that repeat table
// t's header, misread or not; it returns the rows left and how many went.
func dropScanHeader(t *Table, rows []Row) ([]Row, int) {
	n, same := similarHeader(t.Header, rows)
	if !same || n == 0 {
		return rows, 0
	}
	// a line of an outline ((二十八)…, 二、结转下年) under a repeated header
	// is the table's, though it holds no amount: no header label is one
	for i := 0; i < n; i++ {
		if hasListItem(rows[i].Cells) {
			n = i
			break
		}
	}
	for i := 0; i < n && i < len(t.Header); i++ {
		betterHeader(&t.Header[i], rows[i])
	}
	return rows[n:], n
}

// hasListItem reports whether a cell of a row is an item of a list.
func hasListItem(cells []string) bool {
	for _, c := range cells {
		if listItemRe.MatchString(zh.Squash(zh.Fold(c))) {
			return true
		}
	}
	return false
}

// betterHeader keeps, cell by cell, the better of two readings of one
// printed header row (the first page's and a later page's repeat): the
// one with more Han characters and fewer Latin letters and marks. A label
// a recogniser turned into "a hoe Jo ie" on one page often reads as 支出
// on the next.
func betterHeader(h *Row, again Row) {
	if len(trimEmpty(h.Cells)) != len(trimEmpty(again.Cells)) {
		return
	}
	var cells []string
	for j, c := range h.Cells {
		if j >= len(again.Cells) || labelScore(again.Cells[j]) <= labelScore(c) {
			continue
		}
		if cells == nil {
			cells = append([]string(nil), h.Cells...)
		}
		cells[j] = again.Cells[j]
	}
	if cells != nil {
		h.Cells = cells
	}
}

// labelScore rates a header label as read: Han characters count for it,
// Latin letters and marks against it.
func labelScore(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x4e00 && r <= 0x9fff:
			n += 2
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			n -= 2
		case r == ' ' || r >= '0' && r <= '9' || r == '(' || r == ')' || r == '（' || r == '）' || r == '“' || r == '”':
		default:
			n--
		}
	}
	return n
}

// dropNoise separates the lines of a recognised page that are specks read
// as text (a dirty scan's blank margin gives "a", "本 -", ". wa ."): lines
// none of whose cells holds two Han characters, two digits, or a mark
// read with confidence. They would land in a table as rows, or between a
// title and its 附件 marker.
func dropNoise(lines []layout.Line) (kept, dropped []layout.Line) {
	first, last := edgeLines(layout.Page{Lines: lines})
	for i, l := range lines {
		if l.Blank() {
			kept = append(kept, l)
			continue
		}
		if (i == first || i == last) && isFolio(l.Text()) {
			kept = append(kept, l) // the page number: cutBlocks skips it
			continue
		}
		if isNoise(l) {
			dropped = append(dropped, l)
			continue
		}
		kept = append(kept, l)
	}
	return kept, dropped
}

func isNoise(l layout.Line) bool {
	for _, c := range l.Cells {
		t := strings.TrimSpace(c.Text)
		if t == "" {
			continue
		}
		han, digits := 0, 0
		for _, r := range t {
			switch {
			case r >= 0x4e00 && r <= 0x9fff:
				han++
			case r >= '0' && r <= '9':
				digits++
			}
		}
		if han >= 2 && (c.Conf < 0 || c.Conf >= 0.5 || utf8.RuneCountInString(t) > 3 || totalRe.MatchString(zh.Squash(t))) || digits >= 2 || utf8.RuneCountInString(t) > 6 {
			return false
		}
		if l.Tabular && digits == 1 && c.Conf >= 0.8 && utf8.RuneCountInString(t) == 1 {
			return false // a lone digit read with confidence: 序号 1
		}
	}
	return true
}

// sample quotes the text of the first few lines.
func sample(lines []layout.Line) string {
	var q []string
	for i, l := range lines {
		if i == 3 {
			q = append(q, "…")
			break
		}
		q = append(q, fmt.Sprintf("%q", strings.TrimSpace(l.Text())))
	}
	return strings.Join(q, ", ")
}
