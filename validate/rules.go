package validate

import "github.com/yusuan-data/yusuan/table"

// The rules are data: a template is a RuleSet, and a new template is a new
// RuleSet, not new code. Every rule names the table kinds and canonical
// columns it reads; a rule whose tables or columns are absent from a
// document does not apply and says nothing.

// Meta is what every rule carries: a stable id, a severity and one line
// telling what it checks.
type Meta struct {
	ID          string
	Severity    table.Severity
	Description string
}

// RowSum: in every row of a table of Kind, Result = sum of Parts.
// Applies when the table has Result and every one of Parts.
//
// With Components the parts are read from the table's header when it has
// one (components.go): the amount columns after Result under the same
// parent header, a group by its 小计, a memo column (label matching Memo)
// left out; Parts are then only the fallback for a table without header
// labels (and, when Parts is nil, every decimal column after Result).
type RowSum struct {
	Meta
	Kind          string
	Result        string
	Parts         []string
	Components    bool   // derive Parts from the header
	Memo          string // regexp of labels that are memos, not addends
	SkipTotalRows bool   // the template leaves the parts of total rows blank
}

// ColumnTotal: the grand total row equals, column by column, the sum of the
// top-level rows. With CodeCol the top level is the rows whose code has
// the shortest length present (3 digits for functional and economic
// classes); without it every row that is not a total row. Columns nil
// means every decimal column. Applies when the table has a total row and,
// with CodeCol, that column: a table whose codes are missing gives no way
// to tell its top level from the rows below it.
type ColumnTotal struct {
	Meta
	Kind    string
	CodeCol string
	Columns []string
}

// CodeHierarchy: a row whose code is a prefix of other rows' codes equals
// the sum of its children, the rows with that prefix and the next code
// length present below it (201 = Σ 201xx, 20137 = Σ 20137xx, 301 = Σ
// 301xx). Columns nil means every decimal column.
type CodeHierarchy struct {
	Meta
	Kind    string
	CodeCol string
	Columns []string
}

// Side is one half of a two-sided table: the column holding its item
// labels and the amount columns under it.
type Side struct {
	Item    string
	Amounts []string
}

// Outline: on each side of a two-sided table, a parent item (一、本年收入,
// 财政拨款, 上年结转结余) equals the sum of its numbered children (（一）…,
// 1. …), and each 合计/总计/小计 row equals the previous total plus the
// top-level items since; children are never summed with their parent. How
// levels are read is in outline.go. ClassNames are the functional classes
// (类) that mark the top level of a side numbered by indentation only.
// SkipNullTotals leaves alone a total or head cell the template leaves
// blank (财政拨款收支总表 fills only the 合计 column of 支出合计).
type Outline struct {
	Meta
	Kind           string
	Sides          []Side
	ClassNames     []string
	SkipNullTotals bool
}

// Balance: the last income total equals the last expenditure total.
// ExpenseCol is read where the table has it, else AltExpenseCol (a
// 财政拨款收支总表 with one amount column on its expenditure side).
type Balance struct {
	Meta
	Kind                    string
	IncomeItem, IncomeCol   string
	ExpenseItem, ExpenseCol string
	AltExpenseCol           string
}

// RowSel picks one row of a table, or a sum of rows.
type RowSel struct {
	Total bool   // the grand total row (总计, else 合计, else the first total row)
	Code  string // the row whose code column holds Code
	Label string // regexp matched against LabelCol (whitespace removed); first match, or last with Last
	Last  bool
	Sum   bool // the sum of all rows that are not total rows
}

// Ref is one figure of one table of a document.
type Ref struct {
	Kind     string
	Column   string
	Row      RowSel
	CodeCol  string // for RowSel.Code
	LabelCol string // for RowSel.Label
}

// CrossTotal: a figure of one table equals a figure of another. Found is
// the cell reported; Expected is what it should be. Applies when both
// tables and columns are present (a missing selected row counts as blank)
// and every OnlyIfZero figure is blank or zero.
type CrossTotal struct {
	Meta
	Found      Ref
	Expected   Ref
	OnlyIfZero []Ref
	// When: the rule applies only when every table named is present and
	// has (Absent false) or lacks (Absent true) the column named.
	When []Presence
	// AtFoundPrecision compares at the precision Found is written with
	// (a form's "100" against a table's 100.00).
	AtFoundPrecision bool
}

// Presence is a condition on a table's columns.
type Presence struct {
	Kind, Column string
	Absent       bool
}

