// Command amtcheck cross-checks yusuan's tables against an independent
// reading of the same pages: for every table of every document in an
// output folder, the amounts of its CSV are compared, as multisets, with the
// numbers pdftotext (poppler-utils) prints for the table's pages. Pages are
// read from pdftotext's word boxes (-bbox), not -layout: templates that set
// a number's fraction a little lower (".81" under "168,441") or space its
// glyphs wider than their advance break -layout's reading of a number.
//
//	bin/yusuan extract -no-ocr -o /tmp/audit corpus/*.pdf
//	go run ./scripts/amtcheck /tmp/audit corpus/*.pdf
//
// It uses nothing of yusuan but the output files (manifest.json: tables[].csv,
// pages, columns[].type; the CSVs), so a defect in yusuan's reading cannot
// hide itself here. Two lists per table:
//
//   - extra: amounts in the CSV (decimal columns) printed fewer times on the
//     table's pages than they occur in the CSV: likely wrong;
//   - lost: numbers printed on the table's pages that no cell of the table
//     (nor of another table on the same pages) holds: possibly a lost cell.
//     Years (1990–2100), lone page numbers (a line that is only a number or
//     "- 3 -", "第3页") and the numbers of the title, header and narrative
//     are not counted; codes are covered by the code columns.
//
// An amount found only at another precision (CSV 12.5, page 12.50) is
// reported as such, not as extra. A page no table covers that prints three
// or more decimals the narrative does not hold is listed too (a table
// yusuan did not see, or text before the first 一、 heading, which the
// manifest's narrative leaves out). Exit status 1 when anything is reported.
package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

type manifest struct {
	Source    string `json:"source"`
	Pages     int    `json:"pages"`
	Narrative []struct {
		Heading string `json:"heading"`
		Text    string `json:"text"`
	} `json:"narrative"`
	Tables []struct {
		ID      string     `json:"id"`
		Title   string     `json:"title"`
		Unit    string     `json:"unit"`
		Pages   []int      `json:"pages"`
		CSV     string     `json:"csv"`
		Header  [][]string `json:"header"`
		Columns []struct {
			Name  string `json:"name"`
			Label string `json:"label"`
			Type  string `json:"type"`
		} `json:"columns"`
	} `json:"tables"`
}

// fold maps full-width digits and marks to ASCII.
var fold = strings.NewReplacer(
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
	"５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	"．", ".", "，", ",", "－", "-", "−", "-", "\u00a0", " ",
)

// numRE finds numbers: an optional sign, digits with or without thousands
// separators, an optional fraction.
var numRE = regexp.MustCompile(`-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`)

// tableNoRE is a table number in front of a title or on its own line:
// 表6, 预算08表, 预算表12, 公开表 3.
var tableNoRE = regexp.MustCompile(`^\s*(?:附表|公开表|预算表|公开|预算|表)\s*\d+\s*表?`)

// pageNoRE is a line that is only a page number.
var pageNoRE = regexp.MustCompile(`^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|\d{1,3})\s*$`)

// numbers returns the numbers of s, thousands separators dropped. A minus
// sign counts only at the start or after a space or bracket (not in
// "2010801-行政运行" or "1-3月").
func numbers(s string) []string {
	s = fold.Replace(s)
	var out []string
	for _, m := range numRE.FindAllStringIndex(s, -1) {
		tok := s[m[0]:m[1]]
		if tok[0] == '-' && m[0] > 0 {
			prev := s[m[0]-1]
			if prev != ' ' && prev != '(' && prev != '\t' {
				tok = tok[1:]
			}
		}
		// a thousands-grouped run glued to more digits (",1234") is not one
		if m[1] < len(s) && s[m[1]] >= '0' && s[m[1]] <= '9' {
			continue
		}
		out = append(out, strings.ReplaceAll(tok, ",", ""))
	}
	return out
}

// canon writes a decimal without leading zeros, keeping its precision.
func canon(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	s = strings.ReplaceAll(s, ",", "")
	s = strings.TrimLeft(s, "0")
	if s == "" || s[0] == '.' {
		s = "0" + s
	}
	if neg {
		return "-" + s
	}
	return s
}

