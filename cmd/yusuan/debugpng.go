package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/pipeline"
)

// writeDebugPNGs draws every page of every PDF that came out, so a person
// can see at a glance what was read: DIR/<stem>/page-N.png.
func writeDebugPNGs(ctx context.Context, r *extract.Reader, jobs []pipeline.Job, results []pipeline.Result, dir string, stderr io.Writer) {
	for i, res := range results {
		if res.Failed() {
			continue
		}
		out := filepath.Join(dir, filepath.Base(jobs[i].OutDir))
		err := r.DebugPages(ctx, res.Input, 100, func(page int, png []byte) error {
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			return pipeline.WriteFileAtomic(filepath.Join(out, fmt.Sprintf("page-%d.png", page)), png)
		})
		if err != nil && !errors.Is(err, extract.ErrUnsupported) {
			fmt.Fprintf(stderr, "yusuan: %s: debug PNG: %v\n", res.Input, err)
		}
	}
}
