// Command yusuan turns Chinese government budget disclosures (部门预算/决算公开)
// into exact, typed tables: CSV, XLSX and a manifest per document.
//
//	yusuan extract fixtures/000_40af54efeba53a7c.txt -o out/
//
// See "yusuan help" for the commands and "yusuan help extract" for flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/extract/ocr"
	"github.com/yusuan-data/yusuan/pipeline"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

const usage = `Yusuan turns Chinese government budget disclosures (部门预算/决算公开) into
exact, typed tables: one CSV per table, an XLSX workbook and manifest.json.

Usage:

	yusuan <command> [arguments]

The commands are:

	extract     extract the tables of disclosures
	merge       combine the outputs of sharded runs
	dataset     build warehouse datasets (Parquet, CSV) from extracted output
	serve       a local web page and HTTP API: upload, see, correct, download
	version     print the version of yusuan

Use "yusuan help <command>" for more information about a command.
`

const extractUsage = `usage: yusuan extract [flags] INPUT... -o OUTDIR

Extract reads each INPUT — a PDF (text layer, or scanned pages by OCR), a
scanned page image (PNG, JPEG, TIFF), a plain-text export of a disclosure,
or a folder searched recursively for such files — finds its tables, and
writes them to OUTDIR/<input file stem>/:

	<id>_<kind>.csv   one per table: UTF-8, RFC 4180, a header row of
	                  canonical column names, amounts as exact decimals
	<stem>.xlsx       the tables with their original headers, plus the
	                  document's metadata and validation findings
	manifest.json     source, sha256, metadata, narrative, every table's
	                  columns and types, findings, and file checksums

A document's folder appears only when complete. A document that cannot be
read is reported on stderr as "yusuan: FILE: reason" and the others go on;
a file that is no budget disclosure is "declined". OUTDIR/run.json lists
every input with its status (ok, declined, failed), reason code, time,
pages, tables, findings and quality (amounts placed, tables expected).

Runs resume: a document whose output folder is complete and was made from
the same source bytes by the same yusuan version is skipped (-force redoes
it), so a killed run, run again, finishes the rest.

For archives too big for one machine, -shard K/N takes the K-th of N slices
of the inputs (by a hash of each path), so N copies of the same command — a
Kubernetes Indexed Job, a Slurm array — split the work; "yusuan merge"
combines their OUTDIRs.

Exit status: 0 when every budget disclosure was extracted (declined files
do not count), 1 when any failed, 2 on a usage error. Validation and
coverage findings do not fail a document, nor do declines, unless -strict.

Flags:
`

func main() {
	if mayOCR(os.Args[1:]) {
		ocr.LimitOpenMP()
	}
	stop := startProfile()
	code := run(os.Args[1:], os.Stdout, eventStream())
	stop()
	os.Exit(code)
}

// mayOCR reports whether a command line may run Tesseract: an extract
// without -no-ocr. Only then is the program restarted with its OpenMP
// threads capped (ocr.LimitOpenMP); other commands start once.
func mayOCR(args []string) bool {
	if len(args) == 0 || args[0] != "extract" && args[0] != "serve" {
		return false
	}
	for _, a := range args[1:] {
		if a == "--" {
			break
		}
		if a == "-no-ocr" || a == "--no-ocr" || a == "-no-ocr=true" || a == "--no-ocr=true" {
			return false
		}
	}
	return true
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "extract":
		return runExtract(args[1:], stdout, stderr)
	case "merge":
		return runMerge(args[1:], stdout, stderr)
	case "dataset":
		return runDataset(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintf(stdout, "yusuan %s %s/%s\n", version, runtime.GOOS, runtime.GOARCH)
		return 0
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			switch args[1] {
			case "extract":
				fs := extractFlags(io.Discard, new(extractConfig))
				fmt.Fprint(stdout, extractUsage)
				fs.SetOutput(stdout)
				fs.PrintDefaults()
				return 0
			case "dataset":
				fs := datasetFlags(io.Discard, new(datasetConfig))
				fmt.Fprint(stdout, datasetUsage)
				fs.SetOutput(stdout)
				fs.PrintDefaults()
				return 0
			case "merge":
				fs := mergeFlags(io.Discard, new(string))
				fmt.Fprint(stdout, mergeUsage)
				fs.SetOutput(stdout)
				fs.PrintDefaults()
				return 0
			case "serve":
				fs := serveFlags(io.Discard, new(serveConfig))
				fmt.Fprint(stdout, serveUsage)
				fs.SetOutput(stdout)
				fs.PrintDefaults()
				return 0
			case "version":
				fmt.Fprintln(stdout, "usage: yusuan version\n\nVersion prints the version of yusuan.")
				return 0
			}
			fmt.Fprintf(stderr, "yusuan help %s: unknown command\n", args[1])
			return 2
		}
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "yusuan %s: unknown command\nRun 'yusuan help' for usage.\n", args[0])
	return 2
}

