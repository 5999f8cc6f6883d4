package dataset

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go/format"
	"github.com/shopspring/decimal"
)

func build(t *testing.T, opts Options) (string, *Report) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "dataset")
	rep, err := Build(corpus, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return dir, rep
}

func TestBuildGolden(t *testing.T) {
	dir, rep := build(t, Options{Version: "test", RowGroupRows: 20})

	if want := []string{docA, docB, docC}; !slices.Equal(rep.Documents, want) {
		t.Errorf("documents %v, want %v", rep.Documents, want)
	}
	if want := []string{".d_hidden", "e_incomplete"}; !slices.Equal(rep.Skipped, want) {
		t.Errorf("skipped %v, want %v", rep.Skipped, want)
	}
	if len(rep.Warnings) != 0 {
		t.Errorf("warnings: %q", rep.Warnings)
	}

	// Every kind of the manifest is there, with the rows of the three copies.
	m := readManifest(t, filepath.Join(corpus, docA))
	rowsOf := map[string]int{}
	for _, te := range m.Tables {
		rowsOf[te.Kind] += te.Rows
	}
	if len(rep.Kinds) != len(rowsOf) {
		t.Fatalf("%d kinds, want %d", len(rep.Kinds), len(rowsOf))
	}
	for _, k := range rep.Kinds {
		if k.Documents != 3 || k.Rows != 3*rowsOf[k.Kind] {
			t.Errorf("%s: %d documents, %d rows; want 3, %d", k.Kind, k.Documents, k.Rows, 3*rowsOf[k.Kind])
		}
		if len(k.Files) != 4 { // (parquet, csv) × (2025, null)
			t.Errorf("%s: %d files, want 4", k.Kind, len(k.Files))
		}
	}

	g := rep.Kind("gpb_expenditure")
	wantCols := []string{"doc_id", "department", "region", "year", "source_unit", "source_sha256", "table_id", "row_number",
		"is_total", "code_level", "is_detail", "subject_code", "subject_name", "prior_budget", "total", "basic", "project", "note"}
	var names []string
	for _, c := range g.Columns {
		names = append(names, c.Name)
	}
	if !slices.Equal(names, wantCols) {
		t.Fatalf("columns\n%v, want\n%v", names, wantCols)
	}
	if c := g.Column("total"); c.Type != Decimal || c.Precision != 38 || c.Scale != 6 || !c.Amount {
		t.Errorf("total column %+v, want decimal(38,6) amount", *c)
	}
	if c := g.Column("note"); c.Type != String {
		t.Errorf("note column %+v, want string", *c)
	}
	// Report totals: the sum of the three documents' own totals, in 万元.
	want := decimal.Zero
	for _, d := range []string{docA, docB, docC} {
		s, _ := sourceSum(t, d, "gpb_expenditure", "total")
		want = want.Add(s)
	}
	if got, _ := g.Total("total"); !got.Equal(want) || got.Exponent() != -6 {
		t.Errorf("report total %s, want %s at scale 6", got, want)
	}

	// The Parquet footer: column order, types, DECIMAL(38,6), created_by.
	pq := readParquet(t, filepath.Join(dir, "parquet/kind=gpb_expenditure/year=2025/part-0.parquet"))
	if !slices.Equal(pq.names, wantCols) {
		t.Errorf("parquet columns %v", pq.names)
	}
	if pq.meta.CreatedBy != "yusuan test" {
		t.Errorf("created_by %q", pq.meta.CreatedBy)
	}
	if pq.groups != 2 { // 32 rows, 20 per group
		t.Errorf("%d row groups, want 2", pq.groups)
	}
	for _, l := range pq.leaves {
		switch l.Name {
		case "total", "prior_budget", "basic", "project":
			dt, ok := l.LogicalType.Value.(*format.DecimalType)
			if l.Type.V != format.FixedLenByteArray || l.TypeLength.V != 16 || !ok || dt.Precision != 38 || dt.Scale != 6 ||
				l.Precision.V != 38 || l.Scale.V != 6 {
				t.Errorf("%s: %v(%d) %v, want DECIMAL(38,6) in FIXED_LEN_BYTE_ARRAY(16)", l.Name, l.Type.V, l.TypeLength.V, l.LogicalType.String())
			}
			if l.RepetitionType.V != format.Optional {
				t.Errorf("%s: %v, want optional", l.Name, l.RepetitionType.V)
			}
		case "year", "row_number", "code_level":
			if l.Type.V != format.Int32 {
				t.Errorf("%s: %v, want INT32", l.Name, l.Type.V)
			}
		case "is_total", "is_detail":
			if l.Type.V != format.Boolean {
				t.Errorf("%s: %v %v, want BOOLEAN", l.Name, l.Type.V, l.RepetitionType.V)
			}
		default:
			if _, ok := l.LogicalType.Value.(*format.StringType); l.Type.V != format.ByteArray || !ok {
				t.Errorf("%s: %v %s, want STRING", l.Name, l.Type.V, l.LogicalType.String())
			}
		}
	}
	for _, rg := range pq.meta.RowGroups {
		for _, cc := range rg.Columns {
			if cc.MetaData.Codec != format.Zstd {
				t.Errorf("%v: codec %v, want zstd", cc.MetaData.PathInSchema, cc.MetaData.Codec)
			}
		}
	}
	if len(pq.rows) != 32 {
		t.Fatalf("%d rows in year=2025, want 32", len(pq.rows))
	}

	// The 合计 row: 402.21 万元 in both documents, though b said 4022100.00 元.
	col := func(name string) int { return slices.Index(pq.names, name) }
	var totals []string
	for i, r := range pq.rows {
		if r[col("subject_name")] != "合计" {
			continue
		}
		totals = append(totals, r[col("doc_id")]+" "+r[col("source_unit")]+" "+r[col("total")])
		if r[col("region")] != "重庆市潼南区" || r[col("year")] != "2025" || r[col("row_number")] != "1" || r[col("table_id")] != "a02" {
			t.Errorf("合计 row %q", r)
		}
		if !pq.nulls[i][col("note")] {
			t.Errorf("note should be null in %s", r[col("doc_id")])
		}
		if r[col("source_sha256")] != m.SHA256 {
			t.Errorf("source_sha256 %q", r[col("source_sha256")])
		}
	}
	if want := []string{docA + " 万元 402.210000", docB + " 元 402.210000"}; !slices.Equal(totals, want) {
		t.Errorf("合计 totals %q, want %q", totals, want)
	}
	// 1234.50 元 style: b's 2013701 行政运行 basic was 1089700.00 元 → 108.970000.
	for _, r := range pq.rows {
		if r[col("doc_id")] == docB && r[col("subject_code")] == "2013701" && r[col("basic")] != "108.970000" {
			t.Errorf("b 2013701 basic %q, want 108.970000", r[col("basic")])
		}
	}

	// The null partition holds c: no year, 上海市普陀区, prior_budget null,
	// note set. Its folder is Hive's name for a null value, and the year
	// column of its file is INT32 like every other partition's: a reader
	// that takes the year from the path types it as an integer (DuckDB:
	// TestDuckDB).
	pu := readParquet(t, filepath.Join(dir, "parquet/kind=gpb_expenditure/year=__HIVE_DEFAULT_PARTITION__/part-0.parquet"))
	if len(pu.rows) != 16 {
		t.Fatalf("%d rows in the null partition, want 16", len(pu.rows))
	}
	for _, l := range pu.leaves {
		if l.Name == "year" && (l.Type.V != format.Int32 || l.RepetitionType.V != format.Optional) {
			t.Errorf("null partition: year is %v %v, want optional INT32", l.Type.V, l.RepetitionType.V)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "parquet/kind=gpb_expenditure/year=unknown")); err == nil {
		t.Error("year=unknown written")
	}
	r0, n0 := pu.rows[0], pu.nulls[0]
	if r0[col("doc_id")] != docC || !n0[col("year")] || r0[col("region")] != "上海市普陀区" || !n0[col("prior_budget")] ||
		r0[col("note")] != "note 1" || r0[col("total")] != "402.210000" {
		t.Errorf("c first row %q nulls %v", r0, n0)
	}

	// A weight is a percentage: not converted in the 元 document.
	pi := readParquet(t, filepath.Join(dir, "parquet/kind=dept_performance_indicators/year=2025/part-0.parquet"))
	w := slices.Index(pi.names, "weight")
	for _, r := range pi.rows {
		if r[slices.Index(pi.names, "indicator")] == "网络安全培训场次" && r[w] != "10" {
			t.Errorf("%s weight %q, want 10", r[0], r[w])
		}
	}

	// Every CSV equals its Parquet, header and cells (findings too).
	checkCSVEqualsParquet(t, dir, rep)

	// Findings: every document's, in the partition of its year; the made-up
	// one of c (a rule the validator lacks) names the renamed column by its
	// dataset name and the row by its number.
	wantFindings := 0
	for _, d := range []string{docA, docB, docC} {
		wantFindings += len(readManifest(t, filepath.Join(corpus, d)).Findings)
	}
	if rep.Findings.Rows != wantFindings || wantFindings < 30 {
		t.Errorf("%d findings in the dataset, %d in the manifests", rep.Findings.Rows, wantFindings)
	}
	de := rep.Kind("dept_expenditure")
	var long []string
	for _, c := range de.Columns {
		if c.Source != "" {
			long = append(long, c.Name)
			if len(c.Name) > MaxNameBytes || !strings.HasPrefix(c.Source, "zheng_fu_cai_gou") {
				t.Errorf("renamed column %+v", c)
			}
		}
	}
	if len(long) != 2 || long[0][:55] != long[1][:55] || long[0] == long[1] {
		t.Errorf("long names %q", long)
	}
	fq := readParquet(t, filepath.Join(dir, "parquet/findings/year="+NullPartition+"/part-0.parquet"))
	fcol := func(name string) int { return slices.Index(fq.names, name) }
	found := false
	for _, r := range fq.rows {
		if r[fcol("rule")] == "coverage.amount_missing" {
			found = true
			if r[fcol("doc_id")] != docC || r[fcol("kind")] != "dept_expenditure" || r[fcol("table_id")] != "a08" ||
				r[fcol("row_number")] != "3" || r[fcol("column_name")] != long[0] || r[fcol("severity")] != "warning" {
				t.Errorf("coverage finding %q", r)
			}
		}
	}
	if !found {
		t.Error("coverage finding missing")
	}

	// dataset.json is the report.
	data, err := os.ReadFile(filepath.Join(dir, "dataset.json"))
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if bt, _ := back.Kind("gpb_expenditure").Total("total"); !bt.Equal(want) {
		t.Errorf("dataset.json total %s", bt)
	}
}

