package validate

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/table"
)

// Rounding. Most templates keep their books in 元 and print 万元 to two
// decimals, rounding every cell on its own; the printed parts of a sum then
// need not add up to the printed whole. Such a miss is still an
// inconsistency of the printed numbers, and is reported, but as a warning
// under its own rule id (the rule's id + ".rounding") so that it is never
// confused with a wrong figure:
//
//   - the table is in 万元 (its own unit, else the document's) and printed
//     with fewer than 6 decimals (6 decimals of 万元 is exact to the 分);
//   - the whole is written (a blank whole is no rounding) and at least two
//     parts are written;
//   - |printed whole − Σ printed parts| ≤ ⌊(n+1)/2⌋ units of the last
//     printed decimal, n the number of written parts: each of the n parts
//     and the whole is off its exact value by at most half a unit, so
//     (n+1)/2 units is the most rounding alone can explain.
//
// Everything else stays an error. Figures that must be the same number
// (a cell and its copy in another table, 收入总计 and 支出总计) get no such
// allowance: one exact value rounds to one printed value.

// RoundingSuffix is appended to a rule's id for a miss within rounding.
const RoundingSuffix = ".rounding"

// roundingMeta is the warning variant of an arithmetic rule.
func roundingMeta(m Meta) Meta {
	return Meta{ID: m.ID + RoundingSuffix, Severity: table.Warning,
		Description: m.Description + " — off by no more than rounding each printed 万元 figure can explain"}
}

// roundedTable reports whether t's figures are 元 amounts rounded to 万元.
func roundedTable(doc *table.Document, t *table.Table, scale int) bool {
	u := t.Unit
	if u == "" {
		u = doc.Unit
	}
	return u == "万元" && scale < 6
}

// withinRounding reports whether a sum of n printed parts may miss its
// printed whole by diff through rounding alone.
func withinRounding(diff decimal.Decimal, n, scale int) bool {
	if n < 2 || diff.IsZero() {
		return false
	}
	unit := decimal.New(1, int32(-scale))
	return diff.Abs().LessThanOrEqual(unit.Mul(decimal.NewFromInt(int64((n + 1) / 2))))
}

// reportSum reports a failed sum of addends written parts: as the rule's
// error, or as its rounding warning when rounding explains it.
func (c *checker) reportSum(m Meta, x mismatch, addends int, msg string) {
	if x.ok && x.t != nil && roundedTable(c.doc, x.t, x.scale) && withinRounding(x.found.Sub(x.expected), addends, x.scale) {
		c.report(roundingMeta(m), x, msg+fmt.Sprintf(" (within the rounding of %d printed parts)", addends))
		return
	}
	c.report(m, x, msg)
}
