package normalize

import (
	"regexp"

	"github.com/yusuan-data/yusuan/zh"
)

// The canonical kinds of the standard disclosure tables. Every region
// publishes the same family under its own titles; a kind is matched on the
// title with the synonyms below, so that 财政拨款收支总表, 财政拨款收支预算总表
// and 公开表二 财政拨款收支预算总表 all become fiscal_summary.
const (
	KindFiscalSummary       = "fiscal_summary"              // 财政拨款收支总表
	KindGPBExpenditure      = "gpb_expenditure"             // 一般公共预算财政拨款支出预算表
	KindGPBBasicExpenditure = "gpb_basic_expenditure"       // 一般公共预算财政拨款基本支出预算表
	KindThreePublic         = "three_public"                // 一般公共预算“三公”经费支出预算表
	KindGovFundExpenditure  = "gov_fund_expenditure"        // 政府性基金预算支出表
	KindStateCapitalExpend  = "state_capital_expenditure"   // 国有资本经营预算支出表
	KindDeptSummary         = "dept_summary"                // 部门收支总表
	KindDeptIncome          = "dept_income"                 // 部门收入总表
	KindDeptExpenditure     = "dept_expenditure"            // 部门支出总表
	KindProcurement         = "procurement"                 // 政府采购预算明细表
	KindProjectExpenditure  = "project_expenditure"         // 项目支出明细表
	KindOfficeOperation     = "office_operation"            // 机关运行经费预算表
	KindDeptPerformance     = "dept_performance"            // 部门整体绩效目标表
	KindProjectPerformance  = "project_performance"         // 项目绩效目标表
	KindGPBEconomic         = "gpb_economic_expenditure"    // 一般公共预算支出表（按经济分类）
	KindPurchasedServices   = "purchased_services"          // 政府购买服务预算表
	KindUnits               = "units"                       // 部门预算（决算）单位构成
	KindProjectGoals        = "project_goals"               // a grid of projects, amounts and goals in a 绩效 section
	KindSpecialProject      = "special_project_expenditure" // 专项业务经费支出表: projects of special operating funds
	KindCarryover           = "carryover_expenditure"       // 财政拨款结转资金支出表: carried-over funds by project
	KindGovFundSummary      = "gov_fund_summary"            // 政府性基金收支表: both sides of the fund budget
	KindOther               = "other"                       // a table of no standard kind
)

// kindRule maps titles matching re (spaces removed, full width folded) to a
// kind. Rules are tried in order: specific before general.
type kindRule struct {
	kind string
	re   *regexp.Regexp
}

var kindRules = []kindRule{
	{KindPurchasedServices, regexp.MustCompile(`政府购买服务`)},
	{KindUnits, regexp.MustCompile(`单位构成|单位(基本)?情况表`)},
	{KindDeptPerformance, regexp.MustCompile(`整体.{0,4}绩效|部门绩效目标|单位绩效目标`)},
	{KindProjectPerformance, regexp.MustCompile(`项目.*绩效|绩效目标表`)},
	{KindThreePublic, regexp.MustCompile(`三公`)},
	// Before the expenditure rules: these titles say 支出 or 收支 too.
	{KindGovFundSummary, regexp.MustCompile(`政府性基金(预算)?(财政拨款)?收支`)},
	{KindSpecialProject, regexp.MustCompile(`专项业务经费(预算)?支出`)},
	{KindCarryover, regexp.MustCompile(`结转资金(预算)?支出`)},
	{KindOfficeOperation, regexp.MustCompile(`机关运行经费`)},
	{KindProcurement, regexp.MustCompile(`政府采购`)},
	{KindGPBBasicExpenditure, regexp.MustCompile(`一般公共预算.*基本支出|基本支出.*(预算|决算|总)?表`)},
	{KindGPBEconomic, regexp.MustCompile(`(一般公共预算|财政拨款).*支出.*(按)?经济(分类|科目)`)},
	{KindGPBExpenditure, regexp.MustCompile(`一般公共预算.*支出|财政拨款支出.*(功能|预算表)`)},
	{KindGovFundExpenditure, regexp.MustCompile(`政府性基金.*支出`)},
	{KindStateCapitalExpend, regexp.MustCompile(`国有资本经营预算.*支出`)},
	{KindFiscalSummary, regexp.MustCompile(`财政拨款收(入)?支(出)?(预算|决算)?(总体情况|总)表`)},
	{KindProjectExpenditure, regexp.MustCompile(`项目支出`)},
	{KindDeptSummary, regexp.MustCompile(`收(入)?支(出)?(预算|决算)?(总体情况|总)表|财务收支`)},
	{KindDeptIncome, regexp.MustCompile(`收入(预算|决算)?(总体情况|总)?表`)},
	{KindDeptExpenditure, regexp.MustCompile(`支出(预算|决算)?(总体情况|总)?表`)},
}

// KindOf returns the canonical kind of a table title, or KindOther.
func KindOf(title string) string {
	t := zh.Squash(zh.Fold(title))
	for _, r := range kindRules {
		if r.re.MatchString(t) {
			return r.kind
		}
	}
	return KindOther
}

// isForm reports whether a kind is a form (key–value part and indicator
// grid) rather than a grid of amounts.
func isForm(kind string) bool {
	return kind == KindDeptPerformance || kind == KindProjectPerformance
}
