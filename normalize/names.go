package normalize

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"

	"github.com/yusuan-data/yusuan/vocab"
	"github.com/yusuan-data/yusuan/zh"
)

// A column's canonical name is built from its header path: each label maps
// to a token, and the tokens join with "_". A label over child columns (a
// group) and a label of a leaf column map through different tables: 收入 over
// 项目 gives income_item, 2025年预算数 over 总计 gives just total.

// groupTokens maps group labels (spaces removed) to a token; "" drops the
// label from the name.
var groupTokens = map[string]string{
	"科目": "", "项目": "", "功能分类科目": "", "经济分类科目": "", "支出功能分类科目": "",
	"部门经济分类科目": "", "政府经济分类科目": "", "功能科目": "", "经济科目": "",
	"收入": "income", "支出": "expenditure", "本年收入": "income", "本年支出": "expenditure",
	"预算数": "", "基本支出": "", "本年政府性基金预算财政拨款支出": "", "本年国有资本经营预算支出": "",
	"年初特定目标": "initial", "上级专项": "higher",
	"财政拨款收入": "income", "财政拨款支出": "expenditure", "收入预算": "", "支出预算": "",
	"资金来源": "", "其中": "", "其中:": "",
	"功能分类": "function", "支出功能分类": "function", "经济分类": "economic", "支出经济分类": "economic",
	"支出用途": "purpose", "按功能分类": "function", "按经济分类": "economic",
	"公务用车购置及运行费": "vehicle", "公务用车购置及运行维护费": "vehicle",
}

