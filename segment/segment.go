// Package segment finds the tables of a disclosure in a layout document: where
// each table starts (a 附件 N marker, or a title ending in 表), its title,
// department and unit, its header rows, and its body rows across pages.
//
// It works in two passes over plain data:
//
//  1. blocks: the line stream is cut into blocks, each a title block (the
//     running-text lines just before a run of table rows) and the rows that
//     follow, up to the next title block or page break;
//  2. tables: each block either starts a table or continues the previous one.
//     A continuation repeats the title (sometimes garbled) or the header
//     rows; the repeats are dropped and the rows appended.
//
// Everything that is neither title block nor table row is narrative text.
package segment

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/vocab"
	"github.com/yusuan-data/yusuan/zh"
)

// Document is a disclosure cut into narrative and tables.
type Document struct {
	Source    string
	Kind      layout.Kind
	Geometry  bool
	PageCount int
	OCRPages  []int
	Text      []TextLine // running text outside tables, in reading order
	Tables    []*Table
	// Repairs are what reading the recognised pages changed or inferred
	// (segment/scan.go): each becomes a finding.
	Repairs []Repair
}

// TextLine is one line of running text with where it came from.
type TextLine struct {
	Text string
	Page int
	Line int
}

// Row is one table row: its cells' raw text, left to right.
type Row struct {
	Cells []string
	Page  int
	Line  int
	// Doubt holds the cells a recogniser was unsure of (confidence below
	// DoubtBelow), by index into Cells; nil for text layers.
	Doubt map[int]layout.Cell
	// OCR says the row was read by a recogniser, not from a text layer:
	// its text may hold misreadings that domain knowledge can correct.
	OCR bool
}

// DoubtBelow is the recognition confidence under which a cell is doubted.
const DoubtBelow = vocab.DoubtBelow

// Table is one table as found, before any normalisation.
type Table struct {
	Attachment int    // the 附件 number; 0 when the document numbers none
	Order      int    // 1-based position among the document's tables
	Part       int    // N of a title ending in 表-N; 0 otherwise
	Title      string // the title as printed, department removed
	// Heading is the last section heading of the running text before a
	// table (二、部门决算单位构成): what an untitled table shows.
	Heading    string
	Department string // department named in the title block, if any
	Unit       string // 万元, 元 … as stated in the title block
	Header     []Row  // header rows, top level first
	Body       []Row
	Notes      []TextLine // 备注 / 注 lines under the table
	Pages      []int
	FirstLine  int
	LastLine   int
	// Continuations counts the repeated title blocks (page breaks) merged
	// into this table; DroppedHeaders the repeated header rows removed.
	Continuations  int
	DroppedHeaders int
	// number is the table number printed with the title (预算08表, 表二).
	number int
	// Rejoined lists the rows a page break cut in two: the top row of a
	// page whose only text continues the long cells of the row above it
	// (the page ended inside a wrapped cell). Their text was appended to
	// that row; normalize reports each.
	Rejoined []Row
	// SpanJoined lists the parts of top rows that finished a tall merged
	// cell a page break cut (spanCut): moved into the row that owns the
	// cell. normalize reports each.
	SpanJoined []Row
	// Strips lists the rows of further strips of columns (wide.go), header
	// rows first: their cells, the repeated row labels left out, were
	// appended to the header and body rows of the same place.
	Strips []Row
	// marked: the table starts under a 附件 marker, read as readMarker;
	// scanned: its first rows were recognised; ownHeader: it starts with
	// header rows (numberScanned weighs them).
	marked, scanned, ownHeader bool
	readMarker                 int
}

// block is a title block and the rows under it (pass 1).
type block struct {
	title  titleBlock
	rows   []Row
	notes  []TextLine
	page   int
	broken bool // started by a page break inside a run of rows
	// afterProse says sentences of running text stand between this block
	// and the rows before it: the table before has ended.
	afterProse bool
	// afterHeading says a section heading of the narrative (四、部门人员
	// 情况说明) stands among those sentences: a new section, so the table
	// before has ended even on its own page.
	afterHeading bool
}

