package dataset

// The dataset as DuckDB reads it: through Node and @duckdb/node-api
// (scripts/duckdb; npm ships DuckDB inside the package, so nothing is
// fetched at run time). The test skips, saying why, when Node or the
// package is not installed: scripts/setup.sh runs
// `npm ci --prefix scripts/duckdb` where npm is.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// duckdb runs SQL texts in one in-memory DuckDB and returns each text's
// rows, every value as text.
func duckdb(t *testing.T, texts ...string) [][]map[string]any {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("DuckDB check skipped: no node (Debian: apt-get install nodejs npm; then npm ci --prefix scripts/duckdb)")
	}
	script, _ := filepath.Abs("../scripts/duckdb/query.mjs")
	if _, err := os.Stat(filepath.Join(filepath.Dir(script), "node_modules/@duckdb/node-api/package.json")); err != nil {
		t.Skip("DuckDB check skipped: @duckdb/node-api not installed (npm ci --prefix scripts/duckdb)")
	}
	in, _ := json.Marshal(texts)
	cmd := exec.Command(node, script)
	cmd.Stdin = bytes.NewReader(in)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("duckdb: %v\n%s", err, errb.String())
	}
	var res [][]map[string]any
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("duckdb output: %v\n%s", err, out.String())
	}
	return res
}

func text(v any) string {
	if v == nil {
		return "NULL"
	}
	return fmt.Sprint(v)
}

func TestDuckDB(t *testing.T) {
	dir, rep := build(t, Options{Version: "test"})
	glob := filepath.ToSlash(filepath.Join(dir, "parquet/kind=gpb_expenditure/*/*.parquet"))

	// Read as a data engineer does, partitions from the path: the year of
	// the null partition is NULL and the column an integer.
	res := duckdb(t,
		fmt.Sprintf("DESCRIBE SELECT * FROM read_parquet(%s, hive_partitioning = true)", quoteLit(glob)),
		fmt.Sprintf(`SELECT coalesce(year::VARCHAR, 'NULL') AS year, count(*) AS n, sum(total) FILTER (WHERE is_detail) AS detail
FROM read_parquet(%s, hive_partitioning = true) GROUP BY year ORDER BY year NULLS LAST`, quoteLit(glob)))
	var describe []string
	types := map[string]string{}
	for _, r := range res[0] {
		describe = append(describe, fmt.Sprintf("%s %s", text(r["column_name"]), text(r["column_type"])))
		types[text(r["column_name"])] = text(r["column_type"])
	}
	t.Logf("DESCRIBE gpb_expenditure:\n%s", strings.Join(describe, "\n"))
	if y := types["year"]; y != "BIGINT" && y != "INTEGER" {
		t.Errorf("year is %s to DuckDB, want an integer", y)
	}
	for col, want := range map[string]string{"total": "DECIMAL(38,6)", "is_detail": "BOOLEAN", "code_level": "INTEGER", "row_number": "INTEGER"} {
		if types[col] != want {
			t.Errorf("%s is %s, want %s", col, types[col], want)
		}
	}
	var years []string
	for _, r := range res[1] {
		years = append(years, fmt.Sprintf("%s:%s:%s", text(r["year"]), text(r["n"]), text(r["detail"])))
	}
	// 2025: a and b, 32 rows; null: c, 16; each document's detail rows 402.21.
	if got := strings.Join(years, " "); got != "2025:32:804.420000 NULL:16:402.210000" {
		t.Errorf("by year: %s", got)
	}

	// The shipped DDL creates and loads every table; counts and totals as
	// the report says.
	ddl, err := DDL(rep, "duckdb", filepath.ToSlash(dir), true)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{ddl}
	kinds := append(append([]KindReport(nil), rep.Kinds...), rep.Findings)
	for _, k := range kinds {
		texts = append(texts, "SELECT count(*) AS n FROM "+QuoteIdent(k.Kind))
	}
	texts = append(texts, `SELECT sum(total) AS t FROM gpb_expenditure`,
		`SELECT count(*) AS n FROM findings f JOIN dept_expenditure d USING (doc_id, table_id, row_number) WHERE f.rule = 'coverage.amount_missing'`)
	res = duckdb(t, texts...)
	for i, k := range kinds {
		if got := text(res[1+i][0]["n"]); got != fmt.Sprint(k.Rows) {
			t.Errorf("%s: %s rows in DuckDB, report %d", k.Kind, got, k.Rows)
		}
	}
	want, _ := rep.Kind("gpb_expenditure").Total("total")
	if got := text(res[len(res)-2][0]["t"]); got != want.StringFixed(6) {
		t.Errorf("sum(total) %s, report %s", got, want)
	}
	if got := text(res[len(res)-1][0]["n"]); got != "1" {
		t.Errorf("coverage finding joins %s rows", got)
	}
}
