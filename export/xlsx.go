package export

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/klauspost/compress/flate"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/yusuan-data/yusuan/internal/perm"
	"github.com/yusuan-data/yusuan/table"
)

// Names of the two sheets that follow the tables.
const (
	xlsxDocumentSheet = "document"
	xlsxFindingsSheet = "findings"
)

const (
	xlsxMaxSheetName = 31 // UTF-16 units, Excel's limit
	xlsxMinColWidth  = 8
	xlsxMaxColWidth  = 60
	xlsxLineHeight   = 15 // points per line of the default 11pt font
	// xlsxMaxDigits is the most significant digits an Excel number keeps;
	// an amount with more is written as right-aligned text so that no
	// digit is lost.
	xlsxMaxDigits = 15
	xlsxAuthor    = "yusuan"
)

// WriteXLSX writes doc as one workbook at path: a sheet per table, named
// from its attachment and kind ("附件2 一般公共预算支出", see xlsxTableName)
// and in document order, then a sheet "document" with the metadata, the
// list of tables and the narrative, then a sheet "findings".
//
// A table sheet starts with the table's title (merged over its width) and
// a line with its department and 单位, as the source prints them; then the
// source's multi-level header as merged cells and no row of canonical
// names: each column's canonical name is a comment on its lowest visible
// header cell. Amounts are numeric cells whose stored value is the
// decimal's own digits (never a float near them), shown with thousands
// separators and as many places as the column's scale ("#,##0.00"); empty
// amounts stay empty. String columns are text cells, so codes keep their
// leading zeros. Every sheet prints on A4, as wide as one page, with its
// header repeated on every page. Each finding links to the cell it names.
//
// The file is written to a temporary file in the same directory and renamed
// onto path, so path holds either its old content or the whole new workbook.
func WriteXLSX(path string, doc *table.Document) error {
	data, err := xlsxBytes(doc)
	if err != nil {
		return fmt.Errorf("xlsx %s: %w", path, err)
	}
	if err := writeAtomic(path, func(out *os.File) error {
		_, err := out.Write(data)
		return err
	}); err != nil {
		return fmt.Errorf("xlsx %s: %w", path, err)
	}
	return nil
}

// xlsxBytes is the workbook WriteXLSX writes.
func xlsxBytes(doc *table.Document) ([]byte, error) {
	if doc == nil {
		return nil, errors.New("nil document")
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(newXLSXZip)

	w := &xlsxWriter{f: f, styles: map[xlsxStyleKey]int{}}
	if err := w.build(doc); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// newXLSXZip is the workbook's zip writer: deflate at its fastest level,
// which takes a third of the time of the default level for a file a
// little larger (the parts are small, repetitive XML), by
// klauspost/compress, whose fastest level takes half the time of the
// standard library's (compression was a fifth of the workbook's cost).
func newXLSXZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		fw, _ := fastFlate.Get().(*flate.Writer)
		if fw == nil {
			var err error
			if fw, err = flate.NewWriter(out, flate.BestSpeed); err != nil {
				return nil, err
			}
		} else {
			fw.Reset(out)
		}
		return &pooledFlate{fw}, nil
	})
	return zw
}

// fastFlate pools the BestSpeed writers (each holds about a megabyte).
var fastFlate sync.Pool

type pooledFlate struct{ *flate.Writer }

func (p *pooledFlate) Close() error {
	err := p.Writer.Close()
	fastFlate.Put(p.Writer)
	p.Writer = nil
	return err
}

// writeAtomic creates a temporary file beside path, lets write fill it,
// closes it, and renames it onto path. On any error the temporary
// file is removed and path is left untouched.
func writeAtomic(path string, write func(*os.File) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".*.xlsx.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				tmp.Close()
			}
			os.Remove(name)
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(perm.File()); err != nil {
		return err
	}
	// No fsync: the rename makes the write atomic against a crash of this
	// process, which is what a batch run must survive; a file torn by power
	// loss fails the checksum that a resumed run verifies, and is redone.
	closed = true
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(name, path)
}

