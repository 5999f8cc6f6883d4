package coverage

import (
	"fmt"
	"strings"

	"github.com/yusuan-data/yusuan/normalize"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/vocab"
	"github.com/yusuan-data/yusuan/zh"
)

// shapes checks each table against what a table of its kind looks like.
func (c *checker) shapes() {
	for _, t := range c.doc.Tables {
		c.empty(t)
		c.amountColumns(t)
		c.grandTotals(t)
		c.codeRestart(t)
		c.vocabulary(t)
		c.codes(t)
		c.labels(t)
		c.formLabels(t)
		c.splitRows(t)
		c.indicatorTails(t)
		c.indicatorGaps(t)
		c.siblings(t)
	}
}

// empty reports a table with no rows: a table whose body was lost, unless
// its pages say there is nothing to show (本部门无政府性基金预算).
func (c *checker) empty(t *table.Table) {
	if len(t.Rows) > 0 {
		return
	}
	f := table.Finding{Severity: table.Error, Rule: "table.empty", Table: t.ID, Pages: t.Pages,
		Message: fmt.Sprintf("%s %q came out with no rows", t.ID, t.Title)}
	lost := false
	for _, p := range t.Pages {
		lost = lost || c.lostOn[p]
	}
	switch {
	case lost:
		f.Message += ", and amounts on its pages landed in no cell: its rows were lost"
	case c.saysEmpty(t):
		f.Severity = table.Warning
		f.Message += "; its page says it has nothing to show"
	default:
		// A header printed over no rows (a fund the department does not
		// have): nothing on the page is lost, but say so.
		f.Severity = table.Warning
		f.Message += "; its pages print a header and no amounts"
	}
	c.add(f)
}

func (c *checker) saysEmpty(t *table.Table) bool {
	for _, pg := range c.ld.Pages {
		if !hasPage(t.Pages, pg.Number) {
			continue
		}
		for _, l := range pg.Lines {
			if statedEmptyRe.MatchString(zh.Squash(l.Text())) {
				return true
			}
		}
	}
	return false
}

// amountColumns reports amounts kept as text and tables of an amount kind
// with no amount column: either way a warehouse would get no numbers.
func (c *checker) amountColumns(t *table.Table) {
	decimals := 0
	for j, col := range t.Columns {
		if col.Type == table.Decimal {
			decimals++
			continue
		}
		if normalize.IsStringColumn(col.Name) || normalize.IsCodeLabel(col.Label) || !amountKinds[t.Kind] {
			continue // text by nature; indicator targets (≥95%, 3个) are text
		}
		num, other := 0, 0
		example := ""
		for _, r := range t.Rows {
			v := r.Cells[j].Text
			if v == "" {
				continue
			}
			if _, _, ok := normalize.ParseAmount(v); ok {
				num++
			} else {
				other++
				if example == "" {
					example = v
				}
			}
		}
		if num >= 2 && num >= other {
			c.add(table.Finding{Severity: table.Error, Rule: "table.amount_as_text", Table: t.ID, Column: col.Name, Pages: t.Pages, Found: example,
				Message: fmt.Sprintf("%s column %s (%s) holds %d amounts but is written as text because of %d other cells such as %q: its header or its cells were read wrong", t.ID, col.Name, col.Label, num, other, example)})
		}
	}
	if decimals == 0 && amountKinds[t.Kind] && len(t.Rows) > 0 {
		c.add(table.Finding{Severity: table.Error, Rule: "table.header_mismatch", Table: t.ID, Pages: t.Pages,
			Message: fmt.Sprintf("%s is a %s table but has no amount column (header %s)", t.ID, t.Kind, headerText(t))})
	}
	for j, col := range t.Columns {
		if col.Type == table.Decimal && strings.Trim(col.Label, "/ ") == "" && filled(t, j) > 0 {
			c.add(table.Finding{Severity: table.Error, Rule: "table.header_mismatch", Table: t.ID, Column: col.Name, Pages: t.Pages,
				Message: fmt.Sprintf("%s column %s holds %d amounts under no header label: the columns are likely shifted", t.ID, col.Name, filled(t, j))})
		}
	}
}

func filled(t *table.Table, j int) int {
	n := 0
	for _, r := range t.Rows {
		if r.Cells[j].Text != "" {
			n++
		}
	}
	return n
}

func headerText(t *table.Table) string {
	var labels []string
	for _, col := range t.Columns {
		labels = append(labels, col.Label)
	}
	return strings.Join(labels, " | ")
}

