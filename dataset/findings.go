package dataset

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/table"
)

// FindingColumns are the columns of the findings dataset, one row per
// finding of every document: what does not reconcile, or what a reader
// corrected or doubted, with keys that join it to the kinds' rows:
//
//	SELECT g.*, f.rule, f.message
//	FROM gpb_expenditure g JOIN findings f
//	  ON f.doc_id = g.doc_id AND f.table_id = g.table_id AND f.row_number = g.row_number
//
// column_name is the dataset's name of the column the finding names (as
// in the kind's dataset, so renamed columns match; not "column", which SQL
// reserves); kind is its table's kind.
// row_number is null for a finding about a whole table or the document,
// table_id for one about the document. rule is any rule's name, as the
// validator wrote it. finding numbers the document's findings from 1.
var FindingColumns = []Column{
	{Name: "doc_id", Type: String, Required: true},
	{Name: "department", Type: String},
	{Name: "region", Type: String},
	{Name: "year", Type: Int},
	{Name: "finding", Type: Int, Required: true},
	{Name: "severity", Type: String, Required: true},
	{Name: "rule", Type: String, Required: true},
	{Name: "kind", Type: String},
	{Name: "table_id", Type: String},
	{Name: "row_number", Type: Int},
	{Name: "column_name", Type: String},
	{Name: "row_code", Type: String},
	{Name: "row_label", Type: String},
	{Name: "line", Type: Int},
	{Name: "expected", Type: String},
	{Name: "found", Type: String},
	{Name: "difference", Type: String},
	{Name: "pages", Type: String},
	{Name: "message", Type: String},
}

// columnNames maps, per kind, each table column to its dataset name.
func columnNames(kinds []*kindPlan) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, k := range kinds {
		m := map[string]string{}
		for _, c := range k.cols {
			m[c.source] = c.name
		}
		out[k.kind] = m
	}
	return out
}

// renamed lists the renamed columns of every kind, sorted: part of the
// findings' inputs, since their column values are dataset names.
func (b *builder) renamed() []string {
	var out []string
	for kind, m := range b.names {
		for src, name := range m {
			if src != name {
				out = append(out, kind+"."+src+"="+name)
			}
		}
	}
	sort.Strings(out)
	return out
}

// findingsManifest is the part of manifest.json the findings dataset reads.
type findingsManifest struct {
	Tables []struct {
		ID       string `json:"id"`
		Kind     string `json:"kind"`
		RowLines []int  `json:"row_lines"`
	} `json:"tables"`
	Findings []table.Finding `json:"findings"`
}

// writeFindings writes the findings dataset, partitioned by year like the
// kinds, keeping the previous build's partitions whose inputs are equal.
func (b *builder) writeFindings(docs []*docPlan) (*KindReport, error) {
	byYear := map[int][]*docPlan{}
	for _, d := range docs {
		if d.findings > 0 {
			byYear[d.year] = append(byYear[d.year], d)
		}
	}
	years := make([]int, 0, len(byYear))
	for y := range byYear {
		years = append(years, y)
	}
	sort.Ints(years)
	kr := &KindReport{Kind: "findings", Columns: FindingColumns, Files: []FileEntry{}, Totals: []Total{}, Partitions: []Partition{}}
	var prevKind *KindReport
	if b.prev != nil && slices.Equal(b.prev.Findings.Columns, FindingColumns) {
		prevKind = &b.prev.Findings
	}
	renamed := b.renamed()
	for _, y := range years {
		inputs := inputsDigest("findings", byYear[y], renamed)
		var part *Partition
		if pp := prevKind.partition(y); pp != nil && pp.Inputs == inputs && b.keep(pp.Files) {
			kept := *pp
			part = &kept
			b.rep.Kept++
		} else {
			var err error
			if part, err = b.writeFindingsPartition(y, byYear[y], inputs); err != nil {
				return nil, err
			}
			b.rep.Written++
		}
		kr.Partitions = append(kr.Partitions, *part)
		kr.Documents += part.Documents
		kr.Rows += part.Rows
		kr.Files = append(kr.Files, part.Files...)
	}
	sort.SliceStable(kr.Files, func(a, c int) bool {
		return strings.HasPrefix(kr.Files[a].Path, "parquet/") && !strings.HasPrefix(kr.Files[c].Path, "parquet/")
	})
	return kr, nil
}

func (b *builder) writeFindingsPartition(year int, docs []*docPlan, inputs string) (*Partition, error) {
	cols := FindingColumns
	w, err := b.newPartWriter("findings", year, cols, writerOptions("findings", cols, b.opts))
	if err != nil {
		return nil, err
	}
	defer w.abort()
	cells := make([]string, len(cols))
	vals := make([]decimal.Decimal, len(cols))
	present := make([]bool, len(cols))
	for i := range present {
		present[i] = true
	}
	for _, d := range docs {
		data, err := os.ReadFile(filepath.Join(d.dir, "manifest.json"))
		if err != nil {
			return nil, err
		}
		var m findingsManifest
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s: manifest.json: %w", d.id, err)
		}
		kinds := map[string]string{}
		lines := map[string][]int{}
		for _, t := range m.Tables {
			kinds[t.ID], lines[t.ID] = t.Kind, t.RowLines
		}
		for n, f := range m.Findings {
			clear(cells)
			cells[0], cells[1], cells[2] = d.id, d.department, d.region
			if d.year != 0 {
				cells[3] = strconv.Itoa(d.year)
			}
			cells[4], cells[5], cells[6] = strconv.Itoa(n+1), string(f.Severity), f.Rule
			kind := kinds[f.Table]
			cells[7], cells[8] = kind, f.Table
			row := f.Row
			if row == 0 && f.Line != 0 { // a manifest from before Row
				for j, l := range lines[f.Table] {
					if l == f.Line {
						row = j + 1
						break
					}
				}
			}
			if row != 0 {
				cells[9] = strconv.Itoa(row)
			}
			col := f.Column
			if name, ok := b.names[kind][col]; ok {
				col = name
			}
			cells[10], cells[11], cells[12] = col, f.RowCode, f.RowLabel
			if f.Line != 0 {
				cells[13] = strconv.Itoa(f.Line)
			}
			cells[14], cells[15], cells[16] = f.Expected, f.Found, f.Difference
			pages := make([]string, len(f.Pages))
			for i, p := range f.Pages {
				pages[i] = strconv.Itoa(p)
			}
			cells[17], cells[18] = strings.Join(pages, ","), f.Message
			if err := w.write(cells, vals, present); err != nil {
				return nil, err
			}
		}
	}
	part := &Partition{Year: year, Inputs: inputs, Documents: len(docs), Rows: w.rows, Totals: []Total{}}
	if part.Files, err = w.close(); err != nil {
		return nil, err
	}
	return part, nil
}
