package normalize

import (
	"regexp"
	"strings"

	"github.com/yusuan-data/yusuan/vocab"
	"github.com/yusuan-data/yusuan/zh"
)

// A code–name cell joins a classification or project code and its name with
// a dash: "307001- 网信办(本级)", "2010801-行政运行". A line wrap may have put
// a space inside the code: "50015225T00000499429 3-2025 网络宣传".
var codeNameRe = regexp.MustCompile(`^([0-9A-Z][0-9A-Z ]*[0-9A-Z]|[0-9])\s*[-－—–]\s*(\S.*)$`)

// joinedCodeNameRe is a classification code (类 3, 款 5, 项 7 digits)
// printed against its name with no mark between: 2070113旅游宣传.
var joinedCodeNameRe = vocab.SubjectCodeBeforeName

// bracketCodeNameRe is a code in square brackets before its name:
// "[2210201]住房公积金" (广州).
var bracketCodeNameRe = regexp.MustCompile(`^[\[［【]\s*([0-9]{3,}[0-9A-Z]*)\s*[\]］】]\s*(\S.*)$`)

// SplitCodeName splits a code–name cell into its code (spaces removed) and
// name. ok is false when the cell is not one: the code must hold at least
// three digits.
func SplitCodeName(s string) (code, name string, ok bool) {
	m := codeNameRe.FindStringSubmatch(s)
	if m == nil {
		m = joinedCodeNameRe.FindStringSubmatch(s)
	}
	if m == nil {
		m = bracketCodeNameRe.FindStringSubmatch(s)
	}
	if m == nil {
		return "", "", false
	}
	code = zh.Squash(m[1])
	digits := 0
	for _, r := range code {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	name = strings.TrimSpace(m[2])
	if digits < 3 || name == "" {
		return "", "", false
	}
	return code, name, true
}

var codeRe = regexp.MustCompile(`^[0-9]{2,}[0-9A-Z]*$`)

// CleanCode joins a code that a line wrap split ("20137 99" → "2013799").
// Text that is not a code once joined is returned unchanged.
func CleanCode(s string) string {
	if j := zh.Squash(s); codeRe.MatchString(j) {
		return j
	}
	return s
}

var totalLabelRe = vocab.TotalRowLabel

// IsTotalLabel reports whether s labels a total row: 合计, 总计, 小计,
// 收入合计, 支出总计, 本年收入合计 ….
func IsTotalLabel(s string) bool {
	return totalLabelRe.MatchString(zh.Squash(s))
}
