package normalize

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/zh"
)

// Outline numbers in OCR'd labels.
//
// The two-sided summaries (财政拨款收支总表, 部门收支总表) number their lines
// as an outline: 一、本年收入, then (一)一般公共预算拨款, (二)…, and on the
// expenditure side (一)…(二十四) without a break. Tesseract reads the
// small numerals inside brackets badly: 二 and 三 as "=", 四 as "BQ",
// 十一 as "+—", and adds a colon or a dot behind the bracket. The
// numbering itself is the domain knowledge that corrects them: inside a
// run of bracketed items each is one more than the one before. A label is
// corrected only when it was read by a recogniser, its number does not
// fit the run and its neighbours pin down the number it must have; every
// correction is a finding.

// bracketRe splits a bracketed outline label: its number token, stray
// marks behind the bracket, and the name.
var bracketRe = regexp.MustCompile(`^\s*[(（]\s*([^()（）\s]{1,4}?)\s*[)）]\s*([:：.,，。;；·]*)\s*(.*)$`)

// levelOneRe is a top-level outline label (一、本年收入), which starts a
// new run of bracketed items.
var levelOneRe = regexp.MustCompile(`^\s*[一二三四五六七八九十]+\s*[、.．]`)

// trailingJunkRe is punctuation a recogniser puts after the last character
// of a name (speckle read as a dot).
// A lone Latin letter or digit after a space is one too (电费 :, 奖金 4,
// 上级补助收入 i): a name of the classification never ends so.
var trailingJunkRe = regexp.MustCompile(`(\p{Han}|[)）])(?:\s*[.,:;'·。，：；\-—_“”‘’"|~]+|\s+[A-Za-z0-9])+$`)

type outlineItem struct {
	row     int    // index into rows
	token   string // the number as read
	n       int    // its value; 0 when it reads as no number
	han     bool   // written in Chinese numerals
	marks   string // stray marks behind the bracket
	name    string
	orig    string
	fixed   bool
	wantN   int
	wantHan bool
}

// fixOutlines corrects the outline numbers and trailing junk marks of the
// labels read by OCR, column by column, and reports each correction.
func fixOutlines(t *table.Table, cols []column, rows []rawRow) []table.Finding {
	var out []table.Finding
	for j := range cols {
		var run []*outlineItem
		flush := func() {
			out = append(out, fixRun(t, cols[j], rows, run, j)...)
			run = nil
		}
		for i, r := range rows {
			if j >= len(r.cells) {
				continue
			}
			c := r.cells[j]
			if c == "" {
				continue
			}
			if levelOneRe.MatchString(c) {
				flush()
				if r.ocr {
					out = append(out, fixTrailing(t, cols[j], rows, i, j)...)
				}
				continue
			}
			m := bracketRe.FindStringSubmatch(c)
			if m == nil || m[3] == "" {
				if r.ocr {
					out = append(out, fixTrailing(t, cols[j], rows, i, j)...)
				}
				continue
			}
			it := &outlineItem{row: i, token: m[1], marks: m[2], name: m[3], orig: c}
			it.n, _ = zh.Numeral(it.token)
			it.han = it.n > 0 && !strings.ContainsAny(it.token, "0123456789")
			run = append(run, it)
		}
		flush()
	}
	return out
}

