// Package validate checks every number of a normalised disclosure against
// the redundancy budget tables carry: row arithmetic, column totals, the
// subject-code hierarchy, the two sides of a 收支总表, the same figures in
// other tables and in the narrative. Amounts are exact decimals; a figure
// stated to the cent must agree to the cent.
//
// What is checked is data (rules.go): a RuleSet lists, per table kind and
// canonical column, what must add up. A table that reconciles yields no
// finding; an unknown kind or column yields none either.
package validate

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/vocab"
)

// Check validates doc with the Chongqing 2025 rules.
func Check(doc *table.Document) []table.Finding { return CheckWith(doc, Chongqing2025) }

// CheckWith validates doc with the given rules, in rule order.
func CheckWith(doc *table.Document, rs RuleSet) []table.Finding {
	c := &checker{doc: doc}
	for _, r := range rs.RowSums {
		c.rowSum(r)
	}
	for _, r := range rs.Hierarchies {
		c.hierarchy(r)
	}
	for _, r := range rs.ColumnTotals {
		c.columnTotal(r)
	}
	for _, r := range rs.Outlines {
		c.outline(r)
	}
	for _, r := range rs.Balances {
		c.balance(r)
	}
	for _, r := range rs.CrossTotals {
		c.crossTotal(r)
	}
	for _, r := range rs.CodeMatches {
		c.codeMatch(r)
	}
	for _, r := range rs.ClassMatches {
		c.classMatch(r)
	}
	for _, r := range rs.FormSums {
		c.formSum(r)
	}
	for _, r := range rs.ProjectForms {
		c.projectForm(r)
	}
	for _, r := range rs.WeightSums {
		c.weightSum(r)
	}
	c.narrative(rs)
	return c.out
}

// Rules lists every rule of the set: id, severity, description.
func (rs RuleSet) Rules() []Meta {
	var m []Meta
	for _, r := range rs.RowSums {
		m = append(m, r.Meta)
	}
	for _, r := range rs.Hierarchies {
		m = append(m, r.Meta)
	}
	for _, r := range rs.ColumnTotals {
		m = append(m, r.Meta)
	}
	for _, r := range rs.Outlines {
		m = append(m, r.Meta)
	}
	for _, r := range rs.Balances {
		m = append(m, r.Meta)
	}
	for _, r := range rs.CrossTotals {
		m = append(m, r.Meta)
	}
	for _, r := range rs.CodeMatches {
		m = append(m, r.Meta)
	}
	for _, r := range rs.ClassMatches {
		m = append(m, r.Meta)
	}
	for _, r := range rs.FormSums {
		m = append(m, r.Meta)
	}
	for _, r := range rs.ProjectForms {
		m = append(m, r.Meta)
	}
	for _, r := range rs.WeightSums {
		m = append(m, r.Meta)
	}
	for _, r := range rs.Amounts {
		m = append(m, r.Meta)
	}
	for _, r := range rs.Classes {
		m = append(m, r.Meta)
	}
	for _, r := range rs.Sums {
		m = append(m, r.Meta)
	}
	for _, r := range rs.Projects {
		m = append(m, r.Meta)
	}
	return append(m, rs.MalformedRule)
}

// Summary is a few lines for stderr: counts by severity, then by rule.
func Summary(findings []table.Finding) string {
	if len(findings) == 0 {
		return "validate: no findings\n"
	}
	bySev := map[table.Severity]int{}
	byRule := map[string]int{}
	sevOf := map[string]table.Severity{}
	for _, f := range findings {
		bySev[f.Severity]++
		byRule[f.Rule]++
		sevOf[f.Rule] = f.Severity
	}
	var b strings.Builder
	fmt.Fprintf(&b, "validate: %d finding(s): %d error, %d warning, %d info\n",
		len(findings), bySev[table.Error], bySev[table.Warning], bySev[table.Info])
	rules := make([]string, 0, len(byRule))
	for r := range byRule {
		rules = append(rules, r)
	}
	rank := map[table.Severity]int{table.Error: 0, table.Warning: 1, table.Info: 2}
	sort.Slice(rules, func(i, j int) bool {
		a, b := rules[i], rules[j]
		if rank[sevOf[a]] != rank[sevOf[b]] {
			return rank[sevOf[a]] < rank[sevOf[b]]
		}
		return a < b
	})
	for _, r := range rules {
		fmt.Fprintf(&b, "  %-7s %-40s %d\n", sevOf[r], r, byRule[r])
	}
	return b.String()
}