func checkCSVEqualsParquet(t *testing.T, dir string, rep *Report) {
	t.Helper()
	n := 0
	for _, k := range append(append([]KindReport(nil), rep.Kinds...), rep.Findings) {
		for _, f := range k.Files {
			if !strings.HasPrefix(f.Path, "parquet/") {
				continue
			}
			pq := readParquet(t, filepath.Join(dir, f.Path))
			csvPath := "csv/" + strings.TrimSuffix(strings.TrimPrefix(f.Path, "parquet/"), ".parquet") + ".csv"
			recs, err := readCSV(filepath.Join(dir, csvPath))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(recs[0], pq.names) {
				t.Errorf("%s: header %v, parquet %v", csvPath, recs[0], pq.names)
			}
			if len(recs)-1 != len(pq.rows) || len(pq.rows) != f.Rows {
				t.Errorf("%s: %d rows, parquet %d, report %d", csvPath, len(recs)-1, len(pq.rows), f.Rows)
				continue
			}
			for i, r := range pq.rows {
				if !slices.Equal(recs[i+1], r) {
					t.Errorf("%s row %d:\ncsv     %q\nparquet %q", csvPath, i+1, recs[i+1], r)
				}
			}
			n++
		}
	}
	if n == 0 {
		t.Error("no parquet files compared")
	}
}

