package normalize

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yusuan-data/yusuan/segment"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/zh"
)

// Document normalises a segmented disclosure: metadata from the narrative,
// and every table typed, named and cleaned. Cells that cannot be what their
// column says (text in an amount column) become findings, never silence.
// Tables read from OCR'd pages are checked against the classification
// (subjects.go): misread names are corrected, each with a finding.
func Document(sd *segment.Document) *table.Document {
	doc := &table.Document{
		Source:    sd.Source,
		InputKind: sd.Kind,
		Pages:     sd.PageCount,
		OCRPages:  sd.OCRPages,
	}
	front, sections := Narrative(sd.Text)
	doc.Title, doc.Department, doc.Year = frontMatter(front, sd.Tables)
	doc.Narrative = append(frontSection(front, doc.Title, doc.Department), sections...)
	if doc.OCRPages == nil {
		doc.OCRPages = []int{}
	}
	units := map[string]int{}
	ids := map[string]bool{}
	ocr := map[int]bool{}
	for _, p := range sd.OCRPages {
		ocr[p] = true
	}
	for _, st := range sd.Tables {
		ts, fs := Tables(st, doc.Year)
		if len(ocr) > 0 {
			for _, t := range ts {
				fs = append(fs, checkSubjects(t, st, ocr)...)
			}
		}
		renamed := map[string]string{}
		for _, t := range ts {
			id := uniqueID(t.ID, ids)
			renamed[t.ID], t.ID = id, id
			units[t.Unit]++
			doc.Tables = append(doc.Tables, t)
		}
		for _, f := range fs {
			f.Document = sd.Source
			if id, ok := renamed[f.Table]; ok {
				f.Table = id // the ID the table is written under
			}
			doc.Findings = append(doc.Findings, f)
		}
	}
	if len(ocr) > 0 {
		doc.Findings = append(doc.Findings, checkDepartments(doc, ocr)...)
	}
	best := 0
	for u, n := range units {
		if u != "" && (n > best || n == best && u < doc.Unit) {
			doc.Unit, best = u, n
		}
	}
	return doc
}

func uniqueID(id string, seen map[string]bool) string {
	out := id
	for i := 2; seen[out]; i++ {
		out = fmt.Sprintf("%s-%d", id, i)
	}
	seen[out] = true
	return out
}

// Tables normalises one segmented table. A grid gives one table; a form
// gives its key–value part and its indicator grid as two.
func Tables(st *segment.Table, year int) ([]*table.Table, []table.Finding) {
	title := st.Title
	if title == "" {
		title = headingTitle(st.Heading)
	}
	kind := KindOf(title)
	if st.Title == "" && isForm(kind) {
		// A section on performance goals may hold a plain grid of
		// projects and goals; only a titled table is read as a form.
		kind = KindProjectGoals
	}
	base := &table.Table{
		Attachment: st.Attachment,
		Kind:       kind,
		Title:      CleanLabel(title),
		Department: CleanLabel(st.Department),
		Unit:       st.Unit,
		Pages:      st.Pages,
		Lines:      [2]int{st.FirstLine, st.LastLine},
	}
	if base.Attachment == 0 {
		base.Attachment = st.Order
	}
	if base.Title == "" && st.Attachment > 0 {
		base.Title = fmt.Sprintf("附件%d", st.Attachment)
	} else if base.Title == "" {
		base.Title = fmt.Sprintf("表%d", st.Order)
	}
	base.ID = fmt.Sprintf("a%02d", base.Attachment)
	if st.Part > 0 {
		base.ID += fmt.Sprintf("-%d", st.Part)
	}
	var ts []*table.Table
	var fs []table.Finding
	if isForm(kind) {
		ts, fs = formTables(base, st, year)
	} else {
		t, gfs := gridTable(base, st, year)
		ts, fs = []*table.Table{t}, gfs
	}
	return ts, append(fs, rejoinedFindings(base.ID, append(st.Rejoined, st.SpanJoined...))...)
}

// headingNumberRe is the outline number of a section heading.
var headingNumberRe = regexp.MustCompile(`^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])\s*`)

// headingTitle names an untitled table by the heading of the section it
// stands in (segment.Table.Heading), its outline number removed: "二、部门
// 决算单位构成" → "部门决算单位构成".
func headingTitle(h string) string {
	return strings.TrimSpace(headingNumberRe.ReplaceAllString(h, ""))
}

