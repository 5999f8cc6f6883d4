package validate

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/table"
)

// The narrative is searched with all whitespace removed (a number and its
// 万元 are often split over lines), as one string with each section's
// bounds kept so that a rule reads only its own section.

type prose struct {
	all    string
	starts []int // start offset of each section's heading in all
	heads  []string
}

const sectionMark = "¶"

func readProse(doc *table.Document) prose {
	var b strings.Builder
	p := prose{}
	for _, s := range doc.Narrative {
		p.starts = append(p.starts, b.Len())
		p.heads = append(p.heads, strings.TrimSpace(s.Heading))
		b.WriteString(squash(s.Heading) + sectionMark + squash(s.Text) + sectionMark)
	}
	p.all = b.String()
	return p
}

var topHeadRe = regexp.MustCompile(`^[一二三四五六七八九十]+、`)

// scope is the span of the first section whose heading contains key, up
// to the next top-level heading (一、 … 六、); ok false when none does.
func (p prose) scope(key string) (start, end int, head string, ok bool) {
	for i, h := range p.heads {
		if !strings.Contains(squash(h), key) {
			continue
		}
		end = len(p.all)
		for j := i + 1; j < len(p.heads); j++ {
			if topHeadRe.MatchString(p.heads[j]) {
				end = p.starts[j]
				break
			}
		}
		return p.starts[i], end, h, true
	}
	return 0, 0, "", false
}

// numTok is a number as written before its unit; wellFormed tells a number
// from a slip like 00 or 1..5.
const numTok = `([0-9][0-9.,]*)(万元|元)`

var (
	wellFormedRe = regexp.MustCompile(`^(0|[1-9][0-9]*|[1-9][0-9]{0,2}(,[0-9]{3})+)(\.[0-9]+)?$`)
	anyNumRe     = regexp.MustCompile(numTok)
	changeRe     = regexp.MustCompile(`^[，,]?(?:与|比|较)(?:\d{4}年|去年|上年)(?:相比)?[，,]?(增加|增长|减少|下降|降低|无增减|持平|不变|未变化)(?:` + numTok + `)?`)
)

// stated is one number of the narrative.
type stated struct {
	text  string          // as written: "1.4", "00"
	val   decimal.Decimal // in 万元
	ok    bool            // well formed
	pos   int             // offset in prose.all
	label string
	// the change from last year stated right after it, if any
	change    decimal.Decimal
	changeTxt string // 增加36.64
	changeTok string // 36.64, as written
	hasChange bool
}

func parseNum(tok, unit string) (decimal.Decimal, bool) {
	if !wellFormedRe.MatchString(tok) {
		return decimal.Zero, false
	}
	d, err := decimal.NewFromString(strings.ReplaceAll(tok, ",", ""))
	if err != nil {
		return decimal.Zero, false
	}
	if unit == "元" {
		d = d.Shift(-4)
	}
	return d, true
}

// find reads the first "label N 万元" in [start,end), with the change after it.
func (p prose) find(start, end int, label string) (stated, bool) {
	re := regexp.MustCompile(`(` + label + `)[：:]?` + numTok)
	m := re.FindStringSubmatchIndex(p.all[start:end])
	if m == nil {
		return stated{}, false
	}
	n := len(m)
	tok, unit := p.all[start+m[n-4]:start+m[n-3]], p.all[start+m[n-2]:start+m[n-1]]
	s := stated{text: tok, pos: start + m[n-4], label: p.all[start+m[2] : start+m[3]]}
	s.val, s.ok = parseNum(tok, unit)
	s.readChange(p.all[start+m[1] : end])
	return s, true
}

func (s *stated) readChange(after string) {
	c := changeRe.FindStringSubmatch(after)
	if c == nil {
		return
	}
	switch c[1] {
	case "无增减", "持平", "不变", "未变化":
		s.hasChange, s.changeTxt, s.changeTok = true, c[1], "0"
		return
	}
	if c[2] == "" {
		return
	}
	d, ok := parseNum(c[2], c[3])
	if !ok {
		return
	}
	if c[1] == "减少" || c[1] == "下降" || c[1] == "降低" {
		d = d.Neg()
	}
	s.hasChange, s.change, s.changeTxt, s.changeTok = true, d, c[1]+c[2], c[2]
}

// toWan converts a table figure to 万元 for comparison with the narrative.
func toWan(t *table.Table, doc *table.Document, d decimal.Decimal) decimal.Decimal {
	u := t.Unit
	if u == "" {
		u = doc.Unit
	}
	if u == "元" {
		return d.Shift(-4)
	}
	return d
}