type xlsxStyleKind int

const (
	xlsxHeader    xlsxStyleKind = iota // table header cell
	xlsxText                           // body text cell
	xlsxNumber                         // body amount
	xlsxBigNumber                      // body amount too long for a number, as text
	xlsxLabel                          // header row of the document and findings sheets
	xlsxWrap                           // wrapped plain text (narrative)
	xlsxTitle                          // a table's title above its header
	xlsxUnitLine                       // the 单位 line under the title, right-aligned
	xlsxLink                           // a hyperlink in the findings sheet
)

type xlsxStyleKey struct {
	kind  xlsxStyleKind
	scale int
	bold  bool
}

type xlsxWriter struct {
	f      *excelize.File
	styles map[xlsxStyleKey]int
	places map[string]xlsxPlace // by table ID
}

// xlsxPlace is where a table is in the workbook: its sheet and the sheet
// row of its first body row.
type xlsxPlace struct {
	sheet string
	body  int
	t     *table.Table
}

// xlsxTitleRows are the rows above a table's header: title and 单位.
const xlsxTitleRows = 2

// xlsxKindNames are the short Chinese names of the table kinds, for sheet
// names; a kind not here is named by its table's title.
var xlsxKindNames = map[string]string{
	"fiscal_summary":                 "财政拨款收支总表",
	"gpb_expenditure":                "一般公共预算支出",
	"gpb_basic_expenditure":          "一般公共预算基本支出",
	"gpb_economic_expenditure":       "一般公共预算经济分类支出",
	"three_public":                   "三公经费支出",
	"gov_fund_expenditure":           "政府性基金支出",
	"state_capital_expenditure":      "国有资本经营预算支出",
	"dept_summary":                   "部门收支总表",
	"dept_income":                    "部门收入总表",
	"dept_expenditure":               "部门支出总表",
	"procurement":                    "政府采购",
	"project_expenditure":            "项目支出",
	"dept_performance_form":          "整体绩效目标",
	"dept_performance_indicators":    "整体绩效指标",
	"project_performance_form":       "项目绩效目标",
	"project_performance_indicators": "项目绩效指标",
	"project_goals":                  "项目绩效目标",
	"office_operation":               "机关运行经费",
	"purchased_services":             "政府购买服务",
	"units":                          "单位构成",
}

// xlsxTableName is a table's sheet name before xlsxSheetName makes it
// valid and unique: "附件2 一般公共预算支出", "附件12-3 项目绩效指标" for
// the indicators of 附件 12's third form; the kind's name, else the title,
// else the ID; without "附件N" when the table has no attachment number.
func xlsxTableName(t *table.Table) string {
	name := xlsxKindNames[t.Kind]
	if name == "" {
		name = strings.TrimSpace(t.Title)
	}
	if name == "" {
		name = t.ID
	}
	if t.Attachment <= 0 {
		return name
	}
	att := "附件" + strconv.Itoa(t.Attachment)
	if n, _, ok := strings.Cut(t.Part, "/"); ok && n != "" {
		att += "-" + n
	}
	return att + " " + name
}

func (w *xlsxWriter) style(k xlsxStyleKey) (int, error) {
	if id, ok := w.styles[k]; ok {
		return id, nil
	}
	thin := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1},
		{Type: "bottom", Color: "000000", Style: 1},
	}
	s := &excelize.Style{Font: &excelize.Font{Bold: k.bold}}
	switch k.kind {
	case xlsxHeader:
		s.Font.Bold = true
		s.Border = thin
		s.Alignment = &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	case xlsxText:
		s.Border = thin
		s.NumFmt = 49 // "@": the cell stays text when edited
		s.Alignment = &excelize.Alignment{Vertical: "center"}
	case xlsxNumber:
		s.Border = thin
		nf := xlsxNumFmt(k.scale)
		s.CustomNumFmt = &nf
		s.Alignment = &excelize.Alignment{Vertical: "center"}
	case xlsxBigNumber:
		s.Border = thin
		s.NumFmt = 49
		s.Alignment = &excelize.Alignment{Horizontal: "right", Vertical: "center"}
	case xlsxLabel:
		s.Font.Bold = true
		s.Border = thin
		s.Alignment = &excelize.Alignment{Vertical: "center"}
	case xlsxWrap:
		s.NumFmt = 49
		s.Alignment = &excelize.Alignment{Vertical: "top", WrapText: true}
	case xlsxTitle:
		s.Font = &excelize.Font{Bold: true, Size: 14}
		s.Alignment = &excelize.Alignment{Horizontal: "center", Vertical: "center"}
	case xlsxUnitLine:
		s.Alignment = &excelize.Alignment{Horizontal: "right", Vertical: "center"}
	case xlsxLink:
		s.Font = &excelize.Font{Color: "0563C1", Underline: "single"}
	}
	id, err := w.f.NewStyle(s)
	if err != nil {
		return 0, err
	}
	w.styles[k] = id
	return id, nil
}

