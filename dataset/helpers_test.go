package dataset

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/pipeline"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/validate"
)

const fixture = "../fixtures/000_40af54efeba53a7c.txt"

// Document folders of the test corpus (made once by TestMain):
//
//	a_tongnan       the fixture as extracted (万元, 2025)
//	b_tongnan_yuan  the fixture again, rewritten to 元: amounts × 10000
//	c_putuo_noyear  a copy of a with no year, another department, and
//	                gpb_expenditure without prior_budget but with a note
//	.d_hidden       a complete folder, but hidden: skipped
//	e_incomplete    no manifest.json: skipped
const (
	docA = "a_tongnan"
	docB = "b_tongnan_yuan"
	docC = "c_putuo_noyear"
)

var corpus string // the outDir holding the folders above

// Two fallback names of 73 bytes that PostgreSQL would cut to the same 63.
const (
	longBasic   = "zheng_fu_cai_gou_xiang_mu_qi_zhong_2026_nian_zheng_fu_cai_gou_xiang_mu_ji_ben"
	longProject = "zheng_fu_cai_gou_xiang_mu_qi_zhong_2026_nian_zheng_fu_cai_gou_xiang_mu_xiang_mu"
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "yusuan-dataset-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	corpus = filepath.Join(dir, "out")
	if err := makeCorpus(corpus); err != nil {
		fmt.Fprintln(os.Stderr, "making test corpus:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func makeCorpus(out string) error {
	opts := pipeline.Options{Export: export.Options{NoXLSX: true, Version: "test"}, Check: validate.Check}
	for _, name := range []string{docA, docB, docC, ".d_hidden"} {
		r := pipeline.Process(context.Background(), pipeline.Job{Input: fixture, OutDir: filepath.Join(out, name)}, opts)
		if r.Failed() {
			return fmt.Errorf("%s: %s", name, r.Error)
		}
	}
	if err := os.MkdirAll(filepath.Join(out, "e_incomplete"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "e_incomplete", "a02_gpb_expenditure.csv"), []byte("total\n1\n"), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "notes.txt"), []byte("not a folder"), 0o644); err != nil {
		return err
	}

	// b: every amount × 10000 at the same printed scale, unit 元.
	err := rewrite(filepath.Join(out, docB), func(m *export.Manifest) {
		m.Unit = "元"
		for i := range m.Tables {
			m.Tables[i].Unit = "元"
		}
	}, func(t *export.TableEntry, rows [][]string) ([]table.Column, [][]string) {
		for _, r := range rows {
			for j, c := range t.Columns {
				if c.Type != table.Decimal || NonAmountColumns[c.Name] || r[j] == "" {
					continue
				}
				d := decimal.RequireFromString(r[j])
				r[j] = d.Shift(4).StringFixed(int32(scaleOf(d)))
			}
		}
		return t.Columns, rows
	})
	if err != nil {
		return err
	}

	// c: no year, 上海市普陀区, gpb_expenditure: prior_budget gone, note
	// added; dept_expenditure: basic and project under two pinyin names
	// longer than PostgreSQL's 63 bytes that share their first 63; a
	// finding of a rule the validator does not have yet.
	return rewrite(filepath.Join(out, docC), func(m *export.Manifest) {
		m.Year = 0
		m.Department = "上海市普陀区财政局"
		m.Findings = append(m.Findings, table.Finding{Severity: table.Warning, Rule: "coverage.amount_missing", Table: "a08",
			Row: 3, Column: longBasic, Found: "108.97", Message: "a made-up finding on a renamed column"})
	}, func(t *export.TableEntry, rows [][]string) ([]table.Column, [][]string) {
		if t.Kind == "dept_expenditure" {
			for j := range t.Columns {
				switch t.Columns[j].Name {
				case "basic":
					t.Columns[j].Name = longBasic
				case "project":
					t.Columns[j].Name = longProject
				}
			}
			return t.Columns, rows
		}
		if t.Kind != "gpb_expenditure" {
			return t.Columns, rows
		}
		drop := slices.IndexFunc(t.Columns, func(c table.Column) bool { return c.Name == "prior_budget" })
		cols := slices.Delete(slices.Clone(t.Columns), drop, drop+1)
		cols = append(cols, table.Column{Name: "note", Label: "备注", Type: table.String})
		for i, r := range rows {
			r = slices.Delete(r, drop, drop+1)
			rows[i] = append(r, "note "+strconv.Itoa(i+1))
		}
		return cols, rows
	})
}

// rewrite edits a document folder's manifest and each table's CSV.
func rewrite(dir string, doc func(*export.Manifest), tab func(*export.TableEntry, [][]string) ([]table.Column, [][]string)) error {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return err
	}
	var m export.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	doc(&m)
	for i := range m.Tables {
		t := &m.Tables[i]
		recs, err := readCSV(filepath.Join(dir, t.CSV))
		if err != nil {
			return err
		}
		cols, rows := tab(t, recs[1:])
		t.Columns = cols
		head := make([]string, len(cols))
		for j, c := range cols {
			head[j] = c.Name
		}
		f, err := os.Create(filepath.Join(dir, t.CSV))
		if err != nil {
			return err
		}
		w := csv.NewWriter(f)
		w.Write(head)
		w.WriteAll(rows)
		if err := f.Close(); err != nil {
			return err
		}
	}
	data, err = json.MarshalIndent(&m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644)
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

func readManifest(t *testing.T, dir string) *export.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m export.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return &m
}

