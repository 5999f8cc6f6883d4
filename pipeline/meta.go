package pipeline

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/zh"
)

// Meta is metadata a user supplies for documents whose text does not print
// it (yusuan extract -meta FILE.csv): some disclosures never name their
// department or budget year, and came from a place the user knows. A row
// is found by the input's path or by its sha256; what the text says wins,
// and where it disagrees with the row, that is a finding.
//
// The file is CSV (UTF-8, an optional BOM) with a header row naming its
// columns, in any order: "input" (or "path") and/or "sha256" to find the
// document, and any of "department", "region", "year".
type Meta struct {
	byPath map[string]table.Supplied // cleaned path as written, and absolute
	bySum  map[string]table.Supplied
}

// ReadMeta reads a -meta file. Errors name the file and the line.
func ReadMeta(path string) (*Meta, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseMeta(path, f)
}

func parseMeta(name string, r io.Reader) (*Meta, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty, want a header row (input,sha256,department,region,year)", name)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		if h == "path" {
			h = "input"
		}
		switch h {
		case "input", "sha256", "department", "region", "year":
		default:
			return nil, fmt.Errorf("%s: line 1: unknown column %q (want input, sha256, department, region, year)", name, h)
		}
		if _, dup := col[h]; dup {
			return nil, fmt.Errorf("%s: line 1: column %q twice", name, h)
		}
		col[h] = i
	}
	_, hasIn := col["input"]
	_, hasSum := col["sha256"]
	if !hasIn && !hasSum {
		return nil, fmt.Errorf("%s: line 1: no input or sha256 column to find the documents by", name)
	}
	m := &Meta{byPath: map[string]table.Supplied{}, bySum: map[string]table.Supplied{}}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return m, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		get := func(k string) string {
			if i, ok := col[k]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		s := table.Supplied{Department: get("department"), Region: get("region")}
		if y := get("year"); y != "" {
			n, err := strconv.Atoi(strings.TrimSuffix(y, "年"))
			if err != nil || n < 1949 || n > 2200 {
				return nil, fmt.Errorf("%s: line %d: year %q is not a year", name, line, y)
			}
			s.Year = n
		}
		in, sum := get("input"), strings.ToLower(get("sha256"))
		if in == "" && sum == "" {
			return nil, fmt.Errorf("%s: line %d: neither input nor sha256 given", name, line)
		}
		if sum != "" {
			if !sha256Re.MatchString(sum) {
				return nil, fmt.Errorf("%s: line %d: sha256 %q is not 64 hex digits", name, line, sum)
			}
			if _, dup := m.bySum[sum]; dup {
				return nil, fmt.Errorf("%s: line %d: sha256 %s given twice", name, line, sum[:16])
			}
			m.bySum[sum] = s
		}
		if in != "" {
			for _, k := range pathKeys(in) {
				if _, dup := m.byPath[k]; dup {
					return nil, fmt.Errorf("%s: line %d: input %s given twice", name, line, in)
				}
				m.byPath[k] = s
			}
		}
	}
}

var sha256Re = regexp.MustCompile(`^[0-9a-f]{64}$`)

// pathKeys are the spellings a path is found by: as written (cleaned),
// and absolute.
func pathKeys(p string) []string {
	keys := []string{filepath.Clean(p)}
	if abs, err := filepath.Abs(p); err == nil && abs != keys[0] {
		keys = append(keys, abs)
	}
	return keys
}

// Lookup returns the row for an input, by its sha256 first, then by its
// path.
func (m *Meta) Lookup(input, sum string) (table.Supplied, bool) {
	if m == nil {
		return table.Supplied{}, false
	}
	if s, ok := m.bySum[sum]; ok && sum != "" {
		return s, true
	}
	for _, k := range pathKeys(input) {
		if s, ok := m.byPath[k]; ok {
			return s, true
		}
	}
	return table.Supplied{}, false
}

// applyMeta fills what doc's text lacks from the row supplied for it, and
// reports what it filled (info, meta.supplied) and where the row disagrees
// with the text (warning, meta.disagrees: the text's value is kept).
func applyMeta(doc *table.Document, m *Meta) {
	s, ok := m.Lookup(doc.Source, doc.SHA256)
	if !ok {
		return
	}
	doc.Supplied = &s
	// The text's region is that of the department or title it prints.
	textRegion := zh.Region(doc.Department)
	if textRegion == "" {
		textRegion = zh.Region(doc.Title)
	}
	var filled []string
	disagree := func(field, text, supplied string) {
		doc.Findings = append(doc.Findings, table.Finding{
			Severity: table.Warning, Rule: "meta.disagrees", Document: doc.Source,
			Column: field, Expected: supplied, Found: text,
			Message: fmt.Sprintf("the %s the document prints, %s, is not the %s supplied for it (-meta), %s: the document's is kept", field, text, field, supplied),
		})
	}
	switch {
	case s.Department == "":
	case doc.Department == "":
		doc.Department = s.Department
		filled = append(filled, "department "+s.Department)
	case doc.Department != s.Department:
		disagree("department", doc.Department, s.Department)
	}
	switch {
	case s.Year == 0:
	case doc.Year == 0:
		doc.Year = s.Year
		filled = append(filled, fmt.Sprintf("year %d", s.Year))
	case doc.Year != s.Year:
		disagree("year", strconv.Itoa(doc.Year), strconv.Itoa(s.Year))
	}
	if s.Region != "" {
		switch text := textRegion; {
		case text == "":
			doc.Region = s.Region
			filled = append(filled, "region "+s.Region)
		case text != s.Region && !strings.HasPrefix(text, s.Region):
			// 重庆市潼南区 is in 重庆市: a coarser region supplied is no
			// disagreement.
			disagree("region", text, s.Region)
		}
	}
	if len(filled) > 0 {
		doc.Findings = append(doc.Findings, table.Finding{
			Severity: table.Info, Rule: "meta.supplied", Document: doc.Source,
			Message: "not printed in the document, taken from -meta: " + strings.Join(filled, ", "),
		})
	}
}
