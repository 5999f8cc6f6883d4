package dataset

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/yusuan-data/yusuan/zh"
)

// Region is the administrative prefix of a department or file name
// (zh.Region: 重庆市潼南区 for 中共重庆市潼南区委网络安全和信息化委员会办公室).
func Region(name string) string { return zh.Region(name) }

// docRegion is the region of a document: of its department, else of its
// source file's name, else of its title.
func docRegion(department, source, title string) string {
	if r := Region(department); r != "" {
		return r
	}
	base := filepath.Base(strings.ReplaceAll(source, `\`, "/"))
	base = strings.TrimSuffix(base, filepath.Ext(base))
	if r := Region(yearPrefix.ReplaceAllString(base, "")); r != "" {
		return r
	}
	return Region(yearPrefix.ReplaceAllString(title, ""))
}

// yearPrefix is a leading "2025年" or "2025" of a file name or title.
var yearPrefix = regexp.MustCompile(`^\s*[0-9]{4}\s*年?\s*(度)?[_\-\s]*`)
