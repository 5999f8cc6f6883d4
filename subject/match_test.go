package subject

import (
	"testing"
)

func TestCheckAndCorrect(t *testing.T) {
	for _, tc := range []struct {
		code, got string
		doubted   bool
		verdict   Verdict
		fix       bool
		dist      int
		conf      int
	}{
		{"2013799", "其他网信事务支出", false, Exact, false, 0, 0},
		{"2013799", "其他网信 事务支出", false, Exact, false, 0, 0}, // a wrap space
		{"30212", "因公出国（境）费用", false, Exact, false, 0, 0},   // full-width brackets
		{"20805", "行政事业单位离退休", false, Exact, false, 0, 0},   // the pre-2019 name, printed by Jiangsu 2019
		{"2013701", "行政运衍", false, Misread, true, 1, 0},     // 1 of 4
		{"2013799", "其他网倍事务攴出", false, Misread, true, 2, 0}, // 2 of 8
		{"2013799", "其他网信事务支", false, Misread, true, 1, 0},  // a character lost
		{"30302", "退体费", false, Misread, true, 0, 1},        // 休/体, a known confusion
		{"504", "机关资本性支出(=)", false, Misread, true, 0, 1},   // 二 read as =
		{"30103", "资金", false, Far, false, 1, 0},            // 1 of 2 is too many
		{"201", "neHine33Scth", false, Far, false, 12, 0},   // junk, read with confidence: left
		{"201", "neHine33Scth", true, Far, true, 12, 0},     // junk the recogniser doubted: replaced
		{"2010801", "行政单位医疗", true, Far, false, 4, 0},       // names 2101101: the code is the suspect
		{"2010801", "", true, Far, false, 4, 0},
		{"2013798", "其他网信事务支出", true, Unknown, false, 0, 0},
	} {
		m, fix := Correct(tc.code, tc.got, tc.doubted)
		if m.Verdict != tc.verdict || fix != tc.fix || m.Distance != tc.dist || m.Confusions != tc.conf {
			t.Errorf("Correct(%s, %q, %v) = %v fix %v dist %d conf %d; want %v %v %d %d (%s)",
				tc.code, tc.got, tc.doubted, m.Verdict, fix, m.Distance, m.Confusions, tc.verdict, tc.fix, tc.dist, tc.conf, m.Describe())
		}
	}
}

func TestDescribe(t *testing.T) {
	for code, want := range map[string]string{
		"2010801": `2010801 is 行政运行; "行政单位医疗" is the name of 2101101`,
		"2013798": `2013798 is not a known code`,
	} {
		if got := Check(code, "行政单位医疗").Describe(); got != want {
			t.Errorf("%s: %s, want %s", code, got, want)
		}
	}
	if got := Check("201", "一般公共月艮务支出").Describe(); got != `201 is 一般公共服务支出; "一般公共月艮务支出" has 2 characters off` {
		t.Errorf("201: %s", got)
	}
	if got := Check("30302", "退体费").Describe(); got != `30302 is 退休费; "退体费" has 1 look-alike character read for another` {
		t.Errorf("confusion: %s", got)
	}
}

func TestNear(t *testing.T) {
	const dept = "中共重庆市潼南区委网络安全和信息化委员会办公室(本级)"
	for _, tc := range []struct {
		known, got string
		near       bool
	}{
		{dept, "中共重庆市漳南区委网络安全和信息化委员会办公室(本级)", true}, // 漳 for 潼
		{dept, "中共重庆市委网络安全和信息化委员会办公室(本级)", true},    // 潼南区 lost (seen at 200 dpi)
		{dept, dept, false},
		{"潼南区财政局", "潼南区民政局", false}, // another department, not a misreading
		{"潼南区财政局", "潼南区财局", true},   // a character lost
		{"潼南区财政局", "潼南区财政局局", false},
		{"无锡市统计局", "无锡市统计局(本级)", false},
		{dept, "", false},
	} {
		if _, _, near := Near(tc.known, tc.got); near != tc.near {
			t.Errorf("Near(%q, %q) = %v, want %v", tc.known, tc.got, near, tc.near)
		}
	}
}