// agrees compares a narrative number with a table figure at the
// narrative's own precision (260 万元 against 260.00; 1.4 against 1.40).
func agrees(text string, said, table decimal.Decimal) bool {
	return said.Equal(table.Round(int32(textPlaces(text))))
}

func (c *checker) narrative(rs RuleSet) {
	c.claimed = map[int]bool{}
	p := readProse(c.doc)
	if p.all == "" {
		return
	}
	for _, r := range rs.Amounts {
		c.narrativeAmount(p, r, rs.MalformedRule)
	}
	for _, r := range rs.Classes {
		c.narrativeClasses(p, r, rs.MalformedRule)
	}
	for _, r := range rs.Sums {
		c.narrativeSum(p, r)
	}
	for _, r := range rs.Projects {
		c.narrativeProjects(p, r, rs.MalformedRule)
	}
	if rs.MalformedRule.ID != "" {
		c.malformedScan(p, rs.MalformedRule)
	}
}

// sayMismatch reports a narrative number that disagrees with a cell.
func (c *checker) sayMismatch(m Meta, head string, s stated, f figure, col string) {
	want := toWan(f.t, c.doc, f.val)
	d := int32(textPlaces(s.text))
	sc := scaleFor(f.t, []string{col}, f.val)
	x := table.Finding{Severity: m.Severity, Rule: m.ID, Document: c.doc.Source, Table: f.t.ID, Column: col,
		Expected: fixed(f.val, sc), Found: s.text, Difference: s.val.Sub(want.Round(d)).StringFixed(d), Pages: f.t.Pages,
		Message: fmt.Sprintf("narrative %s: %s %s 万元, but %s %s %s is %s", head, s.label, s.text, f.t.Kind, figName(f), col, fixed(f.val, sc))}
	c.at(&x, f)
	c.out = append(c.out, x)
}

// sayMalformed reports a number that is not one; f (if t set) is what it
// should have said.
func (c *checker) sayMalformed(m Meta, head string, s stated, f figure, col string) {
	c.claimed[s.pos] = true
	x := table.Finding{Severity: m.Severity, Rule: m.ID, Document: c.doc.Source, Found: s.text, RowLabel: s.label,
		Message: fmt.Sprintf("narrative %s: %q before 万元 after %s is not a well-formed number", head, s.text, s.label)}
	if f.t != nil {
		sc := scaleFor(f.t, []string{col}, f.val)
		x.Table, x.Column, x.Expected, x.Pages = f.t.ID, col, fixed(f.val, sc), f.t.Pages
		x.Message += fmt.Sprintf("; %s %s %s is %s", f.t.Kind, figName(f), col, fixed(f.val, sc))
		c.at(&x, f)
	}
	c.out = append(c.out, x)
}

// at fills the row of a finding from a figure.
func (c *checker) at(x *table.Finding, f figure) {
	if f.row >= 0 {
		x.RowCode, x.RowLabel, x.Line = rowCode(f.t, f.row), rowLabel(f.t, f.row), f.t.Rows[f.row].Line
	} else if f.code != "" {
		x.RowCode = f.code
	}
}

func (c *checker) narrativeAmount(p prose, r NarrativeAmount, bad Meta) {
	start, end, head, ok := p.scope(r.Section)
	if !ok {
		return
	}
	var f figure
	var target Ref
	found := false
	for _, ref := range r.Targets {
		if f, found = resolve(c.doc, ref); found {
			target = ref
			break
		}
	}
	if !found {
		return
	}
	s, ok := p.find(start, end, r.Label)
	if !ok {
		return
	}
	if !s.ok {
		c.sayMalformed(bad, head, s, f, target.Column)
		return
	}
	if r.Part {
		c.partOf(r, head, s, f, target.Column)
		return
	}
	if !agrees(s.text, s.val, toWan(f.t, c.doc, f.val)) {
		c.sayMismatch(r.Meta, head, s, f, target.Column)
	}
	if r.Prior == nil || !s.hasChange || r.Prior.Kind != target.Kind {
		return
	}
	prior, ok := resolve(c.doc, *r.Prior)
	if !ok {
		return
	}
	diff := toWan(f.t, c.doc, f.val.Sub(prior.val))
	if agrees(s.changeTok, s.change, diff) {
		return
	}
	sc := scaleFor(f.t, []string{target.Column, r.Prior.Column}, f.val, prior.val)
	d := int32(textPlaces(s.changeTok))
	x := table.Finding{Severity: r.Severity, Rule: r.ID, Document: c.doc.Source, Table: f.t.ID, Column: target.Column,
		Expected: fixed(diff, sc), Found: s.change.StringFixed(d), Difference: s.change.Sub(diff.Round(d)).StringFixed(d), Pages: f.t.Pages,
		Message: fmt.Sprintf("narrative %s: %s %s 万元 %s, but %s %s − %s = %s", head, s.label, s.text, s.changeTxt,
			f.t.Kind, target.Column, r.Prior.Column, fixed(diff, sc))}
	c.at(&x, f)
	c.out = append(c.out, x)
}

