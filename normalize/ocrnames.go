package normalize

import (
	"fmt"
	"sort"
	"strings"

	"github.com/yusuan-data/yusuan/table"
)

// Column names of recognised headers whose band labels were misread.
//
// A header's band (收入 | 支出 over a two-sided summary, 2024年预算数 |
// 2025年预算数 over the 三公 table) is printed in large type across many
// columns, often under a seal, and a recogniser reads it as junk (a hoe Jo
// ie): every column under it then takes a pinyin prefix nobody knows
// (ahoejoie_total), or no prefix, and the side or year is lost. The
// table's shape says what the band was:
//
//   - a two-sided summary has two text columns, the item lists of its two
//     sides: the columns from the first are income_…, from the second
//     expenditure_…;
//   - the 三公 table repeats one set of columns for two years, the earlier
//     first: the first half is prior_…, the second the budget year's, and a
//     leaf read on one half names its twin on the other;
//   - a leaf read as junk is the kind's usual leaf at its place when every
//     leaf read beside it is the usual one at its place (a side with one
//     amount column: amount).
//
// Only tables whose header a recogniser read are renamed, and each rename
// is a finding naming the column, the name made from what was read, and
// the name kept.

// usualLeaves are the leaves of each side or year group of a kind, in
// printed order, as the seed disclosure prints them.
var usualLeaves = map[string][][]string{
	KindFiscalSummary: {{"item", "amount"}, {"item", "total", "general_budget", "gov_fund", "state_capital"}},
	KindDeptSummary:   {{"item", "amount"}, {"item", "amount"}},
	KindThreePublic:   {{"total", "overseas_travel", "vehicle_subtotal", "vehicle_purchase", "vehicle_operation", "reception"}},
}

// leafValues are the tokens a leaf label maps to, longest first.
var leafValues = func() []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range leafTokens {
		if v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if len(out[a]) != len(out[b]) {
			return len(out[a]) > len(out[b])
		}
		return out[a] < out[b]
	})
	return out
}()

// leafOfName is the known leaf token a column name ends with, "" for none.
func leafOfName(name string) string {
	name = baseName(name)
	for _, v := range leafValues {
		if name == v || strings.HasSuffix(name, "_"+v) {
			return v
		}
	}
	return ""
}

// fixBandNames renames the columns of a recognised header as the table's
// shape says (above).
func fixBandNames(t *table.Table, cols []column, rows []rawRow) []table.Finding {
	var want []string
	switch t.Kind {
	case KindFiscalSummary, KindDeptSummary:
		want = sideNamesByShape(t.Kind, cols, rows)
	case KindThreePublic:
		want = yearNamesByShape(t.Kind, cols, rows)
	}
	if want == nil {
		return nil
	}
	seen := map[string]bool{}
	for j, w := range want {
		if w == "" {
			w = cols[j].name
		}
		if seen[w] {
			return nil // the shape does not name every column apart
		}
		seen[w] = true
	}
	var out []table.Finding
	for j, w := range want {
		if w == "" || w == cols[j].name {
			continue
		}
		out = append(out, table.Finding{
			Severity: table.Warning, Rule: "ocr.corrected_header", Table: t.ID, Pages: t.Pages,
			Column: cols[j].label, Found: cols[j].name, Expected: w,
			Message: fmt.Sprintf("column %d named %q from its header as read; named %q from the table's shape (a band label over it misread)", j+1, cols[j].name, w),
		})
		cols[j].name = w
	}
	return out
}

// sideNamesByShape names the columns of a two-sided summary from its two
// text columns; nil when it has not exactly two, the first leftmost.
func sideNamesByShape(kind string, cols []column, rows []rawRow) []string {
	var text []int
	for j := range cols {
		if !mostlyAmounts(rows, j) && hasText(rows, j) {
			text = append(text, j)
		}
	}
	if len(text) != 2 || text[0] != 0 {
		return nil
	}
	want := make([]string, len(cols))
	sides := [][2]int{{0, text[1]}, {text[1], len(cols)}}
	for s, side := range sides {
		prefix := []string{"income_", "expenditure_"}[s]
		leaves := make([]string, side[1]-side[0])
		for j := side[0]; j < side[1]; j++ {
			if j == side[0] {
				leaves[0] = "item"
				continue
			}
			leaves[j-side[0]] = leafOfName(cols[j].name)
		}
		fillUsual(leaves, usualLeaves[kind][s])
		for k, l := range leaves {
			j := side[0] + k
			if l == "" || strings.HasPrefix(cols[j].name, prefix) && leafOfName(cols[j].name) == l {
				continue // unknown, or already named for its side
			}
			want[j] = prefix + l
		}
	}
	return want
}

