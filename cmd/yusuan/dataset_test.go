package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDatasetCommand: extract -dataset builds the dataset, a second build
// keeps every partition, and -ddl prints the tables of both dialects.
func TestDatasetCommand(t *testing.T) {
	dir := t.TempDir()
	out, ds := filepath.Join(dir, "out"), filepath.Join(dir, "ds")
	if code, _, stderr := runCLI("extract", "-q", "-no-xlsx", seed, "-o", out, "-dataset", ds); code != 0 {
		t.Fatalf("extract: exit %d: %s", code, stderr)
	}
	code, _, stderr := runCLI("dataset", "-o", ds, out)
	if code != 0 || !strings.Contains(stderr, "(0 partition(s) written,") || !strings.Contains(stderr, "finding(s)") {
		t.Errorf("rebuild: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI("dataset", "-full", "-o", ds, out); code != 0 || strings.Contains(stderr, "(0 partition(s) written,") {
		t.Errorf("-full: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(ds, "parquet", "findings", "year=2025", "part-0.parquet")); err != nil {
		t.Errorf("findings dataset: %v", err)
	}

	code, sql, stderr := runCLI("dataset", "-ddl", "postgres", ds)
	if code != 0 {
		t.Fatalf("-ddl postgres: exit %d: %s", code, stderr)
	}
	for _, want := range []string{`CREATE TABLE "gpb_expenditure" (`, `"total" NUMERIC(38,2)`, `"is_detail" BOOLEAN`, `CREATE TABLE "findings" (`,
		`COMMENT ON COLUMN "gpb_expenditure"."total" IS`, "WHERE is_detail"} {
		if !strings.Contains(sql, want) {
			t.Errorf("-ddl postgres lacks %q", want)
		}
	}
	if strings.Contains(sql, `\copy`) {
		t.Error("-ddl without -load prints load statements")
	}
	code, sql, _ = runCLI("dataset", "-ddl", "duckdb", "-load", ds)
	if code != 0 || !strings.Contains(sql, `"total" DECIMAL(38,2)`) || !strings.Contains(sql, "read_parquet('"+filepath.ToSlash(ds)+"/parquet/kind=gpb_expenditure/*/*.parquet'") {
		t.Errorf("-ddl duckdb -load: exit %d:\n%s", code, sql)
	}
	if code, _, stderr := runCLI("dataset", "-ddl", "mysql", ds); code != 1 || !strings.Contains(stderr, `unknown SQL dialect "mysql"`) {
		t.Errorf("-ddl mysql: exit %d: %s", code, stderr)
	}
	if code, _, _ := runCLI("dataset", "-ddl", "postgres", "-o", ds, out); code != 2 {
		t.Errorf("-ddl with -o: exit %d, want 2", code)
	}
}