// leafTokens maps leaf labels (spaces removed) to a token.
var leafTokens = map[string]string{
	"科目编码": "subject_code", "功能科目编码": "subject_code", "经济科目编码": "subject_code",
	"功能分类科目编码": "subject_code", "经济分类科目编码": "subject_code", "部门预算经济分类科目编码": "subject_code",
	"功能分类科目名称": "subject_name", "经济分类科目名称": "subject_name", "部门预算经济分类科目名称": "subject_name",
	"项目名称(科目名称)": "subject_name",
	"科目代码":       "subject_code", "编码": "subject_code", "科目名称": "subject_name",
	"功能科目名称": "subject_name", "经济科目名称": "subject_name", "名称": "subject_name",
	"部门编码": "dept_code", "部门名称": "dept_name", "单位编码": "unit_code", "单位名称": "unit_name",
	"预算单位": "unit", "单位": "unit", "项目名称": "project_name", "项目编码": "project_code",
	"项目": "item", "支出科目": "item", "预算数": "amount", "金额": "amount", "决算数": "amount",
	"合计": "total", "总计": "total", "小计": "subtotal",
	"基本支出": "basic", "项目支出": "project", "人员经费": "personnel",
	"日常公用经费": "public", "公用经费": "public",
	"一般公共预算": "general_budget", "一般公共预算拨款": "general_budget", "一般公共预算拨款收入": "general_budget",
	"一般公共预算财政拨款": "general_budget",
	"政府性基金预算":    "gov_fund", "政府性基金预算拨款": "gov_fund", "政府性基金预算拨款收入": "gov_fund",
	"国有资本经营预算": "state_capital", "国有资本经营预算拨款": "state_capital", "国有资本经营预算拨款收入": "state_capital",
	"上年结转结余资金": "carryover", "上年结转": "carryover", "上年结转结余": "carryover",
	"事业收入": "institution_income", "财政专户管理收入": "special_account", "财政专户管理资金收入": "special_account",
	"财政专户管理资金": "special_account", "上级补助收入": "higher_subsidy", "附属单位上缴收入": "affiliate_remit",
	"事业单位经营收入": "institution_operating", "其他收入": "other_income",
	"因公出国(境)费用": "overseas_travel", "因公出国(境)费": "overseas_travel",
	"公务用车购置及运行费": "vehicle_subtotal", "公务用车购置及运行维护费": "vehicle_subtotal",
	"公务用车购置": "vehicle_purchase", "公务用车购置费": "vehicle_purchase",
	"公务用车运行维护费": "vehicle_operation", "公务用车运行费": "vehicle_operation", "公务接待费": "reception",
	"序号": "seq", "人员性项目": "personnel", "一般性项目": "general", "民生配套项目": "livelihood",
	"提前下达专项": "advance", "结转项目": "carryover", "市级专项": "city",
	// Performance forms and indicator grids.
	"一级指标": "level1", "二级指标": "level2", "三级指标": "level3", "指标权重": "weight",
	"计量单位": "measure_unit", "指标性质": "nature", "指标值": "target", "是否核心指标": "core",
	"绩效指标": "indicator", "指标": "indicator_name", "指标内容": "indicator_name", "活动": "activity",
	"指标名称": "indicator_name", "指标权重(%)": "weight", "是否核心": "core",
	"当年财政拨款预算金额": "fiscal_funds", "当年绩效目标": "goal",
	"财政拨款收入": "fiscal_funds", "财政拨款": "fiscal_funds",
	"支出功能分类科目": "subject", "功能分类科目": "subject", "科目": "subject",
	"政府支出经济分类科目": "gov_econ", "部门支出经济分类科目": "econ", "支出经济分类科目": "econ",
	"政府性基金预算财政拨款": "gov_fund", "国有资本经营预算财政拨款": "state_capital",
	"年初结转和结余": "carryover_begin", "年末结转和结余": "carryover_end", "本年收入": "income",
	"支出项目类别": "item", "项目类别": "item", "人员支出": "personnel", "日常公用支出": "public", "公用支出": "public",
	"项目总额": "total", "财政资金": "fiscal_funds", "绩效目标": "goal", "绩效指标性质": "nature",
	"本年绩效指标值": "target", "绩效度量单位": "measure_unit", "绩效指标值": "target", "度量单位": "measure_unit",
	"部门代码": "dept_code", "单位代码": "unit_code", "采购品目名称": "item_name",
	"一般公共预算资金": "general_budget", "政府性基金": "gov_fund", "政府性基金预算资金": "gov_fund",
	"财政专户管理资金收入(教育收费)": "special_account", "其他资金": "other_funds", "上年结转和结余资金": "carryover",
	"购置费": "vehicle_purchase", "运行费": "vehicle_operation", "运行维护费": "vehicle_operation",
	"机关运行经费": "office_operation", "机关运行经费预算数": "office_operation", "机关运行经费支出": "amount",
	"会议费": "meeting", "培训费": "training", "结转下年资金": "carry_forward", "结转下年": "carry_forward",
	"单位预留机动经费": "reserve", "采购品目大类": "category", "采购品目": "category", "专项名称": "special_name",
	"经济科目": "econ_subject", "采购物品名称": "goods_name", "采购组织形式": "procurement_method",
	"采购组织形":  "procurement_method", // Jiangsu's header cell clips its last character
	"支出功能科目": "subject", "政府预算经济科目": "gov_econ", "部门预算支出经济科目": "econ",
	"项目单位": "unit", "项目内容": "project_name",
	"采购项目": "item", "采购数量": "quantity", "采购预算": "total",
	// Purchased services (政府购买服务), unit lists (单位构成), project goals.
	"指导性目录": "catalog", "一级": "level1", "二级": "level2", "三级": "level3",
	"预算金额": "amount", "备注": "note", "二级预算单位名称": "unit_name", "一级项目名称": "project_name",
	// Other sources and uses of a department's money.
	"上缴上级支出": "remit_higher", "对附属单位补助支出": "affiliate_subsidy",
	"事业单位经营支出": "institution_operating", "经营支出": "operating", "经营收入": "operating_income",
	"上年结余、结转": "carryover", "上年结余结转": "carryover", "单位资金": "unit_funds",
	"国有资本经营预算资金": "state_capital", "项目编号": "project_code", "采购类别": "category",
	"“三公”经费财政拨款预算总额": "total", "三公经费财政拨款预算总额": "total",
	// 专项业务经费支出表, 结转资金支出表 and 政府性基金收支表 (西安).
	"单位(项目)名称": "unit_project_name", "项目金额": "amount", "项目简介": "project_summary",
	"预算单位代码": "unit_code", "预算单位名称": "unit_name", "预算项目名称": "project_name",
	"功能分类科目代码": "subject_code", "政府经济分类科目代码": "gov_econ_code", "政府经济分类科目名称": "gov_econ_name",
	"资金性质": "fund_nature", "支出功能分类科目(按大类)": "function_class",
	"部门预算支出经济分类科目(按大类)": "econ_class", "政府预算支出经济分类科目(按大类)": "gov_econ_class",
}

// budgetWords are what follows a year in a label that names the budget
// figures of that year as a whole: 2024年预算数 is prior_budget.
var budgetWords = map[string]bool{"": true, "预算数": true, "预算": true, "年初预算数": true, "预算安排": true, "决算数": true}

var totalEndRe = vocab.EndsInTotal

// yearLabelRe matches a label that starts with a year: 2024年预算数, and the
// bare 2024 or 2025- that OCR leaves of one.
var yearLabelRe = regexp.MustCompile(`^(20[0-9]{2})(?:年度?|[-－]$|$)(.*)$`)

