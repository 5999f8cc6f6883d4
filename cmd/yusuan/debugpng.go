package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/yusuan-data/yusuan/pipeline"
)

// debugPNGWriter writes the pages the run draws (-debug-png DIR) to
// DIR/<stem>/page-007.png (zero-padded, so the pages list in order), so a
// person can see at a glance what was read. Pages are drawn from what the
// run read, as it reads them, so nothing is read twice, and a document
// that failed or was declined after its pages were read is drawn too:
// that is when a picture is most needed. A page that cannot be written is
// said once per document on stderr; the run goes on.
func debugPNGWriter(dir string, stderr io.Writer) func(job pipeline.Job, page int, png []byte) {
	var mu sync.Mutex
	failed := map[string]bool{}
	return func(job pipeline.Job, page int, png []byte) {
		out := filepath.Join(dir, filepath.Base(job.OutDir))
		err := os.MkdirAll(out, 0o755)
		if err == nil {
			err = pipeline.WriteFileAtomic(filepath.Join(out, fmt.Sprintf("page-%03d.png", page)), png)
		}
		if err != nil {
			mu.Lock()
			defer mu.Unlock()
			if !failed[job.Input] {
				failed[job.Input] = true
				fmt.Fprintf(stderr, "yusuan: %s: debug PNG: %v\n", shownPath(job.Input), oneLine(err.Error()))
			}
		}
	}
}
