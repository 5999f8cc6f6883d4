package vocab

import "testing"

func TestPatterns(t *testing.T) {
	cases := []struct {
		name string
		ok   func(string) bool
		yes  []string
		no   []string
	}{
		{"GrandTotal", GrandTotal.MatchString, []string{"合计", "总计"}, []string{"小计", "收入合计", "合计数"}},
		{"EndsInTotal", EndsInTotal.MatchString, []string{"合计", "本年支出总计"}, []string{"小计", "合计数"}},
		{"EndsInAnyTotal", EndsInAnyTotal.MatchString, []string{"小计", "收入合计"}, []string{"合计数"}},
		{"SumLabel", SumLabel.MatchString, []string{"小计", "人员总数"}, []string{"收入合计"}},
		{"TotalRowLabel", TotalRowLabel.MatchString, []string{"本年收入合计", "合计：", "收支总计"}, []string{"收入", "其中：合计"}},
		{"HeaderTotal", HeaderTotal.MatchString, []string{"合 计", "本年收入合计", "小计"}, []string{"合计数字超过八个字符的标签"}},
		{"SubjectCode", SubjectCode.MatchString, []string{"201", "20101", "2010101", "30101"}, []string{"20", "201379", "20101011", "2O1"}},
		{"SubjectCodeBeforeName", SubjectCodeBeforeName.MatchString, []string{"2010101行政运行", "201 一般公共服务支出"}, []string{"201379其他", "行政运行"}},
	}
	for _, c := range cases {
		for _, s := range c.yes {
			if !c.ok(s) {
				t.Errorf("%s does not match %q", c.name, s)
			}
		}
		for _, s := range c.no {
			if c.ok(s) {
				t.Errorf("%s matches %q", c.name, s)
			}
		}
	}
}
