// Command boundcheck measures, without any truth file, how well yusuan found
// the tables of text-layer PDFs: it reads every page with poppler's
// pdftotext (-layout), independently of yusuan's extraction and
// segmentation, finds the pages whose top lines are a table title, and
// checks each against the tables yusuan wrote (manifest.json: title, pages):
//
//   - found: a table starts on the page;
//   - continued: the page lies inside a table that started earlier and its
//     title repeats that table's title (a continuation page);
//   - merged: the page lies inside a table that started earlier under
//     another title: a table start swallowed by the table before it;
//   - missed: no table covers the page.
//
// It also counts the clean pages yusuan judged garbled (page.unread findings
// on pages where pdftotext reads plain Chinese) and, given amtcheck's
// output (-amt FILE, `go run ./scripts/amtcheck OUT PDF... > FILE`), the
// amounts lost and extra and the pages no table claims.
//
//	bin/yusuan extract -no-ocr -o /tmp/out corpus/*.pdf
//	go run ./scripts/amtcheck /tmp/out corpus/*.pdf > /tmp/amt.txt
//	go run ./scripts/boundcheck -amt /tmp/amt.txt /tmp/out corpus/*.pdf
//
// -v lists every title page with its verdict. Documents yusuan declined (no
// manifest) are listed and their title pages counted as missed only when
// they have any (a declined non-budget file has none).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/yusuan-data/yusuan/internal/titlepages"
)

type manifest struct {
	Pages  int `json:"pages"`
	Tables []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Pages []int  `json:"pages"`
	} `json:"tables"`
	Findings []struct {
		Rule  string `json:"rule"`
		Pages []int  `json:"pages"`
	} `json:"findings"`
}

var unsafeRe = regexp.MustCompile(`[^\p{L}\p{N}\-_.()（）]+`)

// safeStem is the name of a document's output folder, as yusuan names it
// (its README: letters, digits and - _ . ( ) kept, the rest "_").
func safeStem(path string) string {
	base := filepath.Base(path)
	stem := unsafeRe.ReplaceAllString(strings.TrimSuffix(base, filepath.Ext(base)), "_")
	stem = strings.TrimLeft(stem, ".")
	for len(stem) > 120 {
		r := []rune(stem)
		stem = string(r[:len(r)-1])
	}
	return stem
}

type docResult struct {
	name     string
	declined bool
	verdicts []titlepages.Verdict
	garbled  []int // clean pages reported unread
}

func check(outDir, pdf string) (docResult, error) {
	stem := safeStem(pdf)
	res := docResult{name: stem}
	pages, err := titlepages.Read(pdf)
	if err != nil {
		return res, err
	}
	var m manifest
	if b, err := os.ReadFile(filepath.Join(outDir, stem, "manifest.json")); err == nil {
		if err := json.Unmarshal(b, &m); err != nil {
			return res, fmt.Errorf("%s: manifest: %v", stem, err)
		}
	} else {
		res.declined = true
	}
	unread := map[int]bool{}
	for _, f := range m.Findings {
		if f.Rule == "page.unread" {
			for _, p := range f.Pages {
				unread[p] = true
			}
		}
	}
	for _, pg := range pages {
		if unread[pg.Number] && pg.Clean {
			res.garbled = append(res.garbled, pg.Number)
		}
	}
	var tables []titlepages.Table
	for _, t := range m.Tables {
		tables = append(tables, titlepages.Table{ID: t.ID, Title: t.Title, Pages: t.Pages})
	}
	res.verdicts = titlepages.Judge(pages, tables)
	if res.declined {
		for i := range res.verdicts {
			res.verdicts[i].What = "declined"
		}
	}
	return res, nil
}

// amt sums amtcheck's report per document: lost and extra amounts, and the
// pages in no table that print amounts.
type amt struct{ lost, extra, unclaimedPages, unclaimedAmounts int }

var (
	amtRow   = regexp.MustCompile(`^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$`)
	amtStray = regexp.MustCompile(`^(\S+) page (\d+): in no table, (\d+) decimals`)
)