// xlsxNumFmt is the number format for an amount with scale places, with
// thousands separators: "#,##0", "#,##0.0", "#,##0.00", … (only the
// display: the stored value is the exact decimal).
func xlsxNumFmt(scale int) string {
	if scale <= 0 {
		return "#,##0"
	}
	return "#,##0." + strings.Repeat("0", scale)
}

func (w *xlsxWriter) build(doc *table.Document) error {
	used := map[string]bool{
		strings.ToLower(xlsxDocumentSheet): true,
		strings.ToLower(xlsxFindingsSheet): true,
		"history":                          true, // reserved by Excel
	}
	names := make([]string, len(doc.Tables))
	for i, t := range doc.Tables {
		name := ""
		if t != nil {
			name = xlsxTableName(t)
		}
		names[i] = xlsxSheetName(name, i, used)
	}
	// Where each table's sheet and body start, for the findings' links.
	w.places = map[string]xlsxPlace{}

	first := true
	newSheet := func(name string) error {
		if first {
			first = false
			return w.f.SetSheetName(w.f.GetSheetName(0), name)
		}
		_, err := w.f.NewSheet(name)
		return err
	}
	for i, t := range doc.Tables {
		if t == nil {
			continue
		}
		if err := newSheet(names[i]); err != nil {
			return err
		}
		body, err := w.writeTable(names[i], t)
		if err != nil {
			return fmt.Errorf("table %s: %w", t.ID, err)
		}
		if _, dup := w.places[t.ID]; !dup {
			w.places[t.ID] = xlsxPlace{sheet: names[i], body: body, t: t}
		}
	}
	if err := newSheet(xlsxDocumentSheet); err != nil {
		return err
	}
	if err := w.writeDocument(doc, names); err != nil {
		return fmt.Errorf("sheet %s: %w", xlsxDocumentSheet, err)
	}
	if err := newSheet(xlsxFindingsSheet); err != nil {
		return err
	}
	if err := w.writeFindings(FindingRows(doc)); err != nil {
		return fmt.Errorf("sheet %s: %w", xlsxFindingsSheet, err)
	}
	w.f.SetActiveSheet(0)
	title := doc.Title
	if title == "" {
		title = filepath.Base(doc.Source)
	}
	return w.f.SetDocProps(&excelize.DocProperties{Title: title, Creator: xlsxAuthor})
}

