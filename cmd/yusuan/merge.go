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

Flags:
`

func mergeFlags(stderr io.Writer, out *string) *flag.FlagSet {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(out, "o", "", "write the merged output under `DIR` (required)")
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
	if err := merge(out, dirs); err != nil {
		fmt.Fprintf(stderr, "yusuan merge: %v\n", err)
		return 1
	}
	return 0
}

func merge(out string, dirs []string) error {
	var all []pipeline.RunRecord
	var gen string
	var started, finished time.Time
	for _, d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			return err
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
				return err
			}
		}
		data, err := os.ReadFile(filepath.Join(d, "run.json"))
		if err != nil {
			continue
		}
		var l pipeline.RunLog
		if err := json.Unmarshal(data, &l); err != nil {
			return fmt.Errorf("%s: %v", filepath.Join(d, "run.json"), err)
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
	sort.Slice(all, func(i, j int) bool { return all[i].Input < all[j].Input })
	if all == nil {
		all = []pipeline.RunRecord{}
	}
	return pipeline.WriteJSON(filepath.Join(out, "run.json"), &pipeline.RunLog{
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
