package subject

// confusionGroups are characters a recogniser (Tesseract chi_sim on a
// 200–300 dpi scan) takes for one another: a difference of a stroke or a
// dot, or a Chinese numeral read as the ASCII mark it looks like. Reading
// one for another of its group costs nothing in the distance that decides
// a misreading, so a two-character name off by one such character ("潼南"
// read as "漳南") is still recognised as its known name. The groups are
// the ones seen in this project's scans (二 as =, 十 as +, in the seed's
// 收支总表 read at 200 dpi) and the classic look-alikes of printed Chinese.
var confusionGroups = []string{
	"潼漳",    // the department's 潼南 read as 漳南
	"二=",    // (二) read as (=)
	"十+",    // (十一) read as (+—)
	"一-—–－", // 一 and the dashes
	"口□",    // a box glyph
	"〇0O",   // zero
	"己已巳",
	"未末",
	"土士",
	"日曰",
	"人入",
	"干千于",
	"戊戌戍",
	"大太犬",
	"王玉",
	"刀力",
	"儿几",
	"厂广",
	"休体", // 离退休 read as 离退体
	"冶治",
	"准淮",
	"贷货",
	"拨拔",
	"候侯",
	"折析",
	"免兔",
	"乌鸟",
	"处外",
}

// canon maps each character of a confusion group to the group's first.
var canon = func() map[rune]rune {
	m := map[rune]rune{}
	for _, g := range confusionGroups {
		rs := []rune(g)
		for _, r := range rs {
			if _, dup := m[r]; dup {
				panic("subject: " + string(r) + " in two confusion groups")
			}
			m[r] = rs[0]
		}
	}
	return m
}()

// foldConfusions replaces every character by its confusion group's first,
// so two readings that differ only by confusions become equal.
func foldConfusions(s string) string {
	rs := []rune(s)
	for i, r := range rs {
		if c, ok := canon[r]; ok {
			rs[i] = c
		}
	}
	return string(rs)
}