// CodeMatch: two coded tables agree row by row on a column, rows paired
// by code (total rows pair with total rows). A code present in one table
// only is compared with blank. BudgetOnly: the equation holds for a
// budget (预算) only; in final accounts (决算, finalAccounts) income and
// expenditure differ by what is carried over, and the rule does not apply.
type CodeMatch struct {
	BudgetOnly bool
	Meta
	Kind, Column, CodeCol                string // the table reported
	OtherKind, OtherColumn, OtherCodeCol string // the table it must agree with
}

// ClassMatch: the items of a two-sided table (numbering removed) agree
// with the top-level rows of a coded table of the same name.
type ClassMatch struct {
	Meta
	Kind, ItemCol, Column                string
	Coded, NameCol, CodeCol, CodedColumn string
}

// FormSum: in a key–value form, the value of Result equals the sum of the
// values of Parts (fields matched by the field column).
type FormSum struct {
	Meta
	Kind   string
	Result string
	Parts  []string
}

// ProjectForm: a project performance form's amount equals the total of
// the project it names in the project table, matched by project code
// (else by name).
type ProjectForm struct {
	Meta
	FormKind, NameField, AmountField            string
	Kind, CodeCol, NameCol, Column, UnitNameCol string
}

// NarrativeAmount: the number after Label in the narrative section whose
// heading contains Section equals a table figure (the first Targets
// entry whose table is present), compared at the narrative's precision.
// With Prior the stated change after it (比2024年增加 X 万元) equals
// target − prior.
//
// With Part the stated amount is only a part of the target (机关运行经费 is
// the 公用经费 of the administrative units, not of the institutions under
// the department): it must not exceed the target, and it must equal it
// only when the document is one unit (every table that lists units or
// departments lists one, and at least one does; see singleUnit).
type NarrativeAmount struct {
	Meta
	Section string
	Label   string
	Targets []Ref
	Prior   *Ref // same table as the target that applied
	Part    bool
}

// NarrativeClasses: for each top-level row of a coded table, the number
// the section states after the row's name equals the row's figure.
type NarrativeClasses struct {
	Meta
	Section                        string
	Kind, CodeCol, NameCol, Column string
}

// NarrativeSum: within one section, the stated parts add up to the stated
// whole, both the amounts and the changes from last year, allowing for
// each number's own rounding.
type NarrativeSum struct {
	Meta
	Section string
	Whole   string
	Parts   []string
}

// NarrativeProjects: the list after After (包括：) of "name N 万元" items
// agrees with the project table, matched by name.
type NarrativeProjects struct {
	Meta
	Section, After                 string
	Kind, CodeCol, NameCol, Column string
}

// WeightSum: a performance form's indicator weights, plus the weight the
// paired form gives to budget execution (预算执行率权重), add up to Total.
// The form pairs with its indicators by table ID ("a12-3-indicators" with
// "a12-3-form").
type WeightSum struct {
	Meta
	Kind, WeightCol     string // the indicators table
	FormKind, FormField string // the form and its execution-weight field
	Total               int64
}

// RuleSet is one template's rules.
type RuleSet struct {
	RowSums       []RowSum
	Hierarchies   []CodeHierarchy
	ColumnTotals  []ColumnTotal
	Outlines      []Outline
	Balances      []Balance
	CrossTotals   []CrossTotal
	CodeMatches   []CodeMatch
	ClassMatches  []ClassMatch
	FormSums      []FormSum
	ProjectForms  []ProjectForm
	WeightSums    []WeightSum
	Amounts       []NarrativeAmount
	Classes       []NarrativeClasses
	Sums          []NarrativeSum
	Projects      []NarrativeProjects
	MalformedRule Meta // a narrative number that is no number (00 万元)
}

func meta(id string, s table.Severity, d string) Meta { return Meta{id, s, d} }

// Source columns of the income-like tables.
var (
	deptIncomeSources = []string{"carryover", "general_budget", "gov_fund", "state_capital",
		"institution_income", "special_account", "higher_subsidy", "affiliate_remit",
		"institution_operating", "other_income"}
	procurementSources = []string{"carryover", "general_budget", "gov_fund", "state_capital",
		"special_account", "institution_income", "higher_subsidy", "affiliate_remit",
		"institution_operating", "other_income"}
	nonFiscalIncome = []string{"carryover", "institution_income", "special_account",
		"higher_subsidy", "affiliate_remit", "institution_operating", "other_income"}
	nonGPBIncome = append([]string{"gov_fund", "state_capital"}, nonFiscalIncome...)
)

