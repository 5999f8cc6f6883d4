// Command scangen writes generated scanned disclosures with their truth:
// for each document i, DIR/scan-NN.pdf (the scan) and DIR/scan-NN.txt (the
// same document as a text export, whose tables are the truth).
//
//	go run ./scripts/scangen -n 20 -o DIR [-first 0] [-trim N] [-text-only]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/yusuan-data/yusuan/internal/scangen"
)

func main() {
	n := flag.Int("n", 20, "documents to write")
	first := flag.Int("first", 0, "number of the first document")
	out := flag.String("o", "scans", "output directory")
	seed := flag.String("seed", "fixtures/000_40af54efeba53a7c.txt", "the seed text")
	textOnly := flag.Bool("text-only", false, "write only the text exports")
	trim := flag.Int("trim", 0, "keep only the first N tables of each document (0: all)")
	flag.Parse()
	if err := run(*seed, *out, *first, *n, *trim, *textOnly); err != nil {
		fmt.Fprintln(os.Stderr, "scangen:", err)
		os.Exit(1)
	}
}

func run(seedPath, out string, first, n, trim int, textOnly bool) error {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		return err
	}
	seed := scangen.ParseSeed(string(data))
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for i := first; i < first+n; i++ {
		spec := scangen.NewSpec(i)
		if trim > 0 {
			spec = spec.Trim(trim)
		}
		d := scangen.Vary(seed, spec)
		stem := filepath.Join(out, fmt.Sprintf("scan-%02d", i))
		if err := os.WriteFile(stem+".txt", []byte(d.Text()), 0o644); err != nil {
			return err
		}
		if textOnly {
			continue
		}
		if err := scangen.WritePDF(stem+".pdf", d); err != nil {
			return err
		}
	}
	return nil
}
