// Package synth makes archives of disclosures for benchmarks and batch
// tests: copies of a real disclosure with other department names and every
// amount multiplied by a whole number, so that what reconciled in the
// original still reconciles and what did not still does not.
package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

var districts = []string{"潼南区", "合川区", "江津区", "永川区", "綦江区", "大足区", "璧山区", "铜梁区", "荣昌区", "梁平区", "武隆区", "城口县", "丰都县"}

// amountRe matches an amount with two decimals as a whole tab-separated
// cell: the cells the tables print, not numbers in prose.
var amountRe = regexp.MustCompile(`(^|\t)([0-9]+\.[0-9]{2})(\t|$)`)

// Variant returns copy i of the text disclosure src: the district renamed
// and amounts multiplied by 1 + i%9.
func Variant(src string, i int) string {
	d := districts[i%len(districts)]
	out := strings.ReplaceAll(src, "潼南区", d)
	k := decimal.NewFromInt(int64(1 + i%9))
	lines := strings.Split(out, "\n")
	for n, l := range lines {
		if !strings.Contains(l, "\t") {
			continue
		}
		// Twice: adjacent cells share the tab between them.
		for range 2 {
			l = amountRe.ReplaceAllStringFunc(l, func(m string) string {
				sub := amountRe.FindStringSubmatch(m)
				v, _ := decimal.NewFromString(sub[2])
				return sub[1] + v.Mul(k).StringFixed(2) + sub[3]
			})
		}
		lines[n] = l
	}
	return strings.Join(lines, "\n")
}

// Archive writes n variants of the text disclosure at seedPath into dir,
// spread over year folders, and returns their paths.
func Archive(dir, seedPath string, n int) ([]string, error) {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		return nil, err
	}
	var paths []string
	for i := 0; i < n; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("%d", 2021+i%5))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return nil, err
		}
		p := filepath.Join(sub, fmt.Sprintf("dept-%04d.txt", i))
		if err := os.WriteFile(p, []byte(Variant(string(data), i)), 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
