package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/table"
)

// figure is a resolved Ref: the table, the row (-1 when a selected code
// has no row, or for a sum), the value and whether it was written.
type figure struct {
	t     *table.Table
	row   int
	code  string
	val   decimal.Decimal
	ok    bool
	text  string
	label string // the row's label in the Ref's label column, if it has one
}

// resolve finds a Ref in the document. applies is false when the table,
// a column or a total/label row is missing: the rule then says nothing.
func resolve(doc *table.Document, r Ref) (f figure, applies bool) {
	t := firstOf(doc, r.Kind)
	if t == nil || t.Col(r.Column) < 0 {
		return f, false
	}
	f = figure{t: t, row: -1}
	switch {
	case r.Row.Sum:
		for i, row := range t.Rows {
			if !row.Total {
				d, ok := cellAt(t, i, r.Column)
				f.val = f.val.Add(d)
				f.ok = f.ok || ok
			}
		}
		return f, true
	case r.Row.Total:
		f.row = grandTotal(t)
	case r.Row.Code != "":
		if t.Col(r.CodeCol) < 0 {
			return f, false
		}
		f.code = r.Row.Code
		for i := range t.Rows {
			if squash(textAt(t, i, r.CodeCol)) == r.Row.Code {
				f.row = i
				break
			}
		}
		if f.row < 0 {
			return f, true // no such row: blank
		}
	case r.Row.Label != "":
		if t.Col(r.LabelCol) < 0 {
			return f, false
		}
		re := regexp.MustCompile(r.Row.Label)
		for i := range t.Rows {
			if re.MatchString(squash(textAt(t, i, r.LabelCol))) {
				f.row = i
				if !r.Row.Last {
					break
				}
			}
		}
	}
	if f.row < 0 {
		return f, false
	}
	f.val, f.ok = cellAt(t, f.row, r.Column)
	f.text = squash(textAt(t, f.row, r.Column))
	if r.LabelCol != "" {
		f.label = strings.TrimSpace(textAt(t, f.row, r.LabelCol))
	}
	return f, true
}