// pqFile is a Parquet file read back whole: its footer's schema elements
// (leaves only) and its rows as CSV-style text (null → "").
type pqFile struct {
	meta   *format.FileMetaData
	leaves []format.SchemaElement
	names  []string
	rows   [][]string
	nulls  [][]bool
	groups int
}

func readParquet(t *testing.T, path string) *pqFile {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	p := &pqFile{meta: pf.Metadata(), leaves: pf.Metadata().Schema[1:], groups: len(pf.RowGroups())}
	for _, l := range p.leaves {
		p.names = append(p.names, l.Name)
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	buf := make([]parquet.Row, 64)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			rec := make([]string, len(p.leaves))
			null := make([]bool, len(p.leaves))
			for _, v := range row {
				i := v.Column()
				if v.IsNull() {
					null[i] = true
					continue
				}
				rec[i] = valueText(t, p.leaves[i], v)
			}
			p.rows = append(p.rows, rec)
			p.nulls = append(p.nulls, null)
		}
		if err != nil {
			break
		}
	}
	if int64(len(p.rows)) != pf.NumRows() {
		t.Fatalf("%s: read %d rows of %d", path, len(p.rows), pf.NumRows())
	}
	return p
}

// valueText renders a Parquet value as the CSV does.
func valueText(t *testing.T, el format.SchemaElement, v parquet.Value) string {
	t.Helper()
	switch el.Type.V {
	case format.Int32:
		return strconv.Itoa(int(v.Int32()))
	case format.Boolean:
		return strconv.FormatBool(v.Boolean())
	case format.ByteArray:
		return string(v.ByteArray())
	case format.FixedLenByteArray:
		dt, ok := el.LogicalType.Value.(*format.DecimalType)
		if !ok {
			t.Fatalf("%s: fixed-length column without DECIMAL logical type", el.Name)
		}
		return decodeDecimal(v.ByteArray(), dt.Scale).StringFixed(dt.Scale)
	}
	t.Fatalf("%s: unexpected physical type %v", el.Name, el.Type.V)
	return ""
}

func decodeDecimal(b []byte, scale int32) decimal.Decimal {
	u := new(big.Int).SetBytes(b)
	if len(b) > 0 && b[0]&0x80 != 0 {
		u.Sub(u, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	return decimal.NewFromBigInt(u, -scale)
}

// sourceSum is the sum of a column over a document's tables of a kind, in
// 万元, read straight from the document folder (the expectation of the
// checks, computed apart from Build).
func sourceSum(t *testing.T, doc, kind, column string) (decimal.Decimal, bool) {
	t.Helper()
	dir := filepath.Join(corpus, doc)
	m := readManifest(t, dir)
	sum, found := decimal.Zero, false
	for _, te := range m.Tables {
		if te.Kind != kind {
			continue
		}
		unit := te.Unit
		if unit == "" {
			unit = m.Unit
		}
		shift := map[string]int32{"元": -4, "万元": 0}[unit]
		recs, err := readCSV(filepath.Join(dir, te.CSV))
		if err != nil {
			t.Fatal(err)
		}
		j := slices.Index(recs[0], column)
		if j < 0 {
			continue
		}
		for _, r := range recs[1:] {
			if r[j] != "" {
				sum = sum.Add(decimal.RequireFromString(r[j]).Shift(shift))
				found = true
			}
		}
	}
	return sum, found
}
