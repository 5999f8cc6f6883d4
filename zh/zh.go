// Package zh holds the rules about Chinese text that several stages share:
// folding full-width characters, removing the spaces that line wraps leave
// inside words and codes, and reading Chinese numerals.
package zh

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Fold maps full-width ASCII letters, digits and punctuation to their
// half-width forms (（）：，％ → ():,%), the ideographic space to a space,
// and Kangxi radicals and compatibility ideographs to the unified ideographs
// they stand for (a common artefact of PDF text layers). Chinese characters
// and CJK punctuation such as 、。“” are left untouched.
func Fold(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteRune(r - 0xFF01 + 0x21)
		case r == 0x3000:
			b.WriteByte(' ')
		case r >= 0x2F00 && r <= 0x2FDF, r >= 0xF900 && r <= 0xFAFF, r >= 0x2E80 && r <= 0x2EFF:
			b.WriteString(norm.NFKC.String(string(r)))
		case r >= 0xFF61 && r <= 0xFFEF:
			b.WriteString(width.Narrow.String(string(r)))
		case r == 0x00A0:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FoldIdeographs maps only Kangxi radicals and compatibility ideographs to
// unified ideographs: for prose, whose punctuation stays as printed.
func FoldIdeographs(s string) string {
	if isASCII(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= 0x2F00 && r <= 0x2FDF || r >= 0xF900 && r <= 0xFAFF || r >= 0x2E80 && r <= 0x2EFF {
			if n := []rune(norm.NFKC.String(string(r))); len(n) == 1 {
				return n[0]
			}
		}
		return r
	}, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// IsCJK reports whether r is a Chinese character or CJK punctuation, the
// characters between which a space can only be a line-wrap artefact.
func IsCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303F) || // CJK symbols and punctuation 、。〔〕
		(r >= 0xFF01 && r <= 0xFF0F) || (r >= 0xFF1A && r <= 0xFF20) || // full-width punctuation
		r == '“' || r == '”' || r == '‘' || r == '’'
}

// IsWide reports whether r is set a full em wide in Chinese text: a Chinese
// character, CJK punctuation, a full-width form, or Chinese quotation
// marks. A text layer or a recogniser that yields mostly such characters is
// reading Chinese, and a gap between two of them is no word space.
func IsWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		r == '“' || r == '”'
}

// JoinWrapped removes whitespace that has a Chinese character (or CJK
// punctuation) on both sides: "其他网信 事务支出" → "其他网信事务支出". Spaces
// between a Chinese word and a Latin word or number ("2025 网络宣传") are kept,
// runs of other whitespace collapse to one space, and the ends are trimmed.
func JoinWrapped(s string) string {
	s = strings.TrimSpace(s)
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if !unicode.IsSpace(r) && r != 0x3000 {
			b.WriteRune(r)
			continue
		}
		j := i
		for j < len(rs) && (unicode.IsSpace(rs[j]) || rs[j] == 0x3000) {
			j++
		}
		prev, next := rs[i-1], rs[j]
		if !(IsCJK(prev) && IsCJK(next)) && !isOpenBracket(prev) && !isCloseBracket(next) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// JoinAllWrapped is JoinWrapped for labels: it also removes spaces between a
// Chinese character and a digit or Latin letter ("2024 年预算数" → "2024年预算数"),
// the spacing Word and WPS add that is no part of a header's meaning.
func JoinAllWrapped(s string) string {
	s = JoinWrapped(s)
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && (IsCJK(rs[i-1]) || IsCJK(rs[i+1])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isOpenBracket(r rune) bool  { return strings.ContainsRune("(（[［【〔《<＜“", r) }
func isCloseBracket(r rune) bool { return strings.ContainsRune(")）]］】〕》>＞”", r) }

// Squash removes every space: the key for comparing labels and titles that
// different line wraps have split differently.
func Squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == 0x3000 {
			return -1
		}
		return r
	}, s)
}

var numerals = map[rune]int{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
	'六': 6, '七': 7, '八': 8, '九': 9,
}

// Numeral reads a Chinese numeral up to 99 ("七" → 7, "十二" → 12,
// "二十八" → 28) or an Arabic one. ok is false for anything else.
func Numeral(s string) (n int, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if d, ok := arabic(s); ok {
		return d, true
	}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10, true
	case len(rs) == 1:
		d, ok := numerals[rs[0]]
		return d, ok
	case len(rs) == 2 && rs[0] == '十':
		d, ok := numerals[rs[1]]
		return 10 + d, ok
	case len(rs) == 2 && rs[1] == '十':
		d, ok := numerals[rs[0]]
		return d * 10, ok
	case len(rs) == 3 && rs[1] == '十':
		a, ok1 := numerals[rs[0]]
		b, ok2 := numerals[rs[2]]
		return a*10 + b, ok1 && ok2
	}
	return 0, false
}

func arabic(s string) (int, bool) {
	s = Fold(s)
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
		if n > 1e6 {
			return 0, false
		}
	}
	return n, true
}

// LatinInHan reports Latin letters in Chinese text ("fil:万元" for 单位：万元,
// "AAHE (i)费用" for 因公出国(境)费用). No table label or classification name
// mixes them, so a recogniser that did misread the text.
func LatinInHan(s string) bool {
	han, latin := false, false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			han = true
		case r < 0x80 && unicode.IsLetter(r):
			latin = true
		}
	}
	return han && latin
}