// label is the text of a row's first text cell that is not a code.
func label(t *table.Table, r table.Row) string {
	for j, col := range t.Columns {
		if col.Type == table.String && !strings.HasSuffix(col.Name, "_code") && col.Name != "seq" && r.Cells[j].Text != "" {
			return zh.Squash(r.Cells[j].Text)
		}
	}
	return ""
}

// grandTotals reports a second 合计/总计 row: a table printed with one
// grand total that shows two holds two tables.
func (c *checker) grandTotals(t *table.Table) {
	var at []int
	for i, r := range t.Rows {
		if vocab.GrandTotal.MatchString(label(t, r)) {
			at = append(at, i)
		}
	}
	if len(at) < 2 {
		return
	}
	r := t.Rows[at[1]]
	c.add(table.Finding{Severity: table.Warning, Rule: "table.merged", Table: t.ID, Line: r.Line, Pages: []int{r.Page},
		Found:   label(t, r),
		Message: fmt.Sprintf("%s has %d grand total rows (%s); the second on page %d line %d: two tables may have been read as one", t.ID, len(at), label(t, r), r.Page, r.Line)})
}

// codeRestart reports a subject-code tree that starts again inside one
// table (201 … 208, then 201 again), unless each restart follows a row
// that heads a block (a unit's name with no code: one block per unit).
func (c *checker) codeRestart(t *table.Table) {
	j := t.Col("subject_code")
	if j < 0 {
		return
	}
	seen := map[string]bool{}
	last := ""
	for i, r := range t.Rows {
		code := r.Cells[j].Text
		if len(code) < 3 || code[0] < '0' || code[0] > '9' {
			if code == "" && !r.Total && label(t, r) != "" && i > 0 {
				seen, last = map[string]bool{}, "" // a block heading: a new tree may start
			}
			continue
		}
		class := code[:3]
		if class != last && seen[class] {
			c.add(table.Finding{Severity: table.Warning, Rule: "table.merged", Table: t.ID, Line: r.Line, Pages: []int{r.Page},
				RowCode: code, Found: code,
				Message: fmt.Sprintf("%s: the code tree starts again at %s (page %d line %d) after %s: two tables may have been read as one", t.ID, code, r.Page, r.Line, last)})
			return
		}
		seen[class], last = true, class
	}
}

// vocabulary reports columns of a table of a known amount kind whose
// header the kind's vocabulary does not know (a name made from the
// label's pinyin) or that repeats another's name (total_2 where the kind
// has one total): the signs of a header read wrong, as when two header
// rows at half-line offsets were merged or a wrapped label was cut.
func (c *checker) vocabulary(t *table.Table) {
	if t.Kind == "other" || t.Kind == "" {
		return // a table of no standard kind has no vocabulary to hold it to
	}
	var odd []string
	for _, col := range t.Columns {
		base := suffixRe.ReplaceAllString(col.Name, "")
		leaf := col.Label
		if i := strings.LastIndex(leaf, "/"); i >= 0 {
			leaf = leaf[i+1:]
		}
		switch {
		case amountKinds[t.Kind] && hasHan(leaf) && base == normalize.Slug(leaf):
			odd = append(odd, fmt.Sprintf("%s (%s: not a label of %s)", col.Name, col.Label, t.Kind))
		case base != col.Name && filled(t, t.Col(col.Name)) > 0:
			odd = append(odd, fmt.Sprintf("%s (%s: a second %s)", col.Name, col.Label, base))
		}
	}
	if len(odd) == 0 {
		return
	}
	c.add(table.Finding{Severity: table.Warning, Rule: "table.header_mismatch", Table: t.ID, Pages: t.Pages,
		Found:   strings.Join(odd, "; "),
		Message: fmt.Sprintf("%s: columns its kind does not have: %s; the header may have been read wrong", t.ID, strings.Join(odd, "; "))})
}