// rejoinedFindings tells of the rows segment joined across a page break
// (segment.Table.Rejoined): the text at the top of a page that finished a
// cell of the row above.
func rejoinedFindings(id string, rows []segment.Row) []table.Finding {
	var out []table.Finding
	for _, r := range rows {
		text := ""
		for _, c := range r.Cells {
			if c = strings.TrimSpace(c); c != "" {
				text = c
				break
			}
		}
		if n := []rune(text); len(n) > 24 {
			text = string(n[:24]) + "…"
		}
		out = append(out, table.Finding{
			Severity: table.Info, Rule: "table.row_rejoined", Table: id, Line: r.Line, Pages: []int{r.Page},
			Message: fmt.Sprintf("page %d: the top row (%q) finishes cells of the row above, cut by the page break: joined to it", r.Page, text),
		})
	}
	return out
}

// maxColumns bounds a table's width. No disclosure table has more than a
// few dozen columns, and every row is stored at the full width: unbounded,
// a 16 KB text file of one 2000-cell row over 2000 short rows makes four
// million cells (221 MB), and a file of a megabyte exhausts memory.
const maxColumns = 256

// gridTable normalises a table of rows under a (multi-level) header.
func gridTable(t *table.Table, st *segment.Table, year int) (*table.Table, []table.Finding) {
	st = liftCodePartLabels(st)
	width := 0
	var hdr [][]string
	var hdrOCR []bool
	for _, r := range st.Header {
		hdr = append(hdr, r.Cells)
		hdrOCR = append(hdrOCR, r.OCR)
		width = max(width, len(trimTrailing(r.Cells)))
	}
	hdr, labelFs := readHeaderLabels(t, hdr, hdrOCR)
	body, junk := dropJunkRows(t, st.Body)
	labelFs = append(labelFs, junk...)
	for _, r := range body {
		width = max(width, len(trimTrailing(r.Cells)))
	}
	over := labelFs
	if width > maxColumns {
		over = append(over, table.Finding{
			Severity: table.Error, Rule: "table.too_wide", Table: t.ID, Pages: t.Pages,
			Message: fmt.Sprintf("a row has %d cells; only the first %d columns are kept", width, maxColumns),
		})
		width = maxColumns
	}
	h := ResolveHeader(hdr, width)
	if len(h.Levels) == 0 {
		h.Levels = [][]string{make([]string, width)}
	}
	doubts := doubtFindings(t, h, body)
	names := tableNames(h, year, t.Kind)
	cols := make([]column, width)
	for j := range cols {
		cols[j] = column{name: names[j], label: h.Leaf(j), header: levelsAt(h, j)}
	}
	rows := make([]rawRow, len(body))
	for i, r := range body {
		cells := make([]string, width)
		for j := 0; j < width && j < len(r.Cells); j++ {
			cells[j] = CleanCell(r.Cells[j])
		}
		rows[i] = rawRow{cells: cells, page: r.Page, line: r.Line, ocr: r.OCR}
	}
	rows, repeated := dropRepeatedHeaders(t, h, rows)
	over = append(over, repeated...)
	cols, rows = dropMergeTails(cols, rows)
	cols, rows = joinCodeParts(cols, rows)
	cols, rows = unfoldPanels(cols, rows)
	cols, rows = splitCodeNames(cols, rows)
	rows, split := splitJoinedRows(t, cols, rows)
	over = append(over, split...)
	fixes := append(fixSummaryLines(t, cols, rows), dropSpecksInAmounts(t, cols, rows)...)
	fixes = append(append(fixes, fixRepeatedNames(t, cols, rows)...), fixFirstTotal(t, cols, rows)...)
	fixes = append(append(fixes, fixOutlines(t, cols, rows)...), fixScannedCells(t, cols, rows)...)
	if slices.Contains(hdrOCR, true) {
		fixes = append(append(fixes, fixBandNames(t, cols, rows)...), fixUsualNames(t, cols)...)
	}
	markTotals(cols, rows)
	out, fs := build(t, cols, rows)
	return out, append(append(append(over, fs...), doubts...), fixes...)
}

