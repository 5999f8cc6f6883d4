package coverage

// The budget vocabulary the checks share with the stages lives with the
// stage that reads it (segment: titles, units, folios, contents; normalize:
// string columns, code labels, amounts); what is here is what only the
// checks ask.

import "regexp"

var (
	// coreStripRe is what differs between printings of one table title.
	coreStripRe = regexp.MustCompile(`[0-9]{4}年度?|^(附件|附表|公开表|预算表|表)[0-9一二三四五六七八九十]+[:：、.．-]?|[（(]?续表?[)）]?$|[()（）《》“”"'·\-—_:：、.．]`)
	// headerWordRe is a label only a table's header prints.
	headerWordRe = regexp.MustCompile(`科目编码|科目名称|功能分类科目|经济分类科目|项目名称\s+(合计|金额)|^\s*合\s*计\s*$`)
	// formLabelEndRe is how a form's field labels end (其他资金, 其他说明,
	// 其中：中央财政资金, …(可选填)): a label the form vocabulary does not
	// know but that reads as one.
	formLabelEndRe = regexp.MustCompile(`(资金|说明|名称|金额|预算|数|人|期限|电话|单位|部门|目标|任务|依据|概述|分类|权重|[(（][^()（）]*[)）])$`)
	// suffixRe is the suffix normalisation gives a repeated column name.
	suffixRe = regexp.MustCompile(`_[0-9]+$`)
	// statedEmptyRe is a line saying a table has nothing to show: 本部门无
	// 政府性基金预算, 此表为空表.
	statedEmptyRe = regexp.MustCompile(`空表|(没有|无)[^，。；]{0,16}(预算|支出|收入|经费|资金|安排|项目)|不涉及`)
	// listEntryRe is an entry of the document's own list of its tables:
	// "附件3 一般公共预算支出表", "3.部门收入总表", "表5 …".
	listEntryRe = regexp.MustCompile(`^\s*(?:附件|附表|表)?\s*([0-9]{1,2})\s*[.．、:：\s]\s*(\S.{1,60}表(?:[-－][0-9]+)?)\s*(?:[.…·]{2,}\s*[0-9]*)?$`)
)

// amountKinds are the kinds whose tables are grids of amounts: each must
// have at least one amount column.
var amountKinds = map[string]bool{
	"fiscal_summary": true, "gpb_expenditure": true, "gpb_basic_expenditure": true, "three_public": true,
	"gov_fund_expenditure": true, "dept_summary": true, "dept_income": true, "dept_expenditure": true,
	"project_expenditure": true, "office_operation": true, "state_capital_expenditure": true, "gpb_economic_expenditure": true,
}

// siblingCategories are canonical name parts a kind prints as neighbouring
// columns, never one under the other.
var siblingCategories = map[string][]string{
	"three_public": {"overseas_travel", "vehicle", "reception"},
}
