package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/yusuan-data/yusuan/dataset"
)

const datasetUsage = `usage: yusuan dataset -o DATASET OUTDIR

Dataset builds warehouse datasets from the output of "yusuan extract": per
table kind, one union table across all documents in OUTDIR, with document
columns (doc_id, department, region, year, source_unit, source_sha256,
table_id, row_number) in front of the kind's canonical columns. Amounts are
converted exactly to 万元 (the source's unit stays in source_unit). Written as
Parquet (DECIMAL(38,s), zstd) and CSV, partitioned Hive-style:

	DATASET/parquet/kind=<kind>/year=<year>/part-0.parquet
	DATASET/csv/kind=<kind>/year=<year>/part-0.csv
	DATASET/dataset.json   (rows, files and column totals per kind)

The same OUTDIR always gives the same bytes; DATASET is replaced whole.
"yusuan extract -dataset DATASET" does the same at the end of a run.

Flags:
`

func datasetFlags(stderr io.Writer, out *string) *flag.FlagSet {
	fs := flag.NewFlagSet("dataset", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(out, "o", "", "write the datasets under `DATASET` (required)")
	fs.Usage = func() {
		fmt.Fprint(stderr, datasetUsage)
		fs.PrintDefaults()
	}
	return fs
}

func runDataset(args []string, stdout, stderr io.Writer) int {
	var out string
	fs := datasetFlags(stderr, &out)
	dirs, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if out == "" || len(dirs) != 1 {
		fmt.Fprintln(stderr, "yusuan dataset: need -o DATASET and one OUTDIR")
		return 2
	}
	if err := buildDataset(dirs[0], out, stderr); err != nil {
		fmt.Fprintf(stderr, "yusuan dataset: %v\n", err)
		return 1
	}
	return 0
}

// buildDataset builds the datasets and says what it wrote.
func buildDataset(outDir, datasetDir string, stderr io.Writer) error {
	rep, err := dataset.Build(outDir, datasetDir, dataset.Options{Version: version})
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
	fmt.Fprintf(stderr, "yusuan: dataset of %d kind(s), %d row(s) from %d document(s) in %s\n", len(rep.Kinds), rows, len(rep.Documents), datasetDir)
	return nil
}
