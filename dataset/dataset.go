// Package dataset unions the per-document output folders of yusuan into one
// warehouse dataset per table kind: every gpb_expenditure table of every
// document in one table, every amount in 万元, as Hive-partitioned Parquet
// and CSV, with the findings of all documents beside them:
//
//	DATASET/parquet/kind=<kind>/year=<year>/part-0.parquet
//	DATASET/csv/kind=<kind>/year=<year>/part-0.csv
//	DATASET/parquet/findings/year=<year>/part-0.parquet
//	DATASET/csv/findings/year=<year>/part-0.csv
//	DATASET/dataset.json
//
// A document that states no year is in year=__HIVE_DEFAULT_PARTITION__,
// the name Hive, Spark and DuckDB read as a null partition value, so that
// a reader that takes the year from the path still types it as an integer.
// dataset.json is the Report: per kind its columns with types and scales,
// row and document counts, the files with their sha256, and per amount
// column the total.
//
// Columns: the document columns (DocColumns: doc_id, department, region,
// year, source_unit, source_sha256, table_id, row_number, and the row flags
// is_total, code_level, is_detail: see rowflags.go), then the union of the
// kind's table columns in first-seen order (documents sorted by doc_id,
// tables in manifest order); a column a table lacks is null. A table
// column whose name is a document column's gets the prefix "table_"; one
// longer than PostgreSQL's 63 bytes is cut and marked with a hash (see
// fitNames); the column's Source then keeps the table's name.
//
// Types: a column is decimal when it is decimal in every table that has it,
// else string. Decimal columns are amounts and are converted exactly to 万元
// (元 ÷ 10000, 千元 ÷ 10, 亿元 × 10000, by moving the decimal point, never
// rounding), except NonAmountColumns (indicator weights, which are
// percentages). A decimal column is DECIMAL(38, s) in Parquet
// (FIXED_LEN_BYTE_ARRAY(16)), s the largest scale of the column over the
// kind's whole dataset after conversion, and written at that scale in the
// CSV. year, row_number and code_level are INT32, the flags BOOLEAN.
// Strings are UTF-8 byte arrays (dictionary encoded). Empty cells are null
// (empty in the CSV).
//
// The build is deterministic (same inputs and Options → the same bytes: no
// timestamps, a fixed created_by) and atomic (built beside DATASET under a
// temporary dot-name, renamed into place when complete). It is incremental:
// a partition (kind, year) whose documents and manifests are those the
// previous build recorded, in a kind whose schema did not change, keeps its
// files (checked by sha256); only the others are written, so a run over new
// documents writes their partitions, and the result is byte for byte what
// a full build gives (Options.Full forces one). It streams: it reads all
// manifests first (keeping only a small plan: column layouts are shared),
// then, one kind at a time, scans the CSVs of the partitions to write for
// scales and signs, and reads them again, one table at a time, into the
// partition's writer. No document's rows are held in memory.
package dataset

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/internal/perm"
	"github.com/yusuan-data/yusuan/table"
)

// Unit is the unit every amount of a dataset is in.
const Unit = "万元"

// Precision is the DECIMAL precision of every amount column.
const Precision = 38

// Format is the version of the dataset's layout. A build reuses nothing of
// a dataset of another format.
const Format = 2

// NullPartition is the partition folder value of a document without a year.
const NullPartition = "__HIVE_DEFAULT_PARTITION__"

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
	// Full writes every partition anew instead of keeping those the
	// previous build left unchanged.
	Full bool
	// Build identifies the code that builds (the command uses its
	// executable's sha256): a build keeps nothing of a dataset that other
	// code made, even of the same Version, since its rules may differ.
	Build string
}

// ColumnType is a dataset column's type.
type ColumnType string

