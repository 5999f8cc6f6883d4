package coverage

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yusuan-data/yusuan/zh"
)

// A token is one number as printed: the text of a cell or line cut at
// anything that is not part of a number.
type token struct {
	text string // canonical: no sign noise, no thousands separators, no leading zeros
	raw  string // the digits as printed (leading zeros kept), for joining split codes
	// amount is true for a number that can only be money: it has a decimal
	// fraction or thousands separators (402.21, 1,234). A bare integer may
	// be a code, a count, a year or a page number as well as an amount.
	amount bool
	// alone is true when the number stands by itself: bounded by spaces or
	// the ends of its cell, not glued to Chinese (402.21万元 in a sentence).
	alone bool
}

// numberRe finds numbers: an optional sign, digits with or without
// thousands separators, an optional fraction.
var numberRe = regexp.MustCompile(`-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|-?\.[0-9]+`)

// maxTokenLen bounds a number worth comparing: longer digit runs are
// identifiers (bank accounts, project codes), and canonicalising them is
// wasted work.
const maxTokenLen = 40

// tokens returns the numbers of s, full-width forms folded.
func tokens(s string) []token {
	if s == "" {
		return nil
	}
	s = zh.Fold(s)
	var out []token
	for _, m := range numberRe.FindAllStringIndex(s, -1) {
		raw := s[m[0]:m[1]]
		if raw[0] == '-' && m[0] > 0 && !isSpace(lastRune(s[:m[0]])) && lastRune(s[:m[0]]) != '(' {
			// 2010801-行政运行, 1-3月: a hyphen, not a sign
			raw, m[0] = raw[1:], m[0]+1
		}
		if m[1] < len(s) && s[m[1]] >= '0' && s[m[1]] <= '9' {
			continue // a grouped run glued to more digits (",1234") is not one number
		}
		if len(raw) > maxTokenLen {
			continue
		}
		t := token{text: canonical(raw), raw: strings.TrimLeft(strings.ReplaceAll(raw, ",", ""), "-")}
		t.amount = strings.ContainsAny(raw, ".,") && strings.ContainsAny(raw, "0123456789")
		t.alone = bounded(s, m[0], m[1])
		out = append(out, t)
	}
	return out
}

// bounded reports whether s[i:j] is set off from Chinese text: what comes
// before and after it is a space, an end, a bracket or a sign.
func bounded(s string, i, j int) bool {
	before, after := ' ', ' '
	if i > 0 {
		before = lastRune(s[:i])
	}
	if j < len(s) {
		after, _ = utf8.DecodeRuneInString(s[j:])
	}
	ok := func(r rune) bool {
		return isSpace(r) || strings.ContainsRune("()[]%+-", r)
	}
	return ok(before) && ok(after)
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// canonical writes a number without thousands separators, leading zeros
// or a plus sign, keeping its printed precision: "1,234.50" → "1234.50",
// "0.5" and ".5" → "0.5", "-0012" → "-12".
func canonical(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "-+")
	s = strings.ReplaceAll(s, ",", "")
	s = strings.TrimLeft(s, "0")
	if s == "" || s[0] == '.' {
		s = "0" + s
	}
	if neg && strings.Trim(s, "0.") != "" {
		return "-" + s
	}
	return s
}