// textPlaces is the number of decimals a number is written with ("50.00": 2).
func textPlaces(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

func (c *checker) crossTotal(r CrossTotal) {
	for _, p := range r.When {
		t := firstOf(c.doc, p.Kind)
		if t == nil || (t.Col(p.Column) >= 0) == p.Absent {
			return
		}
	}
	for _, z := range r.OnlyIfZero {
		f, ok := resolve(c.doc, z)
		if !ok || !f.val.IsZero() {
			return
		}
	}
	got, ok1 := resolve(c.doc, r.Found)
	want, ok2 := resolve(c.doc, r.Expected)
	if !ok1 || !ok2 {
		return
	}
	exp := want.val
	if r.AtFoundPrecision && got.ok {
		exp = exp.Round(int32(textPlaces(got.text)))
	}
	if got.val.Equal(exp) {
		return
	}
	s := scaleFor(got.t, []string{r.Found.Column}, got.val, want.val)
	s = max(s, scaleFor(want.t, []string{r.Expected.Column}))
	c.report(r.Meta, mismatch{t: got.t, row: got.row, col: r.Found.Column, code: got.code, label: got.label,
		found: got.val, ok: got.ok, expected: want.val, scale: s},
		fmt.Sprintf("%s %s %s %s ≠ %s %s %s %s", got.t.Kind, figName(got), r.Found.Column, shown(got.val, got.ok, s),
			want.t.Kind, figName(want), r.Expected.Column, shown(want.val, want.ok, s)))
}

func figName(f figure) string {
	switch {
	case f.label != "":
		return f.label
	case f.row >= 0:
		return where(f.t, f.row)
	case f.code != "":
		return f.code + " (no row)"
	}
	return "Σ rows"
}

const totalKey = "(total)"

// rowsByCode maps codes to rows; the grand total row is totalKey. The
// codes are returned in table order.
func rowsByCode(t *table.Table, codeCol string) (map[string]int, []string) {
	m := map[string]int{}
	var order []string
	if g := grandTotal(t); g >= 0 {
		m[totalKey] = g
		order = append(order, totalKey)
	}
	for i, r := range t.Rows {
		s := codeText(t, i, codeCol)
		if r.Total || s == "" {
			continue
		}
		if _, dup := m[s]; !dup {
			m[s] = i
			order = append(order, s)
		}
	}
	return m, order
}

// finalAccounts reports whether the document is a 决算 (final accounts):
// its title, or the title of one of its tables, says so.
func finalAccounts(doc *table.Document) bool {
	if strings.Contains(doc.Title, "决算") {
		return true
	}
	for _, t := range doc.Tables {
		if t != nil && strings.Contains(t.Title, "决算") {
			return true
		}
	}
	return false
}

func (c *checker) codeMatch(r CodeMatch) {
	if r.BudgetOnly && finalAccounts(c.doc) {
		return
	}
	a, b := firstOf(c.doc, r.Kind), firstOf(c.doc, r.OtherKind)
	if a == nil || b == nil || !hasCols(a, r.Column, r.CodeCol) || !hasCols(b, r.OtherColumn, r.OtherCodeCol) {
		return
	}
	am, aorder := rowsByCode(a, r.CodeCol)
	bm, border := rowsByCode(b, r.OtherCodeCol)
	for _, code := range border {
		if _, ok := am[code]; !ok {
			aorder = append(aorder, code)
		}
	}
	for _, code := range aorder {
		ai, aok := am[code]
		bi, bok := bm[code]
		if code == totalKey && !(aok && bok) {
			continue // a table without a total row: nothing to pair
		}
		found, fok := decimal.Zero, false
		if aok {
			found, fok = cellAt(a, ai, r.Column)
		} else {
			ai = -1
		}
		want := decimal.Zero
		if bok {
			want, _ = cellAt(b, bi, r.OtherColumn)
		}
		if found.Equal(want) {
			continue
		}
		s := max(scaleFor(a, []string{r.Column}, found, want), scaleFor(b, []string{r.OtherColumn}))
		name := code
		if ai >= 0 {
			name = where(a, ai)
		} else if bok {
			name = where(b, bi) + " (no row in " + a.ID + ")"
		}
		c.report(r.Meta, mismatch{t: a, row: ai, col: r.Column, code: code, found: found, ok: fok, expected: want, scale: s},
			fmt.Sprintf("%s %s: %s %s ≠ %s %s %s", a.Kind, name, r.Column, shown(found, fok, s), b.Kind, r.OtherColumn, fixed(want, s)))
	}
}

func (c *checker) classMatch(r ClassMatch) {
	t, ct := firstOf(c.doc, r.Kind), firstOf(c.doc, r.Coded)
	if t == nil || ct == nil || !hasCols(t, r.ItemCol, r.Column) || !hasCols(ct, r.NameCol, r.CodeCol, r.CodedColumn) {
		return
	}
	byName := map[string]int{}
	for _, i := range topRows(ct, r.CodeCol) {
		byName[squash(textAt(ct, i, r.NameCol))] = i
	}
	for i := range t.Rows {
		name := stripNumbering(textAt(t, i, r.ItemCol))
		j, ok := byName[name]
		if name == "" || !ok {
			continue
		}
		found, fok := cellAt(t, i, r.Column)
		want, _ := cellAt(ct, j, r.CodedColumn)
		if found.Equal(want) {
			continue
		}
		s := max(scaleFor(t, []string{r.Column}, found, want), scaleFor(ct, []string{r.CodedColumn}))
		c.report(r.Meta, mismatch{t: t, row: i, col: r.Column, found: found, ok: fok, expected: want, scale: s, label: strings.TrimSpace(textAt(t, i, r.ItemCol))},
			fmt.Sprintf("%s %s: %s %s ≠ %s %s %s", t.Kind, strings.TrimSpace(textAt(t, i, r.ItemCol)), r.Column,
				shown(found, fok, s), ct.Kind, where(ct, j), fixed(want, s)))
	}
}

// formRow finds the row of a key–value form whose field is key.
func formRow(t *table.Table, key string) int {
	for i := range t.Rows {
		if squash(textAt(t, i, "field")) == key {
			return i
		}
	}
	return -1
}

func (c *checker) formSum(r FormSum) {
	for _, t := range tablesOf(c.doc, r.Kind) {
		if !hasCols(t, "field", "value") {
			continue
		}
		ri := formRow(t, r.Result)
		if ri < 0 {
			continue
		}
		found, ok := cellAt(t, ri, "value")
		if !ok {
			continue // blank or not a number: nothing to add up to
		}
		want := decimal.Zero
		var ps []string
		present := false
		for _, p := range r.Parts {
			pi := formRow(t, p)
			present = present || pi >= 0
			d, _ := cellAt(t, pi, "value")
			want = want.Add(d)
			ps = append(ps, p)
		}
		if !present {
			continue // a form of another template (当年预算 = 市级支出 + 补助区县): no parts to add up
		}
		if found.Equal(want) {
			continue
		}
		s := scaleFor(t, nil, found, want)
		c.report(r.Meta, mismatch{t: t, row: ri, col: "value", found: found, ok: ok, expected: want, scale: s},
			fmt.Sprintf("%s %s: %s %s ≠ %s %s", t.Kind, t.ID, r.Result, fixed(found, s), strings.Join(ps, " + "), fixed(want, s)))
	}
}

// projectCodeRe splits "50015225T000004994630-网络安全协调指挥平台建设".
var projectCodeRe = regexp.MustCompile(`^([0-9A-Za-z]{8,})[-－—]+(.*)$`)

// splitProject returns the project code and name of a label that may carry
// the code in front; spaces inside the code are dropped.
func splitProject(s string) (code, name string) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "-－—"); i > 0 {
		if m := projectCodeRe.FindStringSubmatch(squash(s[:i]) + s[i:]); m != nil {
			return m[1], strings.TrimSpace(strings.TrimLeft(m[2], "-－—"))
		}
	}
	return "", s
}