// memoLabels are column labels that state a part of another column (其中…
// "of which", 政府采购项目 within 项目支出), never an addend of a total.
const memoLabels = `^其中|政府采购`

// functionalClasses are the classes (类) of the functional classification
// of government expenditure, as the 2019–2026 templates print them: on a
// two-sided table numbered by indentation only they are the top level.
var functionalClasses = []string{"一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出",
	"科学技术支出", "文化旅游体育与传媒支出", "社会保障和就业支出", "社会保险基金支出", "卫生健康支出",
	"节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "资源勘探信息等支出",
	"商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出",
	"粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "预备费", "其他支出", "转移性支出",
	"债务还本支出", "债务付息支出", "债务发行费用支出", "抗疫特别国债安排的支出"}

func totalOf(kind, col string) Ref { return Ref{Kind: kind, Column: col, Row: RowSel{Total: true}} }

func zeroRefs(kind string, cols []string) []Ref {
	refs := make([]Ref, len(cols))
	for i, c := range cols {
		refs[i] = totalOf(kind, c)
	}
	return refs
}

func labelled(kind, col, labelCol, re string, last bool) Ref {
	return Ref{Kind: kind, Column: col, LabelCol: labelCol, Row: RowSel{Label: re, Last: last}}
}

func coded(kind, col, code string) Ref {
	return Ref{Kind: kind, Column: col, CodeCol: "subject_code", Row: RowSel{Code: code}}
}