// fixRun settles the numbers of one run of bracketed items. An item whose
// number is unreadable or out of sequence takes the number its neighbours
// imply: one more than the item before when that one is sound, or one
// less than the item after.
func fixRun(t *table.Table, col column, rows []rawRow, run []*outlineItem, j int) []table.Finding {
	sound := func(k int) bool {
		if k < 0 || k >= len(run) || run[k].n == 0 {
			return false
		}
		prevOK := k == 0 || run[k-1].n != 0 && run[k-1].n == run[k].n-1
		nextOK := k == len(run)-1 || run[k+1].n != 0 && run[k+1].n == run[k].n+1
		return prevOK || nextOK
	}
	han := false
	for _, it := range run {
		han = han || it.han
	}
	var out []table.Finding
	for k, it := range run {
		want := 0
		switch {
		case sound(k):
			continue
		case it.n > 0 && (k == 0 || run[k-1].n < it.n) && (k == len(run)-1 || run[k+1].n == 0 || it.n < run[k+1].n):
			// rising, but not by one: lines left out (a summary that
			// lists only the classes it has figures for), not a misreading
			continue
		case it.n == 0 && fitsBetween(run, k, lookalikeNumeral(it.token)):
			// "+" between (八) and (十四): 十, what the marks look like
			want = lookalikeNumeral(it.token)
		case k > 0 && (sound(k-1) || run[k-1].fixed) && (k+1 == len(run) || run[k+1].n == 0 || run[k+1].n == run[k-1].n+2):
			want = run[k-1].n + 1
		case k+1 < len(run) && sound(k+1):
			want = run[k+1].n - 1
		case k == 0 && len(run) > 1 && run[1].n == 2:
			want = 1
		}
		if want <= 0 || want == it.n {
			continue
		}
		r := rows[it.row]
		if !r.ocr {
			continue // a text layer printed it so: validation's business
		}
		token := fmt.Sprint(want)
		if han {
			token = chineseNumeral(want)
		}
		name := strings.TrimSpace(trailingJunkRe.ReplaceAllString(it.name, "$1"))
		fixed := "(" + token + ")" + name
		it.n, it.fixed = want, true
		r.cells[j] = fixed
		out = append(out, correction(t, col, r, it.orig, fixed,
			"the outline number reads as %q between its neighbours; corrected to %q", it.token, token))
	}
	// stray marks behind a bracket on items whose number was right
	for _, it := range run {
		r := rows[it.row]
		if it.fixed || !r.ocr {
			continue
		}
		name := strings.TrimSpace(trailingJunkRe.ReplaceAllString(it.name, "$1"))
		if it.marks == "" && name == it.name {
			continue
		}
		fixed := "(" + it.token + ")" + name
		r.cells[j] = fixed
		out = append(out, correction(t, col, r, it.orig, fixed, "stray marks read around the name"))
	}
	return out
}

// fixTrailing drops junk marks after the last character of an OCR'd name.
func fixTrailing(t *table.Table, col column, rows []rawRow, i, j int) []table.Finding {
	c := rows[i].cells[j]
	if _, _, ok := ParseAmount(c); ok {
		return nil
	}
	fixed := trailingJunkRe.ReplaceAllString(c, "$1")
	if fixed == c {
		return nil
	}
	rows[i].cells[j] = fixed
	return []table.Finding{correction(t, col, rows[i], c, fixed, "stray marks read after the name")}
}

func correction(t *table.Table, col column, r rawRow, from, to, why string, args ...any) table.Finding {
	return table.Finding{
		Severity: table.Warning, Rule: "ocr.corrected_label", Table: t.ID, Line: r.line,
		RowLabel: to, Column: col.label, Found: from, Expected: to, Pages: []int{r.page},
		Message: fmt.Sprintf("page %d: %q read as %q: ", r.page, to, from) + fmt.Sprintf(why, args...),
	}
}

// chineseNumeral writes 1–99 in Chinese numerals (十一, 二十四).
func chineseNumeral(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n > 99:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	}
	return digits[n/10] + "十" + digits[n%10]
}

// lookalikeNumeral reads an outline number token as the Chinese numeral
// its marks look like (+ 十, = 二, - 一): 0 when it is none.
func lookalikeNumeral(tok string) int {
	t := strings.NewReplacer("+", "十", "=", "二", "—", "一", "-", "一", "_", "一", "L", "七", "士", "十").Replace(tok)
	n, ok := zh.Numeral(t)
	if !ok {
		return 0
	}
	return n
}

// fitsBetween reports whether n rises from the item before run[k] and
// stays under the item after it (when they have numbers).
func fitsBetween(run []*outlineItem, k, n int) bool {
	if n <= 0 {
		return false
	}
	if k > 0 && run[k-1].n >= n {
		return false
	}
	return k+1 == len(run) || run[k+1].n == 0 || n < run[k+1].n
}
