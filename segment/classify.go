package segment

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yusuan-data/yusuan/zh"
)

// lineKind is what a line of running text is, as far as tables go.
type lineKind int

const (
	textLine     lineKind = iota // narrative, or a department name
	markerLine                   // 附件 3
	titleLine                    // 部门收支总表, 2025 年预算项目绩效目标表-2
	unitLine                     // 单位：万元
	compilerLine                 // 编制单位：中共…（本级）
	noteLine                     // 备注：本表反映…
	tocLine                      // 一、收支总表 ……… 3
)

var (
	markerRe = regexp.MustCompile(`^附\s*件\s*([0-9０-９]+|[一二三四五六七八九十]+)\s*[:：、.．]?\s*(.*)$`)
	// A unit statement: 单位：万元, 金额单位：元. "编制单位：…" is not one: the
	// unit word must follow the colon directly.
	unitRe = regexp.MustCompile(`(?:^|[\s　]|金额|计量)单\s*位\s*[:：]\s*(亿元|万元|千元|元)`)
	// A line naming the compiling body: 编制单位：…, 单位名称:…, 部门：…
	// 部门（单位）：X names the body too.
	compilerRe = regexp.MustCompile(`^(?:编制|预算|填报)?(?:单\s*位|部\s*门)\s*(?:[（(]\s*(?:单\s*位|部\s*门)\s*[)）])?\s*(?:名\s*称)?\s*[:：]\s*(.+?)\s*$`)
	noteRe     = regexp.MustCompile(`^(备\s*注|注\s*[:：0-9０-９一二三]|说明\s*[:：])`)
	// Leaders and a page number at the end: a table of contents entry.
	tocRe = regexp.MustCompile(`(\.{3,}|…{2,}|·{3,}|-{4,}|_{4,})\s*[0-9０-９]+\s*$`)
	// The end of a title: 表, optionally numbered (表-2, 表（续）, 表二).
	titleEndRe = regexp.MustCompile(`表\s*([-－—–]\s*[0-9０-９]+|[一二三四五六七八九十]+)?\s*([（(][^（()）]{1,14}[)）])?\s*([（(]\s*续\s*[表]?\s*[)）]|续表?)?$`)
	// A table number on a line of its own: 表 5, 公开 05 表, 预算01表.
	numberLineRe = regexp.MustCompile(`^(附表|表|公开|预算|公开表)\s*([0-9０-９]+|[一二三四五六七八九十]+)\s*(表)?\s*$`)
	// A table number in front of a title: 预算08表 …, 预算表12 …, 公开表一 ….
	titleNumberRe = regexp.MustCompile(`^(?:附表|公开表|预算表|公开|预算|表)\s*([0-9０-９]+|[一二三四五六七八九十]+)(?:\s*表|\s|$)`)
	// The period a title is for, on a line of its own under it: （2026年度）.
	periodRe = regexp.MustCompile(`^[（(]\s*[0-9０-９]{4}\s*年度?\s*[)）]$`)
	partRe   = regexp.MustCompile(`表\s*[-－—–]\s*([0-9０-９]+)\s*(?:[（(]\s*续\s*[表]?\s*[)）]|续表?)?$`)
	contRe   = regexp.MustCompile(`([（(]\s*续\s*表?\s*[)）]|续表)\s*$`)
	sepRe    = regexp.MustCompile(`^[-—=_－─━\s]+$`)
)

// classify tells what a line of running text is.
func classify(s string) lineKind {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return textLine
	case markerRe.MatchString(s):
		return markerLine
	case tocRe.MatchString(s):
		return tocLine
	case noteRe.MatchString(s):
		return noteLine
	case isCompiler(s):
		return compilerLine
	case unitRe.MatchString(s):
		return unitLine
	case isTitle(s):
		return titleLine
	}
	return textLine
}

// isCompiler reports whether s names the compiling body ("编制单位：X",
// "部门：X 单位：万元"), not just the unit ("单位：万元").
func isCompiler(s string) bool {
	m := compilerRe.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	v := strings.TrimSpace(m[1])
	if u := unitRe.FindStringIndex(v); u != nil {
		v = strings.TrimSpace(v[:u[0]])
	}
	switch v {
	case "", "元", "万元", "千元", "亿元":
		return false
	}
	return true
}

// isTitle reports whether s reads as a table title: short, ending in 表.
func isTitle(s string) bool {
	s = zh.Squash(s)
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 90 {
		return false
	}
	if strings.ContainsAny(s, "。；;") {
		return false
	}
	return titleEndRe.MatchString(s)
}

// isNumberLine reports whether s is only a table number (表 5, 公开 05 表).
func isNumberLine(s string) bool { return numberLineRe.MatchString(strings.TrimSpace(s)) }

// isPeriodLine reports whether s is only the year a title is for: （2026年度）.
func isPeriodLine(s string) bool { return periodRe.MatchString(strings.TrimSpace(s)) }

// tableNumber returns N of a table number printed on its own line (表二,
// 公开 05 表) or in front of a title (预算08表 …, 预算表12 …), or 0.
func tableNumber(s string) int {
	s = strings.TrimSpace(s)
	if m := numberLineRe.FindStringSubmatch(s); m != nil {
		n, _ := zh.Numeral(m[2])
		return n
	}
	if m := titleNumberRe.FindStringSubmatch(s); m != nil {
		n, _ := zh.Numeral(m[1])
		return n
	}
	return 0
}

// unitOf returns the unit a line states (万元, 元 …), or "".
func unitOf(s string) string {
	if m := unitRe.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// markerNumber returns the 附件 number of a marker line and any title that
// follows it on the same line.
func markerNumber(s string) (int, string) {
	m := markerRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, ""
	}
	n, _ := zh.Numeral(m[1])
	return n, strings.TrimSpace(m[2])
}

// partNumber returns N of a title ending in 表-N, or 0.
func partNumber(title string) int {
	m := partRe.FindStringSubmatch(zh.Squash(title))
	if m == nil {
		return 0
	}
	n, _ := zh.Numeral(m[1])
	return n
}

// isSeparator reports whether every cell of a row is a rule drawn in text
// (---, ===) or empty.
func isSeparator(cells []string) bool {
	any := false
	for _, c := range cells {
		if c == "" {
			continue
		}
		if !sepRe.MatchString(c) {
			return false
		}
		any = true
	}
	return any
}

// orgSuffixes end the names of government bodies; they tell a department
// line in a title block from the title itself.
var orgSuffixes = []string{"（本级）", "(本级)", "局", "委", "办", "室", "厅", "院", "部", "会", "中心", "馆", "站", "所", "队", "处", "社", "校", "府", "组", "署", "司", "团", "台", "园", "场", "行", "公司"}

// looksLikeOrg reports whether s could be a department name.
func looksLikeOrg(s string) bool { return LooksLikeOrg(s) }

// LooksLikeOrg reports whether s could be the name of a government body.
func LooksLikeOrg(s string) bool {
	s = zh.Squash(s)
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 60 || strings.ContainsAny(s, "。；;：:，,") {
		return false
	}
	for _, suf := range orgSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}
