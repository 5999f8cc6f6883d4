package unruledgen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"strings"

	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/segment"
)

// Table is one budget table as printed: its title block, header grid (a
// merged cell's text in its first cell, the cells it covers empty), body
// rows and notes.
type Table struct {
	Attachment int    // 附件 number; 0: none printed
	Department string // line above the title; "" for none
	Title      string
	Unit       string // 万元, 元; "" for no unit line
	Header     [][]string
	Body       [][]string
	Notes      []string
	Form       bool // a performance form: key–value rows, then an indicator grid
}

// Doc is a disclosure: narrative paragraphs, then tables, one per page
// run.
type Doc struct {
	Narrative []string
	Tables    []Table
}

// Text writes the document as a text export: paragraphs one a line, table
// rows with tab-separated cells. It is the truth the PDF is read against.
func (d *Doc) Text(marker bool) []byte {
	var b strings.Builder
	for _, p := range d.Narrative {
		b.WriteString(p + "\n\n")
	}
	for _, t := range d.Tables {
		for _, l := range t.titleLines(marker) {
			b.WriteString(l + "\n\n")
		}
		for _, r := range append(append([][]string(nil), t.Header...), t.Body...) {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
		b.WriteString("\n")
		for _, n := range t.Notes {
			b.WriteString(n + "\n\n")
		}
	}
	return []byte(b.String())
}

func (t *Table) titleLines(marker bool) []string {
	var out []string
	if marker && t.Attachment > 0 {
		out = append(out, fmt.Sprintf("附件 %d", t.Attachment))
	}
	if t.Department != "" {
		out = append(out, t.Department)
	}
	out = append(out, t.Title)
	if t.Unit != "" {
		out = append(out, "单位："+t.Unit)
	}
	return out
}

// SeedTables reads the tables of a text disclosure (the seed) as segment
// finds them.
func SeedTables(path string) (*Doc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ld, err := extract.ReadText(path, data)
	if err != nil {
		return nil, err
	}
	sd := segment.Split(ld)
	d := &Doc{}
	for i, l := range sd.Text {
		if i < 6 && strings.TrimSpace(l.Text) != "" {
			d.Narrative = append(d.Narrative, l.Text)
		}
	}
	for _, st := range sd.Tables {
		t := Table{Attachment: st.Attachment, Department: st.Department, Title: st.Title, Unit: st.Unit}
		for _, r := range st.Header {
			t.Header = append(t.Header, clean(r.Cells))
		}
		for _, r := range st.Body {
			t.Body = append(t.Body, clean(r.Cells))
		}
		for _, n := range st.Notes {
			t.Notes = append(t.Notes, n.Text)
		}
		w := 0
		for _, r := range append(append([][]string(nil), t.Header...), t.Body...) {
			w = max(w, len(r))
		}
		// Short rows are padded on the right, except in performance
		// forms: the seed drops the empty 绩效指标 cell in front of an
		// indicator row (8 cells under a 9-cell header), as seedpdf reads it.
		form := strings.Contains(t.Title, "绩效目标表")
		t.Form = form
		for _, rs := range [][][]string{t.Header, t.Body} {
			for i := range rs {
				if form && len(rs[i]) == w-1 {
					rs[i] = append(make([]string, w-len(rs[i])), rs[i]...)
				}
				for len(rs[i]) < w {
					rs[i] = append(rs[i], "")
				}
			}
		}
		d.Tables = append(d.Tables, t)
	}
	return d, nil
}

var (
	cjkSpaceRe = regexp.MustCompile(`([\x{3000}-\x{303f}\x{4e00}-\x{9fff}\x{ff00}-\x{ffef}]) +([\x{3000}-\x{303f}\x{4e00}-\x{9fff}\x{ff00}-\x{ffef}])`)
	amountRe   = regexp.MustCompile(`^-?[0-9][0-9,]*\.[0-9]+$`)
	codeRe     = regexp.MustCompile(`^[0-9]{3,}$`)
)

// clean removes the wrap spaces of the seed's cells (a space between two
// CJK characters): printed again, a cell wraps where its new column makes
// it wrap.
func clean(cs []string) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		c = strings.TrimSpace(c)
		for {
			n := cjkSpaceRe.ReplaceAllString(c, "$1$2")
			if n == c {
				break
			}
			c = n
		}
		out[i] = c
	}
	return out
}

// Subject is a classification code and name.
type Subject struct{ Code, Name string }

// Subjects reads subject/codes.tsv (code, name, … tab-separated).
func Subjects(path string) ([]Subject, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []Subject
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Split(l, "\t")
		if strings.HasPrefix(l, "#") || len(f) < 2 || !codeRe.MatchString(f[0]) {
			continue
		}
		out = append(out, Subject{f[0], f[1]})
	}
	return out, nil
}

var departments = []string{
	"重庆市潼南区发展和改革委员会", "重庆市潼南区教育委员会（本级）", "重庆市潼南区卫生健康委员会",
	"重庆市潼南区农业农村委员会", "重庆市潼南区司法局", "重庆市潼南区文化和旅游发展委员会",
	"重庆市潼南区城市管理局", "重庆市潼南区退役军人事务局",
}

// Vary makes a synthetic document from the seed's: another department,
// other amounts, and in tables listing subjects (a code column beside a
// name column) other subjects. Empty cells stay empty; the shape of every
// table stays.
func Vary(seed *Doc, subjects []Subject, rng *rand.Rand) *Doc {
	d := &Doc{Narrative: append([]string(nil), seed.Narrative...)}
	dep := departments[rng.IntN(len(departments))]
	for _, st := range seed.Tables {
		t := st
		if t.Department != "" {
			t.Department = dep
		}
		t.Header = copyRows(st.Header)
		t.Body = copyRows(st.Body)
		codeCol := -1
		for i, r := range t.Body {
			for j, c := range r {
				if codeRe.MatchString(c) && j+1 < len(r) && codeCol < 0 && i < 4 {
					codeCol = j
				}
			}
		}
		for _, r := range t.Body {
			for j, c := range r {
				if amountRe.MatchString(c) {
					r[j] = amount(rng, c)
				}
			}
			if codeCol >= 0 && codeRe.MatchString(r[codeCol]) && len(subjects) > 0 {
				s := subjects[rng.IntN(len(subjects))]
				r[codeCol], r[codeCol+1] = s.Code, s.Name
			}
		}
		d.Tables = append(d.Tables, t)
	}
	return d
}

func copyRows(rs [][]string) [][]string {
	out := make([][]string, len(rs))
	for i, r := range rs {
		out[i] = append([]string(nil), r...)
	}
	return out
}

// amount draws an amount with the precision of c, sometimes much wider.
func amount(rng *rand.Rand, c string) string {
	dec := 0
	if i := strings.IndexByte(c, '.'); i >= 0 {
		dec = len(c) - i - 1
	}
	mag := []float64{10, 100, 1000, 10000, 100000}[rng.IntN(5)]
	v := rng.Float64() * mag
	return fmt.Sprintf("%.*f", dec, v)
}
