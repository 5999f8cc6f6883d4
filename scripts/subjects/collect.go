package main

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/yusuan-data/yusuan/zh"
)

// collector gathers code–name pairs, each document once.
type collector struct {
	docs     map[string]string            // SHA-256 of a source → where its pairs came from
	names    map[string]map[string]*tally // code → name → how often
	excluded map[string]string            // "code name (file)" → why it was not taken
}

// tally counts one name of one code: the documents that print it and the
// rows it is printed in.
type tally struct {
	docs map[string]bool
	rows int
}

func newCollector() *collector {
	return &collector{docs: map[string]string{}, names: map[string]map[string]*tally{}, excluded: map[string]string{}}
}

// addDocument adds every CSV in dir as the tables of source src, unless
// another folder already gave that document.
func (c *collector) addDocument(src, dir, how string) error {
	sum, err := fileSHA(src)
	if err != nil {
		return err
	}
	if c.docs[sum] != "" {
		return nil
	}
	c.docs[sum] = how + " " + dir
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	for _, f := range files {
		if err := c.addCSV(sum, f); err != nil {
			return err
		}
	}
	return nil
}

// addFile adds one CSV as (part of) the tables of source src.
func (c *collector) addFile(src, file, how string) error {
	sum, err := fileSHA(src)
	if err != nil {
		return err
	}
	if c.docs[sum] == "" {
		c.docs[sum] = how + " " + file
	}
	return c.addCSV(sum, file)
}

// manifest is the part of yusuan's manifest.json the build reads.
type manifest struct {
	Source    string `json:"source"`
	SHA256    string `json:"sha256"`
	InputKind string `json:"input_kind"`
	OCRPages  []int  `json:"ocr_pages"`
}

// addExtracted adds the output folders under dir of documents read from a
// text layer and not given already.
func (c *collector) addExtracted(dir string) error {
	ms, _ := filepath.Glob(filepath.Join(dir, "*", "manifest.json"))
	for _, p := range ms {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var m manifest
		if err := json.Unmarshal(data, &m); err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		if len(m.OCRPages) > 0 || m.InputKind != "text" && m.InputKind != "pdf" || c.docs[m.SHA256] != "" {
			continue
		}
		if err := c.addDocument(m.Source, filepath.Dir(p), "extracted"); err != nil {
			return err
		}
	}
	return nil
}

// addCSV adds the pairs of one table of document doc.
func (c *collector) addCSV(doc, path string) error {
	pairs, err := pairsOfCSV(path)
	if err != nil {
		return err
	}
	for _, p := range pairs {
		if why := rejected(p.code, p.name); why != "" {
			c.excluded[fmt.Sprintf("%q %q (%s)", p.code, p.name, filepath.Join(filepath.Base(filepath.Dir(path)), filepath.Base(path)))] = why
			continue
		}
		byName := c.names[p.code]
		if byName == nil {
			byName = map[string]*tally{}
			c.names[p.code] = byName
		}
		t := byName[p.name]
		if t == nil {
			t = &tally{docs: map[string]bool{}}
			byName[p.name] = t
		}
		t.docs[doc] = true
		t.rows++
	}
	return nil
}

type pair struct{ code, name string }

// joinedRe is a cell holding code and name together: "2010801-行政运行",
// "30227委托业务费", "221 :住房保障支出".
var joinedRe = regexp.MustCompile(`^([0-9]{3}|[0-9]{5}|[0-9]{7})\s*[-－—–:：]?\s*(\p{Han}.*)$`)

