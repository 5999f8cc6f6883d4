package dataset

import (
	"fmt"
	"path"
	"strings"
)

// Dialects DDL writes.
var Dialects = []string{"postgres", "duckdb"}

// DDL is the SQL that creates a table for every kind of a dataset and for
// its findings, in the dialect ("postgres" or "duckdb"): DECIMAL(38, s) as
// NUMERIC(38, s) or DECIMAL(38, s), INT32 as INTEGER, flags as BOOLEAN,
// strings as TEXT or VARCHAR, NOT NULL for required columns, and in
// PostgreSQL each column's Chinese label as its comment. Every name is a
// quoted identifier of at most 63 bytes.
//
// With load set, each CREATE TABLE is followed by the statements that load
// the dataset at dir into it: psql's \copy of every CSV for "postgres",
// INSERT … SELECT from read_parquet over the kind's Parquet files for
// "duckdb" (read with hive_partitioning off: year comes from the files).
func DDL(rep *Report, dialect, dir string, load bool) (string, error) {
	if dialect != "postgres" && dialect != "duckdb" {
		return "", fmt.Errorf("unknown SQL dialect %q (want %s)", dialect, strings.Join(Dialects, " or "))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "-- %s tables of the yusuan dataset (%s, format %d); amounts in %s.\n", dialect, rep.Generator, rep.Format, rep.Unit)
	b.WriteString("-- Sum detail rows only, each amount once: WHERE is_detail (see is_total, code_level).\n")
	kinds := append([]KindReport(nil), rep.Kinds...)
	kinds = append(kinds, rep.Findings)
	for i := range kinds {
		k := &kinds[i]
		if len(k.Columns) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n-- %s: %d rows from %d documents\n", k.Kind, k.Rows, k.Documents)
		b.WriteString(createTable(k, dialect))
		if load {
			b.WriteString(loadStatements(k, dialect, dir))
		}
	}
	return b.String(), nil
}

// QuoteIdent quotes an SQL identifier.
func QuoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func quoteLit(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func sqlType(c Column, dialect string) string {
	switch c.Type {
	case Decimal:
		if dialect == "postgres" {
			return fmt.Sprintf("NUMERIC(%d,%d)", c.Precision, c.Scale)
		}
		return fmt.Sprintf("DECIMAL(%d,%d)", c.Precision, c.Scale)
	case Int:
		return "INTEGER"
	case Bool:
		return "BOOLEAN"
	}
	if dialect == "postgres" {
		return "TEXT"
	}
	return "VARCHAR"
}

func createTable(k *KindReport, dialect string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE %s (\n", QuoteIdent(k.Kind))
	for i, c := range k.Columns {
		fmt.Fprintf(&b, "  %s %s", QuoteIdent(c.Name), sqlType(c, dialect))
		if c.Required {
			b.WriteString(" NOT NULL")
		}
		if i < len(k.Columns)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(");\n")
	if dialect == "postgres" {
		for _, c := range k.Columns {
			note := c.Label
			if c.Source != "" {
				note = strings.TrimSpace(note + " (" + c.Source + ")")
			}
			if note != "" {
				fmt.Fprintf(&b, "COMMENT ON COLUMN %s.%s IS %s;\n", QuoteIdent(k.Kind), QuoteIdent(c.Name), quoteLit(note))
			}
		}
	}
	return b.String()
}

func loadStatements(k *KindReport, dialect, dir string) string {
	var b strings.Builder
	if dialect == "postgres" {
		for _, f := range k.Files {
			if strings.HasPrefix(f.Path, "csv/") {
				fmt.Fprintf(&b, "\\copy %s FROM %s WITH (FORMAT csv, HEADER true)\n", QuoteIdent(k.Kind), quoteLit(path.Join(dir, f.Path)))
			}
		}
		return b.String()
	}
	sub := "kind=" + k.Kind
	if k.Kind == "findings" {
		sub = "findings"
	}
	fmt.Fprintf(&b, "INSERT INTO %s SELECT * FROM read_parquet(%s, hive_partitioning = false);\n",
		QuoteIdent(k.Kind), quoteLit(path.Join(dir, "parquet", sub, "*", "*.parquet")))
	return b.String()
}
