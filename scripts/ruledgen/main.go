// Command ruledgen writes the ruled tables broken over a page break that
// internal/ruledgen generates (first row of the continuation page without
// its top rule, last row before the break without its bottom rule, the
// header repeated or not), each PDF beside its truth as CSV.
//
//	go run ./scripts/ruledgen -n 16 -o /tmp/ruled
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/yusuan-data/yusuan/internal/ruledgen"
)

func main() {
	n := flag.Int("n", 16, "documents")
	out := flag.String("o", "ruled", "output folder")
	flag.Parse()
	cases, err := ruledgen.Generate(*n)
	if err == nil {
		err = os.MkdirAll(*out, 0o755)
	}
	for _, c := range cases {
		if err != nil {
			break
		}
		if err = os.WriteFile(filepath.Join(*out, c.Name+".pdf"), c.PDF, 0o644); err != nil {
			break
		}
		var f *os.File
		if f, err = os.Create(filepath.Join(*out, c.Name+".csv")); err != nil {
			break
		}
		w := csv.NewWriter(f)
		w.Write(c.Header)
		w.WriteAll(c.Rows)
		if err = w.Error(); err == nil {
			err = f.Close()
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ruledgen:", err)
		os.Exit(1)
	}
}