type extractConfig struct {
	out     string
	force   bool
	shard   string
	logFmt  string
	dataset string
	noOCR   bool
	debug   string
	bom     bool
	meta    string
	strict  bool
	noXLSX  bool
	quiet   bool
	workers int
	timeout time.Duration
	correct string
}

func extractFlags(stderr io.Writer, c *extractConfig) *flag.FlagSet {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.out, "o", "", "write output under `DIR` (required)")
	fs.BoolVar(&c.bom, "csv-bom", false, "start each CSV with a UTF-8 byte order mark, for Excel")
	fs.BoolVar(&c.strict, "strict", false, "fail a document that has an error-severity validation finding")
	fs.BoolVar(&c.noXLSX, "no-xlsx", false, "do not write the XLSX workbook")
	fs.StringVar(&c.debug, "debug-png", "", "write each page of each PDF as read (rules, cells, lines drawn over it; tables without rules: text rows, header band, column anchors) under `DIR`/<stem>/page-001.png")
	fs.StringVar(&c.meta, "meta", "", "metadata for documents that do not print it: a CSV `FILE` with a header row input (or sha256), department, region, year; the text wins, a disagreement is a finding")
	fs.BoolVar(&c.noOCR, "no-ocr", false, "do not recognise scanned or garbled pages (they are reported as unread)")
	fs.BoolVar(&c.quiet, "q", false, "print nothing but errors")
	fs.BoolVar(&c.force, "force", false, "redo documents whose output is already complete")
	fs.StringVar(&c.shard, "shard", "", "process only slice `K/N` of the inputs (e.g. 2/3)")
	fs.StringVar(&c.dataset, "dataset", "", "after the run, build warehouse datasets from OUTDIR into `DIR` (see 'yusuan help dataset')")
	fs.StringVar(&c.logFmt, "log-format", "text", "progress and errors on stderr as `text` or json (one object per line)")
	fs.IntVar(&c.workers, "workers", runtime.NumCPU(), "documents processed at once")
	fs.StringVar(&c.correct, "corrections", "", "apply the corrections kept in `DIR` (<sha256 of the source>.json, as yusuan serve writes them)")
	fs.DurationVar(&c.timeout, "timeout", 0, "give up on a document after `DURATION` (e.g. 2m); 0 means never")
	// A bad flag gets its one line from the flag package and where to
	// look, not the whole help.
	fs.Usage = func() { fmt.Fprintln(stderr, "Run 'yusuan help extract' for usage.") }
	return fs
}