// columnNames names every column of a header. year is the budget year of
// the document (0 when unknown): labels of that year lose the year, labels
// of the year before become prior_….
func columnNames(h Header, year int) []string {
	names := make([]string, h.Width())
	for j := range names {
		path := h.Path(j)
		var toks []string
		for i, label := range path {
			leaf := i == len(path)-1
			tok := labelToken(label, leaf, year)
			// 基本支出 over 小计 | 人员经费 | 公用经费: the 小计 is the group's
			// own figure, named as the group would be as a leaf (basic).
			if leaf && tok == "subtotal" && i > 0 {
				if t, ok := leafTokens[zh.Squash(path[i-1])]; ok && !strings.HasSuffix(t, "_subtotal") && t != "total" {
					tok = t
				}
			}
			if tok == "" || len(toks) > 0 && toks[len(toks)-1] == tok {
				continue // 上年结转结余 over 小计: carryover, not carryover_carryover
			}
			// vehicle + vehicle_purchase → vehicle_purchase
			if n := len(toks); n > 0 && strings.HasPrefix(tok, toks[n-1]+"_") {
				toks = toks[:n-1]
			}
			// Under 收入 or 支出, 项目(名称) or 科目名称 names the row's item.
			if leaf && (tok == "project_name" || tok == "subject_name") && len(toks) > 0 && (toks[0] == "income" || toks[0] == "expenditure") {
				tok = "item"
			}
			toks = append(toks, tok)
		}
		if len(toks) == 0 {
			toks = []string{fmt.Sprintf("col_%d", j+1)}
		}
		names[j] = strings.Join(toks, "_")
	}
	sideNames(names)
	soleSide(names)
	subtotalAsTotal(names)
	return uniqueNames(names)
}

// listsProjects reports whether a kind's rows are projects, so that a
// 项目名称 column holds project names, not the row's item.
func listsProjects(kind string) bool {
	return kind == KindProjectExpenditure || kind == KindCarryover || kind == KindSpecialProject || strings.HasPrefix(kind, KindProjectPerformance)
}

// tableNames names the columns of a table of the given kind: columnNames,
// then the rules that depend on what the table is.
func tableNames(h Header, year int, kind string) []string {
	names := columnNames(h, year)
	if !listsProjects(kind) {
		// 项目名称 outside a project table names the row's item.
		for j, n := range names {
			if strings.HasPrefix(n, "project_name") {
				names[j] = "item" + strings.TrimPrefix(n, "project_name")
			}
		}
	}
	if kind == KindThreePublic {
		threePublicTotal(h, names)
	}
	return names
}

// threePublicTotal names the 小计 under a “三公”经费 group total, and the
// table's own 合计 (三公 + 会议费 + 培训费) grand_total: "total" of a
// three_public table is the 三公 figure in every template.
func threePublicTotal(h Header, names []string) {
	sub := -1
	for j := range names {
		if names[j] == "subtotal" && strings.Contains(h.Leaf(j), "三公") {
			sub = j
		}
	}
	if sub < 0 {
		return
	}
	for j := range names {
		if names[j] == "total" {
			names[j] = "grand_total"
		}
	}
	names[sub] = "total"
}

// sideNames prefixes the two halves of a two-sided table printed without a
// 收入 | 支出 header row (项目 预算数 | 项目 预算数): income_ on the left of the
// second item column, expenditure_ from it on.
func sideNames(names []string) {
	second := -1
	n := 0
	for j, name := range names {
		if name == "item" {
			n++
			if n == 2 {
				second = j
			}
		}
	}
	if n != 2 {
		return
	}
	for j := range names {
		if j < second {
			names[j] = "income_" + names[j]
		} else {
			names[j] = "expenditure_" + names[j]
		}
	}
}

// soleSide drops a side's qualifier when the side has only one list: a
// 财政拨款收支总表 whose expenditure is given by purpose only.
func soleSide(names []string) {
	for _, q := range []string{"_purpose", "_function", "_economic"} {
		has, plain := false, false
		for _, n := range names {
			has = has || strings.HasPrefix(n, "expenditure"+q+"_")
			plain = plain || n == "expenditure_item"
		}
		if has && !plain {
			for j, n := range names {
				names[j] = strings.Replace(n, "expenditure"+q+"_", "expenditure_", 1)
			}
			return
		}
	}
}

// subtotalAsTotal names the first 小计 total when the table has no 合计 of
// its own (本年支出 over 小计 | 基本支出 | 项目支出 in a final account).
func subtotalAsTotal(names []string) {
	for _, n := range names {
		if n == "total" {
			return
		}
	}
	for j, n := range names {
		if n == "subtotal" {
			names[j] = "total"
			return
		}
	}
}

