package segment

// IsTitle reports whether a line reads as a table's title (部门收支总表,
// 2025年预算项目绩效目标表-2), not only its number (表 3, 公开 01 表): what
// a check that every printed title starts a table looks for.
func IsTitle(s string) bool { return isTitle(s) && !isNumberLine(s) }

// IsTOC reports whether a line is an entry of a table of contents (a title,
// leaders and a page number).
func IsTOC(s string) bool { return classify(s) == tocLine }

// IsTitleBlock reports whether a line is of the kind a title block holds:
// an 附件 marker, a title, a table number or period, a unit or a compiler
// line (单位：万元, 编制单位：…).
func IsTitleBlock(s string) bool {
	switch classify(s) {
	case markerLine, titleLine, unitLine, compilerLine:
		return true
	}
	return isNumberLine(s) || isPeriodLine(s)
}

// IsUnitLine reports whether a line states a table's unit (单位：万元).
func IsUnitLine(s string) bool {
	return classify(s) == unitLine || unitRe.MatchString(s) && !isCompiler(s)
}

// IsFolio reports whether a line is only a page number (3, — 3 —, 第3页,
// 第 1 页，共 328 页, 3/12).
func IsFolio(s string) bool { return isFolio(s) }