// doubtFindings reports every number a recogniser read with low
// confidence: it may be wrong, and a wrong number must never pass silently.
func doubtFindings(t *table.Table, h Header, body []segment.Row) []table.Finding {
	var out []table.Finding
	for _, r := range body {
		for j, c := range r.Doubt {
			v := CleanCell(c.Text)
			if _, _, ok := ParseAmount(v); !ok {
				continue
			}
			label := ""
			if j < h.Width() {
				label = h.Leaf(j)
			}
			out = append(out, table.Finding{
				Severity: table.Warning, Rule: "ocr.low_confidence", Table: t.ID, Line: r.Line,
				RowLabel: rowLabelOf(r.Cells), Column: label, Found: v, Pages: []int{r.Page},
				Message: fmt.Sprintf("page %d: %q read with confidence %.2f at (%.0f,%.0f)-(%.0f,%.0f); check it on the page",
					r.Page, v, c.Conf, c.Box.X0, c.Box.Y0, c.Box.X1, c.Box.Y1),
			})
		}
	}
	sort.Slice(out, func(a, b int) bool {
		return out[a].Line < out[b].Line || out[a].Line == out[b].Line && out[a].Column < out[b].Column
	})
	return out
}

// rowLabelOf is the first cell of a raw row that is not a number.
func rowLabelOf(cells []string) string {
	for _, c := range cells {
		c = CleanCell(c)
		if _, _, ok := ParseAmount(c); c != "" && !ok {
			return c
		}
	}
	return ""
}

// dropMergeTails removes the columns that only continue a merged cell: no
// label of their own (the header repeats the left neighbour's at every
// level) and nothing in any body row. Two tables drawn abutting, such as a
// form's key-value part over its indicator grid, split each other's cells
// into such sub-columns.
func dropMergeTails(cols []column, rows []rawRow) ([]column, []rawRow) {
	keep := make([]bool, len(cols))
	for j := range cols {
		keep[j] = true
		if j == 0 || !slices.Equal(cols[j].header, cols[j-1].header) {
			continue
		}
		empty := true
		for _, r := range rows {
			empty = empty && r.cells[j] == ""
		}
		keep[j] = !empty
	}
	var out []column
	for j, c := range cols {
		if keep[j] {
			out = append(out, c)
		}
	}
	if len(out) == len(cols) {
		return cols, rows
	}
	for i := range rows {
		var cells []string
		for j, v := range rows[i].cells {
			if keep[j] {
				cells = append(cells, v)
			}
		}
		rows[i].cells = cells
	}
	return renameUnique(out), rows
}

// renameUnique recomputes the _2, _3 suffixes after columns were dropped.
func renameUnique(cols []column) []column {
	names := make([]string, len(cols))
	for j, c := range cols {
		names[j] = baseName(c.name)
	}
	for j, n := range uniqueNames(names) {
		cols[j].name = n
	}
	return cols
}

// unfoldPanels turns a page printed as two lists side by side (科目编码 科目
// 名称 决算数 | 科目编码 科目名称 决算数) into one list: the left panel's rows,
// then the right panel's. A two-sided 收入 | 支出 table is not panels: its
// halves are named apart.
func unfoldPanels(cols []column, rows []rawRow) ([]column, []rawRow) {
	w := len(cols)
	if w < 4 || w%2 != 0 {
		return cols, rows
	}
	half := w / 2
	code := false
	for j := 0; j < half; j++ {
		if cols[j].label != cols[half+j].label || baseName(cols[half+j].name) != baseName(cols[j].name) {
			return cols, rows
		}
		code = code || strings.HasSuffix(cols[j].name, "_code")
	}
	if !code {
		return cols, rows
	}
	out := make([]rawRow, 0, 2*len(rows))
	for _, r := range rows {
		out = append(out, rawRow{cells: r.cells[:half], page: r.page, line: r.line})
	}
	for _, r := range rows {
		right := r.cells[half:]
		if strings.Join(right, "") == "" {
			continue
		}
		out = append(out, rawRow{cells: right, page: r.page, line: r.line})
	}
	return cols[:half], out
}

var uniqueSuffixRe = regexp.MustCompile(`_[0-9]+$`)

// baseName is a column name without the suffix uniqueNames adds.
func baseName(name string) string { return uniqueSuffixRe.ReplaceAllString(name, "") }