// value is a decimal's value, to match across precisions.
func value(s string) string {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return s
	}
	return r.RatString()
}

type bag map[string]int

func (b bag) add(s string) { b[s]++ }

func (b bag) list() []string {
	var out []string
	for k, n := range b {
		for i := 0; i < n; i++ {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// pageText returns one page's text as lines, read from pdftotext's word
// boxes (-bbox): a fraction printed as a word of its own (".81" beside
// "168,441", set a little lower, which -layout puts on the next line) is
// joined to the number it ends, and words are grouped into lines by their
// top. Cached.
var pageCache = map[string]string{}

var wordRE = regexp.MustCompile(`<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>`)

var fracRE = regexp.MustCompile(`^[.．][0-9０-９]+$`)

var gluedRE = regexp.MustCompile(`^\.(\d+)(?:,\d{3})+$`)

type word struct {
	x0, y0, x1, y1 float64
	text           string
}

func pageText(pdf string, p int) string {
	key := fmt.Sprintf("%s:%d", pdf, p)
	if t, ok := pageCache[key]; ok {
		return t
	}
	out, err := exec.Command("pdftotext", "-bbox", "-f", fmt.Sprint(p), "-l", fmt.Sprint(p), pdf, "-").Output()
	if err != nil {
		fmt.Fprintf(os.Stderr, "amtcheck: pdftotext %s page %d: %v\n", pdf, p, err)
	}
	var ws []*word
	for _, m := range wordRE.FindAllStringSubmatch(string(out), -1) {
		w := &word{text: html.UnescapeString(m[5])}
		fmt.Sscan(m[1], &w.x0)
		fmt.Sscan(m[2], &w.y0)
		fmt.Sscan(m[3], &w.x1)
		fmt.Sscan(m[4], &w.y1)
		ws = append(ws, w)
	}
	// A fraction glued to the next number (".81154,304", the boxes overlap)
	// is cut after as many digits as the page's other fractions have.
	prec := map[int]int{}
	for _, w := range ws {
		if fracRE.MatchString(w.text) {
			prec[len([]rune(w.text))-1]++
		}
	}
	p, best := 2, 0
	for k, n := range prec {
		if n > best || n == best && k < p {
			p, best = k, n
		}
	}
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if m := gluedRE.FindStringSubmatch(w.text); m != nil && len(m[1]) > p {
			head, tail := w.text[:1+p], w.text[1+p:]
			cut := w.x0 + (w.x1-w.x0)*float64(len(head))/float64(len(w.text))
			ws = append(ws, &word{x0: cut, y0: w.y0, x1: w.x1, y1: w.y1, text: tail})
			w.text, w.x1 = head, cut
		}
	}
	// Glyphs of one number that pdftotext leaves as words of their own
	// (boxes wider than the advance, each overlapping or touching the next)
	// are joined.
	ws = joinOverlapping(ws)
	// A number wrapped inside a narrow cell ("1378.4" over "1", 长春's
	// 一般公共预算支出表) is one number: its fraction short of the page's
	// precision, the rest digits right under it, within its width.
	ws = joinWrapped(ws, p)
	// join fractions to their numbers
	var kept []*word
	for _, w := range ws {
		if fracRE.MatchString(w.text) {
			var best *word
			for _, v := range ws {
				if v == w || v.text == "" || fracRE.MatchString(v.text) {
					continue
				}
				last := v.text[len(v.text)-1]
				if last < '0' || last > '9' || strings.Contains(v.text, ".") {
					continue
				}
				if abs(v.y0-w.y0) < 3 && v.x1 > w.x0-4 && v.x1 < w.x0+12 && v.x0 < w.x0 {
					if best == nil || abs(v.x1-w.x0) < abs(best.x1-w.x0) {
						best = v
					}
				}
			}
			if best != nil {
				best.text += w.text
				best.x1 = w.x1
				w.text = ""
			}
		}
	}
	for _, w := range ws {
		if w.text != "" {
			kept = append(kept, w)
		}
	}
	// lines: words whose tops are within 3pt, left to right
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].y0 < kept[j].y0 })
	var lines [][]*word
	for _, w := range kept {
		if n := len(lines); n > 0 && abs(lines[n-1][0].y0-w.y0) < 3 {
			lines[n-1] = append(lines[n-1], w)
			continue
		}
		lines = append(lines, []*word{w})
	}
	var b strings.Builder
	for _, l := range lines {
		sort.SliceStable(l, func(i, j int) bool { return l[i].x0 < l[j].x0 })
		for i, w := range l {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w.text)
		}
		b.WriteByte('\n')
	}
	pageCache[key] = b.String()
	wordCache[key] = kept
	return b.String()
}

