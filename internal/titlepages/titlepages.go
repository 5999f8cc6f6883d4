// Package titlepages finds, independently of yusuan's reading and
// segmentation, the pages of a text-layer PDF whose top lines are a table
// title, and judges each against the tables a run found (title, pages):
//
//   - found: a table starts on the page;
//   - continued: the page lies inside a table that started earlier and its
//     title repeats that table's title (a continuation page);
//   - merged: the page lies inside a table that started earlier under
//     another title: a table start swallowed by the table before it;
//   - missed: no table covers the page.
//
// Pages are read by poppler's pdftotext (-layout), so a defect of yusuan's
// own reading cannot hide itself. scripts/boundcheck reports the verdicts
// of a run's output; the corpus test holds yusuan to them.
package titlepages

import (
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Page is a page of the PDF as pdftotext reads it: its title ("" when its
// top lines hold none) and whether its text reads as plain Chinese.
type Page struct {
	Number int
	Title  string
	Clean  bool
}

// Read returns every page of pdf, with the title of each title page.
// It needs pdftotext (poppler-utils).
func Read(pdf string) ([]Page, error) {
	raw, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("%s: pdftotext: %v", pdf, err)
	}
	texts := strings.Split(string(raw), "\f")
	if n := len(texts); n > 0 && strings.TrimSpace(texts[n-1]) == "" {
		texts = texts[:n-1]
	}
	pages := make([]Page, len(texts))
	for i, text := range texts {
		lines := strings.Split(text, "\n")
		pages[i] = Page{Number: i + 1, Clean: clean(text)}
		if isTOC(lines) || prose(lines) || tooShort(lines) {
			continue
		}
		pages[i].Title = squash(pageTitle(lines))
	}
	return pages, nil
}

// Table is a table as a run found it.
type Table struct {
	ID    string
	Title string
	Pages []int
}

// Verdict is what became of one title page.
type Verdict struct {
	Page  int
	Title string
	What  string // found, continued, merged, missed
	Table string // the table starting there or holding it
}

// Judge gives every title page of pages its verdict against tables.
func Judge(pages []Page, tables []Table) []Verdict {
	var out []Verdict
	for _, pg := range pages {
		if pg.Title == "" {
			continue
		}
		p := pg.Number
		v := Verdict{Page: p, Title: pg.Title, What: "missed"}
		for _, t := range tables {
			if len(t.Pages) > 0 && t.Pages[0] == p {
				v.What, v.Table = "found", t.ID
			}
		}
		if v.What == "missed" {
			for _, t := range tables {
				if len(t.Pages) == 0 || t.Pages[0] >= p || t.Pages[len(t.Pages)-1] < p {
					continue
				}
				v.Table = t.ID + " " + squash(t.Title)
				if SameTitle(pg.Title, t.Title) {
					v.What = "continued"
				} else {
					v.What = "merged"
				}
			}
		}
		out = append(out, v)
	}
	return out
}

// topLines is how many non-blank lines at the top of a page may hold the
// title block (a 附件 marker, a department line, a two-line title).
const topLines = 5

var (
	// A table title ends in 表, possibly numbered or marked continued:
	// 部门收支总表, …绩效目标表-2, 表（续）, …支出表（按经济分类）.
	titleEnd = regexp.MustCompile(`表\s*([-－—–]\s*[0-9０-９]+|[0-9０-９一二三四五六七八九十]+)?\s*([（(][^（()）]{1,14}[)）])?\s*([（(]\s*续\s*表?\s*[)）]|续表?)?$`)
	// Table-of-contents leaders.
	tocLine = regexp.MustCompile(`(\.{3,}|…{2,}|·{3,}|-{4,}|_{4,})\s*[0-9０-９]+\s*$`)
	// Words of a title prefix that carry no identity: 附件3, 表5, 预算08表.
	prefix = regexp.MustCompile(`^([一二三四五六七八九十]+\s*[、.．]|[0-9０-９]+\s*[、.．]|附\s*件\s*[0-9０-９一二三四五六七八九十]+\s*[:：、.．]?|(附表|公开表|预算表|公开|预算|表)\s*[0-9０-９一二三四五六七八九十]+\s*(表)?[:：、.．]?)`)
	cont   = regexp.MustCompile(`([（(]\s*续\s*表?\s*[)）]|续表)$`)
	unitRe = regexp.MustCompile(`(金额)?单\s*位\s*[:：].*$`)
	folio  = regexp.MustCompile(`^[\s\-—–－一_~·.|]*(第\s*)?[0-9]{1,3}(\s*页)?(\s*[/／]\s*[0-9]{1,4}|\s*共\s*[0-9]{1,4}\s*页)?[\s\-—–－一_~·.|]*$`)
	amount = regexp.MustCompile(`(^|\s)-?(\d{1,3}(,\d{3})+|\d+)\.\d+(\s|$)`)
	// A table number printed as the title's own line: 表5, 预算01表.
	// A part heading of the document: 第二部分 2026年部门预算表.
	part = regexp.MustCompile(`^第[一二三四五六七八九十0-9]+部分`)
	// A qualifier printed under a title: （按经济分类科目分）.
	qualifier  = regexp.MustCompile(`^[（(][^（()）]{2,30}[)）]$`)
	period     = regexp.MustCompile(`\((19|20)[0-9]{2}年度?\)$`)
	numberOnly = regexp.MustCompile(`^(附表|公开表|预算表|公开|预算|表)\s*[0-9０-９一二三四五六七八九十]+\s*(表)?$`)
)

func squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u3000' {
			continue
		}
		if r >= '０' && r <= '９' {
			r = r - '０' + '0'
		}
		switch r {
		case '（':
			r = '('
		case '）':
			r = ')'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// key is a title reduced to what identifies the table: no spaces, no
// number prefix, no 续 mark, no unit.
func key(s string) string {
	s = squash(unitRe.ReplaceAllString(s, ""))
	s = squash(prefix.ReplaceAllString(s, ""))
	s = cont.ReplaceAllString(s, "")
	s = period.ReplaceAllString(s, "")
	return s
}

// isTitle reports whether a piece of a line reads as a table title.
func isTitle(s string) bool {
	s = squash(s)
	n := utf8.RuneCountInString(s)
	if n < 4 || n > 80 || strings.ContainsAny(s, "。；;，,") || part.MatchString(s) || numberOnly.MatchString(s) {
		return false
	}
	han := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	return han >= 3 && titleEnd.MatchString(s)
}

// pageTitle returns the title printed in the top lines of a page, joined
// with the line above it when that line is the first half of a two-line
// title, or "".
func pageTitle(lines []string) string {
	var top []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || len(top) == 0 && folio.MatchString(t) {
			continue
		}
		top = append(top, t)
		if len(top) == topLines {
			break
		}
	}
	for i, l := range top {
		if tocLine.MatchString(l) || squash(l) == "目录" {
			return ""
		}
		if part.MatchString(squash(l)) {
			continue // 第四部分 公开报表: a part heading, not a table
		}
		// -layout keeps a unit printed far right on the title's line.
		pieces := regexp.MustCompile(`\s{3,}`).Split(l, -1)
		for _, p := range pieces {
			if !isTitle(p) {
				continue
			}
			title := p
			if i > 0 && len(pieces) == 1 {
				above := strings.TrimSpace(top[i-1])
				if firstHalf(above) {
					title = above + title
				}
			}
			if i+1 < len(top) && qualifier.MatchString(squash(top[i+1])) {
				title += squash(top[i+1])
			}
			return title
		}
		if amount.MatchString(l) {
			return "" // the rows began: no title on top
		}
	}
	return ""
}