// pairsOfCSV reads the code–name pairs of one CSV: subject_code beside
// subject_name (with the same _N suffix), and joined cells anywhere.
func pairsOfCSV(path string) ([]pair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	head := recs[0]
	nameOf := map[int]int{} // code column → name column
	for j, h := range head {
		if rest, ok := strings.CutPrefix(h, "subject_code"); ok {
			for k, h2 := range head {
				if h2 == "subject_name"+rest {
					nameOf[j] = k
				}
			}
		}
	}
	var out []pair
	for _, rec := range recs[1:] {
		for j, v := range rec {
			if k, ok := nameOf[j]; ok && k < len(rec) {
				if code := zh.Squash(v); code != "" {
					out = append(out, pair{code, cleanName(rec[k])})
				}
				continue
			}
			if m := joinedRe.FindStringSubmatch(zh.Fold(strings.TrimSpace(v))); m != nil {
				out = append(out, pair{m[1], cleanName(m[2])})
			}
		}
	}
	return out, nil
}

// cleanName is a name as the table stores it: full-width folded, no spaces
// (a wrap may have left one).
func cleanName(s string) string { return zh.Squash(zh.Fold(s)) }

var codeShapeRe = regexp.MustCompile(`^[1235]([0-9]{2}|[0-9]{4}|[0-9]{6})$`)

// rejected says why a pair is not taken, or "" when it is.
func rejected(code, name string) string {
	if !codeShapeRe.MatchString(code) {
		return "not a classification code"
	}
	han := false
	for _, r := range name {
		han = han || unicode.Is(unicode.Han, r)
	}
	switch {
	case !han:
		return "name without Chinese"
	case strings.ContainsAny(name[:1], "0123456789"):
		return "name starts with a digit"
	}
	if why, ok := exclude[code+"\t"+name]; ok {
		return why
	}
	return ""
}

// exclude lists pairs a document prints that are not the classification's,
// found by reading the output: code TAB name → why.
var exclude = map[string]string{}

// supplement names the 类 and 款 above printed codes that no document
// printed itself, as the national classification (财政部《政府收支分类科目》)
// names them, so that every printed code has its parent chain. They are
// written with docs 0: not seen in a document. A code printed by a
// document never takes its name from here.
var supplement = map[string]string{
	"20108": "审计事务",
	"207":   "文化旅游体育与传媒支出",
	"20701": "文化和旅游",
	"309":   "资本性支出(基本建设)",
	"501":   "机关工资福利支出",
	"502":   "机关商品和服务支出",
	"503":   "机关资本性支出(一)",
	"504":   "机关资本性支出(二)",
	"505":   "对事业单位经常性补助",
	"509":   "对个人和家庭的补助",
}

// subject is one row of codes.tsv.
type subject struct {
	code, name, kind string
	docs, rows       int
	others           []string // "name(docs)" of the names that lost
}

// subjects picks each code's name: the one most documents print, then the
// one in most rows, then the shorter, then the first in code point order.
func (c *collector) subjects() []subject {
	var out []subject
	for code, byName := range c.names {
		var names []string
		for n := range byName {
			names = append(names, n)
		}
		sort.Slice(names, func(a, b int) bool {
			ta, tb := byName[names[a]], byName[names[b]]
			switch {
			case len(ta.docs) != len(tb.docs):
				return len(ta.docs) > len(tb.docs)
			case ta.rows != tb.rows:
				return ta.rows > tb.rows
			case len(names[a]) != len(names[b]):
				return len(names[a]) < len(names[b])
			}
			return names[a] < names[b]
		})
		win := byName[names[0]]
		s := subject{code: code, name: names[0], kind: kindOf(code), docs: len(win.docs), rows: win.rows}
		for _, n := range names[1:] {
			s.others = append(s.others, fmt.Sprintf("%s(%d)", n, len(byName[n].docs)))
		}
		out = append(out, s)
	}
	for code, name := range supplement {
		if c.names[code] == nil {
			out = append(out, subject{code: code, name: name, kind: kindOf(code)})
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].code < out[b].code })
	return out
}

// kindOf names the classification a code belongs to by its first digit.
func kindOf(code string) string {
	switch code[0] {
	case '1':
		return "income"
	case '2':
		return "functional"
	case '3':
		return "economic"
	case '5':
		return "gov_economic"
	}
	return ""
}

func fileSHA(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}
