package zh

import (
	"regexp"
	"strings"
)

// Region is the administrative prefix of a department or file name: the
// run of place names it starts with, e.g. 重庆市潼南区 for
// 中共重庆市潼南区委网络安全和信息化委员会办公室, 上海市普陀区 for
// 上海市普陀区教育局, 北京市 for 北京市财政局; "" when it starts with none.
//
// The rule, kept small on purpose:
//  1. drop a leading party or league prefix (中国共产党, 中共, 共青团);
//  2. take place names from the start, one after another (at most four):
//     a place name is 2–4 Han characters followed by 省, 市, 地区, 州, 盟,
//     区, 县 or 旗, or 2–8 Han characters followed by 自治区, 自治州, 自治县,
//     自治旗 or 特别行政区 — always the shortest such name, so 北京市东城区
//     reads as 北京市 + 东城区;
//  3. stop at the first piece that is not a place name, or that is a zone
//     rather than a place (…园区, …社区, …开发区, …示范区 and the like).
//
// A name of a single character before its suffix (泾县) is not recognised,
// and a department named without its place (区财政局) has no region.
func Region(name string) string {
	s := strings.TrimSpace(name)
	for _, p := range []string{"中国共产党", "中共", "共青团"} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	var b strings.Builder
	for i := 0; i < 4; i++ {
		m := placeRe.FindString(s)
		if m == "" || isZone(m) {
			break
		}
		b.WriteString(m)
		s = s[len(m):]
	}
	return b.String()
}

var placeRe = regexp.MustCompile(`^(?:\p{Han}{2,8}?(?:自治区|自治州|自治县|自治旗|特别行政区)|\p{Han}{2,4}?(?:省|市|地区|州|盟|区|县|旗))`)

// zoneSuffixes end names that look like places to the rule but are zones
// or neighbourhoods, never a region of their own.
var zoneSuffixes = []string{
	"园区", "社区", "校区", "景区", "厂区", "片区", "营区", "矿区", "辖区",
	"开发区", "试验区", "示范区", "保护区", "功能区", "合作区", "保税区",
}

func isZone(s string) bool {
	for _, z := range zoneSuffixes {
		if strings.HasSuffix(s, z) {
			return true
		}
	}
	return false
}