// parseInterspersed parses flags wherever they stand among the inputs, as
// "yusuan extract a.pdf b.pdf -o out" is the natural way to write it.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func runExtract(args []string, stdout, stderr io.Writer) int {
	var c extractConfig
	fs := extractFlags(stderr, &c)
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return run([]string{"help", "extract"}, stdout, stderr)
		}
		return 2
	}
	if len(inputs) == 0 {
		fmt.Fprintln(stderr, "yusuan extract: no INPUT given")
		fmt.Fprintln(stderr, "Run 'yusuan help extract' for usage.")
		return 2
	}
	if c.out == "" {
		fmt.Fprintln(stderr, "yusuan extract: missing -o OUTDIR")
		fmt.Fprintln(stderr, "Run 'yusuan help extract' for usage.")
		return 2
	}
	if st, err := os.Stat(c.out); err == nil && !st.IsDir() {
		fmt.Fprintf(stderr, "yusuan extract: -o %s is a file, not a folder\n", c.out)
		return 2
	}
	if c.logFmt != "text" && c.logFmt != "json" {
		fmt.Fprintf(stderr, "yusuan extract: -log-format must be text or json, not %q\n", c.logFmt)
		return 2
	}
	var meta *pipeline.Meta
	if c.meta != "" {
		if meta, err = pipeline.ReadMeta(c.meta); err != nil {
			fmt.Fprintf(stderr, "yusuan extract: -meta: %v\n", err)
			return 2
		}
	}
	shardK, shardN := 1, 1
	if c.shard != "" {
		if shardK, shardN, err = pipeline.ParseShard(c.shard); err != nil {
			fmt.Fprintf(stderr, "yusuan extract: %v\n", err)
			return 2
		}
	}
	files, err := pipeline.Inputs(inputs)
	if err != nil {
		fmt.Fprintf(stderr, "yusuan: %v\n", err)
		return 1
	}
	// The pictures of -debug-png are not inputs, even when written inside
	// an input folder (the next run read them as page images).
	files = outside(files, c.debug)
	if len(files) == 0 {
		fmt.Fprintf(stderr, "yusuan: no .pdf or .txt files in %s\n", strings.Join(inputs, ", "))
		return 1
	}
	// SIGINT or SIGTERM (Kubernetes gives 30 s before SIGKILL) cancels the
	// run: the documents in progress stop at their next check, the rest
	// are recorded as cancelled, run.json is written, and no document's
	// folder is left half-written. A second signal kills at once.
	unlock, err := lockOutDir(c.out)
	if err != nil {
		fmt.Fprintf(stderr, "yusuan: %v\n", err)
		return 1
	}
	defer unlock()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()

	reader, closeReader := newReader(c.workers, c.noOCR)
	defer closeReader()
	opts := pipeline.Options{
		OutDir:  c.out,
		Workers: c.workers,
		Timeout: c.timeout,
		Strict:  c.strict,
		Force:   c.force,
		NoOCR:   c.noOCR,
		Meta:    meta,
		Reader:  reader,
		Check:   check,
		Export:  export.Options{CSVBOM: c.bom, NoXLSX: c.noXLSX, Version: version},
	}
	opts.Corrections = c.correct
	// Plan over all inputs before sharding, so that output names agree
	// across the shards of a distributed run.
	jobs := pipeline.Plan(files, c.out)
	if shardN > 1 {
		jobs = pipeline.Shard(jobs, shardK, shardN)
	}
	started := time.Now()
	rep := newReporter(stderr, jobs, c.logFmt, c.quiet)
	opts.Watch = rep
	if c.debug != "" {
		opts.DebugPNG = debugPNGWriter(c.debug, rep.lockedWriter())
	}
	results := pipeline.Run(ctx, jobs, opts, rep.docDone)
	rep.finish(results)
	if err := pipeline.WriteJSON(filepath.Join(c.out, "run.json"), pipeline.NewRunLog(version, c.shard, started, results)); err != nil {
		fmt.Fprintf(stderr, "yusuan: writing run.json: %v\n", err)
		return 1
	}
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "yusuan: interrupted; run.json written, run again to finish")
		return 1
	}
	if c.dataset != "" {
		if err := buildDataset(c.out, c.dataset, false, stderr); err != nil {
			fmt.Fprintf(stderr, "yusuan: dataset: %v\n", err)
			return 1
		}
	}
	for _, r := range results {
		if r.Counts(c.strict) {
			return 1
		}
	}
	return 0
}

// newReader builds the input reader; PDFium and Tesseract start on first use.
func newReader(workers int, noOCR bool) (*extract.Reader, func()) {
	r := extract.New(extract.Options{Workers: workers, NoOCR: noOCR})
	return r, func() { r.Close() }
}

// outside drops the files under dir ("" keeps all).
func outside(files []string, dir string) []string {
	if dir == "" {
		return files
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return files
	}
	var out []string
	for _, f := range files {
		if a, err := filepath.Abs(f); err == nil && strings.HasPrefix(a, abs+string(filepath.Separator)) {
			continue
		}
		out = append(out, f)
	}
	return out
}
