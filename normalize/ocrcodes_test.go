package normalize

import "testing"

func TestCodeByName(t *testing.T) {
	for _, tc := range []struct {
		code, name, want string
	}{
		{"30116", "职工基本医疗保险缴费", "30110"}, // a digit misread
		{"2037", "网信事务", "20137"},        // a digit lost
		{"302391", "其他交通费用", "30239"},    // a digit doubled
		{"30110", "职工基本医疗保险缴费", ""},      // read right
		{"2013101", "行政运行", ""},          // many codes of the name a digit away
		{"30116", "职工基本医疗保险缴", ""},       // the name not exact
	} {
		got, ok := codeByName(tc.code, tc.name)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("codeByName(%q, %q) = %q, %v; want %q", tc.code, tc.name, got, ok, tc.want)
		}
	}
}
