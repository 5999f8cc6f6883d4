package extract

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/yusuan-data/yusuan/layout"
)

// Scrapers save web pages under a budget's file name: an index of links to
// departments' budgets, a notice, a server's error page, or now and then a
// page that holds the budget tables themselves. ReadHTML reads such a page
// into the layout the text reader (ReadText) gives a text export, so that
// the rest of the pipeline treats it the same way and its screening decides
// whether the page is a budget:
//
//   - the visible text of each block element (p, div, h1 …, li) is one line;
//     scripts, styles, forms and the page's furniture (nav, header, footer)
//     are skipped;
//   - each <tr> of a <table> is one tabular line, its cells in order; a cell
//     spanning columns or rows (colspan, rowspan) holds its text in its
//     first column of its first row, the other places it covers are empty,
//     as in a spreadsheet's text export ("收入\t\t支出").
//
// A page has no pages of print: the document is one page, and a line's box
// is its line number, a cell's its column (Geometry false).
func ReadHTML(name string, data []byte) (*layout.Document, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, fmt.Errorf("an HTML page: %w", err)
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("an HTML page that cannot be parsed: %w", err)
	}
	w := &htmlWalker{}
	if t := findTitle(root); t != "" {
		w.lines = append(w.lines, t)
	}
	w.walk(root)
	w.flush()
	if len(w.lines) > maxHTMLLines {
		return nil, fmt.Errorf("an HTML page of %d lines is over the %d-line limit", len(w.lines), int(maxHTMLLines))
	}
	doc := &layout.Document{Source: name, Kind: layout.KindHTML}
	page := layout.Page{Number: 1}
	for i, l := range w.lines {
		page.Lines = append(page.Lines, textLine(i+1, l))
	}
	doc.Pages = []layout.Page{page}
	return doc, nil
}

// Limits on what a hostile page can make the reader build.
const (
	maxColspan   = 1000 // the HTML standard's own cap
	maxRowspan   = 1000 // far above any budget table's header
	maxGridCells = 1e6  // cells of one table after spans are laid out
	maxHTMLLines = 1e6  // lines of one page
)

// htmlWalker collects a page's lines.
type htmlWalker struct {
	lines []string
	cur   strings.Builder // the text of the block being read
	cells int             // grid places laid out so far, all tables
}

// skipped are elements whose text is not the page's content.
var skipped = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Nav: true, atom.Header: true, atom.Footer: true,
	atom.Form: true, atom.Select: true, atom.Button: true, atom.Textarea: true,
	atom.Svg: true, atom.Iframe: true, atom.Object: true, atom.Math: true,
}

// blocks are elements that start and end a line.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Br: true,
	atom.Hr: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Aside: true, atom.Center: true, atom.Blockquote: true, atom.Pre: true,
	atom.Caption: true, atom.Address: true, atom.Figure: true, atom.Figcaption: true,
	atom.Body: true, atom.Html: true, atom.Tr: true, atom.Td: true, atom.Th: true,
}

func (w *htmlWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		w.cur.WriteByte(' ')
		return
	case html.ElementNode:
		if skipped[n.DataAtom] || hidden(n) {
			return
		}
		if n.DataAtom == atom.Table {
			w.flush()
			w.table(n)
			return
		}
		if blocks[n.DataAtom] {
			w.flush()
			defer w.flush()
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// flush ends the line being read.
func (w *htmlWalker) flush() {
	if s := cleanText(w.cur.String()); s != "" {
		w.lines = append(w.lines, s)
	}
	w.cur.Reset()
}

// table lays a table's rows out on a grid, honouring spans, and adds one
// tabular line a row; a table of one column gives plain lines. A table
// inside a cell is read as that cell's text.
func (w *htmlWalker) table(t *html.Node) {
	if c := firstChild(t, atom.Caption); c != nil {
		if s := cleanText(nodeText(c)); s != "" {
			w.lines = append(w.lines, s)
		}
	}
	rows := tableRows(t)
	var grid [][]string
	filled := map[[2]int]bool{} // places covered by a span from above or the left
	width := 0
	for r, tr := range rows {
		for len(grid) <= r {
			grid = append(grid, nil)
		}
		col := 0
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) || hidden(c) {
				continue
			}
			for filled[[2]int{r, col}] {
				col++
			}
			cs := spanAttr(c, "colspan", maxColspan)
			rs := min(spanAttr(c, "rowspan", maxRowspan), len(rows)-r)
			if w.cells+cs*rs > maxGridCells {
				// A page spanning more places than any table needs: its
				// spans are read as single cells, its text kept.
				cs, rs = 1, 1
			}
			w.cells += cs * rs
			text := cleanText(nodeText(c))
			for dr := 0; dr < rs; dr++ {
				for dc := 0; dc < cs; dc++ {
					filled[[2]int{r + dr, col + dc}] = true
				}
			}
			for len(grid) < r+rs {
				grid = append(grid, nil)
			}
			// The other places the span covers stay empty.
			setCell(&grid[r], col, text)
			// Trailing places of a span add no column (colspan=1000 on a
			// note row would widen every row).
			width = max(width, col+1)
			col += cs
		}
	}
	for _, row := range grid {
		empty := true
		for _, c := range row {
			if c != "" {
				empty = false
			}
		}
		if empty {
			continue
		}
		for len(row) < width && len(grid)*width <= maxGridCells {
			row = append(row, "")
		}
		w.lines = append(w.lines, strings.Join(row, "\t"))
	}
}

// setCell sets a row's cell at col, growing it with empty cells.
func setCell(row *[]string, col int, s string) {
	for len(*row) <= col {
		*row = append(*row, "")
	}
	(*row)[col] = s
}

// tableRows lists a table's rows, in thead, tbody, tfoot or directly under
// it, not those of tables nested in its cells.
func tableRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || hidden(c) {
			continue
		}
		switch c.DataAtom {
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == html.ElementNode && r.DataAtom == atom.Tr && !hidden(r) {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

// spanAttr reads a colspan or rowspan: 1 when missing or not a positive
// number, at most limit. (rowspan="0", "to the end of the group", is read
// as 1.)
func spanAttr(n *html.Node, key string, limit int) int {
	for _, a := range n.Attr {
		if a.Key == key {
			v, err := strconv.Atoi(strings.TrimSpace(a.Val))
			if err != nil || v < 1 {
				return 1
			}
			return min(v, limit)
		}
	}
	return 1
}

// hidden reports an element the page does not show (hidden attribute,
// display:none).
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// nodeText is the visible text under n, its blocks separated by spaces.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipped[n.DataAtom] || hidden(n) {
				return
			}
			if blocks[n.DataAtom] || n.DataAtom == atom.Table {
				b.WriteByte(' ')
				defer b.WriteByte(' ')
			}
		case html.CommentNode, html.DoctypeNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// findTitle is the page's <title>: often the only place a saved page says
// what it is.
func findTitle(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Title {
		return cleanText(nodeText(n))
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return ""
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if s := findTitle(c); s != "" {
			return s
		}
	}
	return ""
}

func firstChild(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
	}
	return nil
}

// cleanText collapses a text's white space (tabs, line ends, form feeds,
// the no-break space of &nbsp;) to single spaces, so that it cannot break
// the line-and-tab layout.
func cleanText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u00a0', '\u3000', '\t', '\n', '\r', '\f', '\v':
			return ' '
		}
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