const (
	String  ColumnType = "string"  // UTF-8 text; Parquet BYTE_ARRAY (STRING)
	Decimal ColumnType = "decimal" // Parquet DECIMAL(38, Scale); in 万元 unless not an amount
	Int     ColumnType = "int"     // Parquet INT32
	Bool    ColumnType = "bool"    // Parquet BOOLEAN; "true"/"false" in the CSV
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
	// Source is the tables' name of the column when the dataset's differs.
	Source string `json:"source,omitempty"`
	// Label is the source's label of the column (the first seen).
	Label string `json:"label,omitempty"`
	// Negative: the column holds a value below zero (so its Parquet pages
	// carry no min/max: see writerOptions).
	Negative bool `json:"negative,omitempty"`
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
	{Name: "is_total", Type: Bool, Required: true},
	{Name: "code_level", Type: Int},
	{Name: "is_detail", Type: Bool}, // null where yusuan cannot tell
}

// Report says what a build read and wrote. It is also written, as JSON, to
// DATASET/dataset.json.
type Report struct {
	Format       int    `json:"format"`
	Generator    string `json:"generator"`
	Unit         string `json:"unit"`
	RowGroupRows int    `json:"row_group_rows"`
	Build        string `json:"build,omitempty"`
	// Documents are the folder names read, in order.
	Documents []string `json:"documents"`
	// Skipped are the folder names passed over: hidden, or without a
	// manifest.json (incomplete).
	Skipped []string `json:"skipped"`
	// Kinds, sorted by name.
	Kinds []KindReport `json:"kinds"`
	// Findings is the findings dataset (Kind "findings").
	Findings KindReport `json:"findings"`
	// Warnings: tables left out and assumptions made, one line each.
	Warnings []string `json:"warnings"`
	// Kept and Written count the partitions kept from the previous build
	// and those written by this one.
	Kept    int `json:"-"`
	Written int `json:"-"`
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
	// Partitions, by year: what an incremental build compares and keeps.
	Partitions []Partition `json:"partitions"`
}

// Partition is one (kind, year) pair of files.
type Partition struct {
	Year int `json:"year"` // 0 for the null partition
	// Inputs is the sha256 of the partition's documents (doc_id and the
	// sha256 of its manifest.json) and the kind's column names: equal
	// inputs give equal files.
	Inputs    string       `json:"inputs"`
	Documents int          `json:"documents"`
	Tables    int          `json:"tables"`
	Rows      int          `json:"rows"`
	Stats     []ColumnStat `json:"stats,omitempty"`
	Totals    []Total      `json:"totals"`
	Files     []FileEntry  `json:"files"`
}

// ColumnStat is what a partition's values of a decimal table column need
// of the kind's schema: scale and integer digits after conversion, and
// whether one is negative. Keyed by the tables' column name.
type ColumnStat struct {
	Column   string `json:"column"`
	Scale    int    `json:"scale"`
	Digits   int    `json:"digits"`
	Negative bool   `json:"negative,omitempty"`
}