func TestBuildDeterministic(t *testing.T) {
	opts := Options{Version: "test"}
	dir1, _ := build(t, opts)
	dir2, _ := build(t, opts)
	// A rebuild in place replaces the folder whole, with the same bytes.
	if _, err := Build(corpus, dir2, opts); err != nil {
		t.Fatal(err)
	}
	a, b := snapshot(t, dir1), snapshot(t, dir2)
	if len(a) == 0 {
		t.Fatal("nothing written")
	}
	for name, data := range a {
		if other, ok := b[name]; !ok || !bytes.Equal(data, other) {
			t.Errorf("%s differs between builds", name)
		}
	}
	if len(a) != len(b) {
		t.Errorf("%d files vs %d", len(a), len(b))
	}
	// Nothing left beside the dataset.
	entries, _ := os.ReadDir(filepath.Dir(dir2))
	if len(entries) != 1 {
		t.Errorf("left beside the dataset: %v", entries)
	}
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestBuildKindsAndErrors(t *testing.T) {
	_, rep := build(t, Options{Kinds: []string{"three_public"}})
	if len(rep.Kinds) != 1 || rep.Kinds[0].Kind != "three_public" || rep.Kinds[0].Rows != 6 {
		t.Errorf("kinds filter: %+v", rep.Kinds)
	}

	// A corrupt manifest fails the build and leaves the old dataset alone.
	out := t.TempDir()
	os.MkdirAll(filepath.Join(out, "x"), 0o755)
	os.WriteFile(filepath.Join(out, "x", "manifest.json"), []byte("{"), 0o644)
	ds := filepath.Join(t.TempDir(), "ds")
	os.MkdirAll(ds, 0o755)
	os.WriteFile(filepath.Join(ds, "keep"), nil, 0o644)
	if _, err := Build(out, ds, Options{}); err == nil || !strings.Contains(err.Error(), "x: manifest.json") {
		t.Errorf("corrupt manifest: %v", err)
	}
	if _, err := os.Stat(filepath.Join(ds, "keep")); err != nil {
		t.Errorf("old dataset touched: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(ds)); len(entries) != 1 {
		t.Errorf("temp folder left: %v", entries)
	}
}

func TestRegion(t *testing.T) {
	for _, c := range [][2]string{
		{"中共重庆市潼南区委网络安全和信息化委员会办公室(本级)", "重庆市潼南区"},
		{"中共重庆市委网络安全和信息化委员会办公室(本级)", "重庆市"},
		{"上海市普陀区教育局", "上海市普陀区"},
		{"北京市财政局", "北京市"},
		{"北京市市场监督管理局", "北京市"},
		{"北京市城市管理委员会", "北京市"},
		{"上海市浦东新区人民政府", "上海市浦东新区"},
		{"广东省深圳市南山区教育局", "广东省深圳市南山区"},
		{"新疆维吾尔自治区财政厅", "新疆维吾尔自治区"},
		{"延边朝鲜族自治州民政局", "延边朝鲜族自治州"},
		{"黑龙江省哈尔滨市道里区", "黑龙江省哈尔滨市道里区"},
		{"重庆市潼南区工业园区管理委员会", "重庆市潼南区"},
		{"共青团北京市委员会", "北京市"},
		{"区财政局", ""},
		{"财政局", ""},
		{"", ""},
	} {
		if got := Region(c[0]); got != c[1] {
			t.Errorf("Region(%q) = %q, want %q", c[0], got, c[1])
		}
	}
	if got := docRegion("区财政局", "archive/2025年重庆市潼南区财政局部门预算.pdf", ""); got != "重庆市潼南区" {
		t.Errorf("docRegion from source: %q", got)
	}
}

// writeDoc makes a minimal document folder by hand.
func writeDoc(t *testing.T, dir string, m string, files map[string]string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(m), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBuildUnitsAndNegatives(t *testing.T) {
	out := t.TempDir()
	cols := `[{"name":"item","type":"string"},{"name":"amount","type":"decimal","scale":2},{"name":"weight","type":"decimal"}]`
	writeDoc(t, filepath.Join(out, "d1"), `{"department":"北京市财政局","year":2024,"unit":"亿元","tables":[
		{"id":"t1","kind":"x","unit":"","csv":"t1.csv","columns":`+cols+`},
		{"id":"t2","kind":"x","unit":"千元","csv":"t2.csv","columns":`+cols+`},
		{"id":"t3","kind":"x","unit":"美元","csv":"t3.csv","columns":`+cols+`}]}`,
		map[string]string{
			"t1.csv": "\uFEFFitem,amount,weight\n减,-12.50,5\n加,3,\n小,0.0001,\n",
			"t2.csv": "item,amount,weight\n千,1.5,10\n",
			"t3.csv": "item,amount,weight\n美,1,\n",
		})
	writeDoc(t, filepath.Join(out, "d2"), `{"department":"","source":"in/2024年上海市普陀区卫健委.pdf","year":2024,"unit":"","tables":[
		{"id":"t1","kind":"x","unit":"","csv":"t1.csv","columns":[{"name":"amount","type":"decimal"},{"name":"item","type":"decimal"}]}]}`,
		map[string]string{"t1.csv": "amount,item\n7,8\n"})

	dir := filepath.Join(out, ".ds") // inside outDir, hidden: never read as a document
	rep, err := Build(out, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) != 2 || !strings.Contains(rep.Warnings[0], `unit "美元"`) || !strings.Contains(rep.Warnings[1], "d2: table t1 (x): no unit") {
		t.Errorf("warnings %q", rep.Warnings)
	}
	k := rep.Kind("x")
	if k.Rows != 5 || k.Tables != 3 || k.Documents != 2 {
		t.Errorf("rows %d tables %d documents %d", k.Rows, k.Tables, k.Documents)
	}
	// item is decimal in d2 but string in d1: string. amount: DECIMAL(38,2).
	if c := k.Column("item"); c.Type != String {
		t.Errorf("item %+v", *c)
	}
	if c := k.Column("amount"); c.Type != Decimal || c.Scale != 2 {
		t.Errorf("amount %+v", *c)
	}
	if c := k.Column("weight"); c.Type != Decimal || c.Amount || c.Scale != 0 {
		t.Errorf("weight %+v", *c)
	}
	if tot, _ := k.Total("amount"); tot.String() != "-94991.85" || tot.Exponent() != -2 {
		t.Errorf("amount total %s (exp %d)", tot, tot.Exponent())
	}
	pq := readParquet(t, filepath.Join(dir, "parquet/kind=x/year=2024/part-0.parquet"))
	var got []string
	for _, r := range pq.rows {
		got = append(got, strings.Join(r, ","))
	}
	want := []string{
		"d1,北京市财政局,北京市,2024,亿元,,t1,1,false,,true,减,-125000.00,5",
		"d1,北京市财政局,北京市,2024,亿元,,t1,2,false,,true,加,30000.00,",
		"d1,北京市财政局,北京市,2024,亿元,,t1,3,false,,true,小,1.00,",
		"d1,北京市财政局,北京市,2024,千元,,t2,1,false,,true,千,0.15,10",
		"d2,,上海市普陀区,2024,,,t1,1,false,,true,8,7.00,",
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// amount holds a negative: no min/max (parquet-go would order it
	// unsigned); weight holds none and keeps them.
	for _, cc := range pq.meta.RowGroups[0].Columns {
		name := cc.MetaData.PathInSchema[0]
		st := cc.MetaData.Statistics
		switch name {
		case "amount":
			if st.MinValue != nil || st.MaxValue != nil {
				t.Errorf("amount has min/max statistics %x %x", st.MinValue, st.MaxValue)
			}
		case "weight":
			if st.MinValue == nil || decodeDecimal(st.MaxValue, 0).String() != "10" {
				t.Errorf("weight statistics %x %x", st.MinValue, st.MaxValue)
			}
		}
	}
	checkCSVEqualsParquet(t, dir, rep)
}

func TestTotalJSON(t *testing.T) {
	data, err := json.Marshal(Total{Column: "total", Values: 2, Total: decimal.RequireFromString("4386840.00")})
	if err != nil || string(data) != `{"column":"total","values":2,"total":"4386840.00"}` {
		t.Errorf("%s %v", data, err)
	}
	var back Total
	if err := json.Unmarshal(data, &back); err != nil || back.Total.StringFixed(2) != "4386840.00" || back.Values != 2 {
		t.Errorf("%+v %v", back, err)
	}
}

func TestBuildEmpty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ds")
	rep, err := Build(t.TempDir(), dir, Options{})
	if err != nil || len(rep.Kinds) != 0 {
		t.Fatalf("%+v %v", rep, err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "dataset.json"))
	if !bytes.Contains(data, []byte(`"kinds": []`)) {
		t.Errorf("dataset.json: %s", data)
	}
}