// liftCodePartLabels moves the 类 | 款 | 项 labels that final-account
// templates print in the first body row (beside 合计 and its amounts) up
// into a header row of their own.
func liftCodePartLabels(st *segment.Table) *segment.Table {
	if len(st.Body) == 0 {
		return st
	}
	first := st.Body[0].Cells
	n := 0
	for n < len(codePartLabels) && n < len(first) && zh.Squash(first[n]) == codePartLabels[n] {
		n++
	}
	if n < 2 {
		return st
	}
	out := *st
	lift := make([]string, len(first))
	copy(lift, first[:n])
	rest := append(make([]string, n), first[n:]...)
	out.Header = append(append([]segment.Row{}, st.Header...), segment.Row{Cells: lift, Page: st.Body[0].Page, Line: st.Body[0].Line})
	out.Body = append([]segment.Row{{Cells: rest, Page: st.Body[0].Page, Line: st.Body[0].Line}}, st.Body[1:]...)
	return &out
}

// column is a column under construction.
type column struct {
	name, label string
	header      []string // label per header level
}

// rawRow is a body row of cleaned text under construction.
type rawRow struct {
	cells      []string
	page, line int
	total      bool
	ocr        bool // read by a recogniser (segment.Row.OCR)
}

func levelsAt(h Header, j int) []string {
	out := make([]string, len(h.Levels))
	for k := range h.Levels {
		out[k] = h.Levels[k][j]
	}
	return out
}

func trimTrailing(cells []string) []string {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	return cells[:n]
}

// codePartLabels are the leaf labels of a classification code printed in
// one column per level: 类 (3 digits), 款 (2), 项 (2).
var codePartLabels = []string{"类", "款", "项"}

// joinCodeParts joins a code printed as 类 | 款 | 项 columns ("204" "06"
// "01") into one code column ("2040601"), the form every other template
// and the classification itself use. A part that already holds the whole
// code so far ("204" "20406") is taken as it is.
func joinCodeParts(cols []column, rows []rawRow) ([]column, []rawRow) {
	for j := 0; j+1 < len(cols); j++ {
		n := 0
		for n < len(codePartLabels) && j+n < len(cols) && leafOf(cols[j+n]) == codePartLabels[n] {
			n++
		}
		if n < 2 {
			continue
		}
		parent := cols[j].header
		k := len(parent) - 1
		for k > 0 && parent[k] == "" {
			k--
		}
		hdr := append([]string{}, parent...)
		hdr[k] = ""
		label := strings.TrimSuffix(cols[j].label, "/"+codePartLabels[0])
		name := "subject_code"
		if !strings.Contains(label, "科目") && !strings.Contains(label, "编码") && label != "" {
			name = Slug(label) + "_code"
		}
		joined := column{name: name, label: label, header: hdr}
		cols = append(cols[:j], append([]column{joined}, cols[j+n:]...)...)
		last := make([]string, n)
		for i := range rows {
			code := ""
			for _, p := range inheritCodeParts(rows[i].cells[j:j+n], last) {
				switch {
				case p == "":
				case strings.HasPrefix(p, code) && len(p) > len(code) && code != "":
					code = p
				default:
					code += p
				}
			}
			cells := append(append(append([]string{}, rows[i].cells[:j]...), code), rows[i].cells[j+n:]...)
			rows[i].cells = cells
		}
	}
	return cols, rows
}

func leafOf(c column) string {
	for k := len(c.header) - 1; k >= 0; k-- {
		if c.header[k] != "" {
			return c.header[k]
		}
	}
	return ""
}

// isStringColumn tells from its name whether a column holds text: codes,
// names, item labels and the fields of performance forms.
func isStringColumn(name string) bool {
	base := strings.TrimRight(name, "_0123456789")
	switch base {
	case "item", "seq", "unit", "level1", "level2", "level3", "measure_unit", "nature",
		"target", "core", "indicator", "activity", "field", "label", "value",
		"subject", "gov_econ", "econ": // classification columns: 2010801-行政运行

		return true
	}
	return strings.HasSuffix(base, "_code") || strings.HasSuffix(base, "_name") || strings.HasSuffix(base, "_item")
}