// xlsxSheetName makes a valid, unique sheet name from a table ID: the
// characters Excel forbids become "_", the name is cut to 31 UTF-16 units,
// and a clash (Excel compares names without case) gets a "~2", "~3" suffix.
// used holds the lower-cased names taken so far and is updated.
func xlsxSheetName(id string, index int, used map[string]bool) string {
	base := strings.Map(func(r rune) rune {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			return '_'
		}
		if r < 0x20 {
			return '_'
		}
		return r
	}, id)
	base = strings.TrimSpace(strings.Trim(base, "'"))
	if base == "" {
		base = "table" + strconv.Itoa(index+1)
	}
	base = xlsxCutUTF16(base, xlsxMaxSheetName)
	name := base
	for n := 2; used[strings.ToLower(name)]; n++ {
		suffix := "~" + strconv.Itoa(n)
		name = strings.TrimRight(xlsxCutUTF16(base, xlsxMaxSheetName-len(suffix)), "'") + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

// xlsxCutUTF16 cuts s to at most max UTF-16 units without splitting a rune.
func xlsxCutUTF16(s string, max int) string {
	n := 0
	for i, r := range s {
		n += utf16.RuneLen(r)
		if n > max {
			return s[:i]
		}
	}
	return s
}

// xlsxRegion is one cell of the header grid, merged or not: levels l0..l1,
// columns c0..c1 (0-based, inclusive).
type xlsxRegion struct {
	l0, c0, l1, c1 int
	label          string
}

// xlsxHeaderGrid returns the table's header as levels × width labels, with
// one level of column labels when the table has no header.
func xlsxHeaderGrid(t *table.Table, width int) [][]string {
	if len(t.Header) == 0 {
		row := make([]string, width)
		for j, c := range t.Columns {
			row[j] = c.Label
		}
		return [][]string{row}
	}
	grid := make([][]string, len(t.Header))
	for l, h := range t.Header {
		row := make([]string, width)
		copy(row, h)
		grid[l] = row
	}
	return grid
}

// xlsxHeaderRegions finds the cells of a header grid. Adjacent columns at
// one level with the same label and the same labels at every level above
// are one cell; a cell whose columns are "" at every lower level reaches
// down to the last level. Empty labels make no region.
func xlsxHeaderRegions(grid [][]string) []xlsxRegion {
	var out []xlsxRegion
	levels := len(grid)
	if levels == 0 {
		return nil
	}
	width := len(grid[0])
	samePath := func(l, a, b int) bool {
		for m := 0; m <= l; m++ {
			if grid[m][a] != grid[m][b] {
				return false
			}
		}
		return true
	}
	emptyBelow := func(l, c0, c1 int) bool {
		for m := l + 1; m < levels; m++ {
			for c := c0; c <= c1; c++ {
				if grid[m][c] != "" {
					return false
				}
			}
		}
		return true
	}
	for l := 0; l < levels; l++ {
		for j := 0; j < width; {
			if grid[l][j] == "" {
				j++
				continue
			}
			k := j
			for k+1 < width && samePath(l, j, k+1) {
				k++
			}
			r := xlsxRegion{l0: l, c0: j, l1: l, c1: k, label: grid[l][j]}
			if emptyBelow(l, j, k) {
				r.l1 = levels - 1
			}
			out = append(out, r)
			j = k + 1
		}
	}
	return out
}

func xlsxCell(col, row int) string {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err) // col and row are always ≥ 1 here
	}
	return ref
}

func xlsxColName(col int) string {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		panic(err)
	}
	return name
}

// xlsxWidth is the display width of s in Excel's column units: a wide
// (CJK) rune counts 2, any other rune 1; of a multi-line text the widest line.
func xlsxWidth(s string) int {
	best := 0
	for _, line := range strings.Split(s, "\n") {
		n := 0
		for _, r := range line {
			if xlsxWide(r) {
				n += 2
			} else {
				n++
			}
		}
		best = max(best, n)
	}
	return best
}

// xlsxWide reports whether r is an East Asian wide or fullwidth rune.
func xlsxWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, CJK compatibility
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA000 && r <= 0xA4CF, // Yi
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // fullwidth forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return false
}

func xlsxClampWidth(units int) float64 {
	return float64(min(max(units+2, xlsxMinColWidth), xlsxMaxColWidth))
}

// xlsxDecimalText is the amount's exact digits with at least scale places:
// the value stored in the cell.
func xlsxDecimalText(d decimal.Decimal, scale int) (string, int) {
	places := max(scale, 0)
	if e := -int(d.Exponent()); e > places {
		places = e
	}
	return d.StringFixed(int32(places)), places
}