// projectKey is a project row's code and squashed name.
func projectKey(t *table.Table, row int, codeCol, nameCol string) (code, name string) {
	code, name = splitProject(textAt(t, row, nameCol))
	if c := squash(textAt(t, row, codeCol)); c != "" {
		code = c
	}
	return code, squash(name)
}

// findProject matches a project by code, else by name: equal, else the one
// row whose name contains the other or is contained in it.
func findProject(t *table.Table, codeCol, nameCol, code, name string) int {
	name = squash(name)
	var byName, partial []int
	for i, r := range t.Rows {
		if r.Total {
			continue
		}
		c, n := projectKey(t, i, codeCol, nameCol)
		if code != "" && c == code {
			return i
		}
		if n == "" || name == "" {
			continue
		}
		if n == name {
			byName = append(byName, i)
		} else if strings.Contains(n, name) || strings.Contains(name, n) {
			partial = append(partial, i)
		}
	}
	if len(byName) == 1 {
		return byName[0]
	}
	if len(byName) == 0 && len(partial) == 1 {
		return partial[0]
	}
	return -1
}

func (c *checker) projectForm(r ProjectForm) {
	pt := firstOf(c.doc, r.Kind)
	if pt == nil || !hasCols(pt, r.Column) || (pt.Col(r.CodeCol) < 0 && pt.Col(r.NameCol) < 0) {
		return
	}
	for _, t := range tablesOf(c.doc, r.FormKind) {
		if !hasCols(t, "field", "value") {
			continue
		}
		ni, ai := formRow(t, r.NameField), formRow(t, r.AmountField)
		if ni < 0 || ai < 0 {
			continue
		}
		label := textAt(t, ni, "value")
		code, name := splitProject(label)
		found, ok := cellAt(t, ai, "value")
		if !ok {
			continue
		}
		pi := findProject(pt, r.CodeCol, r.NameCol, code, name)
		if pi < 0 {
			c.out = append(c.out, table.Finding{Severity: table.Warning, Rule: r.ID, Document: c.doc.Source,
				Table: t.ID, RowLabel: label, Line: t.Rows[ni].Line, Column: "value", Pages: t.Pages,
				Message: fmt.Sprintf("%s %s names project %q, which %s (%s) does not list", t.Kind, t.ID, label, pt.Kind, pt.ID)})
			continue
		}
		want, _ := cellAt(pt, pi, r.Column)
		if found.Equal(want.Round(int32(textPlaces(squash(textAt(t, ai, "value")))))) {
			continue
		}
		s := max(scaleFor(t, nil, found), scaleFor(pt, []string{r.Column}, want))
		c.report(r.Meta, mismatch{t: t, row: ai, col: "value", found: found, ok: ok, expected: want, scale: s},
			fmt.Sprintf("%s %s: %s of %s is %s, %s %s has %s %s", t.Kind, t.ID, r.AmountField, label,
				squash(textAt(t, ai, "value")), pt.Kind, where(pt, pi), r.Column, fixed(want, s)))
	}
}

// pairedForm is the form table of an indicators table: same ID, "form"
// for "indicators".
func pairedForm(doc *table.Document, t *table.Table, kind string) *table.Table {
	id := strings.Replace(t.ID, "indicators", "form", 1)
	for _, f := range tablesOf(doc, kind) {
		if f.ID == id {
			return f
		}
	}
	return nil
}

func (c *checker) weightSum(r WeightSum) {
	for _, t := range tablesOf(c.doc, r.Kind) {
		if t.Col(r.WeightCol) < 0 || len(t.Rows) == 0 {
			continue
		}
		sum, any := decimal.Zero, false
		for i := range t.Rows {
			d, ok := cellAt(t, i, r.WeightCol)
			sum, any = sum.Add(d), any || ok
		}
		if !any {
			continue
		}
		what := "indicator weights"
		if f := pairedForm(c.doc, t, r.FormKind); f != nil && hasCols(f, "field", "value") {
			if d, ok := cellAt(f, formRow(f, r.FormField), "value"); ok {
				sum = sum.Add(d)
				what += " + " + r.FormField + " " + d.String()
			}
		}
		want := decimal.NewFromInt(r.Total)
		if sum.Equal(want) {
			continue
		}
		c.report(r.Meta, mismatch{t: t, row: -1, col: r.WeightCol, found: sum, ok: true, expected: want, scale: places(sum)},
			fmt.Sprintf("%s %s: %s = %s, not %d", t.Kind, t.ID, what, sum.String(), r.Total))
	}
}
