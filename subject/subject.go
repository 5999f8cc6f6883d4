// Package subject knows the codes and names of the government revenue and
// expenditure classification (政府收支分类科目) that budget tables print in
// their 科目编码 and 科目名称 columns, so that what a recogniser read can be
// checked against what the code means.
//
// The classification is a tree of codes: a functional expenditure code
// (支出功能分类) is 类 (3 digits, 201 一般公共服务支出), 款 (5, 20137 网信事务)
// and 项 (7, 2013799 其他网信事务支出); an economic code (支出经济分类) is 类 (3,
// 302 商品和服务支出) and 款 (5, 30201 办公费), with 7-digit local
// subdivisions in some provinces (3010201 规范性津补贴). The leading digit
// says which classification: 1 收入, 2 支出功能, 3 部门预算支出经济,
// 5 政府预算支出经济. One name can stand under many codes (行政运行 is the
// first 项 of most 款); one code has one name.
//
// The names are data, in codes.tsv, built by scripts/subjects from every
// code–name pair of the text-layer documents the project has (hand-checked
// golden tables first), never typed in by hand: see that script to add a
// document and regenerate. A code that no document printed is unknown here,
// not wrong: the table holds what we have seen, about 200 codes.
package subject

import (
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Kind is the classification a code belongs to.
type Kind string

const (
	Income      Kind = "income"       // 1xx 政府收入分类
	Functional  Kind = "functional"   // 2xx 支出功能分类
	Economic    Kind = "economic"     // 3xx 部门预算支出经济分类
	GovEconomic Kind = "gov_economic" // 5xx 政府预算支出经济分类
)

// Subject is one code of the classification with its name.
type Subject struct {
	Code string
	Name string
	Kind Kind
	// Docs counts the documents that print this name for the code; 0 for a
	// 类 or 款 that none printed, named from the national classification.
	Docs int
	// Others are other names documents printed for the code: an older
	// edition's name, or a publisher's slip.
	Others []Alias
}

// Alias is another name printed for a code, and by how many documents.
type Alias struct {
	Name string
	Docs int
}

//go:embed codes.tsv
var codesTSV string

// subjects is codes.tsv parsed, by code.
var subjects = mustParse(codesTSV)

// Lookup returns the classification's name for code.
func Lookup(code string) (name string, ok bool) {
	s, ok := subjects[code]
	return s.Name, ok
}

// Get returns everything known about code.
func Get(code string) (Subject, bool) {
	s, ok := subjects[code]
	return s, ok
}

// All returns every known subject in code order.
func All() []Subject {
	out := make([]Subject, 0, len(subjects))
	for _, s := range subjects {
		out = append(out, s)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Code < out[b].Code })
	return out
}

var shapeRe = regexp.MustCompile(`^[1235]([0-9]{2}|[0-9]{4}|[0-9]{6})$`)

// KindOf tells from its shape which classification a code belongs to: 3, 5
// or 7 digits led by 1, 2, 3 or 5. ok is false for anything else (a unit
// code such as 307001, a project code).
func KindOf(code string) (Kind, bool) {
	if !shapeRe.MatchString(code) {
		return "", false
	}
	switch code[0] {
	case '1':
		return Income, true
	case '2':
		return Functional, true
	case '3':
		return Economic, true
	}
	return GovEconomic, true
}

// mustParse reads codes.tsv: comment lines start with #, then a header
// line, then code, name, kind, docs, rows, others per line. A malformed
// file is a build fault, so it panics naming the line.
func mustParse(data string) map[string]Subject {
	out := map[string]Subject{}
	header := true
	for i, line := range strings.Split(data, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			panic(fmt.Sprintf("subject/codes.tsv line %d: %d fields, want 6", i+1, len(f)))
		}
		kind, ok := KindOf(f[0])
		if !ok || string(kind) != f[2] || f[1] == "" {
			panic(fmt.Sprintf("subject/codes.tsv line %d: code %q kind %q name %q", i+1, f[0], f[2], f[1]))
		}
		docs, err := strconv.Atoi(f[3])
		if err != nil {
			panic(fmt.Sprintf("subject/codes.tsv line %d: docs %q", i+1, f[3]))
		}
		if _, dup := out[f[0]]; dup {
			panic(fmt.Sprintf("subject/codes.tsv line %d: code %s twice", i+1, f[0]))
		}
		s := Subject{Code: f[0], Name: f[1], Kind: kind, Docs: docs}
		for _, o := range strings.Split(f[5], ";") {
			if o == "" {
				continue
			}
			j := strings.LastIndexByte(o, '(')
			n, err := strconv.Atoi(strings.TrimSuffix(o[max(j, 0)+1:], ")"))
			if j <= 0 || err != nil {
				panic(fmt.Sprintf("subject/codes.tsv line %d: other name %q is not name(docs)", i+1, o))
			}
			s.Others = append(s.Others, Alias{Name: o[:j], Docs: n})
		}
		out[f[0]] = s
	}
	return out
}