// codes reports subject codes of a length no classification has: the
// functional (201, 20101, 2010101) and economic (301, 30101) codes have
// 3, 5 or 7 digits; a code cut by a column border (201379 | 9) has not.
func (c *checker) codes(t *table.Table) {
	for _, name := range []string{"subject_code", "econ_code", "gov_econ_code"} {
		j := t.Col(name)
		if j < 0 {
			continue
		}
		for _, r := range t.Rows {
			code := r.Cells[j].Text
			if code == "" || !allDigits(code) {
				continue
			}
			if n := len(code); !vocab.SubjectCode.MatchString(code) {
				c.add(table.Finding{Severity: table.Warning, Rule: "table.bad_code", Table: t.ID, Column: name,
					RowCode: code, Line: r.Line, Pages: []int{r.Page}, Found: code,
					Message: fmt.Sprintf("%s: %s %q on page %d line %d has %d digits; classification codes have 3, 5 or 7: a code cut or joined by a column border", t.ID, name, code, r.Page, r.Line, n)})
				break
			}
		}
	}
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// labels reports rows of an amount table that have amounts but no label
// (no code, no name): the amounts of a row whose label was read into
// another row, as when a wrapped cell pushed the labels of a table one
// row down.
func (c *checker) labels(t *table.Table) {
	if !amountKinds[t.Kind] {
		return
	}
	labelled := 0
	for _, r := range t.Rows {
		if label(t, r) != "" {
			labelled++
		}
	}
	if labelled < 2 {
		return // a table of one amount row (三公 by item) has no labels to lose
	}
	for i, r := range t.Rows {
		if r.Total || i == 0 {
			continue // the first row is often an unlabelled 合计
		}
		hasAmount, hasText := false, false
		for j, col := range t.Columns {
			if r.Cells[j].Text == "" {
				continue
			}
			if col.Type == table.Decimal {
				hasAmount = true
			} else if col.Name != "seq" {
				hasText = true
			}
		}
		if hasAmount && !hasText {
			c.add(table.Finding{Severity: table.Error, Rule: "table.row_without_label", Table: t.ID, Line: r.Line, Pages: []int{r.Page},
				Message: fmt.Sprintf("%s: the row on page %d line %d has amounts and no code or name: its label was read into another row", t.ID, r.Page, r.Line)})
			return
		}
	}
}

// formLabels reports a key–value form (项目绩效目标表, 部门整体绩效目标表)
// whose field labels read like values: a sentence or a long text in the
// label column means the values slid against their labels, and a label no
// form knows with no value is a piece of a wrapped value read as a field.
func (c *checker) formLabels(t *table.Table) {
	if !strings.HasSuffix(t.Kind, "_form") {
		return
	}
	j := t.Col("label")
	if j < 0 {
		return
	}
	jf, jv := t.Col("field"), t.Col("value")
	for _, r := range t.Rows {
		l := r.Cells[j].Text
		unknownEmpty := jf >= 0 && jv >= 0 && r.Cells[jv].Text == "" && hasHan(l) && r.Cells[jf].Text == normalize.Slug(l) && !formLabelEndRe.MatchString(l)
		if normalize.IsProse(l) || len([]rune(l)) > formLabelRunes || unknownEmpty {
			c.add(table.Finding{Severity: table.Warning, Rule: "table.form_shape", Table: t.ID, Line: r.Line, Pages: []int{r.Page},
				Found:   clip(l, 40),
				Message: fmt.Sprintf("%s: the field label %q on page %d line %d reads like a value: the form's values may have slid against their labels", t.ID, clip(l, 40), r.Page, r.Line)})
			return
		}
	}
}

// formLabelRunes is the longest field label a form prints (项目资金（万元）
// 其中：上级补助 and the like stay well under it).
const formLabelRunes = 24

// splitRows reports a row whose code has no name beside it in a table that
// names its codes: the name was read into a row of its own (a wrapped name
// cell cut into two rows), which leaves a row of a code and amounts and a
// row of a name alone.
func (c *checker) splitRows(t *table.Table) {
	if !amountKinds[t.Kind] {
		return
	}
	for _, pair := range [][2]string{{"subject_code", "subject_name"}, {"dept_code", "dept_name"}, {"unit_code", "unit_name"}, {"econ_code", "econ_name"}} {
		jc, jn := t.Col(pair[0]), t.Col(pair[1])
		if jc < 0 || jn < 0 {
			continue
		}
		named, alone := 0, 0
		for _, r := range t.Rows {
			switch {
			case r.Cells[jc].Text != "" && r.Cells[jn].Text != "":
				named++
			case r.Cells[jc].Text == "" && r.Cells[jn].Text != "" && !r.Total && !hasAmount(t, r):
				alone++ // a name on a row of its own
			}
		}
		for _, r := range t.Rows {
			if !allDigits(r.Cells[jc].Text) || r.Cells[jn].Text != "" || r.Total || named+alone == 0 {
				continue
			}
			c.add(table.Finding{Severity: table.Warning, Rule: "table.split_row", Table: t.ID, Column: pair[1], RowCode: r.Cells[jc].Text,
				Line: r.Line, Pages: []int{r.Page},
				Message: fmt.Sprintf("%s: %s %s on page %d line %d has no %s, which other rows have: a row may have been cut in two", t.ID, pair[0], r.Cells[jc].Text, r.Page, r.Line, pair[1])})
			break
		}
	}
}

func hasAmount(t *table.Table, r table.Row) bool {
	for j, col := range t.Columns {
		if col.Type == table.Decimal && r.Cells[j].Text != "" {
			return true
		}
	}
	return false
}

// indicatorTails reports a row of an indicator grid that holds nothing but
// the text of one cell that is empty in the row above: the tail of a
// wrapped indicator (三级指标, 指标值) read as a row of its own. A merged
// 一级/二级指标 spanning rows is not one.
func (c *checker) indicatorTails(t *table.Table) {
	if !strings.HasSuffix(t.Kind, "_indicators") {
		return
	}
	for i := 1; i < len(t.Rows); i++ {
		r, above := t.Rows[i], t.Rows[i-1]
		only := -1
		n := 0
		for j, v := range r.Cells {
			if v.Text != "" {
				only, n = j, n+1
			}
		}
		if n != 1 || strings.HasPrefix(t.Columns[only].Name, "level1") || strings.HasPrefix(t.Columns[only].Name, "level2") {
			continue
		}
		if above.Cells[only].Text != "" || filledCells(above) < 3 {
			continue
		}
		c.add(table.Finding{Severity: table.Warning, Rule: "table.split_row", Table: t.ID, Column: t.Columns[only].Name,
			Line: r.Line, Pages: []int{r.Page}, Found: clip(r.Cells[only].Text, 40),
			Message: fmt.Sprintf("%s: the row on page %d line %d holds only %q, whose cell is empty in the row above: a wrapped cell read as a row of its own", t.ID, r.Page, r.Line, clip(r.Cells[only].Text, 40))})
		return
	}
}

func filledCells(r table.Row) int {
	n := 0
	for _, v := range r.Cells {
		if v.Text != "" {
			n++
		}
	}
	return n
}

// indicatorGaps reports a row of an indicator grid that lacks two or more
// cells its columns have in (nearly) every other row: one indicator cut
// into two rows, or a row whose label cells went to the row above.
func (c *checker) indicatorGaps(t *table.Table) {
	if !strings.HasSuffix(t.Kind, "_indicators") || len(t.Rows) < 4 {
		return
	}
	filled := make([]int, len(t.Columns))
	for _, r := range t.Rows {
		for j, v := range r.Cells {
			if v.Text != "" {
				filled[j]++
			}
		}
	}
	for _, r := range t.Rows {
		var gaps []string
		for j, v := range r.Cells {
			others := len(t.Rows) - 1
			if v.Text == "" && float64(filled[j]) >= denseShare*float64(others) {
				gaps = append(gaps, t.Columns[j].Name)
			}
		}
		if len(gaps) >= 2 {
			c.add(table.Finding{Severity: table.Warning, Rule: "table.split_row", Table: t.ID, Line: r.Line, Pages: []int{r.Page},
				Found:   strings.Join(gaps, ", "),
				Message: fmt.Sprintf("%s: the row on page %d line %d lacks %s, which the other rows have: an indicator cut into two rows", t.ID, r.Page, r.Line, strings.Join(gaps, ", "))})
			return
		}
	}
}

// denseShare is the share of the other rows that must fill a column for
// its empty cell in one row to count as a gap.
const denseShare = 0.9

// siblings reports a column whose name joins two categories that a kind
// prints side by side (三公: 因公出国（境）费, 公务用车, 公务接待费): a header
// label read over its siblings instead of beside them, so its name was
// made a parent of theirs.
func (c *checker) siblings(t *table.Table) {
	cats := siblingCategories[t.Kind]
	for _, col := range t.Columns {
		var in []string
		for _, cat := range cats {
			if strings.Contains(col.Name, cat) {
				in = append(in, cat)
			}
		}
		if len(in) >= 2 {
			c.add(table.Finding{Severity: table.Warning, Rule: "table.header_mismatch", Table: t.ID, Column: col.Name, Pages: t.Pages,
				Found:   col.Label,
				Message: fmt.Sprintf("%s column %s (%s) joins %s, which a %s table prints side by side: a header label was read over its neighbours", t.ID, col.Name, col.Label, strings.Join(in, " and "), t.Kind)})
			return
		}
	}
}
