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

// writeDebugPNGs draws every page of every PDF that was read, so a person
// can see at a glance what was read: DIR/<stem>/page-007.png (zero-padded,
// so the pages list in order). A document that failed or was declined
// after it was read is drawn too: that is when a picture is most needed.
func writeDebugPNGs(ctx context.Context, r *extract.Reader, jobs []pipeline.Job, results []pipeline.Result, dir string, stderr io.Writer) {
	for i, res := range results {
		if unreadable[res.Reason] {
			continue
		}
		out := filepath.Join(dir, filepath.Base(jobs[i].OutDir))
		err := r.DebugPages(ctx, res.Input, 100, func(page int, png []byte) error {
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			return pipeline.WriteFileAtomic(filepath.Join(out, fmt.Sprintf("page-%03d.png", page)), png)
		})
		if err != nil && !errors.Is(err, extract.ErrUnsupported) {
			fmt.Fprintf(stderr, "yusuan: %s: debug PNG: %v\n", res.Input, err)
		}
	}
}

// unreadable are the reasons of documents that cannot be drawn either.
var unreadable = map[string]bool{
	pipeline.ReasonCorrupt: true, pipeline.ReasonEncrypted: true, pipeline.ReasonTooLarge: true,
	pipeline.ReasonNotFound: true, pipeline.ReasonPermission: true, pipeline.ReasonUnsupported: true,
	pipeline.ReasonCancelled: true,
}
