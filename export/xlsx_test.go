package export

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/yusuan-data/yusuan/table"
)

func xlsxDec(s string) table.Value {
	return table.Value{Text: s, Num: decimal.NullDecimal{Decimal: decimal.RequireFromString(s), Valid: true}}
}

func xlsxStr(s string) table.Value { return table.Value{Text: s} }

// xlsxSanGong is a 三公经费 table with a three-level header.
func xlsxSanGong() *table.Table {
	y24, y25 := "2024年预算数", "2025年预算数"
	car := "公务用车购置及运行费"
	t := &table.Table{
		ID: "a02", Attachment: 2, Kind: "three_public", Title: "一般公共预算“三公”经费支出表",
		Unit: "万元", Pages: []int{3, 4}, Lines: [2]int{10, 20},
		Header: [][]string{
			{"部门编码", "部门名称", y24, y24, y24, y24, y24, y24, y25, y25, y25, y25, y25, y25},
			{"", "", "总计", "因公出国(境)费用", car, car, car, "公务接待费", "总计", "因公出国(境)费用", car, car, car, "公务接待费"},
			{"", "", "", "", "小计", "公务用车购置", "公务用车运行维护费", "", "", "", "小计", "公务用车购置", "公务用车运行维护费", ""},
		},
		Columns: []table.Column{
			{Name: "dept_code", Label: "部门编码", Type: table.String},
			{Name: "dept_name", Label: "部门名称", Type: table.String},
		},
	}
	for _, y := range []string{"2024", "2025"} {
		for _, n := range []string{"total", "abroad", "car_subtotal", "car_purchase", "car_operation", "reception"} {
			t.Columns = append(t.Columns, table.Column{Name: "b" + y + "_" + n, Type: table.Decimal, Scale: 2})
		}
	}
	null := table.Value{}
	t.Rows = []table.Row{
		{Cells: []table.Value{xlsxStr("307"), xlsxStr("重庆市某某局"),
			xlsxDec("4.90"), null, xlsxDec("3.50"), null, xlsxDec("3.5"), xlsxDec("1.40"),
			xlsxDec("7.93"), xlsxDec("0.00"), xlsxDec("-0.05"), xlsxDec("12345678.90"), null, xlsxDec("7.98")},
			Page: 3, Line: 12},
		{Cells: []table.Value{xlsxStr(""), xlsxStr("合计"),
			xlsxDec("4.90"), null, xlsxDec("3.50"), null, xlsxDec("3.50"), xlsxDec("1.40"),
			xlsxDec("7.93"), xlsxDec("0.00"), xlsxDec("-0.05"), xlsxDec("12345678.90"), null, xlsxDec("7.98")},
			Page: 4, Line: 13, Total: true},
	}
	return t
}

// xlsxForm is a table without a header and with codes in string columns.
func xlsxForm() *table.Table {
	return &table.Table{
		ID: "a12-3-form", Attachment: 12, Part: "3/form", Kind: "performance_form",
		Title: "项目支出绩效目标表", Unit: "元", Pages: []int{9},
		Columns: []table.Column{
			{Name: "code", Label: "科目编码", Type: table.String},
			{Name: "project_id", Label: "项目编码", Type: table.String},
			{Name: "amount", Label: "金额", Type: table.Decimal, Scale: 0},
			{Name: "rate", Label: "比率", Type: table.Decimal, Scale: 2},
		},
		Rows: []table.Row{
			{Cells: []table.Value{xlsxStr("0101"), xlsxStr("50015225T000004994293"), xlsxDec("120"), xlsxDec("1.234")}},
			{Cells: []table.Value{xlsxStr("2013799"), xlsxStr("1.5E3"), {}, xlsxDec("12345678901234567.89")}},
		},
	}
}

func xlsxDoc() *table.Document {
	return &table.Document{
		Source: "fixtures/x.pdf", SHA256: strings.Repeat("ab", 32), InputKind: "pdf", Pages: 12,
		Title: "2025年部门预算情况说明", Department: "重庆市某某局", Year: 2025, Unit: "万元",
		Narrative: []table.Section{{Heading: "一、部门概况", Text: "主要职能……"}, {Heading: "二、收支情况", Text: "收入 4.90 万元。"}},
		Tables:    []*table.Table{xlsxSanGong(), xlsxForm()},
		Findings: []table.Finding{{
			Severity: table.Error, Rule: "row_sum", Table: "a02", RowCode: "307", RowLabel: "重庆市某某局",
			Line: 12, Column: "b2024_total", Expected: "4.90", Found: "4.80", Difference: "0.10",
			Pages: []int{3, 4}, Message: "总计不等于各项之和",
		}},
	}
}

