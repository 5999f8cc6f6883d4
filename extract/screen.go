package extract

import (
	"errors"
	"strings"

	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/zh"
)

// ScreenPages is how many pages of a scanned PDF are read by OCR before
// deciding whether the rest is worth reading: a budget disclosure says what
// it is on its cover or first page (部门预算, 决算, a 收支总表), and a
// scanned file saved under a budget's name that is something else (a
// personnel notice, administrative rules) should not cost a second and a
// half of OCR for each of its pages.
const ScreenPages = 2

// ErrNotBudget is wrapped by the error of a scanned file declined because
// its first pages show no sign of a budget disclosure.
var ErrNotBudget = errors.New("not a budget disclosure")

// budgetWords are the words a budget disclosure's first pages carry: its
// title (部门预算, 决算), its table titles and headers.
var budgetWords = []string{"预算", "决算", "财政拨款", "收支", "三公", "科目编码", "功能分类", "经济分类", "预箕", "顶算"}

// BudgetSignal reports whether the text of pages shows a budget
// disclosure: any of budgetWords, spaces and width ignored (OCR spaces
// out large title characters).
func BudgetSignal(pages []layout.Page) bool {
	var b strings.Builder
	for _, p := range pages {
		for _, l := range p.Lines {
			b.WriteString(zh.Squash(zh.Fold(l.Text())))
		}
	}
	s := b.String()
	for _, w := range budgetWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
