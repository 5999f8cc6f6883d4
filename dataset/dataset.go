// Package dataset unions the per-document output folders of yusuan into one
// warehouse dataset per table kind: every gpb_expenditure table of every
// document in one table, every amount in 万元, as Hive-partitioned Parquet
// and CSV:
//
//	DATASET/parquet/kind=<kind>/year=<year>/part-0.parquet
//	DATASET/csv/kind=<kind>/year=<year>/part-0.csv
//	DATASET/dataset.json
//
// (year=unknown when the document states no year). dataset.json is the
// Report: per kind its columns with types and scales, row and document
// counts, the files with their sha256, and per amount column the total.
//
// Columns: the document columns (DocColumns: doc_id, department, region,
// year, source_unit, source_sha256, table_id, row_number), then the union of
// the kind's table columns in first-seen order (documents sorted by doc_id,
// tables in manifest order); a column a table lacks is null. A table column
// whose name is a document column's gets the prefix "table_".
//
// Types: a column is decimal when it is decimal in every table that has it,
// else string. Decimal columns are amounts and are converted exactly to 万元
// (元 ÷ 10000, 千元 ÷ 10, 亿元 × 10000, by moving the decimal point, never
// rounding), except NonAmountColumns (indicator weights, which are
// percentages). A decimal column is DECIMAL(38, s) in Parquet
// (FIXED_LEN_BYTE_ARRAY(16)), s the largest scale of the column over the
// kind's whole dataset after conversion, and written at that scale in the
// CSV. year and row_number are INT32. Strings are UTF-8 byte arrays
// (dictionary encoded). Empty cells are null (empty in the CSV).
//
// The build is deterministic (same inputs and Options → the same bytes: no
// timestamps, a fixed created_by) and atomic (built beside DATASET under a
// temporary dot-name, renamed into place when complete). It streams: it
// reads all manifests first (keeping only a small plan: column layouts are
// shared), then, one kind at a time, scans that kind's CSVs for scales and
// signs, and reads them again, one CSV at a time, into the kind's
// per-year writers. No document's rows are held in memory.
package dataset

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/table"
)

// Unit is the unit every amount of a dataset is in.
const Unit = "万元"

// Precision is the DECIMAL precision of every amount column.
const Precision = 38

// DefaultRowGroupRows is the Parquet row-group size when Options leaves it 0.
const DefaultRowGroupRows = 100_000

// NonAmountColumns are decimal columns that are not money and so keep their
// value whatever the table's unit: 指标权重 is a percentage.
var NonAmountColumns = map[string]bool{"weight": true, "execution_weight": true}

// Options configure a build.
type Options struct {
	// Version is recorded as the Parquet files' created_by ("yusuan
	// VERSION") and in dataset.json.
	Version string
	// Kinds limits the build to these table kinds; empty means all.
	Kinds []string
	// RowGroupRows is the number of rows per Parquet row group (0 means
	// DefaultRowGroupRows). It bounds the memory a partition's writer holds.
	RowGroupRows int
}

// ColumnType is a dataset column's type.
type ColumnType string

const (
	String  ColumnType = "string"  // UTF-8 text; Parquet BYTE_ARRAY (STRING)
	Decimal ColumnType = "decimal" // Parquet DECIMAL(38, Scale); in 万元 unless not an amount
	Int     ColumnType = "int"     // Parquet INT32
)

// Column is one column of a kind's dataset.
type Column struct {
	Name string     `json:"name"`
	Type ColumnType `json:"type"`
	// Precision and Scale of a decimal column: DECIMAL(Precision, Scale).
	Precision int `json:"precision,omitempty"`
	Scale     int `json:"scale,omitempty"`
	// Amount is true for a decimal column converted to 万元.
	Amount bool `json:"amount,omitempty"`
	// Required columns are never null.
	Required bool `json:"required,omitempty"`
}

// DocColumns are the columns every dataset starts with.
var DocColumns = []Column{
	{Name: "doc_id", Type: String, Required: true},
	{Name: "department", Type: String},
	{Name: "region", Type: String},
	{Name: "year", Type: Int},
	{Name: "source_unit", Type: String},
	{Name: "source_sha256", Type: String},
	{Name: "table_id", Type: String, Required: true},
	{Name: "row_number", Type: Int, Required: true},
}

