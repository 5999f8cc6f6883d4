package normalize

import "strings"

// inheritCodeParts completes a code printed as a tree over 类 | 款 | 项
// columns: a 款 row prints only its 款 ("" "99" ""), a 项 row only its 项
// ("" "" "01"), the levels above read from the rows before (烟台: 201 / 99
// / 99 is 201, 20199, 2019999). A row that prints its parts in full (201 41
// 01, 上海) is taken as it is. last holds the parts of the rows before and
// is updated; a row with no part (合计) leaves it alone.
func inheritCodeParts(parts, last []string) []string {
	first := -1
	for k, p := range parts {
		if strings.TrimSpace(p) != "" {
			first = k
			break
		}
	}
	if first < 0 {
		return parts
	}
	out := append([]string(nil), parts...)
	for k := 0; k < first; k++ {
		if last[k] == "" || !isDigits(out[first]) {
			return parts // nothing to inherit: keep what is printed
		}
		out[k] = last[k]
	}
	copy(last, out)
	return out
}

func isDigits(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
