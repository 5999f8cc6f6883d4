package validate

import (
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/table"
)

// base is a small department that reconciles everywhere: every rule that
// applies to it must stay silent.
func base() *table.Document {
	d := doc(
		mk("a01", "fiscal_summary", "income_item income_amount expenditure_item expenditure_total expenditure_general_budget expenditure_gov_fund expenditure_state_capital",
			"1|一、本年收入|12.00|一、本年支出|12.00|12.00||",
			"2|（一）一般公共预算拨款|12.00|（一）一般公共服务支出|10.00|10.00||",
			"3|（二）政府性基金预算拨款||（二）社会保障和就业支出|2.00|2.00||",
			"4|二、上年结转||二、结转下年||||",
			"5|收入合计|12.00|支出合计|12.00|||"),
		mk("a02", "gpb_expenditure", "subject_code subject_name prior_budget total basic project",
			"10||合计|9.00|12.00|7.00|5.00",
			"11|201|一般公共服务支出|8.00|10.00|5.00|5.00",
			"12|20101|人大事务|8.00|10.00|5.00|5.00",
			"13|2010101|行政运行|3.00|5.00|5.00|",
			"14|2010199|其他人大事务支出|5.00|5.00||5.00",
			"15|208|社会保障和就业支出|1.00|2.00|2.00|",
			"16|20805|行政事业单位养老支出|1.00|2.00|2.00|",
			"17|2080505|机关事业单位基本养老保险缴费支出|1.00|2.00|2.00|"),
		mk("a03", "gpb_basic_expenditure", "subject_code subject_name total personnel public",
			"20||合计|7.00|4.00|3.00",
			"21|301|工资福利支出|4.00|4.00|",
			"22|30101|基本工资|2.00|2.00|",
			"23|30108|机关事业单位基本养老保险缴费|2.00|2.00|",
			"24|302|商品和服务支出|3.00||3.00",
			"25|30212|因公出国（境）费用|1.00||1.00",
			"26|30217|公务接待费|0.50||0.50",
			"27|30231|公务用车运行维护费|1.50||1.50"),
		mk("a04", "three_public", "dept_code dept_name prior_total prior_overseas_travel prior_vehicle_subtotal prior_vehicle_purchase prior_vehicle_operation prior_reception total overseas_travel vehicle_subtotal vehicle_purchase vehicle_operation reception",
			"30||合计|2.00||1.50||1.50|0.50|3.00|1.00|1.50||1.50|0.50",
			"31|307|某部门|2.00||1.50||1.50|0.50|3.00|1.00|1.50||1.50|0.50"),
		mk("a06", "dept_summary", "income_item income_amount expenditure_item expenditure_amount",
			"50|一般公共预算拨款收入|12.00|一、一般公共服务支出|10.00",
			"51|事业收入||二、社会保障和就业支出|2.00",
			"52|本年收入合计|12.00|本年支出合计|12.00",
			"53|上年结转||结转下年|",
			"54|收入总计|12.00|支出总计|12.00"),
		mk("a07", "dept_income", "subject_code subject_name total carryover general_budget gov_fund state_capital institution_income special_account higher_subsidy affiliate_remit institution_operating other_income",
			"60||合计|12.00||12.00",
			"61|201|一般公共服务支出|10.00||10.00",
			"62|20101|人大事务|10.00||10.00",
			"63|2010101|行政运行|5.00||5.00",
			"64|2010199|其他人大事务支出|5.00||5.00",
			"65|208|社会保障和就业支出|2.00||2.00",
			"66|20805|行政事业单位养老支出|2.00||2.00",
			"67|2080505|机关事业单位基本养老保险缴费支出|2.00||2.00"),
		mk("a08", "dept_expenditure", "subject_code subject_name total basic project",
			"70||合计|12.00|7.00|5.00",
			"71|201|一般公共服务支出|10.00|5.00|5.00",
			"72|20101|人大事务|10.00|5.00|5.00",
			"73|2010101|行政运行|5.00|5.00|",
			"74|2010199|其他人大事务支出|5.00||5.00",
			"75|208|社会保障和就业支出|2.00|2.00|",
			"76|20805|行政事业单位养老支出|2.00|2.00|",
			"77|2080505|机关事业单位基本养老保险缴费支出|2.00|2.00|"),
		mk("a09", "procurement", "item total carryover general_budget gov_fund state_capital special_account institution_income higher_subsidy affiliate_remit institution_operating other_income",
			"80|合计|1.50||1.50",
			"81|货物类|1.00||1.00",
			"82|工程类",
			"83|服务类|0.50||0.50"),
		mk("a10", "project_expenditure", "seq unit_code unit_name subject_code subject_name project_code project_name total initial_subtotal initial_personnel initial_general initial_livelihood higher_subtotal higher_advance higher_carryover higher_city",
			"90|||||||合计|5.00|4.00||4.00||1.00|||1.00",
			"91|1|307001|本级|2010199|其他人大事务支出|P0000000001|网络安全平台建设|3.00|3.00||3.00",
			"92|2|307001|本级|2010199|其他人大事务支出|P0000000002|网络宣传|2.00|1.00||1.00||1.00|||1.00"),
		mk("a11-form", "dept_performance_form", "field label value",
			"100|dept_budget|部门支出预算数|12.00"),
		mk("a11-indicators", "dept_performance_indicators", "indicator indicator_name weight measure_unit nature target",
			"101|网络安全培训场次|网络安全培训场次|60|场次|≥|2",
			"102|服务对象满意度|服务对象满意度|40|%|≥|95"),
		mk("a12-1-form", "project_performance_form", "field label value",
			"110|project_name|项目名称|P0000000001-网络安全平台建设",
			"110|execution_weight|预算执行率权重|10",
			"111|budget_current_year|当年预算（万元）|3",
			"111|budget_own|本级安排（万元）|3",
			"112|budget_higher|上级补助（万元）|"),
		mk("a12-1-indicators", "project_performance_indicators", "level1 level2 level3 weight measure_unit nature target core",
			"113|产出指标|质量指标|监测全区网络安全|50|%|≥|100|否",
			"114|产出指标|成本指标|3|40|万元|定性|3|是"),
		mk("a12-2-form", "project_performance_form", "field label value",
			"120|project_name|项目名称|P0000000002-网络宣传",
			"121|budget_current_year|当年预算（万元）|2.00",
			"121|budget_own|本级安排（万元）|1.00",
			"122|budget_higher|上级补助（万元）|1.00"),
	)
	d.Narrative = []table.Section{
		{Heading: "一、单位基本情况", Text: "在编公务车 1 辆。"},
		{Heading: "二、部门收支总体情况", Text: "（一）收入预算：2025 年年初预算数 12.00 万元，其中：一般公共预算拨款 12.00 万元，政府性基金预算拨款 0 万元，国有资本经营预算收入 0 万元，上年财政拨款结转和结余 0 万元。\n（二）支出预算：2025 年年初预算数 12 万元，其中：一般公共服务支出 10 万元，社会保障和就业支出 2.00\n万元。"},
		{Heading: "三、部门预算情况说明", Text: "2025年一般公共预算财政拨款收入12.00万元，比2024年增加3.00万元。其中：基本支出7.00万元，比2024年增加1万元；项目支出5万元，比2024年增加2万元。"},
		{Heading: "四、“三公”经费情况说明", Text: "2025年“三公”经费预算3.00万元，与2024年相比增加1.00万元。其中：因公出国(境)费用1万元，与2024年相比增加1万元；公务接待费0.5万元，与2024年相比无增减；公务用车运行维护费1.5万元，与2024年相比无增减；公务用车购置费0万元，与2024年相比无增减。"},
		{Heading: "五、其他重要事项的情况说明", Text: "1、机关运行经费。2025年一般公共预算财政拨款运行经费3.00万元。\n2、政府采购情况。所属各预算单位政府采购预算总额1.50万元：政府采购货物预算1.00万元、政府采购工程预算0万元、政府采购服务预算0.50万元；其中一般公共预算拨款政府采购1.50万元。\n3、绩效目标设置情况。2025年项目支出均实行了绩效目标管理，涉及一般公共预算当年财政拨款5万元。包括：网络安全平台 3 万元，建设平台；网络宣传 2 万元，开展宣传。"},
		{Heading: "六、专业性名词解释", Text: "（三）基本支出：指为保障机构正常运转。"},
	}
	return d
}

