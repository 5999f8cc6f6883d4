package pdf

import (
	"regexp"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalizeRune maps Kangxi radicals (U+2F00–U+2FDF), CJK radicals
// supplement (U+2E80–U+2EFF, those with a decomposition) and CJK
// compatibility ideographs to the unified ideographs they stand for. Some
// producers emit these look-alike code points for ordinary characters (⼀
// for 一, ⾏ for 行); they are not garbling, just the wrong code point.
// Every other rune is returned unchanged: NFKC is applied to these blocks
// only, never to the full-width digits and punctuation of the text.
func normalizeRune(r rune) rune {
	if !needsNFKC(r) {
		return r
	}
	s := norm.NFKC.String(string(r))
	rs := []rune(s)
	if len(rs) == 1 {
		return rs[0]
	}
	return r
}

func needsNFKC(r rune) bool {
	return (r >= 0x2E80 && r <= 0x2FDF) || // radicals supplement, Kangxi radicals
		(r >= 0xF900 && r <= 0xFAFF) || // CJK compatibility ideographs
		(r >= 0x2F800 && r <= 0x2FA1F) // supplement
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

func isPUA(r rune) bool {
	return (r >= 0xE000 && r <= 0xF8FF) || (r >= 0xF0000 && r <= 0xFFFFD) || (r >= 0x100000 && r <= 0x10FFFD)
}

// Symbols that real budget text almost never uses but that a broken
// ToUnicode map (glyph ids renumbered from 0x21) produces in bulk.
func isRareSymbol(r rune) bool {
	switch r {
	case '!', '"', '#', '$', '&', '\'', '*', '+', ';', '<', '=', '>', '?', '@', '[', '\\', ']', '^', '_', '`', '{', '|', '}', '~':
		return true
	}
	return false
}

var cidJunk = regexp.MustCompile(`\(cid:\d+\)`)

// bracketedCode is a classification code in square brackets, the way some
// templates print code–name cells ("[2210201]住房公积金", 广州): a page of
// such rows holds brackets in bulk, which are not a renumbered glyph map.
var bracketedCode = regexp.MustCompile(`\[[0-9]{3,}\]`)

// GarbleStats summarises the text layer of one page.
type GarbleStats struct {
	Chars    int // non-space characters
	Bad      int // U+FFFD, private use, unmapped, control characters
	Rare     int // symbols typical of a renumbered glyph map
	CJK      int
	Latin    int // ASCII letters
	CIDRuns  int // "(cid:NNN)" sequences
	ImageObj int
}

// garbled decides whether a page's text layer is junk that has to be OCR'd
// instead. Reasons are returned for debugging.
func garbled(st GarbleStats, text string) (bool, string) {
	st.CIDRuns = len(cidJunk.FindAllStringIndex(text, -1))
	st.Rare -= 2 * len(bracketedCode.FindAllStringIndex(text, -1))
	n := st.Chars
	if n == 0 {
		if st.ImageObj > 0 {
			return true, "no text layer (image-only page)"
		}
		return false, ""
	}
	switch {
	case st.CIDRuns >= 3:
		return true, "(cid:NNN) runs"
	case n >= 10 && float64(st.Bad) > 0.05*float64(n):
		return true, "unmapped / private-use / U+FFFD characters"
	case n >= 20 && float64(st.Rare) > 0.05*float64(n):
		return true, "symbols of a renumbered glyph map"
	case n >= 50 && float64(st.CJK) < 0.05*float64(n) && float64(st.Latin+st.Rare) > 0.5*float64(n):
		return true, "implausible share of CJK"
	}
	return false, ""
}

func classify(r rune, st *GarbleStats) {
	st.Chars++
	switch {
	case r == 0 || r == 0xFFFD || isPUA(r) || (r < 0x20) || (r >= 0x7F && r < 0xA0):
		st.Bad++
	case isRareSymbol(r):
		st.Rare++
	case isCJK(r):
		st.CJK++
	case r < 0x80 && unicode.IsLetter(r):
		st.Latin++
	}
}