// firstHalf reports whether a line is the first line of a title broken in
// two: short, no sentence marks, not a marker, unit, number or department.
func firstHalf(s string) bool {
	q := squash(s)
	n := utf8.RuneCountInString(q)
	if n < 4 || n > 40 || strings.ContainsAny(q, "。；;，,:：") || numberOnly.MatchString(q) {
		return false
	}
	if strings.HasPrefix(q, "附件") || strings.Contains(q, "单位") {
		return false
	}
	return strings.Contains(q, "预算") || strings.Contains(q, "决算") || strings.Contains(q, "年")
}

// isTOC reports whether a page is a table of contents.
func isTOC(lines []string) bool {
	n := 0
	for _, l := range lines {
		if tocLine.MatchString(strings.TrimSpace(l)) {
			n++
		}
	}
	return n >= 3 || n >= 1 && strings.Contains(squash(strings.Join(lines, "")), "目录")
}

// tooShort reports whether a page holds no table under its title: fewer
// than two lines of three or more columns and no amount (a part's cover
// page: 第二部分 / 2026年部门预算表; a list of the tables without leaders).
func tooShort(lines []string) bool {
	rows := 0
	for _, l := range lines {
		if amount.MatchString(l) {
			return false
		}
		if len(gap.Split(strings.TrimSpace(l), -1)) >= 3 {
			rows++
		}
	}
	return rows < 2
}

var gap = regexp.MustCompile(`\s{2,}`)

// prose reports whether a page is running text: many lines ending a sentence.
func prose(lines []string) bool {
	n := 0
	for _, l := range lines {
		if strings.Contains(l, "。") {
			n++
		}
	}
	return n >= 4
}

// clean reports whether a page's text reads as plain Chinese: enough Han
// characters and no replacement or private-use characters.
func clean(text string) bool {
	han, bad, all := 0, 0, 0
	for _, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		all++
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case r == 0xFFFD || r >= 0xE000 && r <= 0xF8FF:
			bad++
		}
	}
	return han >= 20 && bad == 0 && han*4 >= all
}

// SameTitle: the page repeats the table's title when the keys agree, or one
// holds the other (a department or year printed in one of them only).
func SameTitle(page, table string) bool {
	a, b := key(page), key(table)
	if a == "" || b == "" {
		return false
	}
	return a == b || strings.HasSuffix(a, b) || strings.HasSuffix(b, a)
}