func readAmt(path string) (map[string]*amt, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]*amt{}
	get := func(d string) *amt {
		if out[d] == nil {
			out[d] = &amt{}
		}
		return out[d]
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	summary := false
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "document ") && strings.Contains(l, "discrepancies") {
			summary = true
		}
		if summary {
			continue
		}
		if m := amtStray.FindStringSubmatch(l); m != nil {
			a := get(m[1])
			n, _ := strconv.Atoi(m[3])
			a.unclaimedPages++
			a.unclaimedAmounts += n
			continue
		}
		if m := amtRow.FindStringSubmatch(l); m != nil {
			a := get(m[1])
			x, _ := strconv.Atoi(m[5])
			y, _ := strconv.Atoi(m[6])
			a.extra += x
			a.lost += y
		}
	}
	return out, sc.Err()
}

func main() {
	verbose := flag.Bool("v", false, "list every title page with its verdict")
	amtFile := flag.String("amt", "", "amtcheck's output for the same OUTDIR and PDFs")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./scripts/boundcheck [-v] [-amt FILE] OUTDIR PDF...")
	}
	flag.Parse()
	if flag.NArg() < 2 {
		flag.Usage()
		os.Exit(2)
	}
	var amts map[string]*amt
	if *amtFile != "" {
		var err error
		if amts, err = readAmt(*amtFile); err != nil {
			fmt.Fprintln(os.Stderr, "boundcheck:", err)
			os.Exit(2)
		}
	}
	var tot struct{ titles, found, cont, merged, missed, declined, garbled, lost, extra, upages, uamounts, docs int }
	fmt.Printf("%-44s %6s %5s %5s %6s %6s %7s %5s %5s %6s\n", "document", "titles", "found", "cont", "merged", "missed", "garbled", "lost", "extra", "unclm")
	pdfs := flag.Args()[1:]
	sort.Strings(pdfs)
	for _, pdf := range pdfs {
		r, err := check(flag.Arg(0), pdf)
		if err != nil {
			fmt.Fprintln(os.Stderr, "boundcheck:", err)
			continue
		}
		c := map[string]int{}
		for _, v := range r.verdicts {
			c[v.What]++
		}
		a := amts[r.name]
		if a == nil {
			a = &amt{}
		}
		tot.docs++
		tot.titles += len(r.verdicts)
		tot.found += c["found"]
		tot.cont += c["continued"]
		tot.merged += c["merged"]
		tot.missed += c["missed"]
		tot.declined += c["declined"]
		tot.garbled += len(r.garbled)
		tot.lost += a.lost
		tot.extra += a.extra
		tot.upages += a.unclaimedPages
		tot.uamounts += a.unclaimedAmounts
		name := r.name
		if rs := []rune(name); len(rs) > 30 {
			name = string(rs[:30])
		}
		if r.declined {
			name += " (declined)"
		}
		fmt.Printf("%-44s %6d %5d %5d %6d %6d %7d %5d %5d %6d\n", name, len(r.verdicts), c["found"], c["continued"], c["merged"], c["missed"], len(r.garbled), a.lost, a.extra, a.unclaimedPages)
		if *verbose {
			for _, v := range r.verdicts {
				if v.What == "found" || v.What == "continued" {
					fmt.Printf("    p%-3d %-9s %s  [%s]\n", v.Page, v.What, v.Title, v.Table)
				} else {
					fmt.Printf("  ! p%-3d %-9s %s  [%s]\n", v.Page, v.What, v.Title, v.Table)
				}
			}
			if len(r.garbled) > 0 {
				fmt.Printf("  ! clean pages judged garbled: %v\n", r.garbled)
			}
		}
	}
	fmt.Printf("\nTOTAL %d documents: title pages %d: found %d, continued %d, merged %d, missed %d (and %d in declined documents); clean pages judged garbled %d; amounts lost %d, extra %d; unclaimed pages %d (%d amounts)\n",
		tot.docs, tot.titles, tot.found, tot.cont, tot.merged, tot.missed, tot.declined, tot.garbled, tot.lost, tot.extra, tot.upages, tot.uamounts)
}