// yearNamesByShape names the amount columns of a 三公 table as two year
// groups of one set of leaves; nil when they are not.
func yearNamesByShape(kind string, cols []column, rows []rawRow) []string {
	// the columns from the first amount column on (a speck read as text
	// leaves a column of two cells no amount column by its cells)
	var amounts []int
	for j := range cols {
		if len(amounts) > 0 || !isStringColumn(cols[j].name) && mostlyAmounts(rows, j) && hasText(rows, j) {
			amounts = append(amounts, j)
		}
	}
	n := len(amounts) / 2
	if n < 2 || len(amounts)%2 != 0 {
		return nil
	}
	first, second := make([]string, n), make([]string, n)
	priorFirst, priorSecond, same := 0, 0, 0
	for k := range n {
		a, b := cols[amounts[k]].name, cols[amounts[n+k]].name
		first[k], second[k] = leafOfName(a), leafOfName(b)
		if strings.HasPrefix(a, "prior_") {
			priorFirst++
		}
		if strings.HasPrefix(b, "prior_") {
			priorSecond++
		}
		switch {
		case first[k] != "" && first[k] == second[k]:
			same++
		case first[k] == "":
			first[k] = second[k]
		case second[k] == "":
			second[k] = first[k]
		default:
			return nil // two leaves read apart: not twins
		}
	}
	if same*2 < n || priorSecond > priorFirst {
		return nil
	}
	fillUsual(first, usualLeaves[kind][0])
	want := make([]string, len(cols))
	for k := range n {
		if first[k] == "" {
			continue
		}
		for g, j := range []int{amounts[k], amounts[n+k]} {
			w := []string{"prior_", ""}[g] + first[k]
			if cols[j].name != w {
				want[j] = w
			}
		}
	}
	return want
}

// fillUsual fills the unknown leaves of a group with the usual leaves at
// their places, when the group is as long as the usual one and every leaf
// read is the usual one at its place.
func fillUsual(leaves, usual []string) {
	if len(leaves) != len(usual) {
		return
	}
	for k, l := range leaves {
		if l != "" && l != usual[k] {
			return
		}
	}
	copy(leaves, usual)
}

// hasText reports whether column j holds a non-empty cell.
func hasText(rows []rawRow, j int) bool {
	for _, r := range rows {
		if j < len(r.cells) && strings.TrimSpace(r.cells[j]) != "" {
			return true
		}
	}
	return false
}

// usualHeaders are the column names of each kind as the seed disclosure
// prints it. A recognised header of as many columns, most of them named
// so, whose other names are junk (bit for 合计, zheng_fu_xing_ji_die… for
// 政府性基金预算拨款收入) or name the usual leaf under a misread band
// (yu_suan_shu_total), takes the usual names there, each reported.
var usualHeaders = map[string][]string{
	KindGPBExpenditure:      {"subject_code", "subject_name", "prior_budget", "total", "basic", "project"},
	KindGPBBasicExpenditure: {"subject_code", "subject_name", "total", "personnel", "public"},
	KindGovFundExpenditure:  {"subject_code", "subject_name", "total", "basic", "project"},
	KindDeptIncome: {"subject_code", "subject_name", "total", "carryover", "general_budget", "gov_fund", "state_capital",
		"institution_income", "special_account", "higher_subsidy", "affiliate_remit", "institution_operating", "other_income"},
	KindDeptExpenditure: {"subject_code", "subject_name", "total", "basic", "project"},
	KindProcurement: {"item", "total", "carryover", "general_budget", "gov_fund", "state_capital", "special_account",
		"institution_income", "higher_subsidy", "affiliate_remit", "institution_operating", "other_income"},
	KindProjectExpenditure: {"seq", "unit_code", "unit_name", "subject_code", "subject_name", "project_code", "project_name",
		"total", "initial_subtotal", "initial_personnel", "initial_general", "initial_livelihood",
		"higher_subtotal", "higher_advance", "higher_carryover", "higher_city"},
	KindThreePublic: {"dept_code", "dept_name", "prior_total", "prior_overseas_travel", "prior_vehicle_subtotal",
		"prior_vehicle_purchase", "prior_vehicle_operation", "prior_reception", "total", "overseas_travel",
		"vehicle_subtotal", "vehicle_purchase", "vehicle_operation", "reception"},
}

// fixUsualNames renames the junk names of a recognised header to the
// kind's usual ones (above).
func fixUsualNames(t *table.Table, cols []column) []table.Finding {
	usual := usualHeaders[t.Kind]
	if len(usual) == 0 || len(usual) != len(cols) {
		return nil
	}
	same := 0
	var odd []int
	for j, c := range cols {
		switch l := leafOfName(c.name); {
		case c.name == usual[j]:
			same++
		case l == "" || l == leafOfName(usual[j]):
			odd = append(odd, j)
		default:
			return nil // a known name of another column: another layout
		}
	}
	if same*2 < len(cols) || len(odd) == 0 {
		return nil
	}
	var out []table.Finding
	for _, j := range odd {
		out = append(out, table.Finding{
			Severity: table.Warning, Rule: "ocr.corrected_header", Table: t.ID, Pages: t.Pages,
			Column: cols[j].label, Found: cols[j].name, Expected: usual[j],
			Message: fmt.Sprintf("column %d named %q from its header as read; named %q, the kind's usual column there, every other column being named as usual or as junk", j+1, cols[j].name, usual[j]),
		})
		cols[j].name = usual[j]
	}
	return out
}