// govBase is a department with only 政府性基金 money, for the rules base lacks.
func govBase() *table.Document {
	return doc(
		mk("a01", "fiscal_summary", "income_item income_amount expenditure_item expenditure_total expenditure_general_budget expenditure_gov_fund expenditure_state_capital",
			"1|一、本年收入|1.00|一、本年支出|1.00||1.00|",
			"2|（二）政府性基金预算拨款|1.00|（一）城乡社区支出|1.00||1.00|",
			"3|收入合计|1.00|支出合计|1.00|||"),
		mk("a05", "gov_fund_expenditure", "subject_code subject_name total basic project",
			"40||合计|1.00||1.00",
			"41|212|城乡社区支出|1.00||1.00",
			"42|21208|国有土地使用权出让收入安排的支出|1.00||1.00",
			"43|2120899|其他国有土地使用权出让收入安排的支出|1.00||1.00"),
	)
}

func tb(d *table.Document, id string) *table.Table {
	for _, t := range d.Tables {
		if t.ID == id {
			return t
		}
	}
	panic("no table " + id)
}

func cell(id string, line int, col, text string) func(*table.Document) {
	return func(d *table.Document) { set(tb(d, id), line, col, text) }
}

// say rewrites the narrative: old must occur.
func say(old, new string) func(*table.Document) {
	return func(d *table.Document) {
		for i := range d.Narrative {
			if strings.Contains(d.Narrative[i].Text, old) {
				d.Narrative[i].Text = strings.Replace(d.Narrative[i].Text, old, new, 1)
				return
			}
		}
		panic("narrative lacks " + old)
	}
}

