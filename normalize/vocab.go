package normalize

// IsStringColumn tells from its canonical name whether a column holds text
// by nature (codes, names, items, form fields) rather than amounts.
func IsStringColumn(name string) bool { return isStringColumn(name) }

// IsCodeLabel reports whether a header label names a column of codes or
// numbers that are not amounts (编码, 代码, 编号, 序号).
func IsCodeLabel(label string) bool { return codeLabelRe.MatchString(label) }