// splitCodeNames splits every text column whose cells are code–name pairs
// into a code column and a name column, in place. A total row's label goes
// to the name side.
func splitCodeNames(cols []column, rows []rawRow) ([]column, []rawRow) {
	for j := len(cols) - 1; j >= 0; j-- {
		name := cols[j].name
		if !isStringColumn(name) || strings.HasSuffix(name, "_code") || name == "seq" {
			continue
		}
		matched, other := 0, 0
		for _, r := range rows {
			v := r.cells[j]
			if v == "" || IsTotalLabel(v) {
				continue
			}
			if _, _, ok := SplitCodeName(v); ok {
				matched++
			} else {
				other++
			}
		}
		if matched == 0 || other*4 > matched {
			continue
		}
		base := strings.TrimSuffix(name, "_name")
		code := column{name: base + "_code", label: cols[j].label + "/编码", header: cols[j].header}
		nm := column{name: base + "_name", label: cols[j].label + "/名称", header: cols[j].header}
		cols = append(cols[:j], append([]column{code, nm}, cols[j+1:]...)...)
		for i := range rows {
			v := rows[i].cells[j]
			c, n, ok := SplitCodeName(v)
			if !ok {
				c, n = "", v
			}
			cells := append([]string{}, rows[i].cells[:j]...)
			cells = append(cells, c, n)
			rows[i].cells = append(cells, rows[i].cells[j+1:]...)
		}
	}
	names := make([]string, len(cols))
	for j := range cols {
		names[j] = cols[j].name
	}
	for j, n := range uniqueNames(names) {
		cols[j].name = n
	}
	return cols, rows
}

// markTotals flags total rows and moves a total label printed in a code
// column to the name column beside it: a total has no code.
func markTotals(cols []column, rows []rawRow) {
	for i := range rows {
		r := &rows[i]
		for j, c := range cols {
			if !isStringColumn(c.name) || !IsTotalLabel(r.cells[j]) {
				continue
			}
			r.total = true
			if strings.HasSuffix(c.name, "_code") {
				if k := nameColumnFor(cols, j); k >= 0 && r.cells[k] == "" {
					r.cells[k], r.cells[j] = r.cells[j], ""
				}
			}
			break
		}
	}
}

// nameColumnFor returns the index of the _name column that goes with the
// _code column j (subject_code → subject_name), else the label column right
// after it (project_code → item, the 项目编号 | 项目 of a procurement table),
// or -1.
func nameColumnFor(cols []column, j int) int {
	want := strings.TrimSuffix(cols[j].name, "_code") + "_name"
	for k, c := range cols {
		if c.name == want {
			return k
		}
	}
	if k := j + 1; k < len(cols) {
		base := strings.TrimRight(cols[k].name, "_0123456789")
		if base == "item" || strings.HasSuffix(base, "_name") || strings.HasSuffix(base, "_item") {
			return k
		}
	}
	return -1
}

// build types the columns and makes the table.Table. A column is decimal
// when its name is not a text column's and its cells are amounts; a cell
// that is not an amount in a decimal column is kept as a finding.
func build(t *table.Table, cols []column, rows []rawRow) (*table.Table, []table.Finding) {
	var findings []table.Finding
	levels := 0
	for _, c := range cols {
		levels = max(levels, len(c.header))
	}
	t.Header = make([][]string, levels)
	for k := range t.Header {
		t.Header[k] = make([]string, len(cols))
		for j, c := range cols {
			if k < len(c.header) {
				t.Header[k][j] = c.header[k]
			}
		}
	}
	t.Columns = make([]table.Column, len(cols))
	for j, c := range cols {
		tc := table.Column{Name: c.name, Label: c.label, Type: table.String}
		if !isStringColumn(c.name) && !codeLabelRe.MatchString(c.label) && !textInIndicators(t.Kind, c.name, c.label) && mostlyAmounts(rows, j) {
			tc.Type = table.Decimal
		}
		t.Columns[j] = tc
	}
	for _, r := range rows {
		row := table.Row{Cells: make([]table.Value, len(cols)), Page: r.page, Line: r.line, Total: r.total}
		for j, v := range r.cells {
			if t.Columns[j].Type == table.String {
				if strings.HasSuffix(t.Columns[j].Name, "_code") {
					v = CleanCode(v)
				}
				row.Cells[j] = table.Value{Text: v}
				continue
			}
			if v == "" {
				continue
			}
			d, scale, ok := ParseAmount(v)
			if !ok {
				findings = append(findings, table.Finding{
					Severity: table.Error, Rule: "cell.not_a_number", Table: t.ID,
					RowCode: rowCode(t, row), RowLabel: rowLabel(t, r.cells), Line: r.line,
					Column: t.Columns[j].Name, Found: v, Pages: t.Pages,
					Message: fmt.Sprintf("%q in amount column %s (%s) is not a number; the cell is left empty", v, t.Columns[j].Name, t.Columns[j].Label),
				})
				continue
			}
			row.Cells[j] = table.Value{Text: FormatAmount(d, scale)}
			row.Cells[j].Num.Decimal, row.Cells[j].Num.Valid = d, true
			t.Columns[j].Scale = max(t.Columns[j].Scale, scale)
		}
		t.Rows = append(t.Rows, row)
	}
	return t, findings
}