func xlsxWrite(t *testing.T, doc *table.Document) (*excelize.File, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.xlsx")
	if err := WriteXLSX(path, doc); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, path
}

// xlsxRawCell returns the XML of one cell of the n-th worksheet part.
func xlsxRawCell(t *testing.T, path string, n int, ref string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	rc, err := z.Open("xl/worksheets/sheet" + string(rune('0'+n)) + ".xml")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<c r="` + ref + `"[^>]*?(?:/>|>.*?</c>)`).Find(b)
	return string(m)
}

// Sheet names of the two tables: attachment and kind, else title.
const (
	xlsxSanGongSheet = "附件2 三公经费支出"
	xlsxFormSheet    = "附件12-3 项目支出绩效目标表"
)

func TestXLSXSheets(t *testing.T) {
	f, _ := xlsxWrite(t, xlsxDoc())
	if got, want := f.GetSheetList(), []string{xlsxSanGongSheet, xlsxFormSheet, "document", "findings"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
}

func TestXLSXHeaderMerges(t *testing.T) {
	f, _ := xlsxWrite(t, xlsxDoc())
	mcs, err := f.GetMergeCells(xlsxSanGongSheet)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	vals := map[string]string{}
	for _, mc := range mcs {
		r := mc.GetStartAxis() + ":" + mc.GetEndAxis()
		got = append(got, r)
		vals[r] = mc.GetCellValue()
	}
	slices.Sort(got)
	want := []string{"A1:N1", "A3:A5", "B3:B5", "C3:H3", "I3:N3", "C4:C5", "D4:D5", "E4:G4", "H4:H5", "I4:I5", "J4:J5", "K4:M4", "N4:N5"}
	slices.Sort(want)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("merges\n got %q\nwant %q", got, want)
	}
	for r, v := range map[string]string{"A1:N1": "一般公共预算“三公”经费支出表", "A3:A5": "部门编码", "C3:H3": "2024年预算数", "I3:N3": "2025年预算数", "E4:G4": "公务用车购置及运行费", "H4:H5": "公务接待费", "D4:D5": "因公出国(境)费用"} {
		if vals[r] != v {
			t.Errorf("%s = %q, want %q", r, vals[r], v)
		}
	}
	for ref, v := range map[string]string{"E5": "小计", "F5": "公务用车购置", "G5": "公务用车运行维护费", "M5": "公务用车运行维护费", "C4": "总计"} {
		if got, _ := f.GetCellValue(xlsxSanGongSheet, ref); got != v {
			t.Errorf("%s = %q, want %q", ref, got, v)
		}
	}
	// No row of canonical names: the body starts right under the header.
	if got, _ := f.GetCellValue(xlsxSanGongSheet, "A6"); got != "307" {
		t.Errorf("A4 = %q, want 307", got)
	}
	// Header style: bold, centred, wrapped, bordered — also on covered cells.
	for _, ref := range []string{"A3", "H3", "G4", "N5"} {
		st := xlsxStyleOf(t, f, xlsxSanGongSheet, ref)
		if st.Font == nil || !st.Font.Bold || st.Alignment == nil || st.Alignment.Horizontal != "center" || !st.Alignment.WrapText || len(st.Border) != 4 {
			t.Errorf("%s header style %+v", ref, st)
		}
	}
	panes, err := f.GetPanes(xlsxSanGongSheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 5 || panes.XSplit != 0 || panes.TopLeftCell != "A6" {
		t.Errorf("panes %+v", panes)
	}
}

func xlsxStyleOf(t *testing.T, f *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestXLSXComments(t *testing.T) {
	f, _ := xlsxWrite(t, xlsxDoc())
	cs, err := f.GetComments(xlsxSanGongSheet)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range cs {
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		got[c.Cell] = text
	}
	want := map[string]string{
		"A3": "dept_code", "B3": "dept_name",
		"C4": "b2024_total", "D4": "b2024_abroad", "E5": "b2024_car_subtotal", "F5": "b2024_car_purchase", "G5": "b2024_car_operation", "H4": "b2024_reception",
		"I4": "b2025_total", "J4": "b2025_abroad", "K5": "b2025_car_subtotal", "L5": "b2025_car_purchase", "M5": "b2025_car_operation", "N4": "b2025_reception",
	}
	if len(got) != len(want) {
		t.Errorf("comments %q", got)
	}
	for ref, name := range want {
		if !strings.Contains(got[ref], name) {
			t.Errorf("comment %s = %q, want %q", ref, got[ref], name)
		}
	}
}

func TestXLSXBody(t *testing.T) {
	f, path := xlsxWrite(t, xlsxDoc())
	raw := excelize.Options{RawCellValue: true}
	numbers := map[string]string{
		"C6": "4.90", "E6": "3.50", "G6": "3.50", "H6": "1.40", "I6": "7.93",
		"J6": "0.00", "K6": "-0.05", "L6": "12345678.90", "N6": "7.98", "C7": "4.90",
	}
	for ref, want := range numbers {
		// Raw first: excelize's formatted read rewrites the cell it reads
		// in memory ("4.90" becomes "4.9"); the file itself is checked
		// below.
		if got, _ := f.GetCellValue(xlsxSanGongSheet, ref, raw); got != want {
			t.Errorf("%s = %q raw, want %q", ref, got, want)
		}
		// Shown with thousands separators; the value is the same.
		shown := map[string]string{"L6": "12,345,678.90"}[ref]
		if shown == "" {
			shown = want
		}
		if got, _ := f.GetCellValue(xlsxSanGongSheet, ref); got != shown {
			t.Errorf("%s shows %q, want %q", ref, got, shown)
		}
		// A number cell: no type attribute (the default, n) and the value
		// stored as the decimal's own digits.
		if typ, _ := f.GetCellType(xlsxSanGongSheet, ref); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s type %v, want number", ref, typ)
		}
		x := xlsxRawCell(t, path, 1, ref)
		if strings.Contains(x, ` t="`) || !strings.Contains(x, "<v>"+want+"</v>") {
			t.Errorf("%s xml %s, want a number %s", ref, x, want)
		}
		st := xlsxStyleOf(t, f, xlsxSanGongSheet, ref)
		if st.CustomNumFmt == nil || *st.CustomNumFmt != "#,##0.00" {
			t.Errorf("%s number format %v, want #,##0.00", ref, st.CustomNumFmt)
		}
	}
	for _, ref := range []string{"D6", "F6", "M6", "D7", "A7"} {
		if got, _ := f.GetCellValue(xlsxSanGongSheet, ref, raw); got != "" {
			t.Errorf("%s = %q, want empty", ref, got)
		}
		if x := xlsxRawCell(t, path, 1, ref); strings.Contains(x, "<v>") {
			t.Errorf("%s xml %s, want no value", ref, x)
		}
	}
	if typ, _ := f.GetCellType(xlsxSanGongSheet, "A6"); typ != excelize.CellTypeSharedString {
		t.Errorf("A4 type %v, want string", typ)
	}
	// Total row bold, other rows not.
	if st := xlsxStyleOf(t, f, xlsxSanGongSheet, "C7"); st.Font == nil || !st.Font.Bold {
		t.Errorf("total row C5 not bold")
	}
	if st := xlsxStyleOf(t, f, xlsxSanGongSheet, "B7"); st.Font == nil || !st.Font.Bold {
		t.Errorf("total row B5 not bold")
	}
	if st := xlsxStyleOf(t, f, xlsxSanGongSheet, "C6"); st.Font != nil && st.Font.Bold {
		t.Errorf("body row C4 bold")
	}
	// Widths: 公务用车运行维护费 is 9 CJK runes, 18 units.
	if w, _ := f.GetColWidth(xlsxSanGongSheet, "G"); w < 18 || w > 60 {
		t.Errorf("G width %v", w)
	}
	if w, _ := f.GetColWidth(xlsxSanGongSheet, "A"); w < 8 {
		t.Errorf("A width %v", w)
	}

	// The form: one header level of labels, codes as text.
	for ref, want := range map[string]string{"A3": "科目编码", "B3": "项目编码", "C3": "金额", "A4": "0101", "B4": "50015225T000004994293", "A5": "2013799", "B5": "1.5E3", "C4": "120"} {
		if got, _ := f.GetCellValue(xlsxFormSheet, ref, raw); got != want {
			t.Errorf("form %s = %q, want %q", ref, got, want)
		}
	}
	for _, ref := range []string{"A4", "B4", "A5", "B5"} {
		if typ, _ := f.GetCellType(xlsxFormSheet, ref); typ != excelize.CellTypeSharedString {
			t.Errorf("form %s type %v, want string", ref, typ)
		}
	}
	if st := xlsxStyleOf(t, f, xlsxFormSheet, "C4"); st.CustomNumFmt == nil || *st.CustomNumFmt != "#,##0" {
		t.Errorf("form C4 number format %v, want #,##0", st.CustomNumFmt)
	}
	if got, _ := f.GetCellValue(xlsxFormSheet, "C5", raw); got != "" {
		t.Errorf("form C3 = %q, want empty", got)
	}
	// More places than the column's scale: all of them, stored and shown.
	if got, _ := f.GetCellValue(xlsxFormSheet, "D4", raw); got != "1.234" {
		t.Errorf("form D2 = %q, want 1.234", got)
	}
	if st := xlsxStyleOf(t, f, xlsxFormSheet, "D4"); st.CustomNumFmt == nil || *st.CustomNumFmt != "#,##0.000" {
		t.Errorf("form D4 number format %v, want #,##0.000", st.CustomNumFmt)
	}
	// More digits than Excel keeps: text, so that none is lost.
	if got, _ := f.GetCellValue(xlsxFormSheet, "D5", raw); got != "12345678901234567.89" {
		t.Errorf("form D3 = %q", got)
	}
	if typ, _ := f.GetCellType(xlsxFormSheet, "D5"); typ != excelize.CellTypeSharedString {
		t.Errorf("form D3 type %v, want string", typ)
	}
	// Only the title is merged; its 单位 at the right of the line below.
	if mcs, _ := f.GetMergeCells(xlsxFormSheet); len(mcs) != 1 || mcs[0].GetStartAxis() != "A1" || mcs[0].GetEndAxis() != "D1" || mcs[0].GetCellValue() != "项目支出绩效目标表" {
		t.Errorf("form merges %v", mcs)
	}
	if got, _ := f.GetCellValue(xlsxFormSheet, "D2"); got != "单位：元" {
		t.Errorf("form D2 = %q, want 单位：元", got)
	}
	panes, _ := f.GetPanes(xlsxFormSheet)
	if !panes.Freeze || panes.YSplit != 3 || panes.TopLeftCell != "A4" {
		t.Errorf("form panes %+v", panes)
	}
}

