// Command boundcheck measures, without any truth file, how well yusuan found
// the tables of text-layer PDFs: it reads every page with poppler's
// pdftotext (-layout), independently of yusuan's extraction and
// segmentation, finds the pages whose top lines are a table title, and
// checks each against the tables yusuan wrote (manifest.json: title, pages):
//
//   - found: a table starts on the page;
//   - continued: the page lies inside a table that started earlier and its
//     title repeats that table's title (a continuation page);
//   - merged: the page lies inside a table that started earlier under
//     another title: a table start swallowed by the table before it;
//   - missed: no table covers the page.
//
// It also counts the clean pages yusuan judged garbled (page.unread findings
// on pages where pdftotext reads plain Chinese) and, given amtcheck's
// output (-amt FILE, `go run ./scripts/amtcheck OUT PDF... > FILE`), the
// amounts lost and extra and the pages no table claims.
//
//	bin/yusuan extract -no-ocr -o /tmp/out corpus/*.pdf
//	go run ./scripts/amtcheck /tmp/out corpus/*.pdf > /tmp/amt.txt
//	go run ./scripts/boundcheck -amt /tmp/amt.txt /tmp/out corpus/*.pdf
//
// -v lists every title page with its verdict. Documents yusuan declined (no
// manifest) are listed and their title pages counted as missed only when
// they have any (a declined non-budget file has none).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

type manifest struct {
	Pages  int `json:"pages"`
	Tables []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Pages []int  `json:"pages"`
	} `json:"tables"`
	Findings []struct {
		Rule  string `json:"rule"`
		Pages []int  `json:"pages"`
	} `json:"findings"`
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

var unsafeRe = regexp.MustCompile(`[^\p{L}\p{N}\-_.()（）]+`)

// safeStem is the name of a document's output folder, as yusuan names it
// (its README: letters, digits and - _ . ( ) kept, the rest "_").
func safeStem(path string) string {
	base := filepath.Base(path)
	stem := unsafeRe.ReplaceAllString(strings.TrimSuffix(base, filepath.Ext(base)), "_")
	stem = strings.TrimLeft(stem, ".")
	for len(stem) > 120 {
		r := []rune(stem)
		stem = string(r[:len(r)-1])
	}
	return stem
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

type verdict struct {
	page  int
	title string
	what  string // found, continued, merged, missed
	table string
}

type docResult struct {
	name     string
	declined bool
	verdicts []verdict
	garbled  []int // clean pages reported unread
}

func check(outDir, pdf string) (docResult, error) {
	stem := safeStem(pdf)
	res := docResult{name: stem}
	raw, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		return res, fmt.Errorf("%s: pdftotext: %v", pdf, err)
	}
	pages := strings.Split(string(raw), "\f")
	var m manifest
	if b, err := os.ReadFile(filepath.Join(outDir, stem, "manifest.json")); err == nil {
		if err := json.Unmarshal(b, &m); err != nil {
			return res, fmt.Errorf("%s: manifest: %v", stem, err)
		}
	} else {
		res.declined = true
	}
	unread := map[int]bool{}
	for _, f := range m.Findings {
		if f.Rule == "page.unread" {
			for _, p := range f.Pages {
				unread[p] = true
			}
		}
	}
	for i, text := range pages {
		p := i + 1
		lines := strings.Split(text, "\n")
		if unread[p] && clean(text) {
			res.garbled = append(res.garbled, p)
		}
		if isTOC(lines) || prose(lines) || tooShort(lines) {
			continue
		}
		title := pageTitle(lines)
		if title == "" {
			continue
		}
		v := verdict{page: p, title: squash(title), what: "missed"}
		if res.declined {
			v.what = "declined"
		}
		for _, t := range m.Tables {
			if len(t.Pages) == 0 || t.Pages[0] != p {
				continue
			}
			v.what, v.table = "found", t.ID
		}
		if v.what == "missed" || v.what == "declined" {
			for _, t := range m.Tables {
				if len(t.Pages) == 0 || t.Pages[0] >= p || t.Pages[len(t.Pages)-1] < p {
					continue
				}
				v.table = t.ID + " " + squash(t.Title)
				if sameTitle(title, t.Title) {
					v.what = "continued"
				} else {
					v.what = "merged"
				}
			}
		}
		res.verdicts = append(res.verdicts, v)
	}
	return res, nil
}

// sameTitle: the page repeats the table's title when the keys agree, or one
// holds the other (a department or year printed in one of them only).
func sameTitle(page, table string) bool {
	a, b := key(page), key(table)
	if a == "" || b == "" {
		return false
	}
	return a == b || strings.HasSuffix(a, b) || strings.HasSuffix(b, a)
}