// FileEntry is one written file, its path relative to the dataset folder.
type FileEntry struct {
	Path   string `json:"path"`
	Year   int    `json:"year"` // 0 for the null partition
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

// partition returns the partition of a year, or nil.
func (k *KindReport) partition(year int) *Partition {
	if k == nil {
		return nil
	}
	for i := range k.Partitions {
		if k.Partitions[i].Year == year {
			return &k.Partitions[i]
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
	manifest   string // sha256 of manifest.json
	year       int
	findings   int
	tables     []*tablePlan
}

type tablePlan struct {
	id, kind, csv string
	unit          string // as stated, or the document's
	shift         int32
	layout        *layout
	totals        []int // 1-based total rows; nil when the manifest has none
}

// layout is a table's column list, shared by every table of the same kind
// with the same columns: the plan of thousands of documents stays small.
type layout struct {
	names   []string
	labels  []string
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
	l := &layout{names: make([]string, len(cols)), labels: make([]string, len(cols)), decimal: make([]bool, len(cols))}
	for j, c := range cols {
		l.names[j], l.labels[j], l.decimal[j] = p.str(c.Name), p.str(c.Label), c.Type == table.Decimal
	}
	p.layouts[key.String()] = l
	return l
}

// Build reads every document folder under outDir and writes the datasets
// into datasetDir, replacing what was there. See the package comment.
func Build(outDir, datasetDir string, opts Options) (*Report, error) {
	if opts.RowGroupRows <= 0 {
		opts.RowGroupRows = DefaultRowGroupRows
	}
	rep := &Report{Format: Format, Generator: generator(opts.Version), Unit: Unit, RowGroupRows: opts.RowGroupRows, Build: opts.Build,
		Documents: []string{}, Skipped: []string{}, Kinds: []KindReport{}, Warnings: []string{}}
	docs, err := plan(outDir, datasetDir, opts, rep)
	if err != nil {
		return nil, err
	}
	kinds := kindPlans(docs)
	prev := previous(datasetDir, rep, opts)

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
	if err := os.Chmod(tmp, perm.Dir()); err != nil {
		return nil, err
	}
	b := &builder{root: tmp, old: datasetDir, prev: prev, opts: opts, rep: rep, names: columnNames(kinds)}
	for _, k := range kinds {
		kr, err := b.writeKind(k, docs)
		if err != nil {
			return nil, fmt.Errorf("kind %s: %w", k.kind, err)
		}
		rep.Kinds = append(rep.Kinds, *kr)
	}
	fr, err := b.writeFindings(docs)
	if err != nil {
		return nil, fmt.Errorf("findings: %w", err)
	}
	rep.Findings = *fr
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

// ReadReport reads a dataset's dataset.json.
func ReadReport(datasetDir string) (*Report, error) {
	data, err := os.ReadFile(filepath.Join(datasetDir, "dataset.json"))
	if err != nil {
		return nil, err
	}
	var rep Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(datasetDir, "dataset.json"), err)
	}
	return &rep, nil
}

// previous is the report of the dataset a build replaces, when the build
// may keep its files: same format, generator, build and row groups, and
// not Full.
func previous(datasetDir string, rep *Report, opts Options) *Report {
	if opts.Full {
		return nil
	}
	prev, err := ReadReport(datasetDir)
	if err != nil || prev.Format != rep.Format || prev.Generator != rep.Generator || prev.RowGroupRows != rep.RowGroupRows || prev.Build != rep.Build {
		return nil
	}
	return prev
}

func generator(version string) string {
	if version == "" {
		return "yusuan"
	}
	return "yusuan " + version
}

// plan reads the manifests: which tables go where, with their layouts. It
// keeps only this plan, never the rows.
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
		sum := sha256.Sum256(data)
		d := &docPlan{
			id: e.Name(), dir: dir, department: pl.str(m.Department), sha: m.SHA256, year: m.Year,
			region: pl.str(cmp.Or(m.Region, docRegion(m.Department, m.Source, m.Title))), manifest: hex.EncodeToString(sum[:]),
			findings: len(m.Findings),
		}
		for _, t := range m.Tables {
			if len(opts.Kinds) > 0 && !slices.Contains(opts.Kinds, t.Kind) {
				continue
			}
			if t.CSV == "" || t.CSV != filepath.Base(t.CSV) || strings.HasPrefix(t.CSV, ".") {
				return nil, fmt.Errorf("%s: table %s: bad csv name %q", d.id, t.ID, t.CSV)
			}
			if t.Kind == "" || export.SafeName(t.Kind) != t.Kind || t.Kind == "findings" {
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
			d.tables = append(d.tables, &tablePlan{id: pl.str(t.ID), kind: pl.str(t.Kind), csv: pl.str(t.CSV), unit: pl.str(unit),
				shift: shift, layout: pl.layout(t.Kind, t.Columns), totals: t.TotalRows})
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
	Region     string `json:"region"` // supplied (-meta) for a document whose text names none
	Tables     []struct {
		ID        string         `json:"id"`
		Kind      string         `json:"kind"`
		Unit      string         `json:"unit"`
		CSV       string         `json:"csv"`
		Columns   []table.Column `json:"columns"`
		TotalRows []int          `json:"total_rows"` // nil in manifests from before
	} `json:"tables"`
	Findings []json.RawMessage `json:"findings"`
}

func hasDecimal(cols []table.Column) bool {
	for _, c := range cols {
		if c.Type == table.Decimal {
			return true
		}
	}
	return false
}