// lostRE reads an entry of a lost list: number(pPAGE).
var lostRE = regexp.MustCompile(`^(.*)\(p(\d+)\)$`)

// dropInvisible removes from lost (entries "n(pP)") one entry per copy of
// its number that a page of the table prints without ink (invisible): a
// hidden copy on one page met the cell, and the printed copy on another
// was counted lost.
func dropInvisible(pdf string, lost []string) []string {
	if len(lost) == 0 {
		return lost
	}
	pages := map[int]bool{}
	for _, e := range lost {
		if m := lostRE.FindStringSubmatch(e); m != nil {
			var p int
			fmt.Sscan(m[2], &p)
			pages[p] = true
			// the hidden copy is on the page before or the page itself
			if p > 1 {
				pages[p-1] = true
			}
		}
	}
	hidden := bag{}
	for p := range pages {
		for n, k := range invisible(pdf, p) {
			hidden[n] += k
		}
	}
	var out []string
	for _, e := range lost {
		if m := lostRE.FindStringSubmatch(e); m != nil && hidden[m[1]] > 0 {
			hidden[m[1]]--
			continue
		}
		out = append(out, e)
	}
	return out
}

// wordCache holds each page's words as pageText read them.
var wordCache = map[string][]*word{}

// invisibleCache holds, per page, the numbers of words that print no ink.
var invisibleCache = map[string]bag{}

// invisible returns the numbers on page p of words that leave no ink, or
// ink in one half only (halfInked), when poppler renders the page (pdftoppm, 72 dpi: one pixel a point, the
// coordinates of pdftotext -bbox): text a clip path hides. pdftotext reads
// it all the same. 北京's 项目支出绩效目标表 set a project's code, name and
// amounts in the middle of its merged cell, which a page break cuts: the
// first page clips them away below the table, the next prints them; only
// the printed copy is an amount of the page.
func invisible(pdf string, p int) bag {
	key := fmt.Sprintf("%s:%d", pdf, p)
	if b, ok := invisibleCache[key]; ok {
		return b
	}
	pageText(pdf, p)
	b := bag{}
	invisibleCache[key] = b
	out, err := exec.Command("pdftoppm", "-f", fmt.Sprint(p), "-l", fmt.Sprint(p), "-r", "72", "-gray", pdf).Output()
	if err != nil {
		fmt.Fprintf(os.Stderr, "amtcheck: pdftoppm %s page %d: %v\n", pdf, p, err)
		return b
	}
	img, ok := readPGM(out)
	if !ok {
		return b
	}
	for _, w := range wordCache[key] {
		ns := numbers(w.text)
		if len(ns) == 0 || img.inked(w.x0, w.y0, w.x1, w.y1) && !img.halfInked(w) {
			continue
		}
		for _, n := range ns {
			b.add(canon(n))
		}
	}
	return b
}