// ---- plain helpers over tables ----

type checker struct {
	doc     *table.Document
	out     []table.Finding
	claimed map[int]bool // narrative offsets already reported as malformed
}

func tablesOf(doc *table.Document, kind string) []*table.Table {
	var ts []*table.Table
	for _, t := range doc.Tables {
		if t != nil && t.Kind == kind {
			ts = append(ts, t)
		}
	}
	return ts
}

func firstOf(doc *table.Document, kind string) *table.Table {
	if ts := tablesOf(doc, kind); len(ts) > 0 {
		return ts[0]
	}
	return nil
}

func hasCols(t *table.Table, cols ...string) bool {
	for _, c := range cols {
		if t.Col(c) < 0 {
			return false
		}
	}
	return true
}

var spaceRe = regexp.MustCompile(`\s+`)

func squash(s string) string { return spaceRe.ReplaceAllString(s, "") }

// num reads a cell: its parsed amount, else its text if that is a plain
// number (key–value forms keep amounts as text). ok is false for a blank
// or unreadable cell, which sums count as zero.
func num(v table.Value) (decimal.Decimal, bool) {
	if v.Num.Valid {
		return v.Num.Decimal, true
	}
	s := strings.ReplaceAll(squash(v.Text), ",", "")
	if !plainNumRe.MatchString(s) {
		return decimal.Zero, false
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

var plainNumRe = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

func cellAt(t *table.Table, row int, col string) (decimal.Decimal, bool) {
	i := t.Col(col)
	if i < 0 || row < 0 || row >= len(t.Rows) || i >= len(t.Rows[row].Cells) {
		return decimal.Zero, false
	}
	return num(t.Rows[row].Cells[i])
}

func textAt(t *table.Table, row int, col string) string {
	i := t.Col(col)
	if i < 0 || row < 0 || row >= len(t.Rows) || i >= len(t.Rows[row].Cells) {
		return ""
	}
	return t.Rows[row].Cells[i].Text
}

func sumCells(t *table.Table, row int, cols []string) decimal.Decimal {
	s := decimal.Zero
	for _, c := range cols {
		d, _ := cellAt(t, row, c)
		s = s.Add(d)
	}
	return s
}

// A row is named by the first of these columns it fills: a project by its
// project, a coded row by its subject.
var codeCols = []string{"project_code", "subject_code", "dept_code", "unit_code"}
var labelCols = []string{"project_name", "subject_name", "dept_name", "item", "unit_name", "expenditure_item", "income_item", "label", "field"}

var digitRe = regexp.MustCompile(`[0-9]`)

// codeText is a row's code with spaces removed ("20137 99" is 2013799);
// a cell without a digit (a stray 合计) is no code.
func codeText(t *table.Table, row int, col string) string {
	s := squash(textAt(t, row, col))
	if !digitRe.MatchString(s) {
		return ""
	}
	return s
}

func rowCode(t *table.Table, row int) string {
	for _, c := range codeCols {
		if s := codeText(t, row, c); s != "" {
			return s
		}
	}
	return ""
}

func rowLabel(t *table.Table, row int) string {
	for _, c := range labelCols {
		if s := strings.TrimSpace(textAt(t, row, c)); s != "" {
			return s
		}
	}
	return ""
}

// where names a row for a message: "208 社会保障和就业支出".
func where(t *table.Table, row int) string {
	return strings.TrimSpace(rowCode(t, row) + " " + rowLabel(t, row))
}

// grandTotal is the row index of the table's grand total: 总计, else 合计,
// else the first total row; -1 when there is none.
func grandTotal(t *table.Table) int {
	first, heji := -1, -1
	for i, r := range t.Rows {
		if !r.Total {
			continue
		}
		l := squash(rowLabel(t, i))
		if strings.HasSuffix(l, "总计") {
			return i
		}
		if heji < 0 && strings.HasSuffix(l, "合计") {
			heji = i
		}
		if first < 0 {
			first = i
		}
	}
	if heji >= 0 {
		return heji
	}
	return first
}

func decimalCols(t *table.Table, only []string) []string {
	if only != nil {
		var cs []string
		for _, c := range only {
			if t.Col(c) >= 0 {
				cs = append(cs, c)
			}
		}
		return cs
	}
	var cs []string
	for _, c := range t.Columns {
		if c.Type == table.Decimal {
			cs = append(cs, c.Name)
		}
	}
	return cs
}

// places is how many decimals a figure is written with.
func places(d decimal.Decimal) int {
	if e := -int(d.Exponent()); e > 0 {
		return e
	}
	return 0
}

// scaleFor is the number of decimals to print a comparison with: the
// columns' declared scale and every figure's own.
func scaleFor(t *table.Table, cols []string, ds ...decimal.Decimal) int {
	s := 0
	for _, c := range cols {
		if i := t.Col(c); i >= 0 && t.Columns[i].Scale > s {
			s = t.Columns[i].Scale
		}
	}
	for _, d := range ds {
		if p := places(d); p > s {
			s = p
		}
	}
	return s
}

func fixed(d decimal.Decimal, scale int) string { return d.StringFixed(int32(scale)) }

// mismatch is one failed equation at one cell: the cell holds found (ok
// false: blank), the rule says it should hold expected.
type mismatch struct {
	t        *table.Table
	row      int // -1: the row is missing
	col      string
	code     string // used when row is -1
	label    string // the row's label when rowLabel would pick the wrong side
	found    decimal.Decimal
	ok       bool
	expected decimal.Decimal
	scale    int
}

func (c *checker) report(m Meta, x mismatch, msg string) {
	f := table.Finding{
		Severity: m.Severity,
		Rule:     m.ID,
		Document: c.doc.Source,
		Column:   x.col,
		Expected: fixed(x.expected, x.scale),
		Message:  msg,
	}
	if x.ok {
		f.Found = fixed(x.found, x.scale)
	}
	f.Difference = fixed(x.found.Sub(x.expected), x.scale)
	if x.t != nil {
		f.Table = x.t.ID
		f.Pages = x.t.Pages
		if x.row >= 0 {
			f.RowCode = rowCode(x.t, x.row)
			f.RowLabel = rowLabel(x.t, x.row)
			if x.label != "" {
				f.RowLabel = x.label
			}
			f.Line = x.t.Rows[x.row].Line
		} else {
			f.RowCode = x.code
		}
	}
	c.out = append(c.out, f)
}

func shown(d decimal.Decimal, ok bool, scale int) string {
	if !ok {
		return "(blank)"
	}
	return fixed(d, scale)
}

// ---- table rules ----

func (c *checker) rowSum(r RowSum) {
	for _, t := range tablesOf(c.doc, r.Kind) {
		parts := r.Parts
		if r.Components {
			if derived, ok := components(t, r.Result, r.Memo); ok {
				parts = derived
			} else if !hasHeader(t) && parts == nil {
				parts = afterCols(t, r.Result)
			}
			if len(parts) == 0 {
				continue
			}
		}
		cols := append([]string{r.Result}, parts...)
		if !hasCols(t, cols...) {
			continue
		}
		for i, row := range t.Rows {
			if r.SkipTotalRows && row.Total {
				continue
			}
			found, ok := cellAt(t, i, r.Result)
			want := sumCells(t, i, parts)
			if found.Equal(want) {
				continue
			}
			s := scaleFor(t, cols, found, want)
			c.reportSum(r.Meta, mismatch{t: t, row: i, col: r.Result, found: found, ok: ok, expected: want, scale: s}, written(t, i, parts),
				fmt.Sprintf("%s %s: %s %s ≠ %s %s", t.Kind, where(t, i), r.Result, shown(found, ok, s),
					strings.Join(parts, " + "), partsText(t, i, parts, s)))
		}
	}
}

// written counts the cells of row among cols that hold a number.
func written(t *table.Table, row int, cols []string) int {
	n := 0
	for _, c := range cols {
		if _, ok := cellAt(t, row, c); ok {
			n++
		}
	}
	return n
}

// writtenRows counts the rows whose cell in col holds a number.
func writtenRows(t *table.Table, rows []int, col string) int {
	n := 0
	for _, i := range rows {
		if _, ok := cellAt(t, i, col); ok {
			n++
		}
	}
	return n
}

// partsText spells a sum out: "16.19 + 260.00 = 276.19"; a blank counts 0.
func partsText(t *table.Table, row int, parts []string, scale int) string {
	var ps []string
	var nonblank int
	for _, p := range parts {
		d, ok := cellAt(t, row, p)
		if !ok {
			ps = append(ps, "blank")
			continue
		}
		nonblank++
		ps = append(ps, fixed(d, scale))
	}
	total := fixed(sumCells(t, row, parts), scale)
	if len(parts) > 4 && nonblank <= 1 {
		return total
	}
	return strings.Join(ps, " + ") + " = " + total
}

// codedRows maps each row index with a code to its code (spaces removed).
func codedRows(t *table.Table, codeCol string) map[int]string {
	m := map[int]string{}
	for i, r := range t.Rows {
		if r.Total {
			continue
		}
		if s := codeText(t, i, codeCol); s != "" {
			m[i] = s
		}
	}
	return m
}

// codeIndex finds the children of a code among a table's coded rows in
// time proportional to the code's descendants: the rows sorted by code,
// so that those under a prefix stand together, and each code's children
// found once. Scanning every row for every row made validation quadratic
// (a table of 100,000 rows: 285 s, and a 60 MB export never ended).
type codeIndex struct {
	codes  map[int]string
	sorted []int // coded rows by code, then by row
	memo   map[string][]int
}

func newCodeIndex(codes map[int]string) *codeIndex {
	x := &codeIndex{codes: codes, memo: map[string][]int{}}
	for i := range codes {
		x.sorted = append(x.sorted, i)
	}
	sort.Slice(x.sorted, func(a, b int) bool {
		ca, cb := codes[x.sorted[a]], codes[x.sorted[b]]
		if ca != cb {
			return ca < cb
		}
		return x.sorted[a] < x.sorted[b]
	})
	return x
}

// children of the row coded p: rows coded with prefix p at the next code
// length present below it, in row order.
func (x *codeIndex) children(p string) []int {
	if kids, ok := x.memo[p]; ok {
		return kids
	}
	lo := sort.Search(len(x.sorted), func(i int) bool { return x.codes[x.sorted[i]] >= p })
	hi, next := lo, 0
	for ; hi < len(x.sorted); hi++ {
		s := x.codes[x.sorted[hi]]
		if !strings.HasPrefix(s, p) {
			break
		}
		if len(s) > len(p) && (next == 0 || len(s) < next) {
			next = len(s)
		}
	}
	var kids []int
	for _, i := range x.sorted[lo:hi] {
		if len(x.codes[i]) == next {
			kids = append(kids, i)
		}
	}
	sort.Ints(kids)
	x.memo[p] = kids
	return kids
}

func sumRows(t *table.Table, rows []int, col string) decimal.Decimal {
	s := decimal.Zero
	for _, i := range rows {
		d, _ := cellAt(t, i, col)
		s = s.Add(d)
	}
	return s
}

func (c *checker) hierarchy(r CodeHierarchy) {
	for _, t := range tablesOf(c.doc, r.Kind) {
		if !hasCols(t, r.CodeCol) {
			continue
		}
		cols := decimalCols(t, r.Columns)
		for _, codes := range codeBlocks(codedRows(t, r.CodeCol)) {
			c.hierarchyBlock(r, t, cols, codes)
		}
	}
}

// hierarchyBlock checks one block of a table's code tree (codeBlocks).
func (c *checker) hierarchyBlock(r CodeHierarchy, t *table.Table, cols []string, codes map[int]string) {
	index := newCodeIndex(codes)
	for i := range t.Rows {
		p, ok := codes[i]
		if !ok {
			continue
		}
		kids := index.children(p)
		if len(kids) == 0 {
			continue
		}
		for _, col := range cols {
			found, fok := cellAt(t, i, col)
			want := sumRows(t, kids, col)
			if found.Equal(want) {
				continue
			}
			s := scaleFor(t, []string{col}, found, want)
			c.reportSum(r.Meta, mismatch{t: t, row: i, col: col, found: found, ok: fok, expected: want, scale: s}, writtenRows(t, kids, col),
				fmt.Sprintf("%s %s: %s %s ≠ %s, the sum of its %d-digit rows %s", t.Kind, where(t, i), col,
					shown(found, fok, s), fixed(want, s), len(codes[kids[0]]), codeList(codes, kids)))
		}
	}
}

func codeList(codes map[int]string, rows []int) string {
	var cs []string
	for _, i := range rows {
		cs = append(cs, codes[i])
	}
	if len(cs) > 6 {
		cs = append(cs[:5], "…", cs[len(cs)-1])
	}
	return strings.Join(cs, ", ")
}

// topRows are the rows a grand total adds up: the shortest codes when the
// table is coded, else every row that is not a total row.
func topRows(t *table.Table, codeCol string) []int {
	if codeCol != "" && t.Col(codeCol) >= 0 {
		codes := codedRows(t, codeCol)
		if len(codes) > 0 {
			min := 0
			for _, s := range codes {
				if min == 0 || len(s) < min {
					min = len(s)
				}
			}
			var rows []int
			for i, s := range codes {
				if len(s) == min {
					rows = append(rows, i)
				}
			}
			sort.Ints(rows)
			return rows
		}
	}
	var rows []int
	for i, r := range t.Rows {
		if !r.Total {
			rows = append(rows, i)
		}
	}
	return rows
}

func (c *checker) columnTotal(r ColumnTotal) {
	for _, t := range tablesOf(c.doc, r.Kind) {
		g := grandTotal(t)
		if g < 0 || (r.CodeCol != "" && t.Col(r.CodeCol) < 0) {
			continue
		}
		top := topRows(t, r.CodeCol)
		for _, col := range decimalCols(t, r.Columns) {
			found, ok := cellAt(t, g, col)
			want := sumRows(t, top, col)
			if found.Equal(want) {
				continue
			}
			s := scaleFor(t, []string{col}, found, want)
			c.reportSum(r.Meta, mismatch{t: t, row: g, col: col, found: found, ok: ok, expected: want, scale: s}, writtenRows(t, top, col),
				fmt.Sprintf("%s %s: %s %s ≠ %s, the sum of its %d top-level rows", t.Kind, rowLabel(t, g), col,
					shown(found, ok, s), fixed(want, s), len(top)))
		}
	}
}

// ---- two-sided tables ----

var (
	totalLabelRe = vocab.EndsInTotal
	head1Re      = regexp.MustCompile(`^[一二三四五六七八九十百]+[、.．]`)
	head2Re      = regexp.MustCompile(`^[（(][一二三四五六七八九十百]+[）)]`)
)

// stripNumbering removes 一、 or （一） and spaces from an item label.
func stripNumbering(s string) string {
	s = squash(s)
	s = head1Re.ReplaceAllString(s, "")
	return head2Re.ReplaceAllString(s, "")
}

// lastTotal is the last row whose label in itemCol is a 合计/总计.
func lastTotal(t *table.Table, itemCol string) int {
	last := -1
	for i := range t.Rows {
		if totalLabelRe.MatchString(squash(textAt(t, i, itemCol))) {
			last = i
		}
	}
	return last
}

func (c *checker) balance(r Balance) {
	for _, t := range tablesOf(c.doc, r.Kind) {
		r := r
		if t.Col(r.ExpenseCol) < 0 && r.AltExpenseCol != "" {
			r.ExpenseCol = r.AltExpenseCol
		}
		if !hasCols(t, r.IncomeItem, r.IncomeCol, r.ExpenseItem, r.ExpenseCol) {
			continue
		}
		in, ex := lastTotal(t, r.IncomeItem), lastTotal(t, r.ExpenseItem)
		if in < 0 || ex < 0 {
			continue
		}
		want, _ := cellAt(t, in, r.IncomeCol)
		found, ok := cellAt(t, ex, r.ExpenseCol)
		if found.Equal(want) {
			continue
		}
		s := scaleFor(t, []string{r.IncomeCol, r.ExpenseCol}, found, want)
		c.report(r.Meta, mismatch{t: t, row: ex, col: r.ExpenseCol, found: found, ok: ok, expected: want, scale: s, label: strings.TrimSpace(textAt(t, ex, r.ExpenseItem))},
			fmt.Sprintf("%s: %s %s ≠ %s %s", t.Kind, textAt(t, ex, r.ExpenseItem), shown(found, ok, s),
				textAt(t, in, r.IncomeItem), fixed(want, s)))
	}
}
