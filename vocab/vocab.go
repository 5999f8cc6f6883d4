// Package vocab is the budget vocabulary the stages and the checks share:
// how a disclosure labels its total rows, what a classification code looks
// like, and how sure a recogniser must be for its reading not to be
// doubted. Each pattern is named for what it recognises, so that a stage
// says which one it means instead of keeping its own copy; titles, units,
// markers and contents lines, read only by segment, stay there.
package vocab

import "regexp"

// Total-row labels. Templates label a table's sums 合计 or 总计 (grand
// totals), 小计 (a block's sum), and add a side or a year in front
// (本年收入合计, 支出总计).
var (
	// GrandTotal is a label that is only a grand total: 合计, 总计.
	GrandTotal = regexp.MustCompile(`^(合计|总计)$`)
	// EndsInTotal is a label ending in a grand total (收入合计, 本年支出总计).
	EndsInTotal = regexp.MustCompile(`(合计|总计)$`)
	// EndsInAnyTotal is a label ending in any total, 小计 included.
	EndsInAnyTotal = regexp.MustCompile(`(合计|总计|小计)$`)
	// SumLabel is a label that is only a sum, or says 总数 (人员总数).
	SumLabel = regexp.MustCompile(`^(小计|合计|总计)$|总数$`)
	// TotalRowLabel is the label a total row of a typed table carries:
	// 合计, 本年收入合计, 收支总计, 合计：.
	TotalRowLabel = regexp.MustCompile(`^(本年)?(收入|支出|收支)?(合计|总计|小计)$|^(合计|总计)[:：]?$`)
	// HeaderTotal is a total label as a header cell or the first cell of a
	// row may print it: up to eight characters before, spaces inside.
	HeaderTotal = regexp.MustCompile(`^(.{0,8}合\s*计|.{0,8}总\s*计|小\s*计)$`)
)

// SubjectCode is a classification code (政府收支分类科目) printed before its
// name: 201, 20101 or 2010101 (functional), 301 or 30101 (economic).
var SubjectCode = regexp.MustCompile(`^([0-9]{3}|[0-9]{5}|[0-9]{7})$`)

// CodeCell is a cell that holds a code of some kind: three digits or more,
// then digits or capitals (a subject code, a unit code 307001, a project
// code 50015225T000004994293).
var CodeCell = regexp.MustCompile(`^[0-9]{3,}[0-9A-Z]*$`)

// SubjectCodeBeforeName is such a code printed against its name
// (2010101行政运行).
var SubjectCodeBeforeName = regexp.MustCompile(`^([0-9]{3}|[0-9]{5}|[0-9]{7})\s*(\p{Han}.*)$`)

// DoubtBelow is the recognition confidence (0..1) under which a cell read
// by OCR is doubted: reported, drawn in orange, open to correction.
const DoubtBelow = 0.60
