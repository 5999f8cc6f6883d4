package pipeline

import (
	"fmt"
	"os"
	"strings"
	"sync"
)

// unruledDump, when YUSUAN_UNRULED_DUMP names a file, receives one line per
// truth cell the PDF path got wrong (document, table, row, column, read,
// truth, tab-separated), to classify what the unruled reader misses:
//
//	YUSUAN_UNRULED_DUMP=/tmp/cells.tsv YUSUAN_UNRULED_MEASURE=1 go test ./pipeline -run UnruledGenerated
var unruledDump struct {
	once sync.Once
	f    *os.File
}

// dumpCells writes the cells of truth a that b does not equal (b nil: the
// table is missing, written as one line).
func dumpCells(doc, tbl string, a, b [][]string) {
	path := os.Getenv("YUSUAN_UNRULED_DUMP")
	if path == "" || len(a) == 0 {
		return
	}
	unruledDump.once.Do(func() { unruledDump.f, _ = os.Create(path) })
	f := unruledDump.f
	if f == nil {
		return
	}
	if b == nil {
		fmt.Fprintf(f, "%s\t%s\t-\t-\tMISSING\t%d rows\n", doc, tbl, len(a)-1)
		return
	}
	col := map[string]int{}
	for j, n := range b[0] {
		col[n] = j
	}
	for i := 1; i < len(a); i++ {
		for j, v := range a[i] {
			got := "<none>"
			if k, has := col[a[0][j]]; !has {
				got = "<no column>"
			} else if i < len(b) && k < len(b[i]) {
				got = b[i][k]
			} else if i >= len(b) {
				got = "<no row>"
			}
			if pdfCellKey(got) != pdfCellKey(v) {
				fmt.Fprintf(f, "%s\t%s\t%d\t%s\t%s\t%s\n", doc, tbl, i, a[0][j], oneLine(got), oneLine(v))
			}
		}
	}
}

func oneLine(s string) string { return strings.NewReplacer("\n", "⏎", "\t", "→").Replace(s) }
