package extract

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/yusuan-data/yusuan/layout"
)

// ReadText turns the bytes of a plain-text disclosure into a layout document.
//
// The format is what copying a disclosure out of a PDF or a spreadsheet
// gives: running text one paragraph a line, and table rows whose cells are
// separated by tabs. A form feed starts a new page. A text file has no
// geometry, so a line's box is its line number and a cell's box its index.
//
// Text in GB18030 (GBK), still common on government sites, is decoded; any
// other non-UTF-8 or binary content is refused with the reason.
func ReadText(name string, data []byte) (*layout.Document, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	if n := commaRows(text); n > 0 {
		// Cells are read from tabs; split at commas, the amounts written
		// with thousands separators (1,234.56) would be cut apart.
		return nil, fmt.Errorf("comma-separated text (%d lines of comma-separated cells, no tab): tables are read from tab-separated exports; save it with tabs", n)
	}
	doc := &layout.Document{Source: name, Kind: layout.KindText}
	page := layout.Page{Number: 1}
	lineNo := 0
	for _, raw := range strings.SplitAfter(text, "\n") {
		if raw == "" {
			continue
		}
		lineNo++
		raw = strings.TrimRight(raw, "\r\n")
		for {
			// A form feed may sit anywhere in a line; what follows it is on
			// the next page.
			i := strings.IndexByte(raw, '\f')
			if i < 0 {
				break
			}
			if before := raw[:i]; strings.TrimSpace(before) != "" {
				page.Lines = append(page.Lines, textLine(lineNo, before))
			}
			doc.Pages = append(doc.Pages, page)
			page = layout.Page{Number: page.Number + 1}
			raw = raw[i+1:]
		}
		page.Lines = append(page.Lines, textLine(lineNo, raw))
	}
	doc.Pages = append(doc.Pages, page)
	return doc, nil
}

// textLine makes one layout line: tabular when the line holds a tab.
func textLine(n int, s string) layout.Line {
	y := float64(n)
	if !strings.Contains(s, "\t") {
		t := strings.TrimSpace(s)
		return layout.Line{Number: n, Box: layout.Box{Y0: y, Y1: y}, Cells: []layout.Cell{{
			Text: t, Box: layout.Box{Y0: y, Y1: y}, Conf: -1,
		}}}
	}
	parts := strings.Split(s, "\t")
	cells := make([]layout.Cell, len(parts))
	for i, p := range parts {
		x := float64(i)
		cells[i] = layout.Cell{Text: strings.TrimSpace(p), Box: layout.Box{X0: x, X1: x + 1, Y0: y, Y1: y}, Conf: -1}
	}
	return layout.Line{Number: n, Box: layout.Box{X1: float64(len(parts)), Y0: y, Y1: y}, Tabular: true, Cells: cells}
}

// decodeText checks that data is text and returns it as UTF-8.
func decodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return "", fmt.Errorf("empty file")
	}
	if bytes.HasPrefix(data, []byte("\xFF\xFE")) || bytes.HasPrefix(data, []byte("\xFE\xFF")) {
		return "", fmt.Errorf("UTF-16 text is not supported; convert it to UTF-8")
	}
	if looksUTF16(data) {
		return "", fmt.Errorf("UTF-16 text (no byte order mark) is not supported; convert it to UTF-8")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", fmt.Errorf("binary file, not text (NUL byte at offset %d)", i)
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !mostlyCJK(string(dec)) {
		return "", fmt.Errorf("not UTF-8 text, and not GB18030/GBK either")
	}
	return string(dec), nil
}

// mostlyCJK reports whether decoded text looks like Chinese prose: a wrong
// guess at the encoding yields rare ideographs mixed with control bytes.
func mostlyCJK(s string) bool {
	var cjk, ctrl, other int
	for _, r := range s {
		switch {
		case r >= 0x4E00 && r <= 0x9FFF:
			cjk++
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f':
			ctrl++
		case r == utf8.RuneError:
			ctrl++
		default:
			other++
		}
	}
	return ctrl == 0 && cjk > 0
}

// looksUTF16 tells UTF-16 without a byte order mark: the NUL bytes of its
// ASCII characters (digits, tabs, line ends) all on odd offsets (little
// endian) or all on even ones (big endian).
func looksUTF16(data []byte) bool {
	data = data[:min(len(data), 64<<10)]
	var even, odd int
	for i, b := range data {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	return len(data)%2 == 0 && max(even, odd) >= 8 && min(even, odd) == 0
}

// commaRows counts the lines of a text without a tab that split at ASCII
// commas into three or more cells, one of them a number: a comma-separated
// export. A text with a tab, or with fewer than five such lines (prose
// with a number written 1,234.56), is not one.
func commaRows(text string) int {
	if strings.Contains(text, "\t") {
		return 0
	}
	n := 0
	for _, line := range strings.Split(text, "\n") {
		cells := strings.Split(strings.TrimSpace(line), ",")
		if len(cells) < 3 {
			continue
		}
		for _, c := range cells {
			if c = strings.TrimSpace(c); c != "" && strings.Trim(c, "0123456789.-") == "" && strings.ContainsAny(c, "0123456789") {
				n++
				break
			}
		}
	}
	if n < 5 {
		return 0
	}
	return n
}
