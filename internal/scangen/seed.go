// Package scangen makes scanned budget disclosures with known truth, for
// the tests and benchmarks of the OCR path: the seed disclosure's tables
// (fixtures/000_40af54efeba53a7c.txt) under other departments, with other
// amounts and row counts, typeset on A4 pages with page breaks at varied
// places, then printed and scanned: 150–300 dpi, turned up to ±2°, speckled,
// a red seal stamped over a table, saved as JPEG of quality 40–90 and
// wrapped as an image-only PDF. Beside each scan it writes the same
// document as a text export: what the text path reads from it is the truth
// the scan's tables are compared with.
//
// The family it covers is the one the issue names: documents from other
// departments and table lengths, continuation pages that repeat the title
// without the 附件 marker (or repeat nothing), narrative pages with a list
// of the 附件, titles printed on the department's line or on their own.
package scangen

import (
	"regexp"
	"strconv"
	"strings"
)

// Table is one attachment of the seed: its marker number, title, header
// rows and body rows (each row its cells), and the notes printed under it.
type Table struct {
	N      int
	Title  string
	Header [][]string
	Body   [][]string
	Notes  []string
	skip   int // header rows of a continuation page still to drop (parsing)
}

// Seed is the part of the seed disclosure the generator varies: the
// narrative's first lines, and the tables of 附件 1–10 (the performance
// forms of 附件 11–12 are laid out as key–value grids, a layout of its own
// that this generator does not draw).
type Seed struct {
	Department string   // the department as the seed names it
	Narrative  []string // paragraphs, the document title first
	Tables     []Table
}

var (
	attachRe = regexp.MustCompile(`^附件\s*([0-9]+)$`)
	amountRe = regexp.MustCompile(`^-?[0-9][0-9,]*\.[0-9]+$`)
	cjk      = `\x{3000}-\x{303f}\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{ff00}-\x{ffef}`
	cjkSpRe  = regexp.MustCompile(`([` + cjk + `]) +([` + cjk + `])`)
	dashSpRe = regexp.MustCompile(`- +([` + cjk + `])`)
	digSpRe  = regexp.MustCompile(`([0-9]) +([0-9])`)
	ruleRe   = regexp.MustCompile(`^[-\t ]+$`)
	digCJKRe = regexp.MustCompile(`([0-9]) +([` + cjk + `])`)
)

// cleanCell removes what wrapping left in the seed's cells: spaces between
// CJK characters, after a dash, and between the digits of a code.
func cleanCell(s string) string {
	s = strings.TrimSpace(s)
	for range 2 {
		s = cjkSpRe.ReplaceAllString(s, "$1$2")
		s = digSpRe.ReplaceAllString(s, "$1$2")
	}
	s = dashSpRe.ReplaceAllString(s, "-$1")
	// "2025 网络宣传": a space no scan shows
	return digCJKRe.ReplaceAllString(s, "$1$2")
}

// ParseSeed reads the seed text: narrative up to the first 附件 line, then
// per attachment a title block and tab-separated rows over several pages.
// A later page's rows that repeat the first page's header are dropped.
func ParseSeed(text string) Seed {
	var s Seed
	var cur *Table
	inRows := false
	for _, raw := range strings.Split(text, "\n") {
		line := strings.TrimRight(raw, "\r")
		trim := strings.TrimSpace(line)
		if trim == "" || ruleRe.MatchString(line) && strings.Contains(line, "-") {
			continue
		}
		if m := attachRe.FindStringSubmatch(trim); m != nil {
			n, _ := strconv.Atoi(m[1])
			if n > 10 {
				break
			}
			s.Tables = append(s.Tables, Table{N: n})
			cur = &s.Tables[len(s.Tables)-1]
			inRows = false
			continue
		}
		if cur == nil {
			s.Narrative = append(s.Narrative, trim)
			continue
		}
		if !strings.Contains(line, "\t") {
			if inRows && !strings.Contains(trim, "单位：") && !strings.Contains(trim, "表") && !looksLikeDept(trim) {
				cur.Notes = append(cur.Notes, trim)
				continue
			}
			if cur.Title == "" {
				if i := strings.LastIndex(trim, " "); i > 0 && strings.HasSuffix(trim, "表") {
					if s.Department == "" {
						s.Department = strings.TrimSpace(trim[:i])
					}
					cur.Title = strings.TrimSpace(trim[i:])
				} else if strings.HasSuffix(trim, "表") {
					cur.Title = trim
				} else if s.Department == "" && looksLikeDept(trim) {
					s.Department = trim
				}
			}
			inRows = false
			continue
		}
		var cells []string
		for _, c := range strings.Split(line, "\t") {
			cells = append(cells, cleanCell(c))
		}
		if !inRows && len(cur.Header)+len(cur.Body) > 0 {
			// a new page of the table: skip its repeated header
			inRows = true
			if sameRows(cur.Header, cells, 0) {
				cur.skip = len(cur.Header) - 1
				continue
			}
		}
		inRows = true
		if cur.skip > 0 {
			cur.skip--
			continue
		}
		if len(cur.Body) == 0 && !isBody(cells) && len(cur.Header) < 4 {
			cur.Header = append(cur.Header, cells)
			continue
		}
		cur.Body = append(cur.Body, cells)
	}
	for i := range s.Tables {
		s.Tables[i].pad()
	}
	return s
}

func looksLikeDept(s string) bool {
	return strings.HasSuffix(s, "（本级）") || strings.HasSuffix(s, "局") || strings.HasSuffix(s, "办公室")
}

func sameRows(header [][]string, cells []string, i int) bool {
	if i >= len(header) {
		return false
	}
	return strings.Join(header[i], "\t") == strings.Join(cells, "\t")
}

// isBody reports whether a row carries data: an amount, or a 合计 label
// in its first two cells (a header may have a column 合计).
func isBody(cells []string) bool {
	for i, c := range cells {
		if amountRe.MatchString(c) || i < 2 && strings.HasSuffix(c, "合计") {
			return true
		}
	}
	return false
}

// pad makes every row as wide as the widest.
func (t *Table) pad() {
	w := 0
	for _, r := range append(append([][]string{}, t.Header...), t.Body...) {
		w = max(w, len(r))
	}
	for i := range t.Header {
		for len(t.Header[i]) < w {
			t.Header[i] = append(t.Header[i], "")
		}
	}
	for i := range t.Body {
		for len(t.Body[i]) < w {
			t.Body[i] = append(t.Body[i], "")
		}
	}
}
