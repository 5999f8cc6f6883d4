package normalize

import (
	"fmt"
	"strings"

	"github.com/yusuan-data/yusuan/segment"
	"github.com/yusuan-data/yusuan/subject"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/zh"
)

// Recognised text is checked against what the project knows of the
// classification (package subject): the name beside a 科目编码 is fixed by
// the code, and a department is named the same in every table's title.
// Only rows and tables read from page images are checked; a text layer is
// what the document says and is never touched. Every correction, and every
// code or name that cannot be checked, is a finding.

// checkSubjects compares the name beside each classification code of t
// with the code's known name, on the rows read from OCR'd pages. A
// misreading is corrected in place (rule ocr.corrected_name); a name far
// from the code's is left as read (subject.name_mismatch) unless the
// recogniser doubted the name's cell and not the code's, as subject.Correct
// says; a code yusuan does not know is reported (subject.unknown_code).
func checkSubjects(t *table.Table, st *segment.Table, ocr map[int]bool) []table.Finding {
	var out []table.Finding
	doubts := rowDoubts(st)
	for j, c := range t.Columns {
		prefix, ok := classificationColumn(baseName(c.Name))
		if !ok {
			continue
		}
		k := t.Col(prefix + "_name" + strings.TrimPrefix(c.Name, prefix+"_code"))
		for i := range t.Rows {
			r := &t.Rows[i]
			code := r.Cells[j].Text
			if !ocr[r.Page] || r.Total || code == "" {
				continue
			}
			name := ""
			if k >= 0 {
				name = r.Cells[k].Text
			}
			if to, ok := codeByName(code, name); ok {
				out = append(out, correctedCode(t, c.Name, *r, code, to, name))
				r.Cells[j].Text, code = to, to
			}
			d := doubts[rowKey{r.Page, r.Line}]
			m, fix := subject.Correct(code, name, (d.name(name) || zh.LatinInHan(name)) && !d.code(code))
			at := table.Finding{Table: t.ID, RowCode: code, RowLabel: name, Line: r.Line, Pages: []int{r.Page}}
			switch {
			case m.Verdict == subject.Unknown:
				out = append(out, unknownCode(at, c.Name, code, name))
			case name == "" || m.Verdict == subject.Exact:
			case fix:
				r.Cells[k].Text = m.Known
				f := at
				f.Severity, f.Rule, f.Column, f.Expected, f.Found = table.Warning, "ocr.corrected_name", t.Columns[k].Name, m.Known, name
				f.RowLabel = m.Known
				why := m.Describe()
				if m.Verdict == subject.Far {
					why = "the recogniser doubted the name's cell, not the code's; " + why
				}
				f.Message = fmt.Sprintf("page %d: name beside %s read as %q, corrected to %q: %s", r.Page, code, name, m.Known, why)
				out = append(out, f)
			default:
				f := at
				f.Severity, f.Rule, f.Column, f.Expected, f.Found = table.Warning, "subject.name_mismatch", t.Columns[k].Name, m.Known, name
				f.Message = fmt.Sprintf("page %d: %s; the code or the name was misread, or the document names the code otherwise: left as read, check it on the page", r.Page, m.Describe())
				out = append(out, f)
			}
		}
	}
	return out
}

// classificationColumn tells a column of classification codes (功能分类
// subject_code, 政府经济分类 gov_econ_code, 部门经济分类 econ_code) and
// returns its prefix, whose _name column holds the names.
func classificationColumn(name string) (prefix string, ok bool) {
	for _, p := range []string{"subject", "gov_econ", "econ"} {
		if name == p+"_code" {
			return p, true
		}
	}
	return "", false
}

// unknownCode is the finding for a code the classification table lacks:
// info when it has a code's shape (the table holds only the codes seen in
// our documents), a warning when it has not (likely misread).
func unknownCode(f table.Finding, column, code, name string) table.Finding {
	f.Rule, f.Column, f.Found = "subject.unknown_code", column, code
	if _, ok := subject.KindOf(code); !ok {
		f.Severity = table.Warning
		f.Message = fmt.Sprintf("page %d: %q beside %q is not a classification code (3, 5 or 7 digits led by 1, 2, 3 or 5): check it on the page", f.Pages[0], code, name)
		return f
	}
	f.Severity = table.Info
	f.Message = fmt.Sprintf("page %d: %s %q is not among the codes yusuan knows (subject/codes.tsv), so its name is not checked", f.Pages[0], code, name)
	if s, ok := subject.Nearest(code); ok {
		f.Message += fmt.Sprintf("; its %s %s is %s", subject.Level(s.Code), s.Code, s.Name)
	}
	return f
}

// rowKey is where a row was read: page and line.
type rowKey struct{ page, line int }

// doubtedTexts are the cleaned texts of the cells of one raw row that the
// recogniser read with low confidence.
type doubtedTexts []string

// rowDoubts collects each raw row's doubted cells by where it was read.
func rowDoubts(st *segment.Table) map[rowKey]doubtedTexts {
	out := map[rowKey]doubtedTexts{}
	for _, r := range st.Body {
		for _, c := range r.Doubt {
			if v := CleanCell(c.Text); v != "" {
				out[rowKey{r.Page, r.Line}] = append(out[rowKey{r.Page, r.Line}], v)
			}
		}
	}
	return out
}

// name reports whether the name was in a doubted cell: the cell itself, or
// a code–name cell ending in it.
func (d doubtedTexts) name(name string) bool {
	for _, v := range d {
		if name != "" && strings.HasSuffix(v, name) {
			return true
		}
	}
	return false
}

// code reports whether the code was in a doubted cell: the cell itself
// (wrap spaces aside), or a code–name cell starting with it.
func (d doubtedTexts) code(code string) bool {
	for _, v := range d {
		if CleanCode(v) == code {
			return true
		}
		if c, _, ok := SplitCodeName(v); ok && c == code {
			return true
		}
	}
	return false
}

// checkDepartments gives every table read from an OCR'd page the
// document's department when its title names a misreading of it (潼南 read
// as 漳南, 潼南区 lost), as subject.Near says, with an
// ocr.corrected_department finding. Another department is left alone.
func checkDepartments(doc *table.Document, ocr map[int]bool) []table.Finding {
	var out []table.Finding
	for _, t := range doc.Tables {
		if t.Department == "" || t.Department == doc.Department || doc.Department == "" || !anyPage(t.Pages, ocr) {
			continue
		}
		lost, conf, near := subject.Near(doc.Department, t.Department)
		if !near {
			continue
		}
		out = append(out, table.Finding{
			Severity: table.Warning, Rule: "ocr.corrected_department", Document: doc.Source, Table: t.ID,
			Expected: doc.Department, Found: t.Department, Pages: t.Pages,
			Message: fmt.Sprintf("page %d: department in the title read as %q, corrected to the document's %q (%d characters lost, %d look-alikes)",
				t.Pages[0], t.Department, doc.Department, lost, conf),
		})
		t.Department = doc.Department
	}
	return out
}

func anyPage(pages []int, set map[int]bool) bool {
	for _, p := range pages {
		if set[p] {
			return true
		}
	}
	return false
}
