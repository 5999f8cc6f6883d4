package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/pipeline"
)

// writeDebugPNGs draws every page of every PDF that came out, so a person
// can see at a glance what was read: DIR/<stem>/page-N.png.
func writeDebugPNGs(ctx context.Context, r *extract.Reader, jobs []pipeline.Job, results []pipeline.Result, dir string, stderr io.Writer) {
	for i, res := range results {
		if res.Failed() || !strings.EqualFold(filepath.Ext(res.Input), ".pdf") {
			continue
		}
		out := filepath.Join(dir, filepath.Base(jobs[i].OutDir))
		if err := os.MkdirAll(out, 0o755); err != nil {
			fmt.Fprintf(stderr, "yusuan: debug PNG: %v\n", err)
			return
		}
		for p := 1; p <= res.Pages; p++ {
			var buf bytes.Buffer
			if err := r.DebugPNG(ctx, res.Input, p, 100, &buf); err != nil {
				fmt.Fprintf(stderr, "yusuan: %s: debug PNG of page %d: %v\n", res.Input, p, err)
				continue
			}
			if err := pipeline.WriteFileAtomic(filepath.Join(out, fmt.Sprintf("page-%d.png", p)), buf.Bytes()); err != nil {
				fmt.Fprintf(stderr, "yusuan: debug PNG: %v\n", err)
				return
			}
		}
	}
}