// unitSuffixRe is a unit stated in a label: 预算数(万元). The unit is the
// table's (read from the header by segment); the name is the label's.
var unitSuffixRe = regexp.MustCompile(`[(（](亿元|万元|千元|元)[)）]$`)

// labelToken maps one label to its token.
func labelToken(label string, leaf bool, year int) string {
	key := unitSuffixRe.ReplaceAllString(zh.Squash(label), "")
	if !leaf && strings.HasPrefix(key, "本年") {
		// 本年一般公共预算基本支出 over 合计 | 人员经费 | 公用经费: the group
		// restates the table's own subject.
		return ""
	}
	if m := yearLabelRe.FindStringSubmatch(key); m != nil {
		y, _ := strconv.Atoi(m[1])
		rest := ""
		if !budgetWords[m[2]] {
			rest = labelToken(m[2], leaf, year)
		}
		switch {
		case year == 0 || y == year:
			if rest == "" && leaf {
				rest = "amount"
			}
			return rest
		case y == year-1:
			if rest == "" && leaf {
				rest = "budget"
			}
			return joinTokens("prior", rest)
		default:
			if rest == "" && leaf {
				rest = "budget"
			}
			return joinTokens("y"+m[1], rest)
		}
	}
	if leaf {
		if t, ok := leafTokens[key]; ok {
			return t
		}
		// 其中：基本支出 (广州): a component printed with the 其中 that
		// heads it, in the same cell.
		if rest, ok := strings.CutPrefix(key, "其中:"); ok {
			if t, ok := leafTokens[rest]; ok {
				return t
			}
		}
	} else if t, ok := groupTokens[key]; ok {
		return t
	} else if t, ok := leafTokens[key]; ok {
		return t
	} else if restatesSubject(key) || strings.HasSuffix(key, "科目") {
		return "" // 部门预算支出经济分类科目 over 科目编码 | 科目名称
	}
	if leaf && totalEndRe.MatchString(key) {
		return "total" // “三公”经费合计, 本年收入合计
	}
	if key == "" {
		return ""
	}
	return Slug(key)
}

// restatesSubject reports whether a group label only restates what the
// table is about (收入预算, 一般公共预算支出, 三公经费预算数 over 合计 | …): it
// adds nothing to the names of the columns under it.
func restatesSubject(key string) bool {
	key = strings.NewReplacer("“", "", "”", "", "\"", "").Replace(key)
	if !strings.HasSuffix(key, "收入") && !strings.HasSuffix(key, "支出") && !strings.HasSuffix(key, "预算") &&
		!strings.HasSuffix(key, "预算数") && !strings.HasSuffix(key, "决算数") && !strings.HasSuffix(key, "经费") {
		return false
	}
	return strings.Contains(key, "预算") || strings.Contains(key, "决算") || strings.Contains(key, "三公") ||
		strings.HasSuffix(key, "支出") || strings.HasSuffix(key, "收入")
}

func joinTokens(a, b string) string {
	if b == "" {
		return a
	}
	return a + "_" + b
}

// uniqueNames suffixes repeated names: total, total_2, total_3. A suffixed
// name skips over the names already in use ("total_2" printed as a label).
func uniqueNames(names []string) []string {
	taken := map[string]bool{}
	for _, n := range names {
		taken[n] = true
	}
	first := map[string]bool{}
	next := map[string]int{}
	out := make([]string, len(names))
	for i, n := range names {
		if !first[n] {
			first[n] = true
			out[i] = n
			continue
		}
		k := max(next[n], 2)
		for taken[fmt.Sprintf("%s_%d", n, k)] {
			k++
		}
		out[i] = fmt.Sprintf("%s_%d", n, k)
		taken[out[i]] = true
		next[n] = k + 1
	}
	return out
}

var slugArgs = pinyin.NewArgs()

// Slug makes an ASCII name for a label no table knows: its pinyin, lower
// case, words joined by "_", at most 48 characters ("机关运行经费" →
// "ji_guan_yun_xing_jing_fei"). Latin letters and digits stay as they are.
func Slug(label string) string {
	var words []string
	var run strings.Builder
	flush := func() {
		if run.Len() > 0 {
			words = append(words, strings.ToLower(run.String()))
			run.Reset()
		}
	}
	for _, r := range zh.Fold(label) {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			run.WriteRune(r)
		case unicode.Is(unicode.Han, r):
			flush()
			words = append(words, pinyin.LazyPinyin(string(r), slugArgs)...)
		default:
			flush()
		}
	}
	flush()
	s := strings.Join(words, "_")
	if s == "" {
		return "x"
	}
	if s[0] >= '0' && s[0] <= '9' {
		s = "n" + s
	}
	if len(s) > 48 {
		s = strings.TrimRight(s[:48], "_")
	}
	return s
}
