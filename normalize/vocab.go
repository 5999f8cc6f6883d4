package normalize

// IsStringColumn tells from its canonical name whether a column holds text
// by nature (codes, names, items, form fields) rather than amounts.
func IsStringColumn(name string) bool { return isStringColumn(name) }