func (c *checker) narrativeClasses(p prose, r NarrativeClasses, bad Meta) {
	start, end, head, ok := p.scope(r.Section)
	t := firstOf(c.doc, r.Kind)
	if !ok || t == nil || !hasCols(t, r.CodeCol, r.NameCol, r.Column) {
		return
	}
	for _, i := range topRows(t, r.CodeCol) {
		name := squash(textAt(t, i, r.NameCol))
		if name == "" {
			continue
		}
		s, ok := p.find(start, end, regexp.QuoteMeta(name))
		if !ok {
			continue
		}
		f := figure{t: t, row: i}
		f.val, f.ok = cellAt(t, i, r.Column)
		if !s.ok {
			c.sayMalformed(bad, head, s, f, r.Column)
		} else if !agrees(s.text, s.val, toWan(t, c.doc, f.val)) {
			c.sayMismatch(r.Meta, head, s, f, r.Column)
		}
	}
}

// interval is the range a rounded narrative number may stand for: a figure
// written to the fen (0.01) or a zero is exact; 1.4 may be 1.35 … 1.45.
func interval(text string, v decimal.Decimal) (lo, hi decimal.Decimal) {
	d := textPlaces(text)
	if d >= 2 || v.IsZero() {
		return v, v
	}
	h := decimal.New(5, int32(-d-1))
	return v.Sub(h), v.Add(h)
}

func (c *checker) narrativeSum(p prose, r NarrativeSum) {
	start, end, head, ok := p.scope(r.Section)
	if !ok {
		return
	}
	whole, ok := p.find(start, end, r.Whole)
	if !ok || !whole.ok {
		return
	}
	var parts []stated
	for _, l := range r.Parts {
		s, ok := p.find(start, end, l)
		if !ok || !s.ok {
			return
		}
		parts = append(parts, s)
	}
	check := func(what string, w decimal.Decimal, wText string, ps []decimal.Decimal, pTexts []string) {
		wlo, whi := interval(wText, w)
		lo, hi, sum := decimal.Zero, decimal.Zero, decimal.Zero
		var terms []string
		for i, v := range ps {
			l, h := interval(pTexts[i], v)
			lo, hi, sum = lo.Add(l), hi.Add(h), sum.Add(v)
			terms = append(terms, v.String())
		}
		if hi.LessThan(wlo) || lo.GreaterThan(whi) {
			d := int32(textPlaces(wText))
			for _, t := range pTexts {
				d = max(d, int32(textPlaces(t)))
			}
			c.out = append(c.out, table.Finding{Severity: r.Severity, Rule: r.ID, Document: c.doc.Source,
				RowLabel: whole.label, Column: what, Expected: w.StringFixed(d), Found: sum.StringFixed(d), Difference: sum.Sub(w).StringFixed(d),
				Message: fmt.Sprintf("narrative %s: the parts' %s %s add to %s 万元, not the %s %s 万元 stated for %s",
					head, what, strings.Join(terms, " + "), sum.StringFixed(d), what, w.StringFixed(d), whole.label)})
		}
	}
	var vals []decimal.Decimal
	var texts []string
	for _, s := range parts {
		vals, texts = append(vals, s.val), append(texts, s.text)
	}
	check("amount", whole.val, whole.text, vals, texts)
	if !whole.hasChange {
		return
	}
	vals, texts = nil, nil
	for _, s := range parts {
		if !s.hasChange {
			return
		}
		vals, texts = append(vals, s.change), append(texts, s.changeTok)
	}
	check("change", whole.change, whole.changeTok, vals, texts)
}

// projectItemRe reads one item of the project list: "name N 万元…".
var projectItemRe = regexp.MustCompile(`^(?:[0-9]+[、.．])?(.*?)` + numTok)

