package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/yusuan-data/yusuan/dataset"
)

const datasetUsage = `usage: yusuan dataset [-full] -o DATASET OUTDIR
       yusuan dataset -ddl postgres|duckdb [-load] DATASET

Dataset builds warehouse datasets from the output of "yusuan extract": per
table kind, one union table across all documents in OUTDIR, with document
columns (doc_id, department, region, year, source_unit, source_sha256,
table_id, row_number) and row flags (is_total, code_level, is_detail) in
front of the kind's canonical columns. Amounts are converted exactly to 万元
(the source's unit stays in source_unit). Written as Parquet (DECIMAL(38,s),
zstd) and CSV, partitioned Hive-style, with every document's findings
beside them:

	DATASET/parquet/kind=<kind>/year=<year>/part-0.parquet
	DATASET/csv/kind=<kind>/year=<year>/part-0.csv
	DATASET/parquet/findings/year=<year>/part-0.parquet   (and csv/findings/…)
	DATASET/dataset.json   (rows, files and column totals per kind)

A document without a year is in year=__HIVE_DEFAULT_PARTITION__ (a null
year to Hive-style readers). To sum amounts once, without 合计 rows and
without counting a 类 and its 款 and 项 twice:

	SELECT sum(total) FROM gpb_expenditure WHERE is_detail

The same OUTDIR always gives the same bytes. A build keeps the files of
every partition whose documents did not change since the last build (and
writes the rest), so a run over new documents costs their partitions only;
-full writes all. "yusuan extract -dataset DATASET" builds at the end of a
run.

-ddl prints the CREATE TABLE statements of a built dataset's kinds and
findings for PostgreSQL or DuckDB; with -load also the statements that load
it (psql's \copy of the CSVs; DuckDB's read_parquet):

	yusuan dataset -ddl postgres -load ds/ | psql -v ON_ERROR_STOP=1 warehouse
	yusuan dataset -ddl duckdb -load ds/ | duckdb warehouse.duckdb

Flags:
`

type datasetConfig struct {
	out, ddl   string
	load, full bool
}

func datasetFlags(stderr io.Writer, c *datasetConfig) *flag.FlagSet {
	fs := flag.NewFlagSet("dataset", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.out, "o", "", "write the datasets under `DATASET`")
	fs.StringVar(&c.ddl, "ddl", "", "print the CREATE TABLE statements of DATASET for `DIALECT` (postgres or duckdb)")
	fs.BoolVar(&c.load, "load", false, "with -ddl: also print the statements that load the dataset")
	fs.BoolVar(&c.full, "full", false, "write every partition anew, keeping nothing of the previous build")
	fs.Usage = func() {
		fmt.Fprint(stderr, datasetUsage)
		fs.PrintDefaults()
	}
	return fs
}

func runDataset(args []string, stdout, stderr io.Writer) int {
	var c datasetConfig
	fs := datasetFlags(stderr, &c)
	dirs, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if c.ddl != "" {
		if c.out != "" || len(dirs) != 1 {
			fmt.Fprintln(stderr, "yusuan dataset: -ddl takes one DATASET and no -o")
			return 2
		}
		rep, err := dataset.ReadReport(dirs[0])
		if err == nil {
			var sql string
			if sql, err = dataset.DDL(rep, c.ddl, dirs[0], c.load); err == nil {
				fmt.Fprint(stdout, sql)
				return 0
			}
		}
		fmt.Fprintf(stderr, "yusuan dataset: %v\n", err)
		return 1
	}
	if c.out == "" || len(dirs) != 1 {
		fmt.Fprintln(stderr, "yusuan dataset: need -o DATASET and one OUTDIR")
		return 2
	}
	if err := buildDataset(dirs[0], c.out, c.full, stderr); err != nil {
		fmt.Fprintf(stderr, "yusuan dataset: %v\n", err)
		return 1
	}
	return 0
}

// buildDataset builds the datasets and says what it wrote.
func buildDataset(outDir, datasetDir string, full bool, stderr io.Writer) error {
	rep, err := dataset.Build(outDir, datasetDir, dataset.Options{Version: version, Full: full, Build: buildID()})
	if err != nil {
		return err
	}
	rows := 0
	for _, k := range rep.Kinds {
		rows += k.Rows
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(stderr, "yusuan dataset: warning: %s\n", w)
	}
	fmt.Fprintf(stderr, "yusuan: dataset of %d kind(s), %d row(s), %d finding(s) from %d document(s) in %s (%d partition(s) written, %d kept)\n",
		len(rep.Kinds), rows, rep.Findings.Rows, len(rep.Documents), datasetDir, rep.Written, rep.Kept)
	return nil
}

// buildID identifies this yusuan executable: the sha256 of its file, so
// that a dataset build keeps nothing a different build of yusuan made
// (development builds share one version). "" when it cannot be read: then
// the version alone decides.
func buildID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}