// textInIndicators reports whether a column of an indicator grid holds
// text: an indicator's target is text as often as a number (优, ≥95%, 好);
// only its weight, and the money of a grid listing projects (项目总额,
// 财政资金, 当年财政拨款预算金额), are amounts.
func textInIndicators(kind, name, label string) bool {
	switch strings.TrimRight(name, "_0123456789") {
	case "total", "fiscal_funds", "other_funds", "amount":
		return false
	}
	return strings.HasSuffix(kind, "_indicators") && !strings.Contains(label, "权重")
}

// mostlyAmounts reports whether column j holds amounts: every non-empty
// cell, or all but a few stray ones, parse as numbers. An empty column of
// an amount table is an amount column.
func mostlyAmounts(rows []rawRow, j int) bool {
	num, other := 0, 0
	for _, r := range rows {
		v := r.cells[j]
		if v == "" {
			continue
		}
		if _, _, ok := ParseAmount(v); ok {
			num++
		} else {
			other++
		}
	}
	return other == 0 || num >= 3*other
}

func rowCode(t *table.Table, r table.Row) string {
	for j, c := range t.Columns {
		if strings.HasSuffix(c.Name, "_code") && j < len(r.Cells) && r.Cells[j].Text != "" {
			return r.Cells[j].Text
		}
	}
	return ""
}

func rowLabel(t *table.Table, cells []string) string {
	for j, c := range t.Columns {
		if c.Type == table.String && !strings.HasSuffix(c.Name, "_code") && c.Name != "seq" && cells[j] != "" {
			return cells[j]
		}
	}
	return ""
}

// bareYearRe matches a header cell that is only a year (OCR lost 年预算数).
var bareYearRe = regexp.MustCompile(`^(20[0-9]{2})[-－]?$`)

// codeLabelRe matches labels of columns that hold codes, not amounts.
var codeLabelRe = regexp.MustCompile(`编码|代码|编号|序号|科目代码`)

// commonYear is the year most table titles and header labels name, the
// budget year of a tables-only document ("预算01表" names none, but its
// header says "2026年预算数").
func commonYear(tables []*segment.Table) int {
	count := map[int]int{}
	see := func(s string) {
		if m := yearRe.FindStringSubmatch(s); m != nil {
			y, _ := strconv.Atoi(m[1])
			count[y]++
		}
	}
	for _, t := range tables {
		see(t.Title)
		for _, r := range t.Header {
			for _, c := range r.Cells {
				see(c)
				if m := bareYearRe.FindStringSubmatch(zh.Squash(c)); m != nil {
					see(m[1] + "年")
				}
			}
		}
	}
	best, year := 0, 0
	for y, n := range count {
		if n > best || n == best && y > year {
			best, year = n, y
		}
	}
	return year
}

var (
	sectionRe  = regexp.MustCompile(`^([一二三四五六七八九十]+\s*、|第[一二三四五六七八九十]+部分)`)
	yearRe     = regexp.MustCompile(`(20[0-9]{2})\s*年`)
	docTitleRe = regexp.MustCompile(`(预算|决算).*(说明|公开|报告)|部门(预算|决算)`)
)

// Narrative splits the running text into the front matter (the lines before
// the first 一、 or 第一部分 heading) and sections, each such a heading with
// its text. Lines broken mid-sentence by the page layout are joined back.
func Narrative(lines []segment.TextLine) (front []string, sections []table.Section) {
	var text strings.Builder // the text of the last section
	end := func() {
		if len(sections) > 0 {
			sections[len(sections)-1].Text = text.String()
			text = strings.Builder{}
		}
	}
	for _, l := range lines {
		s := strings.TrimSpace(l.Text)
		if s == "" {
			continue
		}
		if tocEntryRe.MatchString(s) {
			continue // a table of contents entry: navigation, not text
		}
		if isSectionHeading(s) {
			end()
			sections = append(sections, table.Section{Heading: s})
			continue
		}
		if len(sections) == 0 {
			front = append(front, s)
			continue
		}
		joinParagraph(&text, s)
	}
	end()
	if sections == nil {
		sections = []table.Section{}
	}
	return front, sections
}

