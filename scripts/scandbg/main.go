// Command scandbg prints how a document read by OCR (a layout saved as JSON
// by the generated-scan test, YUSUAN_SCANGEN_KEEP) is segmented: each
// table's 附件, part, title, pages and first rows, and the repairs made.
//
//	go run ./scripts/scandbg DIR/gen-01.layout.json
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/segment"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var ld layout.Document
	if err := json.Unmarshal(data, &ld); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if len(os.Args) > 2 {
		for _, p := range ld.Pages {
			for _, l := range p.Lines {
				t := " "
				if l.Tabular {
					t = "T"
				}
				fmt.Printf("p%d %s %s\n", p.Number, t, strings.Join(l.Texts(), " | "))
			}
		}
	}
	sd := segment.Split(&ld)
	for _, t := range sd.Tables {
		fmt.Printf("附件 %d part %d %q pages %v header %d body %d\n", t.Attachment, t.Part, t.Title, t.Pages, len(t.Header), len(t.Body))
		for _, h := range t.Header {
			fmt.Printf("   H %s\n", strings.Join(h.Cells, " | "))
		}
		for i, b := range t.Body {
			if i < 2 || i == len(t.Body)-1 {
				fmt.Printf("   B %s\n", strings.Join(b.Cells, " | "))
			}
		}
	}
	for _, r := range sd.Repairs {
		fmt.Printf("repair %+v\n", r)
	}
}