func TestXLSXDocumentAndFindings(t *testing.T) {
	f, _ := xlsxWrite(t, xlsxDoc())
	rows, err := f.GetRows("document")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"field", "value"},
		{"source", "fixtures/x.pdf"},
		{"sha256", strings.Repeat("ab", 32)},
		{"input kind", "pdf"},
		{"pages", "12"},
		{"ocr pages"},
		{"title", "2025年部门预算情况说明"},
		{"department", "重庆市某某局"},
		{"year", "2025"},
		{"unit", "万元"},
		nil,
		{"id", "attachment", "part", "kind", "title", "unit", "pages", "rows", "sheet"},
		{"a02", "2", "", "three_public", "一般公共预算“三公”经费支出表", "万元", "3,4", "2", xlsxSanGongSheet},
		{"a12-3-form", "12", "3/form", "performance_form", "项目支出绩效目标表", "元", "9", "2", xlsxFormSheet},
		nil,
		{"heading", "text"},
		{"一、部门概况", "主要职能……"},
		{"二、收支情况", "收入 4.90 万元。"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("document rows\n got %q\nwant %q", rows, want)
	}
	if ok, target, _ := f.GetCellHyperLink("document", "I14"); !ok || target != "'"+xlsxFormSheet+"'!A1" {
		t.Errorf("link I14 %v %q", ok, target)
	}

	rows, err = f.GetRows("findings")
	if err != nil {
		t.Fatal(err)
	}
	want = [][]string{
		{"severity", "rule", "table", "cell", "row", "row code", "row label", "line", "column", "expected", "found", "difference", "pages", "message"},
		{"error", "row_sum", "a02", xlsxSanGongSheet + "!C6", "1", "307", "重庆市某某局", "12", "b2024_total", "4.90", "4.80", "0.10", "3,4", "总计不等于各项之和"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("findings rows\n got %q\nwant %q", rows, want)
	}
	// The cell links to the amount the finding names: row 1 of the body
	// (sheet row 6, under title, 单位 and three header levels), column C.
	if ok, target, _ := f.GetCellHyperLink("findings", "D2"); !ok || target != "'"+xlsxSanGongSheet+"'!C6" {
		t.Errorf("finding link %v %q", ok, target)
	}
	if got, _ := f.GetCellValue(xlsxSanGongSheet, "C6", excelize.Options{RawCellValue: true}); got != "4.90" {
		t.Errorf("linked cell C6 = %q", got)
	}
	// Print setup of the findings and document sheets: A4, one page wide,
	// the findings' header on every page.
	for _, sh := range []string{"findings", "document"} {
		pl, err := f.GetPageLayout(sh)
		if err != nil || pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
			t.Errorf("%s page layout %+v %v", sh, pl, err)
		}
	}
	if dn := f.GetDefinedName(); !slices.ContainsFunc(dn, func(d excelize.DefinedName) bool {
		return d.Name == "_xlnm.Print_Titles" && d.Scope == "findings" && d.RefersTo == "'findings'!$1:$1"
	}) {
		t.Errorf("no print titles on findings: %+v", dn)
	}

	// No findings: the header row alone.
	doc := xlsxDoc()
	doc.Findings = nil
	f, _ = xlsxWrite(t, doc)
	rows, _ = f.GetRows("findings")
	if len(rows) != 1 || rows[0][0] != "severity" || len(rows[0]) != 14 {
		t.Errorf("empty findings rows %q", rows)
	}
}