// joinParagraph appends line s to the text in b: on a new line when the
// text ends a sentence or s starts a numbered item, else directly (a
// wrapped line). It looks only at the text's last rune: converting the whole
// text to runes per line made a long section quadratic.
func joinParagraph(b *strings.Builder, s string) {
	if b.Len() > 0 {
		last, _ := utf8.DecodeLastRuneInString(b.String())
		if strings.ContainsRune("。；;：:！？!?", last) || startsItem(s) {
			b.WriteByte('\n')
		}
	}
	b.WriteString(s)
}

var itemRe = regexp.MustCompile(`^([（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.．、]|[一二三四五六七八九十]+、)`)

func startsItem(s string) bool { return itemRe.MatchString(s) }

// tocEntryRe is a table of contents entry: leaders, maybe a page number.
var tocEntryRe = regexp.MustCompile(`(\.{3,}|…{2,}|·{3,}|-{4,}|_{4,})\s*[0-9０-９]*\s*$`)

// isSectionHeading: 一、… or 第一部分 …, short, and not a sentence or a
// definition (一、财政拨款收入：指……).
func isSectionHeading(s string) bool {
	if !sectionRe.MatchString(s) || utf8.RuneCountInString(s) > 40 || strings.ContainsAny(s, "。；;") {
		return false
	}
	body := strings.TrimRight(s, "：: ")
	return !strings.ContainsAny(body, "：:")
}

// datedRe is a line that opens with a date: "2026年1月21日在淮安市第九届人民
// 代表大会…" under a budget report's title names the occasion, not a body.
var datedRe = regexp.MustCompile(`^\s*[（(]?\s*[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月`)

// frontSection keeps the front matter that is not the document's title or
// department as a section without heading: a template may put a whole
// 编制说明 before its first heading, and nothing is dropped.
func frontSection(front []string, title, dept string) []table.Section {
	var b strings.Builder
	for _, s := range front {
		if c := CleanLabel(s); c == title || c == dept || isFolioLike(c) {
			continue
		}
		joinParagraph(&b, s)
	}
	if b.Len() == 0 {
		return nil
	}
	return []table.Section{{Text: b.String()}}
}

// isFolioLike: a line of the front that is only a number or a date-less
// mark (a cover's page number, a TOC's leader).
func isFolioLike(s string) bool {
	return strings.Trim(s, "0123456789-—–一 .·…") == ""
}

// frontMatter finds the document title, department and year: the title is
// the front line that says 预算/决算 …说明, the department the line that
// names a body, the year the title's. Tables fill in what the front lacks.
func frontMatter(front []string, tables []*segment.Table) (title, dept string, year int) {
	for i, s := range front {
		switch {
		case title == "" && docTitleRe.MatchString(zh.Squash(s)):
			title = CleanLabel(s)
			if i > 0 && strings.HasPrefix(strings.TrimSpace(front[i-1]), "关于") {
				// 关于…预算执行情况 / 与…预算草案的报告: one title over two lines
				title = CleanLabel(strings.TrimSpace(front[i-1]) + strings.TrimSpace(s))
			}
		case dept == "" && title == "" && segment.LooksLikeOrg(s) && !datedRe.MatchString(s):
			dept = CleanLabel(s)
		}
	}
	if dept == "" {
		counts := map[string]int{}
		for _, t := range tables {
			if t.Department != "" {
				counts[t.Department]++
			}
		}
		best := 0
		for d, n := range counts {
			if n > best || n == best && d < dept {
				dept, best = d, n
			}
		}
		dept = CleanLabel(dept)
	}
	for _, s := range append([]string{title}, front...) {
		if m := yearRe.FindStringSubmatch(s); m != nil {
			year, _ = strconv.Atoi(m[1])
			break
		}
	}
	if year == 0 {
		year = commonYear(tables)
	}
	return title, dept, year
}
