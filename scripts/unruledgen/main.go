// Command unruledgen writes documents printed without ruling lines, each as
// NAME.pdf beside its truth NAME.txt (internal/unruledgen):
//
//	go run ./scripts/unruledgen -n 48 -o /tmp/unruled
//
// The pipeline test TestUnruledGenerated makes the same documents in
// memory; this writes them to look at, or to check a few in as fixtures.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/yusuan-data/yusuan/internal/unruledgen"
)

func main() {
	n := flag.Int("n", 48, "documents")
	out := flag.String("o", "unruled-out", "output folder")
	seed := flag.String("seed", "fixtures/000_40af54efeba53a7c.txt", "text disclosure whose tables are printed")
	codes := flag.String("codes", "subject/codes.tsv", "classification codes")
	only := flag.Int("only", -1, "write only document i")
	flag.Parse()
	cases, err := unruledgen.Generate(*n, *seed, *codes)
	if err != nil {
		fmt.Fprintln(os.Stderr, "unruledgen:", err)
		os.Exit(1)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "unruledgen:", err)
		os.Exit(1)
	}
	for i, c := range cases {
		if *only >= 0 && i != *only {
			continue
		}
		for ext, data := range map[string][]byte{".pdf": c.PDF, ".txt": c.Text} {
			if err := os.WriteFile(filepath.Join(*out, c.Name+ext), data, 0o644); err != nil {
				fmt.Fprintln(os.Stderr, "unruledgen:", err)
				os.Exit(1)
			}
		}
	}
}