// Report says what a build read and wrote. It is also written, as JSON, to
// DATASET/dataset.json.
type Report struct {
	Generator string `json:"generator"`
	Unit      string `json:"unit"`
	// Documents are the folder names read, in order.
	Documents []string `json:"documents"`
	// Skipped are the folder names passed over: hidden, or without a
	// manifest.json (incomplete).
	Skipped []string `json:"skipped"`
	// Kinds, sorted by name.
	Kinds []KindReport `json:"kinds"`
	// Warnings: tables left out and assumptions made, one line each.
	Warnings []string `json:"warnings"`
}

// KindReport is one kind's dataset.
type KindReport struct {
	Kind      string      `json:"kind"`
	Documents int         `json:"documents"`
	Tables    int         `json:"tables"`
	Rows      int         `json:"rows"`
	Columns   []Column    `json:"columns"`
	Files     []FileEntry `json:"files"`
	// Totals: per decimal column, the sum over the dataset (in 万元 for
	// amounts), at the column's scale.
	Totals []Total `json:"totals"`
}

// FileEntry is one written file, its path relative to the dataset folder.
type FileEntry struct {
	Path   string `json:"path"`
	Year   int    `json:"year"` // 0 for year=unknown
	Rows   int    `json:"rows"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Total is the sum of one decimal column over its Values non-null cells
// (0 when there are none).
type Total struct {
	Column string          `json:"column"`
	Values int             `json:"values"`
	Total  decimal.Decimal `json:"total"`
}

// MarshalJSON writes the total at its scale ("4386840.00", not "4386840").
func (t Total) MarshalJSON() ([]byte, error) {
	type plain struct {
		Column string `json:"column"`
		Values int    `json:"values"`
		Total  string `json:"total"`
	}
	return json.Marshal(plain{t.Column, t.Values, t.Total.StringFixed(int32(scaleOf(t.Total)))})
}

// Kind returns the report of one kind, or nil.
func (r *Report) Kind(kind string) *KindReport {
	for i := range r.Kinds {
		if r.Kinds[i].Kind == kind {
			return &r.Kinds[i]
		}
	}
	return nil
}

// Total returns the total of a decimal column.
func (k *KindReport) Total(column string) (decimal.Decimal, bool) {
	for _, t := range k.Totals {
		if t.Column == column {
			return t.Total, true
		}
	}
	return decimal.Decimal{}, false
}

// Column returns the column of that name, or nil.
func (k *KindReport) Column(name string) *Column {
	for i := range k.Columns {
		if k.Columns[i].Name == name {
			return &k.Columns[i]
		}
	}
	return nil
}

// unitShift is the power of ten that takes an amount in a unit to 万元.
var unitShift = map[string]int32{"元": -4, "千元": -1, "万元": 0, "百万元": 2, "亿元": 4}

// --- plan -------------------------------------------------------------------

type docPlan struct {
	id, dir    string
	department string
	region     string
	sha        string
	year       int
	tables     []*tablePlan
}

type tablePlan struct {
	id, kind, csv string
	unit          string // as stated, or the document's
	shift         int32
	layout        *layout
}

// layout is a table's column list, shared by every table of the same kind
// with the same columns: the plan of thousands of documents stays small.
type layout struct {
	names   []string
	decimal []bool
	out     []int // index of each column among the kind's table columns
}

// planner interns what many documents repeat.
type planner struct {
	strs    map[string]string
	layouts map[string]*layout
}

func (p *planner) str(s string) string {
	if v, ok := p.strs[s]; ok {
		return v
	}
	p.strs[s] = s
	return s
}

func (p *planner) layout(kind string, cols []table.Column) *layout {
	var key strings.Builder
	key.WriteString(kind)
	for _, c := range cols {
		key.WriteString("\x00" + c.Name + "\x01" + string(c.Type))
	}
	if l, ok := p.layouts[key.String()]; ok {
		return l
	}
	l := &layout{names: make([]string, len(cols)), decimal: make([]bool, len(cols))}
	for j, c := range cols {
		l.names[j], l.decimal[j] = p.str(c.Name), c.Type == table.Decimal
	}
	p.layouts[key.String()] = l
	return l
}

type kindPlan struct {
	kind   string
	cols   []*colPlan
	byName map[string]int
	docs   int
	tables int
	rows   int
}

type colPlan struct {
	name     string // output name
	decimal  bool   // decimal in every table that has it
	amount   bool
	scale    int
	digits   int  // most digits before the point
	negative bool // some value < 0: Parquet bounds would be misordered
}

// Build reads every document folder under outDir and writes the datasets
// into datasetDir, replacing what was there. See the package comment.
func Build(outDir, datasetDir string, opts Options) (*Report, error) {
	if opts.RowGroupRows <= 0 {
		opts.RowGroupRows = DefaultRowGroupRows
	}
	rep := &Report{Generator: generator(opts.Version), Unit: Unit, Documents: []string{}, Skipped: []string{}, Kinds: []KindReport{}, Warnings: []string{}}
	docs, err := plan(outDir, datasetDir, opts, rep)
	if err != nil {
		return nil, err
	}
	kinds := kindPlans(docs)

	datasetDir = filepath.Clean(datasetDir)
	parent := filepath.Dir(datasetDir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(datasetDir)+".partial-")
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	for _, k := range kinds {
		kr, err := writeKind(tmp, k, docs, opts)
		if err != nil {
			return nil, fmt.Errorf("kind %s: %w", k.kind, err)
		}
		rep.Kinds = append(rep.Kinds, *kr)
	}
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, "dataset.json"), append(data, '\n'), 0o644); err != nil {
		return nil, err
	}
	if err := export.ReplaceDir(tmp, datasetDir); err != nil {
		return nil, err
	}
	ok = true
	return rep, nil
}

func generator(version string) string {
	if version == "" {
		return "yusuan"
	}
	return "yusuan " + version
}

// plan reads the manifests and scans the CSVs: which tables go where, and
// each column's type and scale. It keeps only this plan, never the rows.
func plan(outDir, datasetDir string, opts Options, rep *Report) ([]*docPlan, error) {
	entries, err := os.ReadDir(outDir)
	if err != nil {
		return nil, err
	}
	absData, _ := filepath.Abs(datasetDir)
	pl := &planner{strs: map[string]string{}, layouts: map[string]*layout{}}
	var docs []*docPlan
	for _, e := range entries { // ReadDir sorts by name: doc_id order
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(outDir, e.Name())
		if abs, _ := filepath.Abs(dir); abs == absData {
			continue
		}
		if strings.HasPrefix(e.Name(), ".") {
			rep.Skipped = append(rep.Skipped, e.Name())
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
		if errors.Is(err, os.ErrNotExist) {
			rep.Skipped = append(rep.Skipped, e.Name())
			continue
		}
		if err != nil {
			return nil, err
		}
		var m manifest
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s: manifest.json: %w", e.Name(), err)
		}
		d := &docPlan{
			id: e.Name(), dir: dir, department: pl.str(m.Department), sha: m.SHA256, year: m.Year,
			region: pl.str(docRegion(m.Department, m.Source, m.Title)),
		}
		for _, t := range m.Tables {
			if len(opts.Kinds) > 0 && !slices.Contains(opts.Kinds, t.Kind) {
				continue
			}
			if t.CSV == "" || t.CSV != filepath.Base(t.CSV) || strings.HasPrefix(t.CSV, ".") {
				return nil, fmt.Errorf("%s: table %s: bad csv name %q", d.id, t.ID, t.CSV)
			}
			if t.Kind == "" || export.SafeName(t.Kind) != t.Kind {
				return nil, fmt.Errorf("%s: table %s: bad kind %q", d.id, t.ID, t.Kind)
			}
			unit := t.Unit
			if unit == "" {
				unit = m.Unit
			}
			shift, known := unitShift[unit]
			if !known && unit != "" {
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: table %s (%s): unit %q is not one yusuan converts; table left out", d.id, t.ID, t.Kind, unit))
				continue
			}
			if unit == "" && hasDecimal(t.Columns) {
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: table %s (%s): no unit stated; amounts taken as 万元 (source_unit empty)", d.id, t.ID, t.Kind))
			}
			d.tables = append(d.tables, &tablePlan{id: pl.str(t.ID), kind: pl.str(t.Kind), csv: pl.str(t.CSV), unit: pl.str(unit), shift: shift, layout: pl.layout(t.Kind, t.Columns)})
		}
		rep.Documents = append(rep.Documents, d.id)
		docs = append(docs, d)
	}
	return docs, nil
}

// manifest is the part of export.Manifest (manifest.json) a build reads;
// decoding only these fields skips the narrative, findings and headers.
type manifest struct {
	Source     string `json:"source"`
	SHA256     string `json:"sha256"`
	Title      string `json:"title"`
	Department string `json:"department"`
	Year       int    `json:"year"`
	Unit       string `json:"unit"`
	Tables     []struct {
		ID      string         `json:"id"`
		Kind    string         `json:"kind"`
		Unit    string         `json:"unit"`
		CSV     string         `json:"csv"`
		Columns []table.Column `json:"columns"`
	} `json:"tables"`
}

func hasDecimal(cols []table.Column) bool {
	for _, c := range cols {
		if c.Type == table.Decimal {
			return true
		}
	}
	return false
}

// outName is the dataset name of a table column.
func outName(name string) string {
	for _, c := range DocColumns {
		if c.Name == name {
			return "table_" + name
		}
	}
	return name
}

// kindPlans builds the column union of each kind and scans every CSV for
// the scales after conversion, negatives and row counts.
func kindPlans(docs []*docPlan) []*kindPlan {
	byKind := map[string]*kindPlan{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, t := range d.tables {
			k := byKind[t.kind]
			if k == nil {
				k = &kindPlan{kind: t.kind, byName: map[string]int{}}
				byKind[t.kind] = k
			}
			if !seen[t.kind] {
				seen[t.kind] = true
				k.docs++
			}
			k.tables++
			l := t.layout
			if l.out != nil {
				continue // a layout seen before: its columns are in the union
			}
			l.out = make([]int, len(l.names))
			for j, c := range l.names {
				name := outName(c)
				i, ok := k.byName[name]
				if !ok {
					i = len(k.cols)
					k.byName[name] = i
					k.cols = append(k.cols, &colPlan{name: name, decimal: true, amount: !NonAmountColumns[c]})
				}
				if !l.decimal[j] {
					k.cols[i].decimal = false
				}
				l.out[j] = i
			}
		}
	}
	kinds := make([]*kindPlan, 0, len(byKind))
	for _, k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(a, b int) bool { return kinds[a].kind < kinds[b].kind })
	return kinds
}

// scan reads every table of kind k once for its scales and negatives.
func scan(k *kindPlan, docs []*docPlan) error {
	for _, d := range docs {
		for _, t := range d.tables {
			if t.kind != k.kind {
				continue
			}
			n := 0
			err := readTable(d, t, func(rec []string) error {
				n++
				l := t.layout
				for j, c := range l.names {
					if !l.decimal[j] || rec[j] == "" {
						continue
					}
					v, err := parseAmount(rec[j])
					if err != nil {
						return fmt.Errorf("row %d column %s: %w", n, c, err)
					}
					col := k.cols[l.out[j]]
					if col.amount {
						v = v.Shift(t.shift)
					}
					col.scale = max(col.scale, scaleOf(v))
					col.digits = max(col.digits, intDigits(v))
					if v.Sign() < 0 {
						col.negative = true
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			k.rows += n
		}
	}
	for _, c := range k.cols {
		if c.decimal && c.digits+c.scale > Precision {
			return fmt.Errorf("column %s: %d digits before and %d after the point exceed DECIMAL(%d)", c.name, c.digits, c.scale, Precision)
		}
	}
	return nil
}

func parseAmount(s string) (decimal.Decimal, error) {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+') {
			return decimal.Decimal{}, fmt.Errorf("%q is not a plain decimal", s)
		}
	}
	return decimal.NewFromString(s)
}

// intDigits is the number of digits of d's integer part.
func intDigits(d decimal.Decimal) int {
	return max(0, len(d.Coefficient().Text(10))-strings.Count(d.Coefficient().Text(10), "-")+int(d.Exponent()))
}

func scaleOf(d decimal.Decimal) int {
	if e := d.Exponent(); e < 0 {
		return int(-e)
	}
	return 0
}

// readTable streams a table's CSV, checking its header against the
// manifest, and calls fn with each body record (fields as in the manifest).
func readTable(d *docPlan, t *tablePlan, fn func(rec []string) error) error {
	f, err := os.Open(filepath.Join(d.dir, t.csv))
	if err != nil {
		return fmt.Errorf("%s: %w", d.id, err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = len(t.layout.names)
	r.ReuseRecord = true
	where := func(err error) error { return fmt.Errorf("%s/%s: %w", d.id, t.csv, err) }
	head, err := r.Read()
	if err != nil {
		return where(fmt.Errorf("header: %w", err))
	}
	for j, c := range t.layout.names {
		h := head[j]
		if j == 0 {
			h = strings.TrimPrefix(h, "\uFEFF")
		}
		if h != c {
			return where(fmt.Errorf("header column %d is %q, manifest says %q", j+1, h, c))
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return where(err)
		}
		if err := fn(rec); err != nil {
			return where(err)
		}
	}
}

// --- write ------------------------------------------------------------------

// schema is a kind's full column list.
func (k *kindPlan) schema() []Column {
	cols := append([]Column(nil), DocColumns...)
	for _, c := range k.cols {
		col := Column{Name: c.name, Type: String}
		if c.decimal {
			col.Type, col.Precision, col.Scale, col.Amount = Decimal, Precision, c.scale, c.amount
		}
		cols = append(cols, col)
	}
	return cols
}

// partition is the pair of files of one (kind, year).
type partition struct {
	year      int
	pq, cs    *countingFile
	pw        *parquet.Writer
	cw        *csv.Writer
	rows      int
	groupRows int
	pending   []parquet.Row
}

func yearDir(year int) string {
	if year == 0 {
		return "year=unknown"
	}
	return "year=" + strconv.Itoa(year)
}

func writeKind(root string, k *kindPlan, docs []*docPlan, opts Options) (*KindReport, error) {
	if err := scan(k, docs); err != nil {
		return nil, err
	}
	cols := k.schema()
	schema := parquetSchema(k.kind, cols)
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	nd := len(DocColumns)
	totals := make([]decimal.Decimal, len(cols))
	counts := make([]int, len(cols))
	parts := map[int]*partition{}
	defer func() { // on error; closed partitions are nil'd
		for _, p := range parts {
			if p != nil {
				p.pq.f.Close()
				p.cs.f.Close()
			}
		}
	}()
	open := func(year int) (*partition, error) {
		if p := parts[year]; p != nil {
			return p, nil
		}
		p := &partition{year: year}
		var err error
		if p.pq, err = createFile(root, "parquet", k.kind, year, "part-0.parquet"); err != nil {
			return nil, err
		}
		if p.cs, err = createFile(root, "csv", k.kind, year, "part-0.csv"); err != nil {
			p.pq.f.Close()
			return nil, err
		}
		p.pw = parquet.NewWriter(p.pq, writerOptions(schema, cols, k, opts)...)
		p.cw = csv.NewWriter(p.cs)
		if err := p.cw.Write(names); err != nil {
			return nil, err
		}
		parts[year] = p
		return p, nil
	}

	cells := make([]string, len(cols))
	for _, d := range docs {
		for _, t := range d.tables {
			if t.kind != k.kind {
				continue
			}
			p, err := open(d.year)
			if err != nil {
				return nil, err
			}
			rowNum := 0
			err = readTable(d, t, func(rec []string) error {
				rowNum++
				row := make(parquet.Row, len(cols))
				for i := range cells {
					cells[i] = ""
				}
				cells[0], cells[1], cells[2] = d.id, d.department, d.region
				if d.year != 0 {
					cells[3] = strconv.Itoa(d.year)
				}
				cells[4], cells[5], cells[6], cells[7] = t.unit, d.sha, t.id, strconv.Itoa(rowNum)
				for i := 0; i < nd; i++ {
					row[i] = leafValue(cols[i], i, cells[i], decimal.Decimal{})
				}
				present := make([]bool, len(cols))
				l := t.layout
				for j, c := range l.names {
					oi := nd + l.out[j]
					present[oi] = true
					col := k.cols[l.out[j]]
					s := rec[j]
					var v decimal.Decimal
					if l.decimal[j] && s != "" {
						var err error
						if v, err = parseAmount(s); err != nil {
							return fmt.Errorf("row %d column %s: %w", rowNum, c, err)
						}
						if col.amount {
							v = v.Shift(t.shift)
						}
						if col.decimal {
							s = v.StringFixed(int32(col.scale))
							totals[oi] = totals[oi].Add(v)
							counts[oi]++
						} else {
							s = v.StringFixed(int32(scaleOf(v)))
						}
					}
					cells[oi] = s
					row[oi] = leafValue(cols[oi], oi, s, v)
				}
				for i := nd; i < len(cols); i++ {
					if !present[i] {
						row[i] = parquet.NullValue().Level(0, 0, i)
					}
				}
				if err := p.cw.Write(cells); err != nil {
					return err
				}
				p.pending = append(p.pending, row)
				p.rows++
				p.groupRows++
				if len(p.pending) >= 256 {
					if err := p.flushRows(); err != nil {
						return err
					}
				}
				if p.groupRows >= opts.RowGroupRows {
					if err := p.flushRows(); err != nil {
						return err
					}
					if err := p.pw.Flush(); err != nil {
						return err
					}
					p.groupRows = 0
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}

	kr := &KindReport{Kind: k.kind, Documents: k.docs, Tables: k.tables, Rows: k.rows, Columns: cols, Files: []FileEntry{}, Totals: []Total{}}
	years := make([]int, 0, len(parts))
	for y := range parts {
		years = append(years, y)
	}
	sort.Ints(years)
	written := 0
	for _, y := range years {
		p := parts[y]
		if err := p.flushRows(); err != nil {
			return nil, err
		}
		if err := p.pw.Close(); err != nil {
			return nil, err
		}
		p.cw.Flush()
		if err := p.cw.Error(); err != nil {
			return nil, err
		}
		for _, cf := range []*countingFile{p.pq, p.cs} {
			if err := cf.close(); err != nil {
				return nil, err
			}
			rel, _ := filepath.Rel(root, cf.f.Name())
			kr.Files = append(kr.Files, FileEntry{Path: filepath.ToSlash(rel), Year: y, Rows: p.rows, Bytes: cf.n, SHA256: hex.EncodeToString(cf.h.Sum(nil))})
		}
		parts[y] = nil
		written += p.rows
	}
	if written != k.rows {
		return nil, fmt.Errorf("wrote %d rows, scanned %d: a CSV changed during the build", written, k.rows)
	}
	sort.SliceStable(kr.Files, func(a, b int) bool { // parquet files first
		return strings.HasPrefix(kr.Files[a].Path, "parquet/") && !strings.HasPrefix(kr.Files[b].Path, "parquet/")
	})
	for i, c := range cols {
		if c.Type == Decimal {
			kr.Totals = append(kr.Totals, Total{Column: c.Name, Values: counts[i], Total: fixed(totals[i], c.Scale)})
		}
	}
	return kr, nil
}

// fixed gives d exactly scale decimal places (d has at most that many).
func fixed(d decimal.Decimal, scale int) decimal.Decimal {
	return decimal.NewFromBigInt(d.Shift(int32(scale)).BigInt(), -int32(scale))
}

func (p *partition) flushRows() error {
	if len(p.pending) == 0 {
		return nil
	}
	if _, err := p.pw.WriteRows(p.pending); err != nil {
		return err
	}
	p.pending = p.pending[:0]
	return nil
}

// leafValue is the Parquet value of column i holding text s (v for decimals).
func leafValue(c Column, i int, s string, v decimal.Decimal) parquet.Value {
	def := 1
	if c.Required {
		def = 0
	}
	if s == "" {
		if c.Required && c.Type == String {
			return parquet.ByteArrayValue(nil).Level(0, 0, i)
		}
		return parquet.NullValue().Level(0, 0, i)
	}
	switch c.Type {
	case Int:
		n, _ := strconv.Atoi(s)
		return parquet.Int32Value(int32(n)).Level(0, def, i)
	case Decimal:
		return parquet.FixedLenByteArrayValue(decimalBytes(v, c.Scale)).Level(0, def, i)
	default:
		return parquet.ByteArrayValue([]byte(s)).Level(0, def, i)
	}
}

var two128 = new(big.Int).Lsh(big.NewInt(1), 128)

// decimalBytes is v's unscaled value at scale as 16 big-endian bytes of
// two's complement. The caller has checked that scale ≥ v's scale and the
// plan that the value fits 38 digits.
func decimalBytes(v decimal.Decimal, scale int) []byte {
	u := v.Shift(int32(scale)).BigInt()
	if u.Sign() < 0 {
		u.Add(u, two128)
	}
	b := make([]byte, 16)
	u.FillBytes(b)
	return b
}

// countingFile is a file being written, with its size and sha256.
type countingFile struct {
	f *os.File
	w *bufio.Writer
	h hash.Hash
	n int64
}

func createFile(root, format, kind string, year int, name string) (*countingFile, error) {
	dir := filepath.Join(root, format, "kind="+kind, yearDir(year))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	return &countingFile{f: f, w: bufio.NewWriterSize(f, 64<<10), h: sha256.New()}, nil
}

func (c *countingFile) Write(p []byte) (int, error) {
	c.h.Write(p)
	c.n += int64(len(p))
	return c.w.Write(p)
}

func (c *countingFile) close() error {
	if err := c.w.Flush(); err != nil {
		c.f.Close()
		return err
	}
	return c.f.Close()
}