// xlsxSignificant counts the significant digits of a plain decimal string.
func xlsxSignificant(s string) int {
	n, lead := 0, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '-' || c == '.' {
			continue
		}
		if lead && c == '0' {
			continue
		}
		lead = false
		n++
	}
	return n
}

func (w *xlsxWriter) writeTable(sheet string, t *table.Table) (int, error) {
	f := w.f
	width := len(t.Columns)
	for _, h := range t.Header {
		width = max(width, len(h))
	}
	for _, r := range t.Rows {
		width = max(width, len(r.Cells))
	}
	if width == 0 {
		return xlsxTitleRows + 1, nil
	}
	grid := xlsxHeaderGrid(t, width)
	levels := len(grid)
	regions := xlsxHeaderRegions(grid)
	const off = xlsxTitleRows
	if err := w.writeTitle(sheet, t, width); err != nil {
		return 0, err
	}

	// Header: style every header cell (borders must cover merged ranges
	// whole), then labels and merges.
	hs, err := w.style(xlsxStyleKey{kind: xlsxHeader})
	if err != nil {
		return 0, err
	}
	if err := f.SetCellStyle(sheet, xlsxCell(1, off+1), xlsxCell(width, off+levels), hs); err != nil {
		return 0, err
	}
	colUnits := make([]int, width)
	for _, r := range regions {
		top := xlsxCell(r.c0+1, off+r.l0+1)
		if err := f.SetCellStr(sheet, top, r.label); err != nil {
			return 0, err
		}
		if r.l0 != r.l1 || r.c0 != r.c1 {
			if err := f.MergeCell(sheet, top, xlsxCell(r.c1+1, off+r.l1+1)); err != nil {
				return 0, err
			}
		}
		// A label spread over several columns needs less of each.
		span := r.c1 - r.c0 + 1
		u := (xlsxWidth(r.label) + span - 1) / span
		for c := r.c0; c <= r.c1; c++ {
			colUnits[c] = max(colUnits[c], u)
		}
	}
	if err := w.nameComments(sheet, t, grid, regions, off); err != nil {
		return 0, err
	}

	// Body.
	textStyle := map[bool]int{}
	for _, bold := range []bool{false, true} {
		if textStyle[bold], err = w.style(xlsxStyleKey{kind: xlsxText, bold: bold}); err != nil {
			return 0, err
		}
	}
	for i, row := range t.Rows {
		rn := off + levels + 1 + i
		for j := 0; j < width; j++ {
			ref := xlsxCell(j+1, rn)
			var v table.Value
			if j < len(row.Cells) {
				v = row.Cells[j]
			}
			var col table.Column
			if j < len(t.Columns) {
				col = t.Columns[j]
			}
			style := textStyle[row.Total]
			switch {
			case col.Type == table.Decimal && v.Num.Valid:
				s, places := xlsxDecimalText(v.Num.Decimal, col.Scale)
				kind := xlsxNumber
				if xlsxSignificant(s) > xlsxMaxDigits {
					// Excel would round it: keep the digits as text.
					kind = xlsxBigNumber
					err = f.SetCellStr(sheet, ref, s)
				} else {
					// The stored value is the exact decimal string, with
					// no type attribute: a number, as the format says.
					err = f.SetCellDefault(sheet, ref, s)
				}
				if err != nil {
					return 0, err
				}
				if style, err = w.style(xlsxStyleKey{kind: kind, scale: places, bold: row.Total}); err != nil {
					return 0, err
				}
				colUnits[j] = max(colUnits[j], len(s))
			case v.Text != "":
				// Text, and also a decimal column's text that parsed to no
				// amount: kept as the source wrote it rather than lost.
				if err := f.SetCellStr(sheet, ref, v.Text); err != nil {
					return 0, err
				}
				colUnits[j] = max(colUnits[j], xlsxWidth(v.Text))
			default:
				// Null: no value, only the style (borders, bold).
				if col.Type == table.Decimal {
					if style, err = w.style(xlsxStyleKey{kind: xlsxNumber, scale: max(col.Scale, 0), bold: row.Total}); err != nil {
						return 0, err
					}
				}
			}
			if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
				return 0, err
			}
		}
	}

	widths := make([]float64, width)
	for j := range width {
		widths[j] = xlsxClampWidth(colUnits[j])
		c := xlsxColName(j + 1)
		if err := f.SetColWidth(sheet, c, c, widths[j]); err != nil {
			return 0, err
		}
	}
	// Wrapped header labels: give each header row the lines its labels
	// need, sharing a tall label's lines among the rows it spans.
	lines := make([]float64, levels)
	for _, r := range regions {
		avail := -1.0
		for c := r.c0; c <= r.c1; c++ {
			avail += widths[c]
		}
		n := math.Ceil(float64(xlsxWidth(r.label)) / max(avail, 1))
		per := n / float64(r.l1-r.l0+1)
		for l := r.l0; l <= r.l1; l++ {
			lines[l] = max(lines[l], per)
		}
	}
	for l, n := range lines {
		if n > 1 {
			if err := f.SetRowHeight(sheet, off+l+1, math.Ceil(n)*xlsxLineHeight); err != nil {
				return 0, err
			}
		}
	}
	// Print as the source does: landscape on A4, as wide as one page, the
	// title and header repeated on every page.
	if err := w.printSetup(sheet, "landscape", off+levels); err != nil {
		return 0, err
	}
	body := off + levels + 1
	return body, f.SetPanes(sheet, &excelize.Panes{
		Freeze:      true,
		YSplit:      off + levels,
		TopLeftCell: xlsxCell(1, body),
		ActivePane:  "bottomLeft",
		Selection:   []excelize.Selection{{SQRef: xlsxCell(1, body), ActiveCell: xlsxCell(1, body), Pane: "bottomLeft"}},
	})
}

