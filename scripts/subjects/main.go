// Command subjects builds subject/codes.tsv, the table of classification
// codes and names (政府收支分类科目) that package subject embeds, from every
// code–name pair printed in the text-layer documents we have.
//
// To regenerate, from the repository root:
//
//	make build
//	go run ./scripts/subjects                      # writes subject/codes.tsv
//	go run ./scripts/subjects -corpus ../shared/corpus -yusuan bin/yusuan -o subject/codes.tsv
//	git diff subject/codes.tsv                     # then read the diff by eye
//
// Sources, one document counted once however many copies there are (by the
// SHA-256 of its bytes):
//
//   - hand-checked golden CSVs: fixtures/000_40af54efeba53a7c/ (the seed,
//     fixtures/000_40af54efeba53a7c.txt) and fixtures/pdf/corpus/<stem>/
//     (fixtures/pdf/corpus/<stem>.pdf);
//   - hand transcriptions of scans: <corpus>/<stem>.p<N>.expected.csv;
//   - everything else: `yusuan extract -no-ocr` over <corpus>/*.pdf,
//     fixtures/pdf/corpus/*.pdf and the seed, keeping only documents read
//     from a text layer (no OCR'd page). A document with golden CSVs is
//     taken from them, not from the extraction.
//
// A pair is a subject_code/subject_name cell pair (subject_code_2 … too), or
// a cell joining the two ("2010801-行政运行", "2070113旅游宣传", the form of
// Beijing's and Changsha's tables). Only codes of the classification's shape
// are kept: 3, 5 or 7 digits (类, 款, 项) led by 1 (收入), 2 (支出功能),
// 3 (部门预算支出经济) or 5 (政府预算支出经济). When documents disagree on a
// code's name, the name most documents print wins (then the most rows, then
// the shorter); the others are listed in the `others` column with their
// document counts, so a reader of the file sees every conflict.
//
// Names that are not the classification's are dropped by the exclude list
// below, each with its reason: check the output by eye after every run
// (a 7-digit code's name should specialise its 款's, and so on).
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("subjects: ")
	corpus := flag.String("corpus", "../shared/corpus", "folder of real disclosures (PDFs and *.expected.csv transcriptions)")
	yusuan := flag.String("yusuan", "bin/yusuan", "the yusuan binary (make build)")
	out := flag.String("o", "subject/codes.tsv", "file to write")
	flag.Parse()

	pdfs := globs(filepath.Join(*corpus, "*.pdf"), "fixtures/pdf/corpus/*.pdf")
	seed := "fixtures/000_40af54efeba53a7c.txt"
	tmp, err := os.MkdirTemp("", "subjects-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	if err := extract(*yusuan, tmp, append(pdfs, seed)); err != nil {
		log.Fatal(err)
	}

	c := newCollector()
	golden := map[string]string{ // source → folder of hand-checked CSVs
		seed: "fixtures/000_40af54efeba53a7c",
	}
	for _, dir := range globs("fixtures/pdf/corpus/*/") {
		golden[strings.TrimSuffix(filepath.Clean(dir), "/")+".pdf"] = filepath.Clean(dir)
	}
	for src, dir := range golden {
		if err := c.addDocument(src, dir, "golden"); err != nil {
			log.Fatal(err)
		}
	}
	for _, csv := range globs(filepath.Join(*corpus, "*.expected.csv")) {
		src := strings.TrimSuffix(csv, ".expected.csv")
		src = src[:strings.LastIndex(src, ".p")] + ".pdf"
		if err := c.addFile(src, csv, "transcription"); err != nil {
			log.Fatal(err)
		}
	}
	if err := c.addExtracted(tmp); err != nil {
		log.Fatal(err)
	}

	subjects := c.subjects()
	if err := write(*out, subjects); err != nil {
		log.Fatal(err)
	}
	byKind := map[string]int{}
	for _, s := range subjects {
		byKind[s.kind]++
	}
	log.Printf("%s: %d codes from %d documents (%v)", *out, len(subjects), len(c.docs), byKind)
	report(c, subjects)
}

// report logs what a person checking the file should look at: the pairs
// not taken and why, and the codes whose 类 or 款 no document printed.
func report(c *collector, subjects []subject) {
	var lines []string
	for p, why := range c.excluded {
		lines = append(lines, "excluded: "+p+": "+why)
	}
	known := map[string]bool{}
	for _, s := range subjects {
		known[s.code] = true
	}
	for _, s := range subjects {
		for _, n := range []int{3, 5} {
			if len(s.code) > n && !known[s.code[:n]] {
				lines = append(lines, fmt.Sprintf("no parent: %s %s: %s not printed in any document", s.code, s.name, s.code[:n]))
			}
		}
	}
	sort.Strings(lines)
	for _, l := range lines {
		log.Print(l)
	}
}

// globs expands each pattern, in order.
func globs(patterns ...string) []string {
	var out []string
	for _, p := range patterns {
		m, err := filepath.Glob(p)
		if err != nil {
			log.Fatalf("%s: %v", p, err)
		}
		out = append(out, m...)
	}
	return out
}

// extract runs `yusuan extract -no-ocr` over inputs into dir. Scans and
// garbled PDFs fail without OCR (exit status 1): that is wanted, they are
// not a text layer. Any other failure stops the build.
func extract(yusuan, dir string, inputs []string) error {
	if _, err := os.Stat(yusuan); err != nil {
		return fmt.Errorf("%s: %v (run make build first)", yusuan, err)
	}
	args := append([]string{"extract", "-no-ocr", "-force", "-o", dir}, inputs...)
	cmd := exec.Command(yusuan, args...)
	cmd.Stderr = os.Stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s %s: %v", yusuan, strings.Join(args[:5], " "), err)
	}
	return nil
}
