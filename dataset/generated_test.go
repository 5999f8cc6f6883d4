package dataset

// Generated archives: many document folders whose kinds, units, years,
// scales, signs, code trees, column names (some past 63 bytes) and
// findings vary, built, changed and built again. The properties hold for
// every one: an incremental build equals a full build byte for byte; in
// every table with a code tree the detail rows sum to its 合计 row; every
// finding that names a row joins to that row; every name fits 63 bytes.

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/table"
)

// genDoc writes a random document folder named id into out.
func genDoc(t *testing.T, rng *rand.Rand, out, id string) {
	t.Helper()
	units := []string{"元", "万元", "千元"}
	years := []int{0, 2024, 2025}
	m := export.Manifest{Generator: "gen", SHA256: fmt.Sprintf("%064x", rng.Int63()), Department: "北京市财政局",
		Year: years[rng.Intn(len(years))], Unit: units[rng.Intn(len(units))], Findings: []table.Finding{}}
	dir := filepath.Join(out, id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	long := "zheng_fu_cai_gou_xiang_mu_qi_zhong_2026_nian_zheng_fu_cai_gou_xiang_mu_"
	for n := 1; n <= 1+rng.Intn(3); n++ {
		tid := fmt.Sprintf("a%02d", n)
		kind := []string{"gpb_expenditure", "dept_expenditure", "three_public"}[rng.Intn(3)]
		scale := rng.Intn(3)
		cols := []table.Column{{Name: "subject_code", Type: table.String}, {Name: "subject_name", Type: table.String},
			{Name: "total", Type: table.Decimal, Scale: scale}}
		if rng.Intn(2) == 0 {
			cols = append(cols, table.Column{Name: long + strconv.Itoa(rng.Intn(2)), Type: table.Decimal, Scale: scale})
		}
		if rng.Intn(3) == 0 {
			cols = append(cols, table.Column{Name: "year", Type: table.String}) // clashes with a document column
		}
		// A code tree: 类 → 款 → 项, amounts on the 项, sums above.
		type row struct {
			code string
			amt  decimal.Decimal
		}
		var rows []row
		sum := decimal.Zero
		for c := 0; c < 1+rng.Intn(3); c++ {
			lei := strconv.Itoa(201 + c)
			leiAt := len(rows)
			rows = append(rows, row{code: lei})
			leiSum := decimal.Zero
			for k := 0; k < 1+rng.Intn(2); k++ {
				kuan := lei + fmt.Sprintf("%02d", k+1)
				kuanAt := len(rows)
				rows = append(rows, row{code: kuan})
				kuanSum := decimal.Zero
				for x := 0; x < rng.Intn(3); x++ { // a 款 without 项 is a leaf
					v := decimal.New(rng.Int63n(2_000_000)-200_000, -int32(scale))
					rows = append(rows, row{code: kuan + fmt.Sprintf("%02d", x+1), amt: v})
					kuanSum = kuanSum.Add(v)
				}
				if len(rows) == kuanAt+1 {
					kuanSum = decimal.New(rng.Int63n(1_000_000), -int32(scale))
				}
				rows[kuanAt].amt = kuanSum
				leiSum = leiSum.Add(kuanSum)
			}
			rows[leiAt].amt = leiSum
			sum = sum.Add(leiSum)
		}
		recs := [][]string{{}}
		for _, c := range cols {
			recs[0] = append(recs[0], c.Name)
		}
		cell := func(code, name string, v decimal.Decimal) []string {
			r := []string{code, name, v.StringFixed(int32(scale))}
			for _, c := range cols[3:] {
				if strings.HasPrefix(c.Name, long) && rng.Intn(2) == 0 {
					r = append(r, v.StringFixed(int32(scale)))
				} else if c.Name == "year" {
					r = append(r, "甲")
				} else {
					r = append(r, "")
				}
			}
			return r
		}
		recs = append(recs, cell("", "合计", sum))
		for _, r := range rows {
			recs = append(recs, cell(r.code, "科目"+r.code, r.amt))
		}
		name := tid + "_" + kind + ".csv"
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		w := csv.NewWriter(f)
		w.WriteAll(recs)
		f.Close()
		unit := ""
		if rng.Intn(2) == 0 {
			unit = units[rng.Intn(len(units))]
		}
		lines := make([]int, len(recs)-1)
		for i := range lines {
			lines[i] = 100*n + i
		}
		m.Tables = append(m.Tables, export.TableEntry{ID: tid, Attachment: n, Kind: kind, Unit: unit, CSV: name, Rows: len(recs) - 1,
			Columns: cols, RowLines: lines, TotalRows: []int{1}})
		for k := 0; k < rng.Intn(3); k++ {
			r := 1 + rng.Intn(len(recs)-1)
			m.Findings = append(m.Findings, table.Finding{Severity: table.Warning, Rule: fmt.Sprintf("gen.rule_%d", rng.Intn(5)),
				Table: tid, Line: lines[r-1], Row: r * rng.Intn(2), Column: cols[len(cols)-1].Name, Message: "generated"})
		}
	}
	data, _ := json.Marshal(&m)
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestGeneratedArchives(t *testing.T) {
	tables, findings, kept := 0, 0, 0
	defer func() {
		t.Logf("%d tables' detail sums, %d findings checked; %d partitions kept", tables, findings, kept)
		if tables < 200 || findings < 100 || kept < 20 {
			t.Errorf("too little checked: %d tables, %d findings, %d kept", tables, findings, kept)
		}
	}()
	for seed := int64(1); seed <= 12; seed++ {
		t.Run(strconv.FormatInt(seed, 10), func(t *testing.T) {
			rng := rand.New(rand.NewSource(seed))
			out := t.TempDir()
			ds := filepath.Join(t.TempDir(), "ds")
			next := 0
			add := func() {
				genDoc(t, rng, out, fmt.Sprintf("d%03d", next))
				next++
			}
			for i := 0; i < 2+rng.Intn(4); i++ {
				add()
			}
			check := func(step string) {
				rep := sameAsFull(t, out, ds, step)
				n, f := checkGenerated(t, out, rep, ds)
				tables, findings, kept = tables+n, findings+f, kept+rep.Kept
			}
			check("first")
			for step := 0; step < 4; step++ {
				docs, _ := os.ReadDir(out)
				switch op := rng.Intn(3); {
				case op == 0 || len(docs) < 2:
					add()
				case op == 1: // redo: the same name, new content
					name := docs[rng.Intn(len(docs))].Name()
					os.RemoveAll(filepath.Join(out, name))
					genDoc(t, rng, out, name)
				default:
					os.RemoveAll(filepath.Join(out, docs[rng.Intn(len(docs))].Name()))
				}
				check(fmt.Sprintf("step %d", step))
			}
		})
	}
}

// checkGenerated checks the properties of a generated archive's dataset.
func checkGenerated(t *testing.T, out string, rep *Report, ds string) (tables, findings int) {
	t.Helper()
	rowsOf := map[string]bool{} // doc/table/row of every kind's rows
	for _, k := range rep.Kinds {
		for _, c := range k.Columns {
			if len(c.Name) > MaxNameBytes {
				t.Errorf("%s.%s: %d bytes", k.Kind, c.Name, len(c.Name))
			}
		}
		detail, totals := map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
		for _, f := range k.Files {
			if !strings.HasPrefix(f.Path, "csv/") {
				continue
			}
			recs, err := readCSV(filepath.Join(ds, f.Path))
			if err != nil {
				t.Fatal(err)
			}
			col := func(n string) int { return slices.Index(recs[0], n) }
			for _, r := range recs[1:] {
				key := r[col("doc_id")] + "/" + r[col("table_id")]
				rowsOf[key+"/"+r[col("row_number")]] = true
				v := decimal.RequireFromString(r[col("total")])
				if r[col("is_detail")] == "true" {
					detail[key] = detail[key].Add(v)
				}
				if r[col("is_total")] == "true" {
					totals[key] = totals[key].Add(v)
				}
			}
		}
		for key, want := range totals {
			tables++
			if !detail[key].Equal(want) {
				t.Errorf("%s %s: detail rows sum to %s, 合计 %s", k.Kind, key, detail[key], want)
			}
		}
	}
	for _, f := range rep.Findings.Files {
		if !strings.HasPrefix(f.Path, "csv/") {
			continue
		}
		recs, err := readCSV(filepath.Join(ds, f.Path))
		if err != nil {
			t.Fatal(err)
		}
		col := func(n string) int { return slices.Index(recs[0], n) }
		for _, r := range recs[1:] {
			findings++
			if r[col("row_number")] == "" {
				t.Errorf("finding %v names no row: its line should have given it", r)
				continue
			}
			if key := r[col("doc_id")] + "/" + r[col("table_id")] + "/" + r[col("row_number")]; !rowsOf[key] {
				t.Errorf("finding %s joins no row", key)
			}
			if k := rep.Kind(r[col("kind")]); k == nil || k.Column(r[col("column_name")]) == nil {
				t.Errorf("finding column %s.%s is no dataset column", r[col("kind")], r[col("column_name")])
			}
		}
	}
	return tables, findings
}