// writeTitle writes a table's title (merged over its width) in the first
// row and, in the second, its department at the left and "单位：万元" at
// the right, as a source prints them above the header.
func (w *xlsxWriter) writeTitle(sheet string, t *table.Table, width int) error {
	f := w.f
	title := t.Title
	if title == "" {
		title = xlsxTableName(t)
	}
	ts, err := w.style(xlsxStyleKey{kind: xlsxTitle})
	if err != nil {
		return err
	}
	last := xlsxCell(width, 1)
	if err := f.SetCellStr(sheet, "A1", title); err != nil {
		return err
	}
	if width > 1 {
		if err := f.MergeCell(sheet, "A1", last); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", last, ts); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 2*xlsxLineHeight); err != nil {
		return err
	}
	if t.Department != "" && width > 1 {
		if err := f.SetCellStr(sheet, "A2", t.Department); err != nil {
			return err
		}
	}
	if t.Unit != "" {
		ref := xlsxCell(width, 2)
		us, err := w.style(xlsxStyleKey{kind: xlsxUnitLine})
		if err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, ref, "单位："+t.Unit); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, ref, ref, us)
	}
	return nil
}

// printSetup prints a sheet on A4 in the orientation given, as wide as
// one page and as long as it takes, with rows 1..titleRows repeated at the
// top of every page (none when 0).
func (w *xlsxWriter) printSetup(sheet, orientation string, titleRows int) error {
	fit, wide, tall, a4 := true, 1, 0, 9
	if err := w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if titleRows == 0 {
		return nil
	}
	return w.f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$1:$%d", strings.ReplaceAll(sheet, "'", "''"), titleRows),
		Scope:    sheet,
	})
}

// nameComments puts each column's canonical name as a comment on the
// visible header cell at the bottom of the column: the top-left cell of the
// region that reaches the last level, or the bottom cell itself when no
// label does. Columns that share one merged cell share its comment.
func (w *xlsxWriter) nameComments(sheet string, t *table.Table, grid [][]string, regions []xlsxRegion, off int) error {
	levels := len(grid)
	var order []string
	names := map[string][]string{}
	for j, c := range t.Columns {
		if c.Name == "" {
			continue
		}
		ref := xlsxCell(j+1, off+levels)
		for _, r := range regions {
			if r.l1 == levels-1 && r.c0 <= j && j <= r.c1 {
				ref = xlsxCell(r.c0+1, off+r.l0+1)
				break
			}
		}
		if _, ok := names[ref]; !ok {
			order = append(order, ref)
		}
		names[ref] = append(names[ref], c.Name)
	}
	for _, ref := range order {
		if err := w.f.AddComment(sheet, excelize.Comment{
			Cell:   ref,
			Author: xlsxAuthor,
			Text:   strings.Join(names[ref], "\n"),
		}); err != nil {
			return err
		}
	}
	return nil
}