type golden struct {
	rule   string
	base   func() *table.Document
	break_ func(*table.Document)
	want   []want
}

// w is a want with the rule filled in by the case.
func w(table, code, label, col, expected, found, diff string, line int) want {
	return want{"", table, code, label, col, expected, found, diff, line}
}

var goldens = []golden{
	// row arithmetic
	{"fiscal_summary.row_sum", base, cell("a01", 2, "expenditure_total", "11.00"),
		[]want{w("a01", "", "（一）一般公共服务支出", "expenditure_total", "10.00", "11.00", "1.00", 2)}},
	{"gpb_expenditure.row_sum", base, cell("a02", 13, "total", "6.00"),
		[]want{w("a02", "2010101", "行政运行", "total", "5.00", "6.00", "1.00", 13)}},
	{"gpb_basic_expenditure.row_sum", base, cell("a03", 22, "total", "2.50"),
		[]want{w("a03", "30101", "基本工资", "total", "2.00", "2.50", "0.50", 22)}},
	{"three_public.row_sum", base, cell("a04", 31, "total", "3.10"),
		[]want{w("a04", "307", "某部门", "total", "3.00", "3.10", "0.10", 31)}},
	{"three_public.vehicle_sum", base, cell("a04", 31, "vehicle_subtotal", "1.60"),
		[]want{w("a04", "307", "某部门", "vehicle_subtotal", "1.50", "1.60", "0.10", 31)}},
	{"three_public.prior_row_sum", base, cell("a04", 31, "prior_total", "2.10"),
		[]want{w("a04", "307", "某部门", "prior_total", "2.00", "2.10", "0.10", 31)}},
	{"three_public.prior_vehicle_sum", base, cell("a04", 31, "prior_vehicle_subtotal", ""),
		[]want{w("a04", "307", "某部门", "prior_vehicle_subtotal", "1.50", "", "-1.50", 31)}},
	{"gov_fund_expenditure.row_sum", govBase, cell("a05", 43, "total", "2.00"),
		[]want{w("a05", "2120899", "其他国有土地使用权出让收入安排的支出", "total", "1.00", "2.00", "1.00", 43)}},
	{"dept_income.row_sum", base, cell("a07", 63, "total", "6.00"),
		[]want{w("a07", "2010101", "行政运行", "total", "5.00", "6.00", "1.00", 63)}},
	{"dept_expenditure.row_sum", base, cell("a08", 73, "basic", ""),
		[]want{w("a08", "2010101", "行政运行", "total", "0.00", "5.00", "5.00", 73)}},
	{"procurement.row_sum", base, cell("a09", 81, "general_budget", "0.90"),
		[]want{w("a09", "", "货物类", "total", "0.90", "1.00", "0.10", 81)}},
	{"project_expenditure.row_sum", base, cell("a10", 91, "total", "3.50"),
		[]want{w("a10", "P0000000001", "网络安全平台建设", "total", "3.00", "3.50", "0.50", 91)}},
	{"project_expenditure.initial_sum", base, cell("a10", 92, "initial_general", "1.20"),
		[]want{w("a10", "P0000000002", "网络宣传", "initial_subtotal", "1.20", "1.00", "-0.20", 92)}},
	{"project_expenditure.higher_sum", base, cell("a10", 92, "higher_city", ""),
		[]want{w("a10", "P0000000002", "网络宣传", "higher_subtotal", "0.00", "1.00", "1.00", 92)}},
	// code hierarchy
	{"gpb_expenditure.code_hierarchy", base, cell("a02", 14, "prior_budget", "6.00"),
		[]want{w("a02", "20101", "人大事务", "prior_budget", "9.00", "8.00", "-1.00", 12)}},
	{"gpb_basic_expenditure.code_hierarchy", base, cell("a03", 23, "personnel", "2.10"),
		[]want{w("a03", "301", "工资福利支出", "personnel", "4.10", "4.00", "-0.10", 21)}},
	{"gov_fund_expenditure.code_hierarchy", govBase, cell("a05", 43, "project", "0.90"),
		[]want{w("a05", "21208", "国有土地使用权出让收入安排的支出", "project", "0.90", "1.00", "0.10", 42)}},
	{"dept_income.code_hierarchy", base, cell("a07", 67, "general_budget", "1.90"),
		[]want{w("a07", "20805", "行政事业单位养老支出", "general_budget", "1.90", "2.00", "0.10", 66)}},
	{"dept_expenditure.code_hierarchy", base, cell("a08", 74, "project", "4.00"),
		[]want{w("a08", "20101", "人大事务", "project", "4.00", "5.00", "1.00", 72)}},
	// column totals
	{"gpb_expenditure.column_total", base, cell("a02", 10, "basic", "7.10"),
		[]want{w("a02", "", "合计", "basic", "7.00", "7.10", "0.10", 10)}},
	{"gpb_basic_expenditure.column_total", base, cell("a03", 20, "public", ""),
		[]want{w("a03", "", "合计", "public", "3.00", "", "-3.00", 20)}},
	{"three_public.column_total", base, cell("a04", 30, "reception", "0.60"),
		[]want{w("a04", "", "合计", "reception", "0.50", "0.60", "0.10", 30)}},
	{"gov_fund_expenditure.column_total", govBase, cell("a05", 40, "total", "1.10"),
		[]want{w("a05", "", "合计", "total", "1.00", "1.10", "0.10", 40)}},
	{"dept_income.column_total", base, cell("a07", 60, "general_budget", "12.10"),
		[]want{w("a07", "", "合计", "general_budget", "12.00", "12.10", "0.10", 60)}},
	{"dept_expenditure.column_total", base, cell("a08", 70, "total", "12.50"),
		[]want{w("a08", "", "合计", "total", "12.00", "12.50", "0.50", 70)}},
	{"procurement.column_total", base, cell("a09", 80, "total", "1.60"),
		[]want{w("a09", "", "合计", "total", "1.50", "1.60", "0.10", 80)}},
	{"project_expenditure.column_total", base, cell("a10", 90, "higher_city", ""),
		[]want{w("a10", "", "合计", "higher_city", "1.00", "", "-1.00", 90)}},
	// two-sided tables
	{"fiscal_summary.outline", base, cell("a01", 2, "income_amount", "11.00"),
		[]want{w("a01", "", "一、本年收入", "income_amount", "11.00", "12.00", "1.00", 1)}},
	{"dept_summary.outline", base, cell("a06", 51, "expenditure_amount", "2.50"),
		[]want{w("a06", "", "本年支出合计", "expenditure_amount", "12.50", "12.00", "-0.50", 52)}},
	{"fiscal_summary.balance", base, cell("a01", 5, "expenditure_total", "12.50"),
		[]want{w("a01", "", "支出合计", "expenditure_total", "12.00", "12.50", "0.50", 5)}},
	{"dept_summary.balance", base, cell("a06", 54, "expenditure_amount", "12.30"),
		[]want{w("a06", "", "支出总计", "expenditure_amount", "12.00", "12.30", "0.30", 54)}},
	// across tables
	{"cross.fiscal_gpb_total", base, cell("a01", 1, "expenditure_general_budget", "12.40"),
		[]want{w("a01", "", "一、本年支出", "expenditure_general_budget", "12.00", "12.40", "0.40", 1)}},
	{"cross.fiscal_gov_fund_total", govBase, cell("a01", 1, "expenditure_gov_fund", "1.20"),
		[]want{w("a01", "", "一、本年支出", "expenditure_gov_fund", "1.00", "1.20", "0.20", 1)}},
	{"cross.fiscal_dept_income_total", base, cell("a01", 5, "income_amount", "12.20"),
		[]want{w("a01", "", "收入合计", "income_amount", "12.00", "12.20", "0.20", 5)}},
	{"cross.fiscal_dept_expenditure_total", base, cell("a01", 5, "expenditure_total", "12.20"),
		[]want{w("a01", "", "支出合计", "expenditure_total", "12.00", "12.20", "0.20", 5)}},
	{"cross.dept_summary_expenditure", base, cell("a06", 52, "expenditure_amount", "12.30"),
		[]want{w("a06", "", "本年支出合计", "expenditure_amount", "12.00", "12.30", "0.30", 52)}},
	{"cross.dept_summary_income", base, cell("a06", 54, "income_amount", "12.40"),
		[]want{w("a06", "", "收入总计", "income_amount", "12.00", "12.40", "0.40", 54)}},
	{"cross.gpb_basic_total", base, cell("a02", 10, "basic", "7.20"),
		[]want{w("a02", "", "合计", "basic", "7.00", "7.20", "0.20", 10)}},
	{"cross.three_public_overseas", base, cell("a04", 30, "overseas_travel", "1.10"),
		[]want{w("a04", "", "合计", "overseas_travel", "1.00", "1.10", "0.10", 30)}},
	{"cross.three_public_reception", base, cell("a04", 30, "reception", "0.40"),
		[]want{w("a04", "", "合计", "reception", "0.50", "0.40", "-0.10", 30)}},
	{"cross.three_public_vehicle_operation", base, cell("a04", 30, "vehicle_operation", "1.40"),
		[]want{w("a04", "", "合计", "vehicle_operation", "1.50", "1.40", "-0.10", 30)}},
	{"cross.project_total_dept", base, cell("a08", 70, "project", "5.10"),
		[]want{w("a08", "", "合计", "project", "5.00", "5.10", "0.10", 70)}},
	{"cross.project_total_gpb", base, cell("a02", 10, "project", "5.10"),
		[]want{w("a02", "", "合计", "project", "5.00", "5.10", "0.10", 10)}},
	{"cross.dept_performance_budget", base, cell("a11-form", 100, "value", "12.5"),
		[]want{w("a11-form", "", "dept_budget", "value", "12.00", "12.50", "0.50", 100)}},
	{"cross.dept_income_expenditure", base, cell("a07", 64, "total", "5.50"),
		[]want{w("a07", "2010199", "其他人大事务支出", "total", "5.00", "5.50", "0.50", 64)}},
	{"cross.gpb_dept_income", base, cell("a02", 14, "total", "5.50"),
		[]want{w("a02", "2010199", "其他人大事务支出", "total", "5.00", "5.50", "0.50", 14)}},
	{"cross.fiscal_classes", base, cell("a01", 3, "expenditure_general_budget", "2.50"),
		[]want{w("a01", "", "（二）社会保障和就业支出", "expenditure_general_budget", "2.00", "2.50", "0.50", 3)}},
	{"cross.fiscal_gov_fund_classes", govBase, cell("a01", 2, "expenditure_gov_fund", "0.80"),
		[]want{w("a01", "", "（一）城乡社区支出", "expenditure_gov_fund", "1.00", "0.80", "-0.20", 2)}},
	{"cross.dept_summary_classes", base, cell("a06", 50, "expenditure_amount", "10.50"),
		[]want{w("a06", "", "一、一般公共服务支出", "expenditure_amount", "10.00", "10.50", "0.50", 50)}},
	{"project_performance_form.budget_sum", base, cell("a12-2-form", 121, "value", "1.50"),
		// the first row at line 121 is budget_current_year: 1.50 ≠ 1.00 + 1.00
		[]want{w("a12-2-form", "", "当年预算（万元）", "value", "2.00", "1.50", "-0.50", 121)}},
	{"cross.project_form_budget", base, cell("a12-1-form", 111, "value", "4"),
		[]want{w("a12-1-form", "", "当年预算（万元）", "value", "3.00", "4.00", "1.00", 111)}},
	{"project_performance_indicators.weight_sum", base, cell("a12-1-indicators", 113, "weight", "45"),
		[]want{w("a12-1-indicators", "", "", "weight", "100", "95", "-5", 0)}},
	{"dept_performance_indicators.weight_sum", base, cell("a11-indicators", 102, "weight", "45"),
		[]want{w("a11-indicators", "", "", "weight", "100", "105", "5", 0)}},
	// narrative against tables
	{"narrative.income_total", base, say("年初预算数 12.00 万元", "年初预算数 12.10 万元"),
		[]want{w("a07", "", "合计", "total", "12.00", "12.10", "0.10", 60)}},
	{"narrative.income_general_budget", base, say("一般公共预算拨款 12.00", "一般公共预算拨款 11.00"),
		[]want{w("a07", "", "合计", "general_budget", "12.00", "11.00", "-1.00", 60)}},
	{"narrative.income_gov_fund", base, say("政府性基金预算拨款 0 万元", "政府性基金预算拨款 1 万元"),
		[]want{w("a07", "", "合计", "gov_fund", "0.00", "1", "1", 60)}},
	{"narrative.income_state_capital", base, say("国有资本经营预算收入 0", "国有资本经营预算收入 2"),
		[]want{w("a07", "", "合计", "state_capital", "0.00", "2", "2", 60)}},
	{"narrative.income_carryover", base, say("结转和结余 0", "结转和结余 3"),
		[]want{w("a07", "", "合计", "carryover", "0.00", "3", "3", 60)}},
	{"narrative.expenditure_total", base, say("年初预算数 12 万元", "年初预算数 13 万元"),
		[]want{w("a08", "", "合计", "total", "12.00", "13", "1", 70)}},
	{"narrative.gpb_total", base, say("财政拨款收入12.00", "财政拨款收入12.30"),
		[]want{w("a02", "", "合计", "total", "12.00", "12.30", "0.30", 10)}},
	{"narrative.gpb_total", base, say("增加3.00万元", "减少3.00万元"),
		[]want{w("a02", "", "合计", "total", "3.00", "-3.00", "-6.00", 10)}},
	{"narrative.gpb_basic", base, say("基本支出7.00", "基本支出7.50"),
		[]want{w("a02", "", "合计", "basic", "7.00", "7.50", "0.50", 10)}},
	{"narrative.gpb_project", base, say("项目支出5万元", "项目支出6万元"),
		[]want{w("a02", "", "合计", "project", "5.00", "6", "1", 10)}},
	{"narrative.three_public_total", base, say("经费预算3.00", "经费预算3.20"),
		[]want{w("a04", "", "合计", "total", "3.00", "3.20", "0.20", 30)}},
	{"narrative.three_public_total", base, say("增加1.00万元。其中", "减少1.00万元。其中"),
		[]want{w("a04", "", "合计", "total", "1.00", "-1.00", "-2.00", 30)}},
	{"narrative.three_public_overseas", base, say("费用1万元", "费用2万元"),
		[]want{w("a04", "", "合计", "overseas_travel", "1.00", "2", "1", 30)}},
	{"narrative.three_public_reception", base, say("接待费0.5万元", "接待费0.6万元"),
		[]want{w("a04", "", "合计", "reception", "0.50", "0.6", "0.1", 30)}},
	{"narrative.three_public_vehicle_operation", base, say("维护费1.5万元", "维护费1.6万元"),
		[]want{w("a04", "", "合计", "vehicle_operation", "1.50", "1.6", "0.1", 30)}},
	{"narrative.three_public_vehicle_purchase", base, say("购置费0万元", "购置费1万元"),
		[]want{w("a04", "", "合计", "vehicle_purchase", "0.00", "1", "1", 30)}},
	{"narrative.operating_cost", base, say("运行经费3.00", "运行经费3.10"),
		[]want{w("a03", "", "合计", "public", "3.00", "3.10", "0.10", 20)}},
	{"narrative.procurement_total", base, say("预算总额1.50", "预算总额1.60"),
		[]want{w("a09", "", "合计", "total", "1.50", "1.60", "0.10", 80)}},
	{"narrative.procurement_goods", base, say("货物预算1.00", "货物预算1.10"),
		[]want{w("a09", "", "货物类", "total", "1.00", "1.10", "0.10", 81)}},
	{"narrative.procurement_works", base, say("工程预算0万元", "工程预算0.20万元"),
		[]want{w("a09", "", "工程类", "total", "0.00", "0.20", "0.20", 82)}},
	{"narrative.procurement_services", base, say("服务预算0.50", "服务预算0.40"),
		[]want{w("a09", "", "服务类", "total", "0.50", "0.40", "-0.10", 83)}},
	{"narrative.procurement_gpb", base, say("政府采购1.50", "政府采购1.40"),
		[]want{w("a09", "", "合计", "general_budget", "1.50", "1.40", "-0.10", 80)}},
	{"narrative.performance_total", base, say("财政拨款5万元", "财政拨款6万元"),
		[]want{w("a10", "", "", "total", "5.00", "6", "1", 0)}},
	{"narrative.expenditure_classes", base, say("社会保障和就业支出 2.00", "社会保障和就业支出 2.10"),
		[]want{w("a08", "208", "社会保障和就业支出", "total", "2.00", "2.10", "0.10", 75)}},
	{"narrative.gpb_parts", base, say("增加2万元", "增加5万元"),
		[]want{w("", "", "一般公共预算财政拨款收入", "change", "3.00", "6.00", "3.00", 0)}},
	{"narrative.three_public_parts", base, say("接待费0.5万元", "接待费2.5万元"),
		[]want{w("", "", "“三公”经费预算", "amount", "3.00", "5.00", "2.00", 0)}},
	{"narrative.project_amounts", base, say("网络宣传 2 万元", "网络宣传 2.5 万元"),
		[]want{w("a10", "P0000000002", "网络宣传", "total", "2.00", "2.5", "0.5", 92)}},
	{"narrative.malformed_number", base, say("网络安全平台 3 万元", "网络安全平台 03 万元"),
		[]want{w("", "", "网络安全平台", "", "", "03", "", 0)}},
	{"narrative.malformed_number", base, say("在编公务车 1 辆。", "另有某项 1..5 万元。"),
		[]want{w("", "", "另有某项", "", "", "1..5", "", 0)}},
}