// titleBlock is what the running text above a run of rows says.
type titleBlock struct {
	lines      []TextLine
	marker     int // 附件 number, 0 if none
	hasMarker  bool
	title      string
	department string
	unit       string
	cont       bool // the title says 续 (continued)
	heading    string
	number     int // the table number printed with the title (预算08表, 表二), 0 if none
}

// folioRe is a page number printed as the first or last line of a page:
// "3", "— 3 —" (read by OCR as "一 3 一"), "-3-", "第 3 页", "第3页 共12页",
// "3/12", "第 1 页，共 328 页". Page furniture, not text: kept, it would land in the middle of
// a paragraph running over the page break.
var folioRe = regexp.MustCompile(`^[\s\-—–－一_~·.|]*(第\s*)?[0-9]{1,3}(\s*页)?(\s*[/／]\s*[0-9]{1,4}|\s*[,，]?\s*共\s*[0-9]{1,4}\s*页)?[\s\-—–－一_~·.|]*$`)

func isFolio(s string) bool { return folioRe.MatchString(strings.TrimSpace(s)) }

// edgeLines returns the indexes of a page's first and last non-blank
// lines (-1 when it has none).
func edgeLines(p layout.Page) (first, last int) {
	first, last = -1, -1
	for i, l := range p.Lines {
		if l.Blank() {
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	return first, last
}

// headingRe is a section heading of the narrative: 一、…, （三）…, 第七部分 ….
var headingRe = regexp.MustCompile(`^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])\s*\S`)

// isHeading reports whether a line of running text heads a section: an
// outline number and a short phrase, not a sentence.
func isHeading(s string) bool {
	s = strings.TrimSpace(s)
	return headingRe.MatchString(s) && utf8.RuneCountInString(s) <= 40 && !strings.ContainsAny(s, "。；;，,：:")
}

// anyHeading reports whether one of lines is a section heading.
func anyHeading(lines []TextLine) bool {
	for _, l := range lines {
		if isHeading(l.Text) {
			return true
		}
	}
	return false
}

// Split finds the narrative and tables of a document.
func Split(doc *layout.Document) *Document {
	out := &Document{Source: doc.Source, Kind: doc.Kind, Geometry: doc.Geometry, PageCount: len(doc.Pages)}
	for _, p := range doc.Pages {
		if p.OCR {
			out.OCRPages = append(out.OCRPages, p.Number)
		}
	}
	var lineRepairs []Repair
	if len(out.OCRPages) > 0 {
		doc, lineRepairs = readScanLines(doc)
	}
	blocks, text := cutBlocks(doc)
	out.Text = text
	out.Tables = joinBlocks(blocks)
	out.Tables, out.Text = dropChartLabels(out.Tables, out.Text)
	if len(out.OCRPages) > 0 {
		out.Repairs = placeRepairs(out.Tables, lineRepairs)
		out.Repairs = append(out.Repairs, numberScanned(out.Tables, text)...)
		placeRepairs(out.Tables, out.Repairs)
	}
	return out
}

// cutBlocks is pass 1: it cuts the line stream into blocks and running text.
func cutBlocks(doc *layout.Document) ([]*block, []TextLine) {
	var (
		blocks  []*block
		text    []TextLine
		pending []TextLine
		cur     *block
	)
	// flushPending turns the text gathered since the last row into running
	// text, notes of the current block, and the title block of a new one.
	heading := "" // the last section heading of the running text
	startBlock := func(page int) {
		before, tb := splitTitleBlock(pending)
		pending = nil
		for _, l := range before {
			if cur != nil && classify(l.Text) == noteLine {
				cur.notes = append(cur.notes, l)
				continue
			}
			text = append(text, l)
			if isHeading(l.Text) {
				heading = l.Text
			}
		}
		tb.heading = heading
		prose := hasProse(before)
		cur = &block{title: tb, page: page, afterProse: prose, afterHeading: prose && anyHeading(before)}
		blocks = append(blocks, cur)
	}
	for _, p := range doc.Pages {
		first, last := edgeLines(p)
		for i, l := range p.Lines {
			if l.Blank() || (i == first || i == last) && !l.Tabular && isFolio(l.Text()) {
				continue
			}
			cells := l.Texts()
			if l.Tabular && (isSeparator(cells) || saysNone(cells)) {
				continue
			}
			if !l.Tabular || isTextRow(cells) {
				pending = append(pending, TextLine{Text: strings.TrimSpace(l.Text()), Page: p.Number, Line: l.Number})
				continue
			}
			switch {
			case len(pending) > 0 || cur == nil:
				startBlock(p.Number)
			case cur.page != p.Number && len(cur.rows) > 0:
				// A page break inside a run of rows: the next page may
				// repeat the header without repeating the title.
				cur = &block{page: p.Number, broken: true}
				blocks = append(blocks, cur)
			}
			cur.rows = append(cur.rows, Row{Cells: cells, Page: p.Number, Line: l.Number, Doubt: doubted(l), OCR: p.OCR})
		}
	}
	for _, l := range pending {
		if cur != nil && classify(l.Text) == noteLine {
			cur.notes = append(cur.notes, l)
			continue
		}
		text = append(text, l)
	}
	return blocks, text
}

// doubted collects the cells of a line whose recognition confidence is low.
func doubted(l layout.Line) map[int]layout.Cell {
	var d map[int]layout.Cell
	for i, c := range l.Cells {
		if c.Conf >= 0 && c.Conf < DoubtBelow && strings.TrimSpace(c.Text) != "" {
			if d == nil {
				d = map[int]layout.Cell{}
			}
			d[i] = c
		}
	}
	return d
}

// saysNone reports whether a row's only text is 无 ("none"): the mark an
// empty table prints in its body. It carries nothing a table can hold; the
// note under the table says why it is empty.
func saysNone(cells []string) bool {
	none := false
	for _, c := range cells {
		switch strings.TrimSpace(c) {
		case "":
		case "无", "无数据", "本表无数据":
			none = true
		default:
			return false
		}
	}
	return none
}

// isTextRow reports whether a tabular row is really a line of running text:
// one non-empty cell that is a title, marker, unit or note (exports from
// spreadsheets put the title in the first cell of a row).
func isTextRow(cells []string) bool {
	only := ""
	for _, c := range cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if only != "" {
			return isUnitRow(cells)
		}
		only = c
	}
	switch classify(only) {
	case markerLine, titleLine, unitLine, compilerLine, noteLine:
		return true
	}
	return false
}

// splitTitleBlock separates the lines just above a run of rows into running
// text and the table's title block. A title block sits right above its rows:
// walking up from the rows it takes unit, compiler, table-number and
// department lines, then at most one title line (with a department line or
// table number above it), and a 附件 marker ends it. The first line of prose
// ends it too, so that a title in a table of contents or in the narrative
// never captures rows further down.
func splitTitleBlock(lines []TextLine) ([]TextLine, titleBlock) {
	i := len(lines)
	title, firstHalf := false, false
walk:
	for i > 0 {
		s := lines[i-1].Text
		switch k := classify(s); {
		case k == markerLine:
			i--
			break walk
		case isNumberLine(s):
			// 表二, or 表十一, which also reads as a title ending in 表N
			i--
		case title:
			if k == textLine && (looksLikeOrg(s) || isNumberLine(s)) || k == compilerLine || k == unitLine {
				i--
				continue
			}
			if !firstHalf && k == textLine && isFirstHalf(s) && classify(lines[i].Text) == titleLine {
				// 2022年部门综合预算政府采购（资产配置、购买服务）/ 预算表（不含上年结转）
				firstHalf = true
				i--
				continue
			}
			break walk
		case k == titleLine:
			title = true
			i--
		case k == unitLine || k == compilerLine || isPeriodLine(s):
			i--
		case k == textLine && (looksLikeOrg(s) || isNumberLine(s)):
			i--
		case !title && isQualifier(s) && i >= 2 && classify(lines[i-2].Text) == titleLine:
			// （按经济分类科目分）under its title: part of the title
			i--
		case k == textLine && i >= 2 && classify(lines[i-2].Text) == markerLine:
			// A line we cannot read as a title, right under 附件 N: the
			// title of a scan that OCR misread. The marker still holds.
			i -= 2
			break walk
		default:
			break walk
		}
	}
	return lines[:i], parseTitleBlock(lines[i:])
}

// parseTitleBlock reads the marker, title, department and unit of a block.
func parseTitleBlock(lines []TextLine) titleBlock {
	tb := titleBlock{lines: lines}
	half := "" // the first line of a title broken in two
	for k, l := range lines {
		s := strings.TrimSpace(l.Text)
		if tb.title == "" && k+1 < len(lines) && classify(s) == textLine && !looksLikeOrg(s) && isFirstHalf(s) && classify(lines[k+1].Text) == titleLine {
			half = s
			continue
		}
		if half != "" && classify(s) == titleLine {
			s, half = half+s, ""
		}
		if isNumberLine(s) {
			tb.number = tableNumber(s)
			continue
		}
		switch classify(s) {
		case markerLine:
			n, rest := markerNumber(s)
			tb.marker, tb.hasMarker = n, true
			if rest != "" {
				tb.takeTitle(rest)
			}
		case unitLine:
			if u := unitOf(s); u != "" {
				tb.unit = u
			}
			if i := strings.Index(s, "单位"); i > 0 && tb.department == "" {
				if d := strings.TrimSpace(s[:i]); looksLikeOrg(strings.TrimPrefix(d, "部门：")) {
					tb.department = strings.TrimPrefix(d, "部门：")
				}
			}
		case compilerLine:
			m := compilerRe.FindStringSubmatch(s)
			d := m[1]
			if i := strings.Index(d, "单位名称"); i > 0 {
				d = d[:i] // "部门：X 单位名称：…"
			}
			if u := unitRe.FindStringIndex(d); u != nil {
				if tb.unit == "" {
					tb.unit = unitOf(d)
				}
				d = strings.TrimSpace(d[:u[0]])
			}
			if tb.department == "" {
				tb.department = d
			}
		case titleLine:
			tb.takeTitle(s)
		case textLine:
			if tb.title != "" && isQualifier(s) {
				tb.title += zh.Squash(s)
				continue
			}
			if tb.department == "" && looksLikeOrg(s) {
				tb.department = s
			}
		}
	}
	return tb
}

// takeTitle records a title line, splitting off a department printed in
// front of it ("中共…办公室（本级） 部门收支总表").
func (tb *titleBlock) takeTitle(s string) {
	dept, title := splitDeptTitle(s)
	if dept != "" && tb.department == "" {
		tb.department = dept
	}
	if u := unitRe.FindStringIndex(title); u != nil {
		if tb.unit == "" {
			tb.unit = unitOf(title)
		}
		title = strings.TrimSpace(title[:u[0]])
	}
	tb.title = title
	tb.cont = contRe.MatchString(zh.Squash(title))
	if n := tableNumber(title); n > 0 {
		tb.number = n
	}
}

// splitDeptTitle splits "department title" at the first space whose left
// side reads as a department and whose right side still reads as a title.
func splitDeptTitle(s string) (string, string) {
	s = strings.TrimSpace(s)
	for i, r := range s {
		if r != ' ' && r != '\u3000' && r != '\t' {
			continue
		}
		left, right := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i:])
		if looksLikeOrg(left) && isTitle(right) {
			return left, right
		}
	}
	return "", s
}