// xlsxPages lists pages as "3,4,5".
func xlsxPages(pages []int) string {
	s := make([]string, len(pages))
	for i, p := range pages {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ",")
}

// xlsxCellValue is what one cell of the document or findings sheet holds:
// a string written as text, an int written as a number, or nothing.
type xlsxCellValue any

// writeRows writes rows of plain values starting at row, the first of them
// bold when header is set, and returns the next free row. Widths of the
// columns are raised to fit.
func (w *xlsxWriter) writeRows(sheet string, row int, rows [][]xlsxCellValue, header bool, units []int, wrapCols map[int]bool) (int, error) {
	for i, vals := range rows {
		for j, v := range vals {
			ref := xlsxCell(j+1, row)
			var err error
			switch v := v.(type) {
			case nil:
				continue
			case string:
				if v == "" {
					continue
				}
				err = w.f.SetCellStr(sheet, ref, v)
				if j < len(units) {
					units[j] = max(units[j], xlsxWidth(v))
				}
			case int:
				err = w.f.SetCellInt(sheet, ref, int64(v))
				if j < len(units) {
					units[j] = max(units[j], len(strconv.Itoa(v)))
				}
			default:
				err = fmt.Errorf("unexpected value %T", v)
			}
			if err != nil {
				return row, err
			}
			if i == 0 && header {
				s, err := w.style(xlsxStyleKey{kind: xlsxLabel})
				if err != nil {
					return row, err
				}
				if err := w.f.SetCellStyle(sheet, ref, ref, s); err != nil {
					return row, err
				}
			} else if wrapCols[j] {
				s, err := w.style(xlsxStyleKey{kind: xlsxWrap})
				if err != nil {
					return row, err
				}
				if err := w.f.SetCellStyle(sheet, ref, ref, s); err != nil {
					return row, err
				}
			}
		}
		row++
	}
	return row, nil
}

func (w *xlsxWriter) setWidths(sheet string, units []int) error {
	for j, u := range units {
		c := xlsxColName(j + 1)
		if err := w.f.SetColWidth(sheet, c, c, xlsxClampWidth(u)); err != nil {
			return err
		}
	}
	return nil
}