// amt sums amtcheck's report per document: lost and extra amounts, and the
// pages in no table that print amounts.
type amt struct{ lost, extra, unclaimedPages, unclaimedAmounts int }

var (
	amtRow   = regexp.MustCompile(`^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$`)
	amtStray = regexp.MustCompile(`^(\S+) page (\d+): in no table, (\d+) decimals`)
)

func readAmt(path string) (map[string]*amt, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]*amt{}
	get := func(d string) *amt {
		if out[d] == nil {
			out[d] = &amt{}
		}
		return out[d]
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	summary := false
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "document ") && strings.Contains(l, "discrepancies") {
			summary = true
		}
		if summary {
			continue
		}
		if m := amtStray.FindStringSubmatch(l); m != nil {
			a := get(m[1])
			n, _ := strconv.Atoi(m[3])
			a.unclaimedPages++
			a.unclaimedAmounts += n
			continue
		}
		if m := amtRow.FindStringSubmatch(l); m != nil {
			a := get(m[1])
			x, _ := strconv.Atoi(m[5])
			y, _ := strconv.Atoi(m[6])
			a.extra += x
			a.lost += y
		}
	}
	return out, sc.Err()
}

func main() {
	verbose := flag.Bool("v", false, "list every title page with its verdict")
	amtFile := flag.String("amt", "", "amtcheck's output for the same OUTDIR and PDFs")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./scripts/boundcheck [-v] [-amt FILE] OUTDIR PDF...")
	}
	flag.Parse()
	if flag.NArg() < 2 {
		flag.Usage()
		os.Exit(2)
	}
	var amts map[string]*amt
	if *amtFile != "" {
		var err error
		if amts, err = readAmt(*amtFile); err != nil {
			fmt.Fprintln(os.Stderr, "boundcheck:", err)
			os.Exit(2)
		}
	}
	var tot struct{ titles, found, cont, merged, missed, declined, garbled, lost, extra, upages, uamounts, docs int }
	fmt.Printf("%-44s %6s %5s %5s %6s %6s %7s %5s %5s %6s\n", "document", "titles", "found", "cont", "merged", "missed", "garbled", "lost", "extra", "unclm")
	pdfs := flag.Args()[1:]
	sort.Strings(pdfs)
	for _, pdf := range pdfs {
		r, err := check(flag.Arg(0), pdf)
		if err != nil {
			fmt.Fprintln(os.Stderr, "boundcheck:", err)
			continue
		}
		c := map[string]int{}
		for _, v := range r.verdicts {
			c[v.what]++
		}
		a := amts[r.name]
		if a == nil {
			a = &amt{}
		}
		tot.docs++
		tot.titles += len(r.verdicts)
		tot.found += c["found"]
		tot.cont += c["continued"]
		tot.merged += c["merged"]
		tot.missed += c["missed"]
		tot.declined += c["declined"]
		tot.garbled += len(r.garbled)
		tot.lost += a.lost
		tot.extra += a.extra
		tot.upages += a.unclaimedPages
		tot.uamounts += a.unclaimedAmounts
		name := r.name
		if rs := []rune(name); len(rs) > 30 {
			name = string(rs[:30])
		}
		if r.declined {
			name += " (declined)"
		}
		fmt.Printf("%-44s %6d %5d %5d %6d %6d %7d %5d %5d %6d\n", name, len(r.verdicts), c["found"], c["continued"], c["merged"], c["missed"], len(r.garbled), a.lost, a.extra, a.unclaimedPages)
		if *verbose {
			for _, v := range r.verdicts {
				if v.what == "found" || v.what == "continued" {
					fmt.Printf("    p%-3d %-9s %s  [%s]\n", v.page, v.what, v.title, v.table)
				} else {
					fmt.Printf("  ! p%-3d %-9s %s  [%s]\n", v.page, v.what, v.title, v.table)
				}
			}
			if len(r.garbled) > 0 {
				fmt.Printf("  ! clean pages judged garbled: %v\n", r.garbled)
			}
		}
	}
	fmt.Printf("\nTOTAL %d documents: title pages %d: found %d, continued %d, merged %d, missed %d (and %d in declined documents); clean pages judged garbled %d; amounts lost %d, extra %d; unclaimed pages %d (%d amounts)\n",
		tot.docs, tot.titles, tot.found, tot.cont, tot.merged, tot.missed, tot.declined, tot.garbled, tot.lost, tot.extra, tot.upages, tot.uamounts)
}
