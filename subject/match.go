package subject

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"github.com/yusuan-data/yusuan/zh"
)

// Verdict is what a name read beside a code is, compared with the code's
// known name.
type Verdict int

const (
	// Exact: the name read is the code's name (or another name documents
	// print for it, such as an older edition's).
	Exact Verdict = iota
	// Misread: the name read is near the code's name, a character or a few
	// off: a misreading of it.
	Misread
	// Far: the name read is not near: the code was misread, the cell is
	// junk, or the publisher printed a name we do not know.
	Far
	// Unknown: the code is not known.
	Unknown
)

func (v Verdict) String() string {
	return [...]string{"exact", "misread", "far", "unknown"}[v]
}

// Match is a name read beside a code, compared with the code's known name.
type Match struct {
	Code    string
	Got     string // the name as read, spaces removed and full-width folded
	Known   string // the code's name; "" for an Unknown code
	Verdict Verdict
	// Distance is the number of characters to insert, delete or replace to
	// turn Got into Known, a known OCR confusion (潼/漳) counting as none.
	Distance int
	// Confusions is the number of characters that differ only by a known
	// OCR confusion.
	Confusions int
	// OtherCodes lists the known codes whose name Got is exactly, when it
	// is not this code's: then the code, not the name, is the suspect.
	OtherCodes []string
}

// Check compares the name got, read beside code, with the code's name.
//
// The rule for a misreading: after folding known confusions, at most one
// character in three differs (Distance*3 <= length of the longer name),
// and got is not exactly the name of another code. So 行政运衍 is 行政运行
// misread (1 of 4), 其他网倍事务攴出 is 其他网信事务支出 (2 of 8), 退体费 is
// 退休费 (休/体, a known confusion), but 资金 is not 奖金 (1 of 2), and
// 行政单位医疗 beside 2010801 行政运行 is Far: it names 2101101.
//
// A name a document printed legitimately but that differs a little from
// the known one (an older edition's wording) is corrected too when no
// document we have printed it: the finding the caller records keeps it.
func Check(code, got string) Match {
	m := Match{Code: code, Got: clean(got)}
	s, ok := subjects[code]
	if !ok {
		m.Verdict = Unknown
		return m
	}
	m.Known = s.Name
	if m.Got == s.Name || printedAs(s, m.Got) {
		m.Verdict = Exact
		return m
	}
	m.Distance, m.Confusions = distance(m.Got, m.Known)
	for _, c := range byName[m.Got] {
		if c != code {
			m.OtherCodes = append(m.OtherCodes, c)
		}
	}
	n := max(utf8.RuneCountInString(m.Got), utf8.RuneCountInString(m.Known))
	if m.Distance*3 <= n && len(m.OtherCodes) == 0 && m.Got != "" {
		m.Verdict = Misread
	} else {
		m.Verdict = Far
	}
	return m
}

// Correct decides whether the name got, read by a recogniser beside code,
// is to be replaced by the code's known name; m says what was compared.
//
// A Misread is replaced. A Far name is replaced only when doubted is true:
// the caller vouches that the recogniser doubted the name's cell (low
// confidence) and not the code's. A doubted cell far from the name its
// confidently read code has is junk ("neHine33Scth" beside 201, whose name
// is 一般公共服务支出), and the known name is a better reading than the junk.
// Never when got is exactly another code's name: then the code is the
// suspect, and the row is left as read. An Unknown code is never corrected.
//
// The caller must record every replacement (before and after): a
// correction is a finding, never silent.
func Correct(code, got string, doubted bool) (m Match, fix bool) {
	m = Check(code, got)
	if m.Got == "" {
		return m, false
	}
	switch m.Verdict {
	case Misread:
		return m, true
	case Far:
		return m, doubted && len(m.OtherCodes) == 0
	}
	return m, false
}

// Describe says in words how got differs from the known name, for a
// finding's message.
func (m Match) Describe() string {
	switch m.Verdict {
	case Exact:
		return fmt.Sprintf("%s is %s", m.Code, m.Known)
	case Unknown:
		return fmt.Sprintf("%s is not a known code", m.Code)
	}
	head := fmt.Sprintf("%s is %s; %q", m.Code, m.Known, m.Got)
	if len(m.OtherCodes) > 0 {
		return fmt.Sprintf("%s is the name of %s", head, strings.Join(m.OtherCodes, ", "))
	}
	var parts []string
	if m.Distance > 0 {
		parts = append(parts, count(m.Distance, "character")+" off")
	}
	if m.Confusions > 0 {
		parts = append(parts, count(m.Confusions, "look-alike character")+" read for another")
	}
	return head + " has " + strings.Join(parts, " and ")
}

// count says "1 character", "2 characters".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Near reports whether got is a misreading of known, for text that no code
// pins down (a department in a table's title). Stricter than Check, since
// two departments of one district differ by a character (潼南区财政局,
// 潼南区民政局) where a code fixes its name exactly: got must be known with
// characters lost and look-alikes read (潼南 as 漳南, 潼南区 lost at 200
// dpi), nothing replaced or added; at most one character in four lost, and
// never a bracket (XX局 is not XX局(本级) misread). lost counts the
// characters lost, confusions the look-alikes.
func Near(known, got string) (lost, confusions int, near bool) {
	known, got = clean(known), clean(got)
	if known == got || got == "" {
		return 0, 0, false
	}
	k, g := []rune(foldConfusions(known)), []rune(foldConfusions(got))
	i := 0
	for _, r := range k {
		if i < len(g) && g[i] == r {
			i++
			continue
		}
		if isBracket(r) {
			return 0, 0, false
		}
		lost++
	}
	if i < len(g) {
		return 0, 0, false // got is not known with characters lost
	}
	_, confusions = distance(got, known)
	return lost, confusions, lost*4 <= len(k)
}

func isBracket(r rune) bool { return strings.ContainsRune("()[]【】〔〕", r) }

// distance is the rune edit distance of a and b with confusions folded,
// and how many more edits the raw strings need (the confusions).
func distance(a, b string) (dist, confusions int) {
	raw := levenshtein.ComputeDistance(a, b)
	dist = levenshtein.ComputeDistance(foldConfusions(a), foldConfusions(b))
	return dist, raw - dist
}

// clean is a name as compared: full-width folded, spaces removed.
func clean(s string) string { return zh.Squash(zh.Fold(s)) }

// printedAs reports whether a document printed name for s's code.
func printedAs(s Subject, name string) bool {
	for _, o := range s.Others {
		if o.Name == name {
			return true
		}
	}
	return false
}

// byName lists the codes of each known name, in code order.
var byName = func() map[string][]string {
	m := map[string][]string{}
	for code, s := range subjects {
		m[s.Name] = append(m[s.Name], code)
	}
	for _, codes := range m {
		sort.Strings(codes)
	}
	return m
}()