func TestXLSXNoTables(t *testing.T) {
	f, _ := xlsxWrite(t, &table.Document{Source: "x.txt"})
	if got, want := f.GetSheetList(), []string{"document", "findings"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
}

func TestXLSXAtomic(t *testing.T) {
	dir := t.TempDir()

	// A directory that does not exist: an error and no file.
	path := filepath.Join(dir, "missing", "out.xlsx")
	if err := WriteXLSX(path, xlsxDoc()); err == nil {
		t.Fatal("write into a missing directory succeeded")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("stat %s: %v", path, err)
	}

	// The rename fails (path is a directory): no temporary file is left.
	path = filepath.Join(dir, "out.xlsx")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(path, xlsxDoc()); err == nil {
		t.Fatal("write onto a directory succeeded")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 || ents[0].Name() != "out.xlsx" {
		t.Errorf("directory holds %v", ents)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}

	// Overwriting an existing file replaces it whole.
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(path, xlsxDoc()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != "out.xlsx" {
		t.Errorf("directory holds %v", ents)
	}
}

func TestXLSXSheetNames(t *testing.T) {
	used := map[string]bool{"document": true, "findings": true, "history": true}
	long := strings.Repeat("x", 40)
	cases := []struct{ id, want string }{
		{"a02", "a02"},
		{"A02", "A02~2"},
		{"a/b:c*d?e[f]g\\h", "a_b_c_d_e_f_g_h"},
		{"document", "document~2"},
		{"", "table5"},
		{long, strings.Repeat("x", 31)},
		{long, strings.Repeat("x", 29) + "~2"},
		{"'quoted'", "quoted"},
		{strings.Repeat("预", 40), strings.Repeat("预", 31)},
	}
	for i, c := range cases {
		if got := xlsxSheetName(c.id, i, used); got != c.want {
			t.Errorf("xlsxSheetName(%q) = %q, want %q", c.id, got, c.want)
		}
	}
}

func TestXLSXHeaderRegionsParents(t *testing.T) {
	// Same level-1 label on both sides of a level-0 boundary: two cells.
	grid := [][]string{
		{"2024", "2024", "2025", "2025"},
		{"合计", "公务接待费", "公务接待费", "合计"},
	}
	got := xlsxHeaderRegions(grid)
	want := []xlsxRegion{
		{0, 0, 0, 1, "2024"}, {0, 2, 0, 3, "2025"},
		{1, 0, 1, 0, "合计"}, {1, 1, 1, 1, "公务接待费"}, {1, 2, 1, 2, "公务接待费"}, {1, 3, 1, 3, "合计"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("regions\n got %v\nwant %v", got, want)
	}
}

func TestXLSXWidth(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "部门编码": 8, "因公出国(境)费用": 16, "（）": 4, "a\n部门": 4} {
		if got := xlsxWidth(s); got != want {
			t.Errorf("xlsxWidth(%q) = %d, want %d", s, got, want)
		}
	}
}
