package validate

import (
	"fmt"
	"testing"
)

// TestHierarchyPerBlock: a code tree printed once per block (烟台: 301/302
// under 501, then again under 505; or one tree per unit) is checked block by
// block: no finding when every block adds up, and one finding, in the right
// block, when a cell is off. Generated with 1–5 blocks.
func TestHierarchyPerBlock(t *testing.T) {
	for n := 1; n <= 5; n++ {
		var rows []string
		line := 1
		add := func(code, name string, v float64) {
			rows = append(rows, fmt.Sprintf("%d|%s|%s|%.2f", line, code, name, v))
			line++
		}
		add("", "合计", 0)
		badLine := 0
		for b := 0; b < n; b++ {
			k := float64(b + 1)
			add("301", "工资福利支出", 3*k)
			add("30101", "基本工资", k)
			add("30102", "津贴补贴", 2*k)
			add("302", "商品和服务支出", 5*k)
			add("30201", "办公费", 4*k)
			if b == n-1 {
				badLine = line
			}
			add("30202", "印刷费", k)
		}
		tb := mk("a06", "gpb_basic_expenditure", "subject_code subject_name total", rows...)
		fs := CheckWith(doc(tb), only(Chongqing2025, "gpb_basic_expenditure.code_hierarchy"))
		if len(fs) != 0 {
			for _, f := range fs {
				t.Log(f.Message)
			}
			t.Fatalf("%d blocks: %d findings on a table that adds up", n, len(fs))
		}
		set(tb, badLine, "total", "9.00")
		fs = CheckWith(doc(tb), only(Chongqing2025, "gpb_basic_expenditure.code_hierarchy"))
		if len(fs) != 1 || fs[0].RowCode != "302" || fs[0].Line != badLine-2 {
			for _, f := range fs {
				t.Logf("%+v", got(f))
			}
			t.Fatalf("%d blocks: want one finding on the last block's 302 (line %d)", n, badLine-2)
		}
	}
}

// TestQiZhongIntroducesParts (广州 表5): 小计 | 其中：基本支出 | 项目支出 is
// 小计 = 基本支出 + 项目支出; the 其中 only introduces the parts.
func TestQiZhongIntroducesParts(t *testing.T) {
	tb := mk("a05", "gpb_expenditure", "subject_code subject_name total basic project",
		"1||合计|16410.71|14913.65|1497.06", "2|201|一般公共服务支出|16410.71|14913.65|1497.06")
	tb.Header = [][]string{
		{"功能科目名称", "功能科目名称", "一般公共预算支出", "一般公共预算支出", "一般公共预算支出"},
		{"", "", "小计", "其中：基本支出", "项目支出"},
	}
	if fs := CheckWith(doc(tb), only(Chongqing2025, "gpb_expenditure.row_sum")); len(fs) != 0 {
		for _, f := range fs {
			t.Log(f.Message)
		}
		t.Fatalf("%d findings on a table whose rows add up", len(fs))
	}
	tb.Rows[1].Cells[3].Num.Decimal = tb.Rows[1].Cells[3].Num.Decimal.Add(tb.Rows[1].Cells[4].Num.Decimal)
	if fs := CheckWith(doc(tb), only(Chongqing2025, "gpb_expenditure.row_sum")); len(fs) != 1 {
		t.Fatalf("%d findings, want 1 on the row that does not add up", len(fs))
	}
}
