package validate

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/table"
)

func decimalOf(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Shapes of the real corpus that the seed's template does not have: nested
// outlines on two-sided tables, totals above their items, sides numbered by
// indentation only, more than two component columns, rounding to 万元,
// departments with subordinate units, final accounts.

func init() {
	goldens = append(goldens,
		golden{"cross.dept_summary_income_current", finalBase, cell("f02", 3, "income_amount", "12.50"),
			[]want{w("f02", "", "本年收入合计", "income_amount", "12.00", "12.50", "0.50", 3)}},
	)
}

// finalBase is a 决算-like department: its 收入决算表 has no 上年结转
// column, so 本年收入合计 (not 总计) is what it adds up.
func finalBase() *table.Document {
	d := doc(
		mk("f02", "dept_summary", "income_item income_amount expenditure_item expenditure_amount",
			"1|一、一般公共预算财政拨款收入|12.00|一、一般公共服务支出|10.50",
			"2|二、其他收入||二、住房保障支出|1.50",
			"3|本年收入合计|12.00|本年支出合计|12.00",
			"4|年初结转和结余|1.00|年末结转和结余|1.00",
			"5|总计|13.00|总计|13.00"),
		mk("f03", "dept_income", "subject_code subject_name total fiscal_funds other_income",
			"10||合计|12.00|12.00|",
			"11|201|一般公共服务支出|11.00|11.00|",
			"12|221|住房保障支出|1.00|1.00|"),
		mk("f04", "dept_expenditure", "subject_code subject_name total basic project",
			"20||合计|12.00|11.00|1.00",
			"21|201|一般公共服务支出|10.50|9.50|1.00",
			"22|221|住房保障支出|1.50|1.50|"),
	)
	d.Title = "2024年度部门决算"
	return d
}

func outlineRules() RuleSet {
	rs := RuleSet{}
	for _, id := range []string{"dept_summary.outline", "fiscal_summary.outline", "dept_summary.balance", "fiscal_summary.balance"} {
		o := only(Chongqing2025, id)
		rs.Outlines = append(rs.Outlines, o.Outlines...)
		rs.Balances = append(rs.Balances, o.Balances...)
	}
	return rs
}

// shenzhen is Shenzhen's 收支总表 and 财政拨款收支总表: 一、 and unnumbered
// parents over 1. children, 一、 classes over unnumbered 款 and 项 of
// unknown depth, a carry-over parent after the first total.
func shenzhen() *table.Document {
	return doc(
		mk("s02", "dept_summary", "income_item income_amount expenditure_item expenditure_amount",
			"1|一、财政拨款|5417.80|一、一般公共服务支出|3478.72",
			"2|1.一般公共预算拨款|5417.80|统计信息事务|3478.72",
			"3|2.政府性基金预算拨款|0.00|行政运行|2357.92",
			"4|3.国有资本经营预算拨款|0.00|专项统计业务|1120.80",
			"5|二、财政专户管理资金|0.00|二、住房保障支出|1939.08",
			"6|三、单位资金|0.00|住房改革支出|1939.08",
			"7|1.事业收入|0.00|住房公积金|1939.08",
			"8|2.其他收入|0.00||",
			"9|本年收入合计|5417.80|本年支出合计|5417.80",
			"10|上年结余、结转|0.00|结转下年|0.00",
			"11|1.财政拨款结余、结转|0.00||",
			"12|2.非财政拨款结余、结转|0.00||",
			"13|收入总计|5417.80|支出总计|5417.80"),
		mk("s07", "fiscal_summary", "income_item income_amount expenditure_item expenditure_amount",
			"20|财政拨款|5417.80|一、一般公共服务支出|3478.72",
			"21|1.一般公共预算拨款|5417.80|统计信息事务|3478.72",
			"22|2.政府性基金预算拨款|0.00|二、住房保障支出|1939.08",
			"23|3.国有资本经营预算拨款|0.00|住房公积金|1939.08",
			"24|本年收入合计|5417.80|本年支出合计|5417.80",
			"25|上年结转结余|436.85|年终结转结余|436.85",
			"26|一、一般公共预算拨款|436.85||",
			"27|二、政府性基金预算拨款|||",
			"28|收入总计|5854.65|支出总计|5854.65"),
	)
}

// TestNestedOutlineReconciles: children are never summed with their parent.
func TestNestedOutlineReconciles(t *testing.T) {
	if fs := CheckWith(shenzhen(), outlineRules()); len(fs) != 0 {
		for _, f := range fs {
			t.Log(f.Message)
		}
		t.Fatalf("%d findings on a reconciling nested outline", len(fs))
	}
}

// TestNestedOutlineWrongChild: a wrong child is one finding, on its parent.
func TestNestedOutlineWrongChild(t *testing.T) {
	d := shenzhen()
	set(tb(d, "s02"), 3, "income_amount", "1.00")
	assertFindings(t, CheckWith(d, outlineRules()),
		want{"dept_summary.outline", "s02", "", "一、财政拨款", "income_amount", "5418.80", "5417.80", "-1.00", 1})

	d = shenzhen()
	set(tb(d, "s07"), 26, "income_amount", "400.00")
	assertFindings(t, CheckWith(d, outlineRules()),
		want{"fiscal_summary.outline", "s07", "", "上年结转结余", "income_amount", "400.00", "436.85", "36.85", 25})

	// a wrong class is a wrong total; its unnumbered 款/项 are not checked
	d = shenzhen()
	set(tb(d, "s02"), 5, "expenditure_amount", "1939.00")
	assertFindings(t, CheckWith(d, outlineRules()),
		want{"dept_summary.outline", "s02", "", "本年支出合计", "expenditure_amount", "5417.72", "5417.80", "0.08", 9})
}

// hangzhou numbers neither side's expenditure classes: the class names
// (类) are the top level, the rows under them their descendants.
func hangzhou() *table.Document {
	return doc(mk("h01", "dept_summary", "income_item income_amount expenditure_item expenditure_amount",
		"1|一、财政拨款|5753.07|科学技术支出|28.00",
		"2|一般公共预算|5753.07|技术研究与开发|28.00",
		"3|政府性基金预算||科技成果转化与扩散|28.00",
		"4|二、其他收入|123.61|自然资源海洋气象等支出|5848.68",
		"5|||气象事务|5848.68",
		"6|||行政运行|5848.68",
		"7|本年收入合计|5876.68|本年支出合计|5876.68",
		"8|收入总计|5876.68|支出总计|5876.68"))
}

func TestClassNamedOutline(t *testing.T) {
	if fs := CheckWith(hangzhou(), outlineRules()); len(fs) != 0 {
		t.Fatalf("%d findings, first %s", len(fs), fs[0].Message)
	}
	d := hangzhou()
	set(tb(d, "h01"), 1, "expenditure_amount", "29.00")
	assertFindings(t, CheckWith(d, outlineRules()),
		want{"dept_summary.outline", "h01", "", "本年支出合计", "expenditure_amount", "5877.68", "5876.68", "-1.00", 7})
}

// TestLeadingTotal: Chongqing prints 合计 above the items it adds up.
func TestLeadingTotal(t *testing.T) {
	mkd := func() *table.Document {
		return doc(mk("c01", "dept_summary", "income_item income_amount expenditure_item expenditure_amount",
			"1|合计|168441.81|合计|168441.81",
			"2|一、一般公共预算资金|154304.22|一、一般公共服务支出|5183.00",
			"3|五、事业收入资金|3252.59|三、科学技术支出|163258.81",
			"4|九、其他收入资金|10885.00||"))
	}
	if fs := CheckWith(mkd(), outlineRules()); len(fs) != 0 {
		t.Fatalf("%d findings, first %s", len(fs), fs[0].Message)
	}
	d := mkd()
	set(tb(d, "c01"), 4, "income_amount", "10884.00")
	assertFindings(t, CheckWith(d, outlineRules()),
		want{"dept_summary.outline", "c01", "", "合计", "income_amount", "168440.81", "168441.81", "1.00", 1})
}

// withHeader sets a table's header, one row per level.
func withHeader(t *table.Table, levels ...string) *table.Table {
	for _, l := range levels {
		t.Header = append(t.Header, strings.Split(l, "|"))
	}
	return t
}

// TestThreeComponents: Jiangsu's 合计 = 基本支出 + 项目支出 + 单位预留机动经费
// (+ 结转下年资金), read from the header.
func TestThreeComponents(t *testing.T) {
	mkd := func() *table.Document {
		return doc(withHeader(mk("j03", "dept_expenditure", "subject_code subject_name total basic project reserve carry_forward",
			"1|201|一般公共服务支出|27664.22|11700.63|13025.38|2938.21|"),
			"科目编码|科目名称|合计|基本支出|项目支出|单位预留机动经费|结转下年资金"))
	}
	rs := only(Chongqing2025, "dept_expenditure.row_sum")
	if fs := CheckWith(mkd(), rs); len(fs) != 0 {
		t.Fatalf("%d findings, first %s", len(fs), fs[0].Message)
	}
	d := mkd()
	set(tb(d, "j03"), 1, "reserve", "2938.00")
	assertFindings(t, CheckWith(d, rs),
		want{"dept_expenditure.row_sum", "j03", "201", "一般公共服务支出", "total", "27664.01", "27664.22", "0.21", 1})
}

// TestComponentsFromHeader: a group counts by its 小计, a group without one
// by its columns, a 其中 memo not at all.
func TestComponentsFromHeader(t *testing.T) {
	cq := withHeader(mk("g05", "gpb_expenditure", "subject_code subject_name total subtotal personnel public project"),
		"功能分类科目|功能分类科目|总计|基本支出|基本支出|基本支出|项目支出",
		"科目编码|科目名称||小计|人员经费|公用经费|")
	hz := withHeader(mk("h03", "dept_expenditure", "subject_name total personnel public project"),
		"功能分类科目名称|总计|基本支出|基本支出|项目支出",
		"||人员支出|日常公用支出|",
		"**|1|2|3|4")
	bj := withHeader(mk("b03", "dept_expenditure", "item total basic project operating remit"),
		"支出功能分类科目|合计|基本支出|项目支出|其中|其中",
		"||||事业单位经营支出|上缴上级支出")
	bj5 := withHeader(mk("b05", "gpb_expenditure", "subject_code subject_name total subtotal personnel public project project_net"),
		"功能分类科目|功能分类科目|预算数|预算数|预算数|预算数|预算数|预算数",
		"科目编码|科目名称|合计|基本支出|基本支出|基本支出|项目支出|项目支出",
		"|||小计|人员经费|公用经费|项目支出总数|扣除基建项目后预算数")
	for _, c := range []struct {
		t    *table.Table
		want string
	}{
		{cq, "subtotal project"},
		{hz, "personnel public project"},
		{bj, "basic project"},
		{bj5, "subtotal project"},
	} {
		parts, ok := components(c.t, "total", memoLabels)
		if !ok || strings.Join(parts, " ") != c.want {
			t.Errorf("%s: components %v (%v), want %s", c.t.ID, parts, ok, c.want)
		}
	}
}

// TestRounding: a miss that rounding each printed 万元 figure explains is a
// warning under its own rule id; a larger one, or one in 元, an error.
func TestRounding(t *testing.T) {
	mkd := func(unit, parent string) *table.Document {
		tb := mk("r05", "gpb_expenditure", "subject_code subject_name total basic project",
			"1|20805|行政事业单位养老支出|"+parent+"|"+parent+"|",
			"2|2080501|行政单位离退休|31.01|31.01|",
			"3|2080505|机关事业单位基本养老保险缴费支出|405.68|405.68|",
			"4|2080506|机关事业单位职业年金缴费支出|202.84|202.84|",
			"5|2080599|其他行政事业单位养老支出|376.67|376.67|")
		tb.Unit = unit
		d := doc(tb)
		d.Unit = unit
		return d
	}
	rs := only(Chongqing2025, "gpb_expenditure.code_hierarchy")
	fs := CheckWith(mkd("万元", "1016.21"), rs)
	assertFindings(t, fs,
		want{"gpb_expenditure.code_hierarchy.rounding", "r05", "20805", "行政事业单位养老支出", "total", "1016.20", "1016.21", "0.01", 1},
		want{"gpb_expenditure.code_hierarchy.rounding", "r05", "20805", "行政事业单位养老支出", "basic", "1016.20", "1016.21", "0.01", 1})
	for _, f := range fs {
		if f.Severity != table.Warning || !strings.Contains(f.Message, "rounding") {
			t.Errorf("rounding finding %s: severity %s, message %q", f.Rule, f.Severity, f.Message)
		}
	}
	// four parts and a whole can be off by two units at most
	fs = CheckWith(mkd("万元", "1016.23"), rs)
	if len(fs) != 2 || fs[0].Rule != "gpb_expenditure.code_hierarchy" || fs[0].Severity != table.Error {
		t.Errorf("a 0.03 miss over 4 parts: %+v", fs)
	}
	// 元 figures are not rounded
	fs = CheckWith(mkd("元", "1016.21"), rs)
	if len(fs) != 2 || fs[0].Rule != "gpb_expenditure.code_hierarchy" {
		t.Errorf("a 元 table: %+v", fs)
	}
	if !withinRounding(decimalOf("0.01"), 2, 2) || withinRounding(decimalOf("0.01"), 1, 2) || withinRounding(decimalOf("0.02"), 2, 2) {
		t.Error("withinRounding bounds")
	}
}

// TestOperatingCostIsAPart: 机关运行经费 may be less than 公用经费 in a
// department with institutions under it, never more; in a one-unit
// department it must be equal.
func TestOperatingCostIsAPart(t *testing.T) {
	rs := only(Chongqing2025, "narrative.operating_cost")
	multi := func() *table.Document {
		d := base()
		a10 := tb(d, "a10")
		a10.Rows[2].Cells[a10.Col("unit_name")].Text = "某事业单位"
		return d
	}
	d := multi()
	say("运行经费3.00", "运行经费2.50")(d)
	if fs := CheckWith(d, rs); len(fs) != 0 {
		t.Fatalf("less than 公用经费 in a department of two units: %s", fs[0].Message)
	}
	d = multi()
	say("运行经费3.00", "运行经费3.50")(d)
	assertFindings(t, CheckWith(d, rs), want{"narrative.operating_cost", "a03", "", "合计", "public", "3.00", "3.50", "0.50", 20})
	d = base()
	say("运行经费3.00", "运行经费2.50")(d)
	assertFindings(t, CheckWith(d, rs), want{"narrative.operating_cost", "a03", "", "合计", "public", "3.00", "2.50", "-0.50", 20})
	// a document without any table listing units is not known to be one unit
	d = base()
	var ts []*table.Table
	for _, x := range d.Tables {
		if x.ID != "a04" && x.ID != "a10" {
			ts = append(ts, x)
		}
	}
	d.Tables = ts
	say("运行经费3.00", "运行经费2.50")(d)
	if fs := CheckWith(d, rs); len(fs) != 0 {
		t.Fatalf("unit count unknown: %s", fs[0].Message)
	}
}

// TestFinalAccounts: income and expenditure by subject need not agree in a
// 决算; 本年收入合计 is what a 收入决算表 without 上年结转 adds up.
func TestFinalAccounts(t *testing.T) {
	if fs := Check(finalBase()); len(fs) != 0 {
		for _, f := range fs {
			t.Log(f.Rule, f.Message)
		}
		t.Fatalf("%d findings on a reconciling 决算", len(fs))
	}
	d := finalBase()
	d.Title = "2026年部门预算"
	fs := CheckWith(d, only(Chongqing2025, "cross.dept_income_expenditure"))
	if len(fs) == 0 {
		t.Fatal("a budget whose income and expenditure differ by subject says nothing")
	}
}

// TestFiscalSummaryOneAmount: a 财政拨款收支总表 with one amount column on
// its expenditure side is checked on it.
func TestFiscalSummaryOneAmount(t *testing.T) {
	d := shenzhen()
	set(tb(d, "s07"), 28, "expenditure_amount", "5854.00")
	assertFindings(t, CheckWith(d, outlineRules()),
		want{"fiscal_summary.outline", "s07", "", "支出总计", "expenditure_amount", "5854.65", "5854.00", "-0.65", 28},
		want{"fiscal_summary.balance", "s07", "", "支出总计", "expenditure_amount", "5854.65", "5854.00", "-0.65", 28})
}

// TestColumnTotalNeedsCodes: a coded rule says nothing on a table whose
// code column is missing: its top level cannot be told.
func TestColumnTotalNeedsCodes(t *testing.T) {
	d := doc(mk("w08", "gpb_basic_expenditure", "code name total personnel public",
		"1||合计|3.00|2.00|1.00",
		"2|301|工资福利支出|2.00|2.00|",
		"3|30101|基本工资|2.00|2.00|",
		"4|302|商品和服务支出|1.00||1.00"))
	if fs := CheckWith(d, only(Chongqing2025, "gpb_basic_expenditure.column_total")); len(fs) != 0 {
		t.Fatalf("%s", fs[0].Message)
	}
}
