package validate

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/table"
)

// stringCols are the canonical columns that hold text.
var stringCols = map[string]bool{
	"subject_code": true, "subject_name": true, "dept_code": true, "dept_name": true,
	"item": true, "income_item": true, "expenditure_item": true, "seq": true,
	"unit_code": true, "unit_name": true, "project_code": true, "project_name": true,
	"field": true, "label": true, "value": true, "indicator": true, "indicator_name": true,
	"measure_unit": true, "nature": true, "target": true, "level1": true, "level2": true, "level3": true, "core": true,
}

var totalCellRe = regexp.MustCompile(`(合计|总计|小计)$`)

// mk builds a table the way the normaliser hands it over. cols are
// space-separated canonical names; each row is "line|cell|cell|…". A row is
// a total row when a text cell ends in 合计/总计/小计 and no code is set.
func mk(id, kind, cols string, rows ...string) *table.Table {
	t := &table.Table{ID: id, Kind: kind, Unit: "万元", Pages: []int{1}}
	for _, c := range strings.Fields(cols) {
		col := table.Column{Name: c, Type: table.Decimal, Scale: 2}
		if stringCols[c] {
			col.Type, col.Scale = table.String, 0
		}
		t.Columns = append(t.Columns, col)
	}
	for _, r := range rows {
		parts := strings.Split(r, "|")
		line, _ := strconv.Atoi(parts[0])
		row := table.Row{Line: line, Page: 1}
		cells := parts[1:]
		for i, col := range t.Columns {
			v := table.Value{}
			if i < len(cells) {
				v.Text = strings.TrimSpace(cells[i])
			}
			if col.Type == table.Decimal && v.Text != "" {
				if d, err := decimal.NewFromString(v.Text); err == nil {
					v.Num = decimal.NullDecimal{Decimal: d, Valid: true}
				}
			}
			if col.Type == table.String && totalCellRe.MatchString(v.Text) {
				row.Total = true
			}
			row.Cells = append(row.Cells, v)
		}
		if row.Total {
			for _, c := range codeCols {
				if i := t.Col(c); i >= 0 && row.Cells[i].Text != "" {
					row.Total = false
				}
			}
		}
		t.Rows = append(t.Rows, row)
		if t.Lines[0] == 0 || line < t.Lines[0] {
			t.Lines[0] = line
		}
		t.Lines[1] = max(t.Lines[1], line)
	}
	return t
}

func doc(ts ...*table.Table) *table.Document {
	return &table.Document{Source: "test.txt", Unit: "万元", Tables: ts}
}

// set replaces one cell, found by row line and column name.
func set(t *table.Table, line int, col, text string) {
	for i := range t.Rows {
		if t.Rows[i].Line != line {
			continue
		}
		v := table.Value{Text: text}
		if d, err := decimal.NewFromString(text); err == nil && t.Columns[t.Col(col)].Type == table.Decimal {
			v.Num = decimal.NullDecimal{Decimal: d, Valid: true}
		}
		t.Rows[i].Cells[t.Col(col)] = v
		return
	}
	panic("no row at line " + strconv.Itoa(line))
}

// only keeps the rules of rs whose id is id.
func only(rs RuleSet, id string) RuleSet {
	return RuleSet{
		RowSums:      keep(rs.RowSums, id, func(r RowSum) Meta { return r.Meta }),
		Hierarchies:  keep(rs.Hierarchies, id, func(r CodeHierarchy) Meta { return r.Meta }),
		ColumnTotals: keep(rs.ColumnTotals, id, func(r ColumnTotal) Meta { return r.Meta }),
		Outlines:     keep(rs.Outlines, id, func(r Outline) Meta { return r.Meta }),
		Balances:     keep(rs.Balances, id, func(r Balance) Meta { return r.Meta }),
		CrossTotals:  keep(rs.CrossTotals, id, func(r CrossTotal) Meta { return r.Meta }),
		CodeMatches:  keep(rs.CodeMatches, id, func(r CodeMatch) Meta { return r.Meta }),
		ClassMatches: keep(rs.ClassMatches, id, func(r ClassMatch) Meta { return r.Meta }),
		FormSums:     keep(rs.FormSums, id, func(r FormSum) Meta { return r.Meta }),
		ProjectForms: keep(rs.ProjectForms, id, func(r ProjectForm) Meta { return r.Meta }),
		WeightSums:   keep(rs.WeightSums, id, func(r WeightSum) Meta { return r.Meta }),
		Amounts:      keep(rs.Amounts, id, func(r NarrativeAmount) Meta { return r.Meta }),
		Classes:      keep(rs.Classes, id, func(r NarrativeClasses) Meta { return r.Meta }),
		Sums:         keep(rs.Sums, id, func(r NarrativeSum) Meta { return r.Meta }),
		Projects:     keep(rs.Projects, id, func(r NarrativeProjects) Meta { return r.Meta }),
		MalformedRule: func() Meta {
			if rs.MalformedRule.ID == id {
				return rs.MalformedRule
			}
			return Meta{}
		}(),
	}
}

func keep[T any](xs []T, id string, m func(T) Meta) []T {
	var out []T
	for _, x := range xs {
		if m(x).ID == id {
			out = append(out, x)
		}
	}
	return out
}

// want is the part of a finding a golden test pins down.
type want struct {
	Rule, Table, RowCode, RowLabel, Column, Expected, Found, Difference string
	Line                                                                int
}

func got(f table.Finding) want {
	return want{f.Rule, f.Table, f.RowCode, f.RowLabel, f.Column, f.Expected, f.Found, f.Difference, f.Line}
}

func assertFindings(t *testing.T, fs []table.Finding, ws ...want) {
	t.Helper()
	if len(fs) != len(ws) {
		for _, f := range fs {
			t.Logf("  %+v", got(f))
			t.Logf("    %s", f.Message)
		}
		t.Fatalf("%d findings, want %d", len(fs), len(ws))
	}
	for i, f := range fs {
		if got(f) != ws[i] {
			t.Errorf("finding %d:\n got  %+v\n want %+v\n (%s)", i, got(f), ws[i], f.Message)
		}
		if f.Message == "" || f.Document == "" || f.Severity == "" {
			t.Errorf("finding %d lacks message, document or severity: %+v", i, f)
		}
	}
}