// TestBaseReconciles: a document that adds up produces no finding at all.
func TestBaseReconciles(t *testing.T) {
	for name, b := range map[string]func() *table.Document{"base": base, "gov": govBase} {
		if fs := Check(b()); len(fs) != 0 {
			t.Errorf("%s: %d findings on a reconciling document", name, len(fs))
			for _, f := range fs {
				t.Log(f.Message)
			}
		}
	}
}

// TestGolden breaks one cell or one narrative number per rule and expects
// exactly that rule's finding.
func TestGolden(t *testing.T) {
	for _, g := range goldens {
		t.Run(g.rule, func(t *testing.T) {
			rs := only(Chongqing2025, g.rule)
			if fs := CheckWith(g.base(), rs); len(fs) != 0 {
				t.Fatalf("passing document: %d findings, first %s", len(fs), fs[0].Message)
			}
			d := g.base()
			g.break_(d)
			ws := make([]want, len(g.want))
			for i, x := range g.want {
				x.Rule = g.rule
				ws[i] = x
			}
			assertFindings(t, CheckWith(d, rs), ws...)
		})
	}
}

// TestEveryRuleHasAGolden keeps the list above complete.
func TestEveryRuleHasAGolden(t *testing.T) {
	have := map[string]bool{}
	for _, g := range goldens {
		have[g.rule] = true
	}
	seen := map[string]bool{}
	for _, m := range Chongqing2025.Rules() {
		if seen[m.ID] {
			t.Errorf("duplicate rule id %s", m.ID)
		}
		seen[m.ID] = true
		if !have[m.ID] {
			t.Errorf("rule %s has no golden test", m.ID)
		}
		if m.Description == "" || m.Severity == "" {
			t.Errorf("rule %s lacks description or severity", m.ID)
		}
	}
}

