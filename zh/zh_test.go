package zh

import "testing"

func TestFold(t *testing.T) {
	cases := map[string]string{
		"网信办（本级）":      "网信办(本级)",
		"１２３．４５":       "123.45",
		"单位：万元":        "单位:万元",
		"５０％，":         "50%,",
		"一、收入。":        "一、收入。", // CJK punctuation stays
		"“三公”经费":       "“三公”经费",
		"\u2F08\u2F00": "人一", // Kangxi radicals
		"ＡＢＣ　ｘ":        "ABC x",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJoinWrapped(t *testing.T) {
	cases := map[string]string{
		"其他网信 事务支出":            "其他网信事务支出",
		"上年结 转结余 资金":           "上年结转结余资金",
		"2025 网络宣传":            "2025 网络宣传",
		"307001- 网 信办（本 级）":    "307001- 网信办（本级）",
		"  机关事业单位基本养老保险 缴费支出 ": "机关事业单位基本养老保险缴费支出",
		"建设 1 个平台":             "建设 1 个平台",
		"a  b":                 "a b",
	}
	for in, want := range cases {
		if got := JoinWrapped(in); got != want {
			t.Errorf("JoinWrapped(%q) = %q, want %q", in, got, want)
		}
	}
	if got := JoinAllWrapped("2024 年预算数"); got != "2024年预算数" {
		t.Errorf("JoinAllWrapped = %q", got)
	}
}

func TestNumeral(t *testing.T) {
	cases := map[string]int{"一": 1, "十": 10, "十二": 12, "二十": 20, "二十八": 28, "7": 7, "１２": 12}
	for in, want := range cases {
		if got, ok := Numeral(in); !ok || got != want {
			t.Errorf("Numeral(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "百", "a", "十十十"} {
		if _, ok := Numeral(bad); ok {
			t.Errorf("Numeral(%q) ok", bad)
		}
	}
}