// Chongqing2025 is the rule set of the Chongqing district template of
// 2025 (附件 1–12: 财政拨款收支总表 … 项目绩效目标表).
var Chongqing2025 = RuleSet{
	RowSums: []RowSum{
		{Meta: meta("fiscal_summary.row_sum", table.Error, "财政拨款收支总表: 合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算 on every expenditure line"),
			Kind: "fiscal_summary", Result: "expenditure_total", Parts: []string{"expenditure_general_budget", "expenditure_gov_fund", "expenditure_state_capital"}, SkipTotalRows: true},
		{Meta: meta("gpb_expenditure.row_sum", table.Error, "一般公共预算财政拨款支出: 总计 = Σ its component columns (基本支出 + 项目支出 …, read from the header) on every row"),
			Kind: "gpb_expenditure", Result: "total", Parts: []string{"basic", "project"}, Components: true, Memo: memoLabels},
		{Meta: meta("gpb_basic_expenditure.row_sum", table.Error, "基本支出: 总计 = Σ its component columns (人员经费 + 公用经费 …, read from the header) on every row"),
			Kind: "gpb_basic_expenditure", Result: "total", Parts: []string{"personnel", "public"}, Components: true, Memo: memoLabels},
		{Meta: meta("three_public.row_sum", table.Error, "三公: 总计 = 因公出国（境） + 公务用车小计 + 公务接待 (2025)"),
			Kind: "three_public", Result: "total", Parts: []string{"overseas_travel", "vehicle_subtotal", "reception"}},
		{Meta: meta("three_public.vehicle_sum", table.Error, "三公: 公务用车小计 = 购置 + 运行维护 (2025)"),
			Kind: "three_public", Result: "vehicle_subtotal", Parts: []string{"vehicle_purchase", "vehicle_operation"}},
		{Meta: meta("three_public.prior_row_sum", table.Error, "三公: 总计 = 因公出国（境） + 公务用车小计 + 公务接待 (prior year)"),
			Kind: "three_public", Result: "prior_total", Parts: []string{"prior_overseas_travel", "prior_vehicle_subtotal", "prior_reception"}},
		{Meta: meta("three_public.prior_vehicle_sum", table.Error, "三公: 公务用车小计 = 购置 + 运行维护 (prior year)"),
			Kind: "three_public", Result: "prior_vehicle_subtotal", Parts: []string{"prior_vehicle_purchase", "prior_vehicle_operation"}},
		{Meta: meta("gov_fund_expenditure.row_sum", table.Error, "政府性基金预算支出: 总计 = Σ its component columns (基本支出 + 项目支出 …, read from the header) on every row"),
			Kind: "gov_fund_expenditure", Result: "total", Parts: []string{"basic", "project"}, Components: true, Memo: memoLabels},
		{Meta: meta("dept_income.row_sum", table.Error, "部门收入总表: 总计 = Σ the income sources after it (read from the header) on every row"),
			Kind: "dept_income", Result: "total", Parts: deptIncomeSources, Components: true, Memo: memoLabels},
		{Meta: meta("dept_expenditure.row_sum", table.Error, "部门支出总表: 合计 = Σ its component columns (基本支出 + 项目支出 + 事业单位经营支出 …, read from the header) on every row"),
			Kind: "dept_expenditure", Result: "total", Parts: []string{"basic", "project"}, Components: true, Memo: memoLabels},
		{Meta: meta("procurement.row_sum", table.Error, "政府采购预算: 总计 = sum of the funding sources on every row"),
			Kind: "procurement", Result: "total", Parts: procurementSources},
		{Meta: meta("project_expenditure.row_sum", table.Error, "项目支出明细: 合计 = 年初特定目标小计 + 上级专项小计 on every row"),
			Kind: "project_expenditure", Result: "total", Parts: []string{"initial_subtotal", "higher_subtotal"}},
		{Meta: meta("project_expenditure.initial_sum", table.Error, "项目支出明细: 年初特定目标小计 = 人员性 + 一般性 + 民生配套"),
			Kind: "project_expenditure", Result: "initial_subtotal", Parts: []string{"initial_personnel", "initial_general", "initial_livelihood"}},
		{Meta: meta("project_expenditure.higher_sum", table.Error, "项目支出明细: 上级专项小计 = 提前下达 + 结转 + 市级专项"),
			Kind: "project_expenditure", Result: "higher_subtotal", Parts: []string{"higher_advance", "higher_carryover", "higher_city"}},
	},
	Hierarchies: []CodeHierarchy{
		{Meta: meta("gpb_expenditure.code_hierarchy", table.Error, "一般公共预算支出: class = Σ sections, section = Σ items"), Kind: "gpb_expenditure", CodeCol: "subject_code"},
		{Meta: meta("gpb_basic_expenditure.code_hierarchy", table.Error, "基本支出: economic class (301) = Σ its items (301xx)"), Kind: "gpb_basic_expenditure", CodeCol: "subject_code"},
		{Meta: meta("gov_fund_expenditure.code_hierarchy", table.Error, "政府性基金支出: class = Σ sections, section = Σ items"), Kind: "gov_fund_expenditure", CodeCol: "subject_code"},
		{Meta: meta("dept_income.code_hierarchy", table.Error, "部门收入总表: class = Σ sections, section = Σ items"), Kind: "dept_income", CodeCol: "subject_code"},
		{Meta: meta("dept_expenditure.code_hierarchy", table.Error, "部门支出总表: class = Σ sections, section = Σ items"), Kind: "dept_expenditure", CodeCol: "subject_code"},
	},
	ColumnTotals: []ColumnTotal{
		{Meta: meta("gpb_expenditure.column_total", table.Error, "一般公共预算支出: 合计 = Σ classes, every column"), Kind: "gpb_expenditure", CodeCol: "subject_code"},
		{Meta: meta("gpb_basic_expenditure.column_total", table.Error, "基本支出: 合计 = Σ economic classes, every column"), Kind: "gpb_basic_expenditure", CodeCol: "subject_code"},
		{Meta: meta("three_public.column_total", table.Error, "三公: 合计 = Σ departments, every column"), Kind: "three_public", CodeCol: "dept_code"},
		{Meta: meta("gov_fund_expenditure.column_total", table.Error, "政府性基金支出: 合计 = Σ classes, every column"), Kind: "gov_fund_expenditure", CodeCol: "subject_code"},
		{Meta: meta("dept_income.column_total", table.Error, "部门收入总表: 合计 = Σ classes, every column"), Kind: "dept_income", CodeCol: "subject_code"},
		{Meta: meta("dept_expenditure.column_total", table.Error, "部门支出总表: 合计 = Σ classes, every column"), Kind: "dept_expenditure", CodeCol: "subject_code"},
		{Meta: meta("procurement.column_total", table.Error, "政府采购预算: 合计 = Σ items, every column"), Kind: "procurement"},
		{Meta: meta("project_expenditure.column_total", table.Error, "项目支出明细: 合计 = Σ projects, every column"), Kind: "project_expenditure"},
	},
	Outlines: []Outline{
		{Meta: meta("fiscal_summary.outline", table.Error, "财政拨款收支总表: a parent item = Σ its numbered children; 合计 = Σ the top-level items (一、二、…) on each side"), Kind: "fiscal_summary",
			Sides: []Side{{"income_item", []string{"income_amount"}},
				{"expenditure_item", []string{"expenditure_total", "expenditure_amount", "expenditure_general_budget", "expenditure_gov_fund", "expenditure_state_capital"}}},
			ClassNames: functionalClasses, SkipNullTotals: true},
		{Meta: meta("dept_summary.outline", table.Error, "部门收支总表: a parent item = Σ its numbered children; 本年合计 = Σ top-level items; 总计 = 本年合计 + 结转 on each side"), Kind: "dept_summary",
			Sides: []Side{{"income_item", []string{"income_amount"}}, {"expenditure_item", []string{"expenditure_amount"}}}, ClassNames: functionalClasses},
	},
	Balances: []Balance{
		{Meta: meta("fiscal_summary.balance", table.Error, "财政拨款收支总表: 收入合计 = 支出合计"), Kind: "fiscal_summary",
			IncomeItem: "income_item", IncomeCol: "income_amount", ExpenseItem: "expenditure_item", ExpenseCol: "expenditure_total", AltExpenseCol: "expenditure_amount"},
		{Meta: meta("dept_summary.balance", table.Error, "部门收支总表: 收入总计 = 支出总计"), Kind: "dept_summary",
			IncomeItem: "income_item", IncomeCol: "income_amount", ExpenseItem: "expenditure_item", ExpenseCol: "expenditure_amount"},
	},
	CrossTotals: []CrossTotal{
		{Meta: meta("cross.fiscal_gpb_total", table.Error, "财政拨款收支总表 本年支出/一般公共预算 = 一般公共预算支出表 合计"),
			Found: labelled("fiscal_summary", "expenditure_general_budget", "expenditure_item", `本年支出`, false), Expected: totalOf("gpb_expenditure", "total")},
		{Meta: meta("cross.fiscal_gov_fund_total", table.Error, "财政拨款收支总表 本年支出/政府性基金预算 = 政府性基金支出表 合计"),
			Found: labelled("fiscal_summary", "expenditure_gov_fund", "expenditure_item", `本年支出`, false), Expected: totalOf("gov_fund_expenditure", "total")},
		{Meta: meta("cross.fiscal_dept_income_total", table.Error, "财政拨款收支总表 收入合计 = 部门收支总表 收入总计, when the department has only fiscal income"),
			Found: labelled("fiscal_summary", "income_amount", "income_item", `(合计|总计)$`, true), Expected: labelled("dept_summary", "income_amount", "income_item", `(合计|总计)$`, true),
			OnlyIfZero: zeroRefs("dept_income", nonFiscalIncome)},
		{Meta: meta("cross.fiscal_dept_expenditure_total", table.Error, "财政拨款收支总表 支出合计 = 部门收支总表 支出总计, when the department has only fiscal income"),
			Found: labelled("fiscal_summary", "expenditure_total", "expenditure_item", `(合计|总计)$`, true), Expected: labelled("dept_summary", "expenditure_amount", "expenditure_item", `(合计|总计)$`, true),
			OnlyIfZero: zeroRefs("dept_income", nonFiscalIncome)},
		{Meta: meta("cross.dept_summary_expenditure", table.Error, "部门收支总表 本年支出合计 = 部门支出总表 合计"),
			Found: labelled("dept_summary", "expenditure_amount", "expenditure_item", `^(本年)?支出合计$`, false), Expected: totalOf("dept_expenditure", "total")},
		{Meta: meta("cross.dept_summary_income", table.Error, "部门收支总表 收入总计 = 部门收入总表 合计, when 部门收入总表 has a 上年结转 column"),
			Found: labelled("dept_summary", "income_amount", "income_item", `(合计|总计)$`, true), Expected: totalOf("dept_income", "total"),
			When: []Presence{{Kind: "dept_income", Column: "carryover"}}},
		{Meta: meta("cross.dept_summary_income_current", table.Error, "部门收支总表 本年收入合计 = 部门收入总表 合计, when 部门收入总表 has no 上年结转 column (决算 收入决算表)"),
			Found: labelled("dept_summary", "income_amount", "income_item", `^本年收入合计$`, false), Expected: totalOf("dept_income", "total"),
			When: []Presence{{Kind: "dept_income", Column: "carryover", Absent: true}}},
		{Meta: meta("cross.gpb_basic_total", table.Error, "一般公共预算支出 基本支出合计 = 基本支出表 合计"),
			Found: totalOf("gpb_expenditure", "basic"), Expected: totalOf("gpb_basic_expenditure", "total")},
		{Meta: meta("cross.three_public_overseas", table.Warning, "三公 因公出国（境） = 基本支出 30212"),
			Found: totalOf("three_public", "overseas_travel"), Expected: coded("gpb_basic_expenditure", "total", "30212")},
		{Meta: meta("cross.three_public_reception", table.Warning, "三公 公务接待费 = 基本支出 30217"),
			Found: totalOf("three_public", "reception"), Expected: coded("gpb_basic_expenditure", "total", "30217")},
		{Meta: meta("cross.three_public_vehicle_operation", table.Warning, "三公 公务用车运行维护费 = 基本支出 30231"),
			Found: totalOf("three_public", "vehicle_operation"), Expected: coded("gpb_basic_expenditure", "total", "30231")},
		{Meta: meta("cross.project_total_dept", table.Error, "部门支出总表 项目支出合计 = Σ 项目支出明细"),
			Found: totalOf("dept_expenditure", "project"), Expected: Ref{Kind: "project_expenditure", Column: "total", Row: RowSel{Sum: true}}},
		{Meta: meta("cross.project_total_gpb", table.Error, "一般公共预算支出 项目支出合计 = Σ 项目支出明细, when all income is 一般公共预算"),
			Found: totalOf("gpb_expenditure", "project"), Expected: Ref{Kind: "project_expenditure", Column: "total", Row: RowSel{Sum: true}},
			OnlyIfZero: zeroRefs("dept_income", nonGPBIncome)},
		{Meta: meta("cross.dept_performance_budget", table.Error, "整体绩效目标表 部门支出预算数 = 部门支出总表 合计"),
			Found: labelled("dept_performance_form", "value", "field", `^dept_budget$`, false), Expected: totalOf("dept_expenditure", "total"), AtFoundPrecision: true},
	},
	CodeMatches: []CodeMatch{
		{BudgetOnly: true, Meta: meta("cross.dept_income_expenditure", table.Error, "部门收入总表 = 部门支出总表, 总计 by subject code (budgets only)"),
			Kind: "dept_income", Column: "total", CodeCol: "subject_code", OtherKind: "dept_expenditure", OtherColumn: "total", OtherCodeCol: "subject_code"},
		{BudgetOnly: true, Meta: meta("cross.gpb_dept_income", table.Warning, "一般公共预算支出 总计 = 部门收入总表 一般公共预算拨款, by subject code (budgets only)"),
			Kind: "gpb_expenditure", Column: "total", CodeCol: "subject_code", OtherKind: "dept_income", OtherColumn: "general_budget", OtherCodeCol: "subject_code"},
	},
	ClassMatches: []ClassMatch{
		{Meta: meta("cross.fiscal_classes", table.Error, "财政拨款收支总表 expenditure classes (一般公共预算) = 一般公共预算支出表 classes, by name"),
			Kind: "fiscal_summary", ItemCol: "expenditure_item", Column: "expenditure_general_budget", Coded: "gpb_expenditure", NameCol: "subject_name", CodeCol: "subject_code", CodedColumn: "total"},
		{Meta: meta("cross.fiscal_gov_fund_classes", table.Error, "财政拨款收支总表 expenditure classes (政府性基金) = 政府性基金支出表 classes, by name"),
			Kind: "fiscal_summary", ItemCol: "expenditure_item", Column: "expenditure_gov_fund", Coded: "gov_fund_expenditure", NameCol: "subject_name", CodeCol: "subject_code", CodedColumn: "total"},
		{Meta: meta("cross.dept_summary_classes", table.Error, "部门收支总表 expenditure classes = 部门支出总表 classes, by name"),
			Kind: "dept_summary", ItemCol: "expenditure_item", Column: "expenditure_amount", Coded: "dept_expenditure", NameCol: "subject_name", CodeCol: "subject_code", CodedColumn: "total"},
	},
	FormSums: []FormSum{
		{Meta: meta("project_performance_form.budget_sum", table.Error, "项目绩效目标表: 当年预算 = 本级安排 + 上级补助"),
			Kind: "project_performance_form", Result: "budget_current_year", Parts: []string{"budget_own", "budget_higher"}},
	},
	ProjectForms: []ProjectForm{
		{Meta: meta("cross.project_form_budget", table.Error, "项目绩效目标表 当年预算 = 项目支出明细 合计 of the project it names"),
			FormKind: "project_performance_form", NameField: "project_name", AmountField: "budget_current_year",
			Kind: "project_expenditure", CodeCol: "project_code", NameCol: "project_name", Column: "total"},
	},
	WeightSums: []WeightSum{
		{Meta: meta("project_performance_indicators.weight_sum", table.Error, "项目绩效目标表: 指标权重 + 预算执行率权重 = 100"),
			Kind: "project_performance_indicators", WeightCol: "weight", FormKind: "project_performance_form", FormField: "execution_weight", Total: 100},
		{Meta: meta("dept_performance_indicators.weight_sum", table.Error, "整体绩效目标表: 指标权重 = 100"),
			Kind: "dept_performance_indicators", WeightCol: "weight", FormKind: "dept_performance_form", FormField: "execution_weight", Total: 100},
	},
	Amounts: []NarrativeAmount{
		{Meta: meta("narrative.income_total", table.Error, "说明 收入预算 = 部门收入总表 合计"), Section: "收支总体情况",
			Label: `收入预算[：:]?(\d{4}年)?(年初)?预算数`, Targets: []Ref{totalOf("dept_income", "total"), labelled("dept_summary", "income_amount", "income_item", `(合计|总计)$`, true)}},
		{Meta: meta("narrative.income_general_budget", table.Error, "说明 收入 一般公共预算拨款 = 部门收入总表 合计/一般公共预算"), Section: "收支总体情况",
			Label: `其中[：:]?一般公共预算拨款(收入)?`, Targets: []Ref{totalOf("dept_income", "general_budget")}},
		{Meta: meta("narrative.income_gov_fund", table.Error, "说明 收入 政府性基金预算拨款 = 部门收入总表 合计/政府性基金"), Section: "收支总体情况",
			Label: `政府性基金预算拨款(收入)?`, Targets: []Ref{totalOf("dept_income", "gov_fund")}},
		{Meta: meta("narrative.income_state_capital", table.Error, "说明 收入 国有资本经营预算 = 部门收入总表 合计/国有资本经营"), Section: "收支总体情况",
			Label: `国有资本经营预算(拨款)?收入`, Targets: []Ref{totalOf("dept_income", "state_capital")}},
		{Meta: meta("narrative.income_carryover", table.Error, "说明 收入 上年结转 = 部门收入总表 合计/上年结转"), Section: "收支总体情况",
			Label: `上年财政拨款结转和?结余`, Targets: []Ref{totalOf("dept_income", "carryover")}},
		{Meta: meta("narrative.expenditure_total", table.Error, "说明 支出预算 = 部门支出总表 合计"), Section: "收支总体情况",
			Label: `支出预算[：:]?(\d{4}年)?(年初)?预算数`, Targets: []Ref{totalOf("dept_expenditure", "total")}},
		{Meta: meta("narrative.gpb_total", table.Error, "说明 一般公共预算财政拨款收入 = 一般公共预算支出表 合计, and its change = 合计 − 上年预算数"), Section: "部门预算情况说明",
			Label: `一般公共预算财政拨款收入`, Targets: []Ref{totalOf("gpb_expenditure", "total")}, Prior: &Ref{Kind: "gpb_expenditure", Column: "prior_budget", Row: RowSel{Total: true}}},
		{Meta: meta("narrative.gpb_basic", table.Error, "说明 基本支出 = 一般公共预算支出表 合计/基本支出"), Section: "部门预算情况说明",
			Label: `基本支出`, Targets: []Ref{totalOf("gpb_expenditure", "basic"), totalOf("gpb_basic_expenditure", "total")}},
		{Meta: meta("narrative.gpb_project", table.Error, "说明 项目支出 = 一般公共预算支出表 合计/项目支出"), Section: "部门预算情况说明",
			Label: `项目支出`, Targets: []Ref{totalOf("gpb_expenditure", "project")}},
		{Meta: meta("narrative.three_public_total", table.Error, "说明 三公经费 = 三公表 合计, change = 2025 − 2024"), Section: "三公",
			Label: `.三公.经费(预算)?`, Targets: []Ref{totalOf("three_public", "total")}, Prior: &Ref{Kind: "three_public", Column: "prior_total", Row: RowSel{Total: true}}},
		{Meta: meta("narrative.three_public_overseas", table.Error, "说明 因公出国（境）费 = 三公表, change = 2025 − 2024"), Section: "三公",
			Label: `因公出国[（(]境[）)]费用?`, Targets: []Ref{totalOf("three_public", "overseas_travel")}, Prior: &Ref{Kind: "three_public", Column: "prior_overseas_travel", Row: RowSel{Total: true}}},
		{Meta: meta("narrative.three_public_reception", table.Error, "说明 公务接待费 = 三公表, change = 2025 − 2024"), Section: "三公",
			Label: `公务接待费`, Targets: []Ref{totalOf("three_public", "reception")}, Prior: &Ref{Kind: "three_public", Column: "prior_reception", Row: RowSel{Total: true}}},
		{Meta: meta("narrative.three_public_vehicle_operation", table.Error, "说明 公务用车运行维护费 = 三公表, change = 2025 − 2024"), Section: "三公",
			Label: `公务用车运行维护费`, Targets: []Ref{totalOf("three_public", "vehicle_operation")}, Prior: &Ref{Kind: "three_public", Column: "prior_vehicle_operation", Row: RowSel{Total: true}}},
		{Meta: meta("narrative.three_public_vehicle_purchase", table.Error, "说明 公务用车购置费 = 三公表, change = 2025 − 2024"), Section: "三公",
			Label: `公务用车购置费`, Targets: []Ref{totalOf("three_public", "vehicle_purchase")}, Prior: &Ref{Kind: "three_public", Column: "prior_vehicle_purchase", Row: RowSel{Total: true}}},
		{Meta: meta("narrative.operating_cost", table.Error, "说明 机关运行经费 ≤ 基本支出表 合计/公用经费, and = it when the department is one unit"), Section: "其他重要事项",
			Label: `(财政拨款)?运行经费`, Targets: []Ref{totalOf("gpb_basic_expenditure", "public")}, Part: true},
		{Meta: meta("narrative.procurement_total", table.Error, "说明 政府采购预算总额 = 政府采购预算明细表 合计"), Section: "其他重要事项",
			Label: `政府采购预算总额`, Targets: []Ref{totalOf("procurement", "total")}},
		{Meta: meta("narrative.procurement_goods", table.Error, "说明 政府采购货物预算 = 政府采购表 货物类"), Section: "其他重要事项",
			Label: `政府采购货物预算`, Targets: []Ref{labelled("procurement", "total", "item", `货物`, false)}},
		{Meta: meta("narrative.procurement_works", table.Error, "说明 政府采购工程预算 = 政府采购表 工程类"), Section: "其他重要事项",
			Label: `政府采购工程预算`, Targets: []Ref{labelled("procurement", "total", "item", `工程`, false)}},
		{Meta: meta("narrative.procurement_services", table.Error, "说明 政府采购服务预算 = 政府采购表 服务类"), Section: "其他重要事项",
			Label: `政府采购服务预算`, Targets: []Ref{labelled("procurement", "total", "item", `服务`, false)}},
		{Meta: meta("narrative.procurement_gpb", table.Error, "说明 一般公共预算拨款政府采购 = 政府采购表 合计/一般公共预算"), Section: "其他重要事项",
			Label: `一般公共预算拨款政府采购`, Targets: []Ref{totalOf("procurement", "general_budget")}},
		{Meta: meta("narrative.performance_total", table.Error, "说明 绩效目标 当年财政拨款 = Σ 项目支出明细"), Section: "其他重要事项",
			Label: `绩效目标管理[，,]?涉及一般公共预算当年财政拨款`, Targets: []Ref{{Kind: "project_expenditure", Column: "total", Row: RowSel{Sum: true}}}},
	},
	Classes: []NarrativeClasses{
		{Meta: meta("narrative.expenditure_classes", table.Error, "说明 支出预算 by class = 部门支出总表 classes"), Section: "收支总体情况",
			Kind: "dept_expenditure", CodeCol: "subject_code", NameCol: "subject_name", Column: "total"},
	},
	Sums: []NarrativeSum{
		{Meta: meta("narrative.gpb_parts", table.Warning, "说明 基本支出 + 项目支出 = 一般公共预算财政拨款收入, amounts and changes"), Section: "部门预算情况说明",
			Whole: `一般公共预算财政拨款收入`, Parts: []string{`基本支出`, `项目支出`}},
		{Meta: meta("narrative.three_public_parts", table.Warning, "说明 三公 parts add to 三公经费, amounts and changes"), Section: "三公",
			Whole: `.三公.经费(预算)?`, Parts: []string{`因公出国[（(]境[）)]费用?`, `公务接待费`, `公务用车运行维护费`, `公务用车购置费`}},
	},
	Projects: []NarrativeProjects{
		{Meta: meta("narrative.project_amounts", table.Error, "说明 绩效目标设置情况: each project's amount = 项目支出明细 合计 of that project"),
			Section: "其他重要事项", After: `绩效目标设置情况.*?包括[：:]`, Kind: "project_expenditure", CodeCol: "project_code", NameCol: "project_name", Column: "total"},
	},
	MalformedRule: meta("narrative.malformed_number", table.Error, "说明: an amount that is not a well-formed number (00 万元)"),
}