// TestMalformedNamesItsTable: with every rule on, a malformed number that a
// rule reads is reported once, with the figure it should have been.
func TestMalformedNamesItsTable(t *testing.T) {
	d := base()
	say("网络安全平台 3 万元", "网络安全平台 03 万元")(d)
	assertFindings(t, Check(d), want{"narrative.malformed_number", "a10", "P0000000001", "网络安全平台建设", "total", "3.00", "03", "", 91})
}

// TestOnlyIfZero: a department with income other than fiscal money has no
// reason to show equal 财政拨款 and 部门 totals.
func TestOnlyIfZero(t *testing.T) {
	d := base()
	set(tb(d, "a07"), 60, "institution_income", "1.00")
	set(tb(d, "a06"), 54, "income_amount", "13.00")
	rs := only(Chongqing2025, "cross.fiscal_dept_income_total")
	if fs := CheckWith(d, rs); len(fs) != 0 {
		t.Fatalf("rule applied despite 事业收入: %s", fs[0].Message)
	}
}

// TestFormSumOtherTemplate: a project form whose 当年预算 is split into
// parts of another template (Chongqing's 市级支出, 补助区县) has no 本级安排
// or 上级补助 to add up: the sum does not apply.
func TestFormSumOtherTemplate(t *testing.T) {
	d := doc(mk("a11-form", "project_performance_form", "field label value",
		"1|project_name|项目名称|科技发展专项",
		"2|budget_current_year|当年预算|109703.00",
		"2|budget_city|市级支出|109703.00",
		"3|budget_county|补助区县|"))
	if fs := CheckWith(d, only(Chongqing2025, "project_performance_form.budget_sum")); len(fs) != 0 {
		t.Fatalf("sum applied without its parts: %s", fs[0].Message)
	}
}

