package coverage

import (
	"strings"
	"testing"
)

// FuzzTokens: any text (a page's cells are untrusted) gives numbers whose
// canonical form has no separators or leading zeros and reads as digits.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"402.21", "1,234.50", "20137 99", "收入402.21万元", "(12.00)", "-.5", "2010801-行政运行", "０１２．３", ",1234", "1,23,456"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tk := range tokens(s) {
			c := strings.TrimPrefix(tk.text, "-")
			if c == "" || strings.Contains(c, ",") || len(c) > 1 && c[0] == '0' && c[1] != '.' {
				t.Fatalf("tokens(%q): bad canonical %q", s, tk.text)
			}
			if strings.Trim(c, "0123456789.") != "" {
				t.Fatalf("tokens(%q): %q is not a number", s, tk.text)
			}
			if canonical(tk.text) != tk.text {
				t.Fatalf("tokens(%q): canonical(%q) = %q, not stable", s, tk.text, canonical(tk.text))
			}
		}
	})
}
