package zh

import (
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// knownFinding reports whether a broken invariant is one of the findings
// already reported and not yet fixed: the fuzzer then logs it and goes on
// looking for others. YUSUAN_FUZZ_KNOWN=fail makes them fail again (to
// check a fix); delete the predicate once the fix is in.
func knownFinding(t *testing.T, id string, cond bool) bool {
	if cond && os.Getenv("YUSUAN_FUZZ_KNOWN") == "skip" {
		t.Logf("known finding %s", id)
		return true
	}
	return false
}

// zhSeeds are strings from the bundled disclosure
// (fixtures/000_40af54efeba53a7c.txt) and the forms its rules exist for.
var zhSeeds = []string{
	"",
	" ",
	"网信办（本级）",
	"其他网信 事务支出",
	"上年结 转结余 资金",
	"2025 网络宣传",
	"307001- 网 信办（本 级）",
	"50015225T00000499429 3-2025 网络宣传",
	"20137 99",
	"„",
	"1,234.50",
	"１２３．４５",
	"（一）一般公共预算拨款",
	"一般公共 预算拨款 收入",
	"单位：万元",
	"“三公”经费",
	"\u2F08\u2F00",
	"ＡＢＣ　ｘ",
	"a \u3000\u00a0 b",
	"建设 1 个平台",
	"附件 12",
	"2024 年预算数",
	"( x )",
	"【 中 】",
	"\uFFE5\uFF61\uFFE8",
	"\xff\xfe",
	"其他网信\u2003事务支出",
}

// FuzzFold: valid UTF-8 in gives valid UTF-8 out; Fold is idempotent;
// ASCII passes through unchanged; Fold never adds or removes a rune.
func FuzzFold(f *testing.F) {
	for _, s := range zhSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Fold(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, out)
		}
		if again := Fold(out); again != out {
			t.Fatalf("Fold not idempotent: Fold(%q) = %q, Fold again = %q", s, out, again)
		}
		if isASCII(s) && out != s {
			t.Fatalf("Fold changed ASCII %q to %q", s, out)
		}
		if utf8.ValidString(s) && utf8.RuneCountInString(out) != utf8.RuneCountInString(s) {
			t.Fatalf("Fold(%q) = %q: %d runes became %d", s, out, utf8.RuneCountInString(s), utf8.RuneCountInString(out))
		}
		ideo := FoldIdeographs(s)
		if utf8.ValidString(s) && !utf8.ValidString(ideo) {
			t.Fatalf("FoldIdeographs(%q) = %q: invalid UTF-8", s, ideo)
		}
		if again := FoldIdeographs(ideo); again != ideo {
			t.Fatalf("FoldIdeographs not idempotent: %q → %q → %q", s, ideo, again)
		}
	})
}

// FuzzJoinWrapped: valid UTF-8 in gives valid UTF-8 out; JoinWrapped is
// idempotent; the result has no leading or trailing space, no run of two
// spaces and no whitespace but ' ' (every run becomes one space or none);
// the non-space runes are kept in order (only whitespace is removed
// or replaced). JoinAllWrapped is idempotent and keeps the non-space runes
// too, and Squash removes every space.
func FuzzJoinWrapped(f *testing.F) {
	for _, s := range zhSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			// Invalid bytes are not a case the function promises anything
			// for but not panicking.
			JoinWrapped(s)
			JoinAllWrapped(s)
			return
		}
		out := JoinWrapped(s)
		if !utf8.ValidString(out) {
			t.Fatalf("JoinWrapped(%q) = %q: invalid UTF-8", s, out)
		}
		if again := JoinWrapped(out); again != out {
			t.Fatalf("JoinWrapped not idempotent: %q → %q → %q", s, out, again)
		}
		if strings.TrimSpace(out) != out {
			t.Fatalf("JoinWrapped(%q) = %q: not trimmed", s, out)
		}
		if strings.Contains(out, "  ") {
			t.Fatalf("JoinWrapped(%q) = %q: a run of spaces", s, out)
		}
		if i := strings.IndexFunc(out, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }); i >= 0 {
			// Finding 8: the fast path returns s unchanged unless it holds
			// one of " \t\n\r\u3000\u00a0"; other spaces (\v, \f, U+2003,
			// U+0085 …) survive, between Chinese characters too.
			if !knownFinding(t, "fast-path-spaces", !strings.ContainsAny(strings.TrimSpace(s), " \t\n\r\u3000\u00a0")) {
				t.Fatalf("JoinWrapped(%q) = %q keeps whitespace %U", s, out, []rune(out[i:])[0])
			}
		}
		if Squash(out) != Squash(s) {
			t.Fatalf("JoinWrapped(%q) = %q changed more than whitespace", s, out)
		}
		all := JoinAllWrapped(s)
		if again := JoinAllWrapped(all); again != all {
			t.Fatalf("JoinAllWrapped not idempotent: %q → %q → %q", s, all, again)
		}
		if Squash(all) != Squash(s) {
			t.Fatalf("JoinAllWrapped(%q) = %q changed more than whitespace", s, all)
		}
		sq := Squash(s)
		for _, r := range sq {
			if r == ' ' || r == '\t' || r == '\n' || r == 0x3000 {
				t.Fatalf("Squash(%q) = %q keeps a space", s, sq)
			}
		}
	})
}

// FuzzNumeral: never panics; when ok, a Chinese numeral is 0..99 and an
// Arabic one 0..1e6 (the documented "or an Arabic one" has no upper bound
// of 99: 附件 123 reads as 123); an Arabic result prints back to the
// digits read (leading zeros aside).
func FuzzNumeral(f *testing.F) {
	for _, s := range []string{"一", "十", "十二", "二十", "二十八", "九十九", "7", "１２", "百", "十十十", "12", "0", "〇", "两", "附件", "1000000", "1000001", " 三 ", "007"} {
		f.Add(s)
	}
	for _, s := range zhSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := Numeral(s)
		if !ok {
			return
		}
		if n < 0 {
			t.Fatalf("Numeral(%q) = %d, negative", s, n)
		}
		digits := strings.TrimSpace(Fold(strings.TrimSpace(s)))
		arabic := digits != "" && strings.Trim(digits, "0123456789") == ""
		if !arabic && n > 99 {
			t.Fatalf("Numeral(%q) = %d: a Chinese numeral over 99", s, n)
		}
		if arabic && n > 1e6 {
			t.Fatalf("Numeral(%q) = %d: over the 1e6 bound", s, n)
		}
		if arabic {
			if want := strings.TrimLeft(digits, "0"); want != "" && itoa(n) != want {
				t.Fatalf("Numeral(%q) = %d, want %s", s, n, want)
			}
		}
	})
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