// TestUnknownKinds: tables and columns no rule knows say nothing.
func TestUnknownKinds(t *testing.T) {
	d := doc(mk("x1", "some_other_region_table", "subject_code subject_name total basic project",
		"1||合计|5.00|1.00|1.00", "2|201|一般公共服务支出|9.00||"),
		mk("x2", "gpb_expenditure", "subject_code subject_name amount", "3||合计|5.00", "4|201|x|1.00"))
	// x2's gpb_expenditure has no total/basic/project: row sums do not apply;
	// its column total still holds the table to its own sum.
	fs := Check(d)
	assertFindings(t, fs, want{"gpb_expenditure.column_total", "x2", "", "合计", "amount", "1.00", "5.00", "4.00", 3})
}

func TestSummary(t *testing.T) {
	if s := Summary(nil); !strings.Contains(s, "no findings") {
		t.Errorf("empty summary: %q", s)
	}
	fs := []table.Finding{
		{Severity: table.Error, Rule: "a.rule"}, {Severity: table.Error, Rule: "a.rule"},
		{Severity: table.Warning, Rule: "b.rule"},
	}
	s := Summary(fs)
	for _, part := range []string{"3 finding(s): 2 error, 1 warning, 0 info", "a.rule", "b.rule"} {
		if !strings.Contains(s, part) {
			t.Errorf("summary lacks %q:\n%s", part, s)
		}
	}
	if strings.Index(s, "a.rule") > strings.Index(s, "b.rule") {
		t.Errorf("errors should come first:\n%s", s)
	}
}