// writeDocument fills the document sheet: the metadata as field/value
// rows, a blank row, the list of tables with a header row, a blank row, and
// the narrative sections with a header row.
func (w *xlsxWriter) writeDocument(doc *table.Document, sheets []string) error {
	const sheet = xlsxDocumentSheet
	units := make([]int, 9)
	year := xlsxCellValue(nil)
	if doc.Year != 0 {
		year = doc.Year
	}
	meta := [][]xlsxCellValue{
		{"field", "value"},
		{"source", doc.Source},
		{"sha256", doc.SHA256},
		{"input kind", string(doc.InputKind)},
		{"pages", doc.Pages},
		{"ocr pages", xlsxPages(doc.OCRPages)},
		{"title", doc.Title},
		{"department", doc.Department},
		{"year", year},
		{"unit", doc.Unit},
	}
	row, err := w.writeRows(sheet, 1, meta, true, units, nil)
	if err != nil {
		return err
	}
	tables := [][]xlsxCellValue{{"id", "attachment", "part", "kind", "title", "unit", "pages", "rows", "sheet"}}
	var links []int // sheet rows of tables, parallel to linkSheets
	var linkSheets []string
	for i, t := range doc.Tables {
		if t == nil {
			continue
		}
		tables = append(tables, []xlsxCellValue{t.ID, t.Attachment, t.Part, t.Kind, t.Title, t.Unit, xlsxPages(t.Pages), len(t.Rows), sheets[i]})
		links = append(links, row+1+len(tables)-1)
		linkSheets = append(linkSheets, sheets[i])
	}
	if row, err = w.writeRows(sheet, row+1, tables, true, units, nil); err != nil {
		return err
	}
	for i, r := range links {
		ref := xlsxCell(9, r)
		if err := w.f.SetCellHyperLink(sheet, ref, "'"+linkSheets[i]+"'!A1", "Location"); err != nil {
			return err
		}
	}
	narrative := [][]xlsxCellValue{{"heading", "text"}}
	for _, s := range doc.Narrative {
		narrative = append(narrative, []xlsxCellValue{s.Heading, s.Text})
	}
	if _, err = w.writeRows(sheet, row+1, narrative, true, units, map[int]bool{1: true}); err != nil {
		return err
	}
	if err := w.setWidths(sheet, units); err != nil {
		return err
	}
	// Wrapped narrative: each row as tall as its text needs in column B
	// (Excel does not grow a row for wrapped text it did not type itself).
	wide := xlsxClampWidth(units[1])
	for i, sec := range doc.Narrative {
		lines := 0.0
		for _, l := range strings.Split(sec.Text, "\n") {
			lines += max(1, math.Ceil(float64(xlsxWidth(l))/max(wide-1, 1)))
		}
		if lines > 1 {
			if err := w.f.SetRowHeight(sheet, row+2+i, min(lines*xlsxLineHeight, 409)); err != nil {
				return err
			}
		}
	}
	return w.printSetup(sheet, "landscape", 0)
}

// writeFindings fills the findings sheet: a header row, then one row per
// finding. Its "cell" links to the cell the finding names: the sheet of its
// table, the row of its row number, the column of its column; the row's
// first cell when it names no column, the table's title when it names no
// row.
func (w *xlsxWriter) writeFindings(findings []table.Finding) error {
	const sheet = xlsxFindingsSheet
	rows := [][]xlsxCellValue{{"severity", "rule", "table", "cell", "row", "row code", "row label", "line", "column", "expected", "found", "difference", "pages", "message"}}
	type link struct {
		row    int
		target string
	}
	var links []link
	for i, fd := range findings {
		line, row := xlsxCellValue(nil), xlsxCellValue(nil)
		if fd.Line != 0 {
			line = fd.Line
		}
		if fd.Row != 0 {
			row = fd.Row
		}
		cell := ""
		if p, ok := w.places[fd.Table]; ok {
			ref := "A1"
			if fd.Row > 0 && fd.Row <= len(p.t.Rows) {
				ref = xlsxCell(max(p.t.Col(fd.Column), 0)+1, p.body+fd.Row-1)
			}
			cell = p.sheet + "!" + ref
			links = append(links, link{i + 2, "'" + strings.ReplaceAll(p.sheet, "'", "''") + "'!" + ref})
		}
		rows = append(rows, []xlsxCellValue{string(fd.Severity), fd.Rule, fd.Table, cell, row, fd.RowCode, fd.RowLabel, line, fd.Column, fd.Expected, fd.Found, fd.Difference, xlsxPages(fd.Pages), fd.Message})
	}
	units := make([]int, len(rows[0]))
	if _, err := w.writeRows(sheet, 1, rows, true, units, map[int]bool{13: true}); err != nil {
		return err
	}
	ls, err := w.style(xlsxStyleKey{kind: xlsxLink})
	if err != nil {
		return err
	}
	for _, l := range links {
		ref := xlsxCell(4, l.row)
		if err := w.f.SetCellHyperLink(sheet, ref, l.target, "Location"); err != nil {
			return err
		}
		if err := w.f.SetCellStyle(sheet, ref, ref, ls); err != nil {
			return err
		}
	}
	if err := w.setWidths(sheet, units); err != nil {
		return err
	}
	if err := w.printSetup(sheet, "landscape", 1); err != nil {
		return err
	}
	return w.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	})
}
