package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/yusuan-data/yusuan/internal/perm"
	"github.com/yusuan-data/yusuan/pipeline"
)

const mergeUsage = `usage: yusuan merge -o OUTDIR SHARDDIR...

Merge combines the OUTDIRs of the shards of a distributed run ("yusuan
extract -shard K/N") into one OUTDIR, as if one process had done it all:
every complete document folder is copied in, and the shards' run.json files
are joined into one. A document folder that two shards both hold must be
byte-identical in both, or merge fails naming it.

A shard that did not finish is an error, so that its inputs are not lost
without a word: one without run.json (it crashed or is still running), one
whose run.json lists inputs it never got to ("run cancelled"), or a shard
K/N missing from the SHARDDIRs. -partial merges what there is all the same
and names the gaps on stderr.

Flags:
`

func mergeFlags(stderr io.Writer, out *string) *flag.FlagSet {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(out, "o", "", "write the merged output under `DIR` (required)")
	fs.Bool("partial", false, "merge even when a shard is missing or unfinished (the gaps are named on stderr)")
	fs.Usage = func() {
		fmt.Fprint(stderr, mergeUsage)
		fs.PrintDefaults()
	}
	return fs
}

func runMerge(args []string, stdout, stderr io.Writer) int {
	var out string
	fs := mergeFlags(stderr, &out)
	dirs, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if out == "" || len(dirs) == 0 {
		fmt.Fprintln(stderr, "yusuan merge: need -o OUTDIR and at least one SHARDDIR")
		return 2
	}
	partial := fs.Lookup("partial").Value.(flag.Getter).Get().(bool)
	gaps, err := merge(out, dirs)
	if err != nil {
		fmt.Fprintf(stderr, "yusuan merge: %v\n", err)
		return 1
	}
	for _, g := range gaps {
		fmt.Fprintf(stderr, "yusuan merge: %s\n", g)
	}
	if len(gaps) > 0 && !partial {
		fmt.Fprintf(stderr, "yusuan merge: %d shard problem(s): run the unfinished shards again, or merge with -partial\n", len(gaps))
		return 1
	}
	return 0
}

// merge joins the shards' outputs into out and returns the gaps it found:
// shards without run.json, inputs a shard never finished, shards of K/N
// missing.
func merge(out string, dirs []string) (gaps []string, err error) {
	var all []pipeline.RunRecord
	var gen string
	var started, finished time.Time
	shards := map[int]bool{}
	of := 0
	for _, d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			src := filepath.Join(d, e.Name())
			if !e.IsDir() || e.Name()[0] == '.' {
				continue
			}
			if _, err := os.Stat(filepath.Join(src, "manifest.json")); err != nil {
				continue // incomplete: a later run redoes it
			}
			if err := copyDocument(src, filepath.Join(out, e.Name())); err != nil {
				return nil, err
			}
		}
		data, err := os.ReadFile(filepath.Join(d, "run.json"))
		if err != nil {
			gaps = append(gaps, fmt.Sprintf("%s: no run.json: the shard did not finish (its inputs are not known)", d))
			continue
		}
		var l pipeline.RunLog
		if err := json.Unmarshal(data, &l); err != nil {
			return nil, fmt.Errorf("%s: %v", filepath.Join(d, "run.json"), err)
		}
		if k, n, err := pipeline.ParseShard(l.Shard); l.Shard != "" && err == nil {
			shards[k] = true
			of = n
		}
		unfinished := 0
		for _, r := range l.Inputs {
			if r.Error == "run cancelled" {
				unfinished++
			}
		}
		if unfinished > 0 {
			gaps = append(gaps, fmt.Sprintf("%s: %d of %d inputs unfinished (the run was cancelled)", d, unfinished, len(l.Inputs)))
		}
		gen = l.Generator
		if started.IsZero() || l.Started.Before(started) {
			started = l.Started
		}
		if l.Finished.After(finished) {
			finished = l.Finished
		}
		for _, r := range l.Inputs {
			if r.Output != "" {
				r.Output = filepath.Join(out, filepath.Base(r.Output))
			}
			all = append(all, r)
		}
	}
	for k := 1; k <= of; k++ {
		if !shards[k] {
			gaps = append(gaps, fmt.Sprintf("shard %d/%d: not among the SHARDDIRs", k, of))
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Input < all[j].Input })
	if all == nil {
		all = []pipeline.RunRecord{}
	}
	return gaps, pipeline.WriteJSON(filepath.Join(out, "run.json"), &pipeline.RunLog{
		Generator: gen, Started: started, Finished: finished, Inputs: all,
	})
}

// copyDocument copies a document folder, atomically; an existing copy must
// be identical.
func copyDocument(src, dst string) error {
	files, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	if _, err := os.Stat(dst); err == nil {
		for _, f := range files {
			a, err1 := os.ReadFile(filepath.Join(src, f.Name()))
			b, err2 := os.ReadFile(filepath.Join(dst, f.Name()))
			if err1 != nil || err2 != nil || string(a) != string(b) {
				return fmt.Errorf("%s: differs from %s", src, dst)
			}
		}
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".partial-")
	if err == nil {
		err = os.Chmod(tmp, perm.Dir())
	}
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(src, f.Name()))
		if err == nil {
			err = os.WriteFile(filepath.Join(tmp, f.Name()), data, 0o644)
		}
		if err != nil {
			os.RemoveAll(tmp)
			return err
		}
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}
