package dataset

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/normalize"
)

// Row flags: three columns on every dataset row that say what a row is in
// its table, so that a sum over the dataset counts every amount once.
//
//	is_total    the row is a 合计/总计/小计 row: marked so by the
//	            document's reader, or with a text cell that reads 合计,
//	            支出总计 …
//	code_level  the level of the row's classification code (科目编码):
//	            1 类 (3 digits: 201, 301), 2 款 (5: 20101, 30101),
//	            3 项 (7: 2010101); null for a row without such a code
//	is_detail   the row is a leaf: not a total, and, in a table with
//	            codes, its code has no longer code of the same table under
//	            it (a 项, or a 款 or 类 printed without its parts). In a
//	            table without codes, a row that is not a total, as long as
//	            those rows add up to the table's 合计 (within the rounding
//	            of the printed places) or the table has none; NULL for
//	            every row of a table without codes whose rows do not add
//	            up: its levels are only in the indentation of its names,
//	            and yusuan does not guess them
//
// So the one WHERE clause that sums detail rows, each amount once, is
//
//	SELECT sum(total) FROM gpb_expenditure WHERE is_detail
//
// which equals the sum of the 合计 rows (WHERE is_total AND …) when the
// tables add up; WHERE is_detail IS NULL finds the tables it leaves out.

// codeColumn reports whether a table column holds a classification code
// whose length gives its level: subject_code, econ_code, gov_econ_code and
// the pinyin-prefixed forms of the same (…_subject_code).
func codeColumn(name string) bool {
	for _, s := range []string{"subject_code", "econ_code"} {
		if name == s || strings.HasSuffix(name, "_"+s) {
			return true
		}
	}
	return false
}

// codeLevel is the level of a classification code: 1 for 3 digits, 2 for
// 5, 3 for 7; 0 for anything else.
func codeLevel(code string) int {
	for _, r := range code {
		if r < '0' || r > '9' {
			return 0
		}
	}
	switch len(code) {
	case 3:
		return 1
	case 5:
		return 2
	case 7:
		return 3
	}
	return 0
}

// rowFlags are the flags of one row.
type rowFlags struct {
	total   bool
	level   int // 0: null
	detail  bool
	unknown bool // is_detail is null
}

// tableFlags computes the flags of a table's body rows. totals are the
// 1-based numbers of its total rows from the manifest (nil when the
// manifest predates them); a row whose text cell reads as a total label
// (合计, 支出总计 …: normalize.IsTotalLabel) is a total too, whether the
// reader marked it or not.
func tableFlags(l *layout, rows [][]string, totals []int) []rowFlags {
	flags := make([]rowFlags, len(rows))
	var codeCols, textCols []int
	for j, n := range l.names {
		switch {
		case codeColumn(n):
			codeCols = append(codeCols, j)
		case !l.decimal[j]:
			textCols = append(textCols, j)
		}
	}
	for _, n := range totals {
		if n >= 1 && n <= len(rows) {
			flags[n-1].total = true
		}
	}
	for i, r := range rows {
		for _, j := range textCols {
			if !flags[i].total && normalize.IsTotalLabel(r[j]) {
				flags[i].total = true
				break
			}
		}
	}
	codes := make([]string, len(rows))
	parents := map[string]bool{} // codes with a longer code under them
	coded := false
	for i, r := range rows {
		for _, j := range codeCols {
			if lv := codeLevel(r[j]); lv > 0 {
				codes[i], flags[i].level, coded = r[j], lv, true
				for _, n := range []int{3, 5} {
					if len(r[j]) > n {
						parents[r[j][:n]] = true
					}
				}
				break
			}
		}
	}
	flat := !coded && addsUp(l, rows, flags)
	for i := range rows {
		f := &flags[i]
		switch {
		case f.total:
		case !coded:
			f.detail, f.unknown = flat, !flat
		case codes[i] != "":
			f.detail = !parents[codes[i]]
		}
	}
	return flags
}

// addsUp reports whether the rows of a table that are not totals add up
// to its first total row in its total column (else its first decimal
// column), within half a unit of the last printed place per row; true
// when the table has no total row or no such column.
func addsUp(l *layout, rows [][]string, flags []rowFlags) bool {
	col := -1
	for j, n := range l.names {
		if l.decimal[j] && (col < 0 || n == "total") {
			col = j
			if n == "total" {
				break
			}
		}
	}
	first := slices.IndexFunc(flags, func(f rowFlags) bool { return f.total })
	if col < 0 || first < 0 {
		return true
	}
	want, err := parseAmount(rows[first][col])
	if err != nil || rows[first][col] == "" {
		return true
	}
	sum, n, places := decimal.Zero, 0, scaleOf(want)
	for i, r := range rows {
		if flags[i].total || r[col] == "" {
			continue
		}
		v, err := parseAmount(r[col])
		if err != nil {
			return false
		}
		sum, n, places = sum.Add(v), n+1, max(places, scaleOf(v))
	}
	tol := decimal.New(5, int32(-places-1)).Mul(decimal.NewFromInt(int64(max(n, 1))))
	return sum.Sub(want).Abs().LessThanOrEqual(tol)
}
