// Command segdump prints how yusuan reads and cuts a document: with -lines,
// every line of the chosen pages as extracted (cells separated by " | ",
// T for a tabular line); then every table segment found: title, number,
// pages, header and first body rows. A debugging aid for segmentation.
//
//	go run ./scripts/segdump [-lines 3-5] doc.pdf
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/segment"
)

func main() {
	pages := flag.String("lines", "", "pages whose lines to print: N or N-M")
	rows := flag.Int("rows", 2, "body rows to print per table")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: go run ./scripts/segdump [-lines N-M] FILE")
		os.Exit(2)
	}
	r := extract.New(extract.Options{Workers: 1, NoOCR: true})
	defer r.Close()
	ld, err := r.Read(context.Background(), flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "segdump:", err)
		os.Exit(1)
	}
	from, to := 0, -1
	if *pages != "" {
		if n, _ := fmt.Sscanf(*pages, "%d-%d", &from, &to); n == 1 {
			to = from
		}
	}
	for _, p := range ld.Pages {
		if p.Number < from || p.Number > to {
			continue
		}
		fmt.Printf("=== page %d garbled=%v\n", p.Number, p.Garbled)
		for _, l := range p.Lines {
			t := " "
			if l.Tabular {
				t = "T"
			}
			fmt.Printf("%s %4d %s\n", t, l.Number, strings.Join(l.Texts(), " | "))
		}
	}
	sd := segment.Split(ld)
	for _, t := range sd.Tables {
		fmt.Printf("--- table %d att %d part %d pages %v title %q dept %q unit %q heading %q\n", t.Order, t.Attachment, t.Part, t.Pages, t.Title, t.Department, t.Unit, t.Heading)
		for _, h := range t.Header {
			fmt.Printf("  H p%d %s\n", h.Page, strings.Join(h.Cells, " | "))
		}
		for i, b := range t.Body {
			if i == *rows {
				fmt.Printf("  … %d body rows\n", len(t.Body))
				break
			}
			fmt.Printf("  B p%d %s\n", b.Page, strings.Join(b.Cells, " | "))
		}
	}
}