func (c *checker) narrativeProjects(p prose, r NarrativeProjects, bad Meta) {
	start, end, head, ok := p.scope(r.Section)
	t := firstOf(c.doc, r.Kind)
	if !ok || t == nil || t.Col(r.Column) < 0 || (t.Col(r.CodeCol) < 0 && t.Col(r.NameCol) < 0) {
		return
	}
	m := regexp.MustCompile(r.After).FindStringIndex(p.all[start:end])
	if m == nil {
		return
	}
	list := p.all[start+m[1] : end]
	if i := strings.IndexAny(list, "。"+sectionMark); i >= 0 {
		list = list[:i]
	}
	base := start + m[1]
	for _, item := range splitKeep(list, "；;") {
		im := projectItemRe.FindStringSubmatchIndex(item.text)
		if im == nil {
			continue
		}
		name := item.text[im[2]:im[3]]
		tok, unit := item.text[im[4]:im[5]], item.text[im[6]:im[7]]
		s := stated{text: tok, pos: base + item.off + im[4], label: name}
		s.val, s.ok = parseNum(tok, unit)
		pi := findProject(t, r.CodeCol, r.NameCol, "", name)
		if pi < 0 {
			continue
		}
		f := figure{t: t, row: pi}
		f.val, f.ok = cellAt(t, pi, r.Column)
		if !s.ok {
			c.sayMalformed(bad, head, s, f, r.Column)
		} else if !agrees(s.text, s.val, toWan(t, c.doc, f.val)) {
			c.sayMismatch(r.Meta, head, s, f, r.Column)
		}
	}
}

type piece struct {
	text string
	off  int
}

// splitKeep splits s at any of seps, keeping each piece's offset.
func splitKeep(s, seps string) []piece {
	var ps []piece
	from := 0
	for i, r := range s {
		if strings.ContainsRune(seps, r) {
			ps = append(ps, piece{s[from:i], from})
			from = i + len(string(r))
		}
	}
	return append(ps, piece{s[from:], from})
}

// malformedScan reports every remaining "N 万元" whose N is no number.
func (c *checker) malformedScan(p prose, m Meta) {
	for _, ix := range anyNumRe.FindAllStringSubmatchIndex(p.all, -1) {
		tok := p.all[ix[2]:ix[3]]
		if wellFormedRe.MatchString(tok) || c.claimed[ix[2]] {
			continue
		}
		head := ""
		for i, st := range p.starts {
			if st <= ix[2] {
				head = p.heads[i]
			}
		}
		c.sayMalformed(m, head, stated{text: tok, pos: ix[2], label: lastRunes(p.all[:ix[2]], 8)}, figure{}, "")
	}
}

// lastRunes is the end of s, at most n characters, from after the last
// sentence or clause mark.
func lastRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[len(r)-n:]
	}
	out := string(r)
	if i := strings.LastIndexAny(out, "。，,；;：:、"+sectionMark); i >= 0 {
		_, w := utf8.DecodeRuneInString(out[i:])
		out = out[i+w:]
	}
	return out
}

// partOf checks a narrative amount that is a part of a table figure: more
// is always wrong, less only when the document is one unit.
func (c *checker) partOf(r NarrativeAmount, head string, s stated, f figure, col string) {
	whole := toWan(f.t, c.doc, f.val).Round(int32(textPlaces(s.text)))
	switch {
	case s.val.GreaterThan(whole):
		c.sayMismatch(r.Meta, head, s, f, col)
		c.out[len(c.out)-1].Message += ", of which it is a part"
	case s.val.LessThan(whole) && singleUnit(c.doc):
		c.sayMismatch(r.Meta, head, s, f, col)
		c.out[len(c.out)-1].Message += ", and the department is one unit"
	}
}

// unitCols name the unit or department a row belongs to, names first.
var unitCols = []string{"unit_name", "dept_name", "unit", "unit_code", "dept_code"}

// singleUnit reports whether the document is known to be one unit: at
// least one table lists units or departments, and none lists more than one.
func singleUnit(doc *table.Document) bool {
	seen := false
	for _, t := range doc.Tables {
		if t == nil {
			continue
		}
		col := ""
		for _, c := range unitCols {
			if t.Col(c) >= 0 {
				col = c
				break
			}
		}
		if col == "" {
			continue
		}
		names := map[string]bool{}
		for i, row := range t.Rows {
			if row.Total {
				continue
			}
			if n := squash(textAt(t, i, col)); n != "" && !totalLabelRe.MatchString(n) {
				names[n] = true
			}
		}
		if len(names) > 1 {
			return false
		}
		seen = seen || len(names) == 1
	}
	return seen
}
