// Command dsbuild runs dataset.Build for measuring (not part of yusuan):
//
//	go run ./dataset/testdata/dsbuild OUTDIR DATASETDIR
//
// ROWGROUP=n sets Options.RowGroupRows; CPUPROFILE=f and MEMPROFILE=f
// write pprof profiles.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"

	"github.com/yusuan-data/yusuan/dataset"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: dsbuild OUTDIR DATASETDIR")
		os.Exit(2)
	}
	if p := os.Getenv("CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	opts := dataset.Options{Version: "dev"}
	opts.RowGroupRows, _ = strconv.Atoi(os.Getenv("ROWGROUP"))
	start := time.Now()
	rep, err := dataset.Build(os.Args[1], os.Args[2], opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "dsbuild:", err)
		os.Exit(1)
	}
	elapsed := time.Since(start)
	if p := os.Getenv("MEMPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			runtime.GC()
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	rows, files := 0, 0
	for _, k := range rep.Kinds {
		rows += k.Rows
		files += len(k.Files)
	}
	fmt.Printf("%d documents, %d kinds, %d rows, %d files in %s\n", len(rep.Documents), len(rep.Kinds), rows, files, elapsed.Round(time.Millisecond))
}