// halfInked reports whether a clip edge cuts word w through its middle:
// ink in its upper half or its lower half only. A page break through a
// merged cell prints the line in the cell's middle twice, at the foot of
// one page and the head of the next, each copy clipped to the part on its
// page (北京-应急 pp.78/79, 131/132: the top of "23.930400" on one page, its
// bottom on the next); a reader sees one number, pdftotext reads two whole
// words. The half copy is not counted, as the hidden ones are not.
func (g pgm) halfInked(w *word) bool {
	mid := (w.y0 + w.y1) / 2
	// a band of a pixel at the middle belongs to neither half: a glyph's
	// ink crosses it, a clip edge leaves it on one side
	top := g.inked(w.x0, w.y0, w.x1, mid-1)
	bottom := g.inked(w.x0, mid+1, w.x1, w.y1)
	return top != bottom
}

// pgm is an 8-bit grey image.
type pgm struct {
	w, h int
	pix  []byte
}

// readPGM reads pdftoppm's binary PGM (P5, maxval 255): four header
// tokens separated by whitespace, one whitespace byte, the pixels.
func readPGM(data []byte) (pgm, bool) {
	var toks []string
	i := 0
	for len(toks) < 4 && i < len(data) {
		for i < len(data) && isSpace(data[i]) {
			i++
		}
		j := i
		for j < len(data) && !isSpace(data[j]) {
			j++
		}
		toks = append(toks, string(data[i:j]))
		i = j
	}
	i++ // the whitespace byte after maxval
	var img pgm
	if len(toks) != 4 || toks[0] != "P5" || toks[3] != "255" {
		return img, false
	}
	fmt.Sscan(toks[1], &img.w)
	fmt.Sscan(toks[2], &img.h)
	if img.w <= 0 || img.h <= 0 || len(data)-i < img.w*img.h {
		return img, false
	}
	img.pix = data[i : i+img.w*img.h]
	return img, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// inked reports whether any pixel of the box is dark.
func (g pgm) inked(x0, y0, x1, y1 float64) bool {
	for y := max(0, int(y0)); y <= min(g.h-1, int(y1)); y++ {
		for x := max(0, int(x0)); x <= min(g.w-1, int(x1)); x++ {
			if g.pix[y*g.w+x] < 160 {
				return true
			}
		}
	}
	return false
}

var numWordRE = regexp.MustCompile(`^[0-9,.]+$`)

var (
	shortFracRE = regexp.MustCompile(`^-?[0-9,]*[0-9]\.([0-9]*)$`)
	digitsRE    = regexp.MustCompile(`^[0-9]+$`)
)

// fragmentLine reports whether v's line holds only bare digits: the
// wrapped ends of the numbers above. A line that also holds text or a
// fraction is a row of its own (西安-人社 prints 49.2 over a row's 2, its
// amounts without trailing zeros).
func fragmentLine(ws []*word, v *word) bool {
	for _, u := range ws {
		if u != v && u.text != "" && abs(u.y0-v.y0) < 1 && !digitsRE.MatchString(u.text) {
			return false
		}
	}
	return true
}

// joinWrapped joins a number whose fraction has fewer than prec digits to
// the digits printed right below it that complete it: the next line down
// (its top less than one word height below the number's bottom), inside
// the number's horizontal extent, as many digits as the fraction lacks,
// on a line of such fragments only.
// pdftotext reads such a cell as two numbers (1378.4 and 1) where the
// document prints one (1378.41) wrapped by its narrow column.
func joinWrapped(ws []*word, prec int) []*word {
	for _, w := range ws {
		m := shortFracRE.FindStringSubmatch(w.text)
		if m == nil || len(m[1]) >= prec {
			continue
		}
		h := w.y1 - w.y0
		for _, v := range ws {
			if v == w || v.text == "" || !digitsRE.MatchString(v.text) || len(m[1])+len(v.text) != prec {
				continue
			}
			if v.y0 <= w.y1-h/2 || v.y0 > w.y1+h || v.x0 < w.x0-1 || v.x1 > w.x1+1 || !fragmentLine(ws, v) {
				continue
			}
			w.text += v.text
			v.text = ""
			break
		}
	}
	out := ws[:0]
	for _, w := range ws {
		if w.text != "" {
			out = append(out, w)
		}
	}
	return out
}

func joinOverlapping(ws []*word) []*word {
	sort.SliceStable(ws, func(i, j int) bool {
		if ws[i].y0 != ws[j].y0 {
			return ws[i].y0 < ws[j].y0
		}
		return ws[i].x0 < ws[j].x0
	})
	var out []*word
	for _, w := range ws {
		if n := len(out); n > 0 {
			a := out[n-1]
			reach := a.x1 + 0.5
			if strings.Contains(a.text, ".") { // a fraction goes on only by overlapping glyphs
				reach = a.x1 - 0.5
			}
			if abs(a.y0-w.y0) < 0.5 && w.x0 > a.x0 && w.x0 < reach && numWordRE.MatchString(a.text) && numWordRE.MatchString(w.text) {
				a.text += w.text
				a.x1 = max(a.x1, w.x1)
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// pageNumbers returns the numbers printed on a page, and those on lines
// that are only a page number.
func pageNumbers(text string) (nums []string, pageNos bag) {
	pageNos = bag{}
	for _, line := range strings.Split(text, "\n") {
		if pageNoRE.MatchString(fold.Replace(line)) {
			for _, n := range numbers(line) {
				pageNos.add(canon(n))
			}
			continue
		}
		line = tableNoRE.ReplaceAllString(fold.Replace(line), "")
		for _, n := range numbers(line) {
			nums = append(nums, canon(n))
		}
	}
	return nums, pageNos
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	return r.ReadAll()
}

type report struct {
	doc, table        string
	amounts, numbers  int
	extra, lost, prec []string
	narr              []string // lost but printed in the narrative
}

func isYear(s string) bool {
	if len(s) != 4 || strings.Contains(s, ".") {
		return false
	}
	return s >= "1990" && s <= "2100"
}

// plainRE is a cell that is only a number.
var plainRE = regexp.MustCompile(`^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$`)

// longCodeRE is a project code of ten or more digits and capitals.
var longCodeRE = regexp.MustCompile(`[0-9A-Z]{10,}`)

// inCode reports whether an integer printed on the page is a piece of one
// of the long codes.
func inCode(n string, codes []string) bool {
	if strings.Contains(n, ".") || len(n) < 2 {
		return false
	}
	for _, c := range codes {
		if strings.Contains(c, n) {
			return true
		}
	}
	return false
}

func shares(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

var unsafeRE = regexp.MustCompile(`[^\p{L}\p{N}\-_.()（）]+`)

// safeStem is the name of a document's output folder, as yusuan names it
// (its README: letters, digits and - _ . ( ) kept, the rest "_", at most
// 120 bytes).
func safeStem(path string) string {
	base := filepath.Base(path)
	stem := unsafeRE.ReplaceAllString(strings.TrimSuffix(base, filepath.Ext(base)), "_")
	stem = strings.TrimLeft(stem, ".")
	for len(stem) > 120 {
		r := []rune(stem)
		stem = string(r[:len(r)-1])
	}
	return stem
}

func main() {
	verbose := flag.Bool("v", false, "print every table, not only those with findings")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./scripts/amtcheck [-v] OUTDIR PDF...")
	}
	flag.Parse()
	if flag.NArg() < 2 {
		flag.Usage()
		os.Exit(2)
	}
	outDir := flag.Arg(0)
	bad := false
	var all []report
	for _, pdf := range flag.Args()[1:] {
		stem := safeStem(pdf)
		dir := filepath.Join(outDir, stem)
		raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
		if err != nil {
			fmt.Printf("%s: no output (%v)\n", stem, err)
			continue
		}
		var m manifest
		if err := json.Unmarshal(raw, &m); err != nil {
			fmt.Fprintf(os.Stderr, "amtcheck: %s: %v\n", dir, err)
			bad = true
			continue
		}
		// Numbers that are not cells: narrative, titles, headers, units.
		header, narrative := bag{}, bag{}
		for _, s := range m.Narrative {
			for _, n := range numbers(s.Heading + " " + s.Text) {
				narrative.add(canon(n))
			}
		}
		// Every number of every cell, per table; amounts per table.
		cells := make([]bag, len(m.Tables))
		codes := make([][]string, len(m.Tables)) // long project codes (11000024T000002872209)
		amounts := make([][]string, len(m.Tables))
		for i, t := range m.Tables {
			cells[i] = bag{}
			head := t.Title + " " + t.Unit
			for _, r := range t.Header {
				head += " " + strings.Join(r, " ")
			}
			for _, c := range t.Columns {
				head += " " + c.Label
			}
			for _, n := range numbers(head) {
				header.add(canon(n))
			}
			recs, err := readCSV(filepath.Join(dir, t.CSV))
			if err != nil {
				fmt.Fprintf(os.Stderr, "amtcheck: %v\n", err)
				bad = true
				continue
			}
			// Amount columns: typed decimal, or typed string with every
			// cell a plain number (the amounts of a form-like table),
			// codes aside.
			amount := make([]bool, len(t.Columns))
			for j, c := range t.Columns {
				amount[j] = c.Type == "decimal"
				if c.Type != "string" || strings.Contains(c.Name, "code") || strings.TrimRight(c.Name, "_0123456789") == "seq" {
					continue
				}
				n := 0
				for _, rec := range recs[1:] {
					if j < len(rec) && rec[j] != "" {
						if !plainRE.MatchString(rec[j]) {
							n = -1
							break
						}
						n++
					}
				}
				amount[j] = n > 0
			}
			for ri, rec := range recs {
				if ri == 0 {
					continue
				}
				for j, cell := range rec {
					if cell == "" {
						continue
					}
					if j < len(amount) && amount[j] {
						amounts[i] = append(amounts[i], canon(cell))
						cells[i].add(canon(cell))
						continue
					}
					codes[i] = append(codes[i], longCodeRE.FindAllString(cell, -1)...)
					for _, n := range numbers(cell) {
						cells[i].add(canon(n))
						// a code wrapped in its narrow cell (262001 printed
						// 2620 over 01): its pieces are no amounts
						if j < len(t.Columns) && strings.Contains(t.Columns[j].Name, "code") && len(n) >= 6 && !strings.Contains(n, ".") {
							codes[i] = append(codes[i], n)
						}
						// a code printed in 类/款/项 columns: "201 05 01"
						if j < len(t.Columns) && strings.Contains(t.Columns[j].Name, "code") && len(n) > 3 {
							for k := 3; k < len(n); k += 2 {
								cells[i].add(canon(n[k:min(k+2, len(n))]))
							}
							cells[i].add(n[:3])
						}
					}
				}
			}
		}
		// Tables sharing a page are checked for lost numbers together:
		// group[i] is the first table of i's group.
		group := make([]int, len(m.Tables))
		for i := range group {
			group[i] = i
		}
		for changed := true; changed; {
			changed = false
			for i, t := range m.Tables {
				for j, u := range m.Tables {
					if group[j] < group[i] && shares(t.Pages, u.Pages) {
						group[i] = group[j]
						changed = true
					}
				}
			}
		}
		// Pages no table covers: decimals printed there that the narrative
		// does not hold may be a table yusuan did not see.
		covered := map[int]bool{}
		for _, t := range m.Tables {
			for _, p := range t.Pages {
				covered[p] = true
			}
		}
		for p := 1; p <= m.Pages; p++ {
			if covered[p] {
				continue
			}
			nums, _ := pageNumbers(pageText(pdf, p))
			var stray []string
			left := bag{}
			for k, n := range narrative {
				left[k] = n
			}
			for _, n := range nums {
				if left[n] > 0 {
					left[n]--
					continue
				}
				if strings.Contains(n, ".") {
					stray = append(stray, n)
				}
			}
			if len(stray) >= 3 {
				bad = true
				fmt.Printf("%s page %d: in no table, %d decimals not in the narrative: %s\n", stem, p, len(stray), strings.Join(stray, " "))
			}
		}
		for i, t := range m.Tables {
			rep := report{doc: stem, table: t.ID, amounts: len(amounts[i])}
			printed, byValue := bag{}, bag{}
			for _, p := range t.Pages {
				nums, _ := pageNumbers(pageText(pdf, p))
				for _, n := range nums {
					printed.add(n)
					byValue.add(value(n))
				}
			}
			rep.numbers = len(printed)
			// extra: CSV amounts beyond what the pages print.
			seen := bag{}
			for _, a := range amounts[i] {
				seen.add(a)
			}
			for a, n := range seen {
				for k := printed[a]; k < n; k++ {
					if byValue[value(a)] > k {
						rep.prec = append(rep.prec, a)
					} else {
						rep.extra = append(rep.extra, a)
					}
				}
			}
			// lost: numbers printed on the pages of the table's group (the
			// tables sharing pages with it) that no cell of the group holds;
			// reported with the group's first table.
			if group[i] == i {
				pages := map[int]bool{}
				cover := bag{}
				var long []string
				for j := range m.Tables {
					if group[j] != i {
						continue
					}
					for _, p := range m.Tables[j].Pages {
						pages[p] = true
					}
					for k, n := range cells[j] {
						cover[k] += n
					}
					long = append(long, codes[j]...)
				}
				var ps []int
				for p := range pages {
					ps = append(ps, p)
				}
				sort.Ints(ps)
				narr := bag{}
				for _, p := range ps {
					nums, _ := pageNumbers(pageText(pdf, p))
					for _, n := range nums {
						switch {
						case isYear(n):
						case cover[n] > 0:
							cover[n]--
						case header[n] > 0:
							header[n]--
						case inCode(n, long):
							// a piece of a long code that wraps in its cell
						case narrative[n] > narr[n]:
							narr.add(n)
							rep.narr = append(rep.narr, fmt.Sprintf("%s(p%d)", n, p))
						default:
							rep.lost = append(rep.lost, fmt.Sprintf("%s(p%d)", n, p))
						}
					}
				}
			}
			rep.lost = dropInvisible(pdf, rep.lost)
			sort.Strings(rep.extra)
			sort.Strings(rep.lost)
			sort.Strings(rep.prec)
			all = append(all, rep)
		}
	}
	fmt.Printf("%-48s %-9s %7s %7s %5s %5s %5s\n", "document", "table", "amounts", "printed", "extra", "lost", "prec")
	docs := map[string][3]int{}
	for _, r := range all {
		d := docs[r.doc]
		d[0]++
		d[1] += r.amounts
		d[2] += len(r.extra) + len(r.lost)
		docs[r.doc] = d
		if len(r.extra)+len(r.lost)+len(r.prec) == 0 && !*verbose {
			continue
		}
		if len(r.extra)+len(r.lost) > 0 {
			bad = true
		}
		fmt.Printf("%-48s %-9s %7d %7d %5d %5d %5d\n", r.doc, r.table, r.amounts, r.numbers, len(r.extra), len(r.lost), len(r.prec))
		if len(r.extra) > 0 {
			fmt.Printf("    extra (in CSV, not on pages): %s\n", strings.Join(r.extra, " "))
		}
		if len(r.lost) > 0 {
			fmt.Printf("    lost (on pages, not in CSV):  %s\n", strings.Join(r.lost, " "))
		}
		if len(r.narr) > 0 && *verbose {
			fmt.Printf("    on pages, in narrative only:  %s\n", strings.Join(r.narr, " "))
		}
		if len(r.prec) > 0 {
			fmt.Printf("    at another precision:         %s\n", strings.Join(r.prec, " "))
		}
	}
	fmt.Println()
	var names []string
	for d := range docs {
		names = append(names, d)
	}
	sort.Strings(names)
	fmt.Printf("%-48s %6s %8s %13s\n", "document", "tables", "amounts", "discrepancies")
	for _, d := range names {
		fmt.Printf("%-48s %6d %8d %13d\n", d, docs[d][0], docs[d][1], docs[d][2])
	}
	if bad {
		os.Exit(1)
	}
}
