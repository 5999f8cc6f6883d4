package export

// Generated documents for the workbook: tables of every kind with one to
// three header levels, attachments and parts that repeat, units or none,
// amounts of any scale and sign, and findings on random cells. For every
// one: sheet names are valid and unique; each table's title and 单位 stand
// above its header; every amount is stored exactly and shown with
// thousands separators; each finding links to the cell it names, which
// holds that row's value of that column.

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/yusuan-data/yusuan/table"
)

func genXLSXDoc(rng *rand.Rand) *table.Document {
	kinds := make([]string, 0, len(xlsxKindNames)+1)
	for k := range xlsxKindNames {
		kinds = append(kinds, k)
	}
	kinds = append(kinds, "other")
	doc := &table.Document{Source: "gen.pdf", Title: "生成的文档", Unit: "万元"}
	for n := 0; n < 1+rng.Intn(6); n++ {
		att := 1 + rng.Intn(4)
		t := &table.Table{ID: fmt.Sprintf("a%02d-%d", att, n), Attachment: att, Kind: kinds[rng.Intn(len(kinds))],
			Title: strings.Repeat("很长的表名", 1+rng.Intn(5)) + "表", Unit: []string{"", "万元", "元"}[rng.Intn(3)]}
		if rng.Intn(3) == 0 {
			t.Part = fmt.Sprintf("%d/form", 1+rng.Intn(3))
		}
		width := 2 + rng.Intn(5)
		levels := 1 + rng.Intn(3)
		for l := 0; l < levels; l++ {
			h := make([]string, width)
			for j := range h {
				h[j] = fmt.Sprintf("层%d列%d", l, j/(1+l%2))
			}
			t.Header = append(t.Header, h)
		}
		scale := rng.Intn(4)
		t.Columns = append(t.Columns, table.Column{Name: "subject_name", Type: table.String})
		for j := 1; j < width; j++ {
			t.Columns = append(t.Columns, table.Column{Name: fmt.Sprintf("c%d", j), Type: table.Decimal, Scale: scale})
		}
		for r := 0; r < 1+rng.Intn(8); r++ {
			row := table.Row{Cells: []table.Value{{Text: fmt.Sprintf("行%d", r)}}, Line: 100 + 10*n + r, Total: r == 0}
			for j := 1; j < width; j++ {
				if rng.Intn(5) == 0 {
					row.Cells = append(row.Cells, table.Value{})
					continue
				}
				d := decimal.New(rng.Int63n(2e9)-5e8, -int32(scale))
				row.Cells = append(row.Cells, table.Value{Text: d.StringFixed(int32(scale)), Num: decimal.NullDecimal{Decimal: d, Valid: true}})
			}
			t.Rows = append(t.Rows, row)
		}
		doc.Tables = append(doc.Tables, t)
		for k := 0; k < rng.Intn(3); k++ {
			r := rng.Intn(len(t.Rows))
			doc.Findings = append(doc.Findings, table.Finding{Rule: "gen.rule", Table: t.ID, Line: t.Rows[r].Line,
				Column: t.Columns[rng.Intn(width)].Name, Message: "generated"})
		}
	}
	return doc
}

func TestXLSXGenerated(t *testing.T) {
	links := 0
	for seed := int64(1); seed <= 40; seed++ {
		doc := genXLSXDoc(rand.New(rand.NewSource(seed)))
		f, _ := xlsxWrite(t, doc)
		sheets := f.GetSheetList()
		seen := map[string]bool{}
		for _, s := range sheets {
			if n := len(utf16.Encode([]rune(s))); n > xlsxMaxSheetName || seen[strings.ToLower(s)] || strings.ContainsAny(s, "[]:*?/\\") {
				t.Errorf("seed %d: bad sheet name %q", seed, s)
			}
			seen[strings.ToLower(s)] = true
		}
		for i, tb := range doc.Tables {
			sh := sheets[i]
			if !strings.HasPrefix(sh, fmt.Sprintf("附件%d", tb.Attachment)) {
				t.Errorf("seed %d: sheet %q of 附件%d", seed, sh, tb.Attachment)
			}
			if got, _ := f.GetCellValue(sh, "A1"); got != tb.Title {
				t.Errorf("seed %d %s: A1 %q, want the title", seed, sh, got)
			}
			if tb.Unit != "" {
				if got, _ := f.GetCellValue(sh, xlsxCell(len(tb.Columns), 2)); got != "单位："+tb.Unit {
					t.Errorf("seed %d %s: 单位 cell %q", seed, sh, got)
				}
			}
			body := xlsxTitleRows + len(tb.Header) + 1
			for r, row := range tb.Rows {
				for j, c := range row.Cells {
					if !c.Num.Valid {
						continue
					}
					ref := xlsxCell(j+1, body+r)
					if got, _ := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true}); got != c.Text {
						t.Errorf("seed %d %s!%s: %q, want %q", seed, sh, ref, got, c.Text)
					}
					if st := xlsxStyleOf(t, f, sh, ref); xlsxSignificant(c.Text) <= xlsxMaxDigits &&
						(st.CustomNumFmt == nil || !strings.HasPrefix(*st.CustomNumFmt, "#,##0")) {
						t.Errorf("seed %d %s!%s: format %v", seed, sh, ref, st.CustomNumFmt)
					}
				}
			}
		}
		for i, fd := range FindingRows(doc) {
			ok, target, err := f.GetCellHyperLink("findings", xlsxCell(4, i+2))
			if err != nil || !ok {
				t.Errorf("seed %d finding %d: no link (%v)", seed, i, err)
				continue
			}
			sh, ref, _ := strings.Cut(target, "!")
			sh = strings.ReplaceAll(strings.Trim(sh, "'"), "''", "'")
			var tb *table.Table
			for _, x := range doc.Tables {
				if x.ID == fd.Table {
					tb = x
				}
			}
			j := tb.Col(fd.Column)
			want := tb.Rows[fd.Row-1].Cells[j].Text
			if got, _ := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true}); got != want {
				t.Errorf("seed %d finding %d → %s: %q, want row %d %s = %q", seed, i, target, got, fd.Row, fd.Column, want)
			}
			links++
		}
	}
	if links < 30 {
		t.Errorf("only %d links checked", links)
	}
}
