package main

import (
	"fmt"
	"sort"

	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/validate"
)

// check validates every document of a run.
var check = validate.Check

// ruleKey counts findings of one rule and severity.
type ruleKey struct {
	sev  table.Severity
	rule string
}

// findingSummary lists finding counts by severity and rule, most frequent
// first: "error  row.sum  3".
func findingSummary(counts map[ruleKey]int) []string {
	keys := make([]ruleKey, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		if keys[i].sev != keys[j].sev {
			return keys[i].sev < keys[j].sev
		}
		return keys[i].rule < keys[j].rule
	})
	var out []string
	for _, k := range keys {
		out = append(out, fmt.Sprintf("%-7s %-36s %d", k.sev, k.rule, counts[k]))
	}
	return out
}
