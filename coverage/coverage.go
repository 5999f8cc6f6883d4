// Package coverage checks that a disclosure was read whole: every number
// printed on a page that holds a table lands in exactly one output cell, every
// page with table-like content is claimed by a table, every table the
// document lists was found, and every table has the shape of its kind.
//
// Validation (package validate) checks the arithmetic of the tables that
// came out. When a table is missing, merged into its neighbour, shifted by a
// column or empty, there is often nothing left for an arithmetic rule to
// check, so the run would look clean. The checks here look at what was
// printed, not at what was understood, and turn every such loss into a
// finding:
//
//   - coverage.unplaced_amount: an amount printed on a table page that no
//     output cell holds;
//   - coverage.unprinted_amount: an amount in an output cell that is not
//     printed on the page its row came from (a number doubled or invented);
//   - coverage.unclaimed_page: a page of aligned amounts no table claims;
//   - coverage.unplaced_text: a line between two rows of a table read as
//     running text (a row lost to the narrative);
//   - coverage.missing_table: a table the document lists (附件 numbering, 目录)
//     that did not come out;
//   - table.merged, table.empty, table.header_mismatch, table.amount_as_text:
//     a table whose shape is not its kind's (shape.go).
//
// It needs the reader's lines (layout), the segmenter's account of which
// line went where (segment) and the typed tables (table), and reads them
// only: nothing is corrected here.
package coverage

import (
	"fmt"
	"sort"
	"strings"

	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/segment"
	"github.com/yusuan-data/yusuan/table"
)

// Settings holds every threshold of the checks.
type Settings struct {
	// UnclaimedLines is how many table-like lines a page no table claims
	// must hold to be reported: one aligned line in a narrative is a
	// figure, three are a table.
	UnclaimedLines int
	// MaxFindings bounds the per-line findings of one document; the rest
	// are counted in one summary finding, so a page read wrong whole does
	// not bury the others.
	MaxFindings int
	// TitleSimilarity is the least similarity (0..1, bigrams) for a listed
	// title (目录) to name a table found, or a title printed inside a table
	// to repeat that table's own.
	TitleSimilarity float64
}

// Default is what yusuan runs with.
var Default = Settings{UnclaimedLines: 3, MaxFindings: 40, TitleSimilarity: 0.5}

// Check runs every check on one document.
func Check(ld *layout.Document, sd *segment.Document, doc *table.Document) ([]table.Finding, table.Quality) {
	return Default.Check(ld, sd, doc)
}

// Check runs every check with these settings.
func (s Settings) Check(ld *layout.Document, sd *segment.Document, doc *table.Document) ([]table.Finding, table.Quality) {
	c := &checker{s: s, ld: ld, sd: sd, doc: doc}
	c.q.Pages = len(ld.Pages)
	c.roles()
	c.amounts()
	c.titles()
	c.text()
	c.expected()
	c.shapes()
	c.q.TablesFound = len(doc.Tables)
	if c.q.UnclaimedPages == nil {
		c.q.UnclaimedPages = []int{}
	}
	if c.q.MissingTables == nil {
		c.q.MissingTables = []int{}
	}
	if c.dropped > 0 {
		c.add(table.Finding{Severity: table.Error, Rule: "coverage.unplaced_amount",
			Message: fmt.Sprintf("%d more lines with amounts that landed in no cell (not listed one by one)", c.dropped)})
	}
	for i := range c.out {
		c.out[i].Document = doc.Source
	}
	return c.out, c.q
}

// role is what the segmenter made of a line.
type role int

const (
	furniture role = iota // title block, repeated header, folio, separator: not data
	body                  // a table row
	header                // a table's header row
	note                  // 备注 under a table
	text                  // running text
)

type lineKey struct{ page, line int }

type lineRole struct {
	role  role
	table int // index into sd.Tables for body and header rows
}

type checker struct {
	s   Settings
	ld  *layout.Document
	sd  *segment.Document
	doc *table.Document

	role    map[lineKey]lineRole
	claimed map[int]bool // pages some output table spans
	lostOn  map[int]bool // pages with amounts placed in no cell
	unread  map[int]bool // pages with a garbled text layer (page.unread)
	out     []table.Finding
	q       table.Quality
	// wholeAmounts marks the pages of tables whose amounts are integers.
	wholeAmounts map[int]bool
	lines        int // per-line findings so far
	dropped      int // per-line findings over MaxFindings
}

func (c *checker) add(f table.Finding) { c.out = append(c.out, f) }

// addLine adds a finding about one line, within MaxFindings.
func (c *checker) addLine(f table.Finding) {
	if c.lines >= c.s.MaxFindings {
		c.dropped++
		return
	}
	c.lines++
	c.add(f)
}

// roles records what became of every line the segmenter saw.
func (c *checker) roles() {
	c.role = map[lineKey]lineRole{}
	for i, t := range c.sd.Tables {
		for _, r := range t.Header {
			c.role[lineKey{r.Page, r.Line}] = lineRole{header, i}
		}
		for _, r := range t.Body {
			c.role[lineKey{r.Page, r.Line}] = lineRole{body, i}
		}
		// a further strip of columns: its amounts are in the rows it
		// extends, which carry the page of the first strip
		for _, r := range t.Strips {
			c.role[lineKey{r.Page, r.Line}] = lineRole{body, i}
		}
		for _, n := range t.Notes {
			c.role[lineKey{n.Page, n.Line}] = lineRole{role: note}
		}
	}
	for _, l := range c.sd.Text {
		c.role[lineKey{l.Page, l.Line}] = lineRole{role: text}
	}
	c.claimed = map[int]bool{}
	c.lostOn = map[int]bool{}
	c.unread = map[int]bool{}
	for _, p := range c.ld.Pages {
		c.unread[p.Number] = p.Garbled
	}
	c.wholeAmounts = map[int]bool{}
	for _, t := range c.doc.Tables {
		whole := false
		for _, col := range t.Columns {
			whole = whole || col.Type == table.Decimal && col.Scale == 0 && !strings.Contains(col.Label, "权重")
		}
		for _, p := range t.Pages {
			c.claimed[p] = true
			c.wholeAmounts[p] = c.wholeAmounts[p] || whole && len(t.Rows) > 0
		}
	}
}

// printed is one number as the page prints it.
type printed struct {
	page int
	tok  token
	line layout.Line
	cell int
	role role
}

// pool counts the numbers of the output cells whose rows came from one page.
type pool struct {
	amounts map[string]int // decimal cells: each must be printed
	texts   map[string]int // numbers inside text cells (codes, 95%): may absorb printed ones
	all     []string       // the digits of every number in a text cell, as printed
	where   map[string]cellRef
}

type cellRef struct {
	table *table.Table
	row   int
	col   int
}

func newPool() *pool {
	return &pool{amounts: map[string]int{}, texts: map[string]int{}, where: map[string]cellRef{}}
}

// take removes k from the pool, amounts first; false when it holds none.
func (p *pool) take(k string) bool {
	if p == nil {
		return false
	}
	if p.amounts[k] > 0 {
		p.amounts[k]--
		return true
	}
	if p.texts[k] > 0 {
		p.texts[k]--
		return true
	}
	return false
}

// partOfText reports whether digits stand inside a number of a text cell.
func (p *pool) partOfText(digits string) bool {
	for _, s := range p.all {
		if len(s) > len(digits) && strings.Contains(s, digits) {
			return true
		}
	}
	return false
}

// pools gathers the output cells by the page of their row.
func (c *checker) pools() map[int]*pool {
	pools := map[int]*pool{}
	for _, t := range c.doc.Tables {
		for ri, r := range t.Rows {
			p := pools[r.Page]
			if p == nil {
				p = newPool()
				pools[r.Page] = p
			}
			for j, v := range r.Cells {
				if v.Text == "" || j >= len(t.Columns) {
					continue
				}
				if t.Columns[j].Type == table.Decimal && v.Num.Valid {
					k := unsigned(canonical(v.Text))
					p.amounts[k]++
					p.where[k] = cellRef{t, ri, j}
					continue
				}
				for _, tk := range tokens(v.Text) {
					p.texts[unsigned(tk.text)]++
					p.all = append(p.all, tk.raw)
				}
			}
		}
	}
	return pools
}

// unsigned drops a sign: "(12.00)" prints without the minus the output
// writes, and the question here is whether the figure is there at all.
func unsigned(s string) string { return strings.TrimPrefix(s, "-") }

// amounts is the amount coverage of every page.
func (c *checker) amounts() {
	pools := c.pools()
	var left []printed // numbers placed nowhere on their own page
	for _, pg := range c.ld.Pages {
		if pg.Garbled {
			continue // reported as page.unread
		}
		nums, tableLike := c.pageNumbers(pg)
		if !c.claimed[pg.Number] {
			if tableLike >= c.s.UnclaimedLines {
				c.q.UnclaimedPages = append(c.q.UnclaimedPages, pg.Number)
				n := 0
				for _, x := range nums {
					if x.tok.amount {
						n++
					}
				}
				c.q.Amounts += n
				c.q.Unplaced += n
				c.add(table.Finding{Severity: table.Error, Rule: "coverage.unclaimed_page", Pages: []int{pg.Number},
					Found:   fmt.Sprint(n),
					Message: fmt.Sprintf("page %d holds %d lines of aligned amounts (%d amounts) that no table claims: a table was missed", pg.Number, tableLike, n)})
			}
			continue
		}
		if tableLike > 0 || len(nums) > 0 {
			c.q.TablePages++
		}
		pool := pools[pg.Number]
		var rest []printed
		for _, x := range nums {
			if x.tok.amount {
				c.q.Amounts++
			}
			if pool.take(unsigned(x.tok.text)) {
				if x.tok.amount {
					c.q.Placed++
				}
				continue
			}
			rest = append(rest, x)
		}
		rest = joinSplit(rest, pool)
		rest = dropCodeParts(rest, pool)
		left = append(left, rest...)
	}
	// A row a page break cut in two, or a table whose rows carry the page
	// they started on: a number may sit one page off.
	byLine := map[lineKey][]string{}
	var order []lineKey
	for _, x := range left {
		p := x.page
		if pools[p-1].take(unsigned(x.tok.text)) || pools[p+1].take(unsigned(x.tok.text)) {
			if x.tok.amount {
				c.q.Placed++
			}
			continue
		}
		if !x.tok.amount && !c.integerAmounts(x) {
			continue // a bare integer: a code part, a count, a year
		}
		c.q.Unplaced++
		c.lostOn[p] = true
		k := lineKey{p, x.line.Number}
		if _, ok := byLine[k]; !ok {
			order = append(order, k)
		}
		byLine[k] = append(byLine[k], x.tok.text)
	}
	for _, k := range order {
		c.addLine(table.Finding{Severity: table.Error, Rule: "coverage.unplaced_amount", Pages: []int{k.page}, Line: k.line,
			Found:   strings.Join(byLine[k], " "),
			Message: fmt.Sprintf("page %d line %d: %s printed but in no output cell%s", k.page, k.line, strings.Join(byLine[k], ", "), c.lineWhere(k))})
	}
	c.unprinted(pools)
}

// lineWhere says what the segmenter made of a line, for a finding's message.
func (c *checker) lineWhere(k lineKey) string {
	r, ok := c.role[k]
	if !ok {
		return " (the line was taken for a title, a repeated header or page furniture)"
	}
	switch r.role {
	case body:
		t := c.sd.Tables[r.table]
		return fmt.Sprintf(" (a row of the table %q)", t.Title)
	case text:
		return " (the line was read as running text)"
	}
	return ""
}

// integerAmounts reports whether a bare integer left over is an amount: it
// stood alone in a table row, and a table on its page prints its amounts
// as whole numbers (元 without fractions).
func (c *checker) integerAmounts(x printed) bool {
	if x.role != body || !x.tok.alone || len(x.tok.text) < 2 {
		return false
	}
	return c.wholeAmounts[x.page]
}

// unprinted reports amounts of the output that no printed number accounts
// for: a cell doubled into two columns, or a number joined from two.
func (c *checker) unprinted(pools map[int]*pool) {
	pages := make([]int, 0, len(pools))
	for p := range pools {
		pages = append(pages, p)
	}
	sort.Ints(pages)
	for _, p := range pages {
		if c.garbled(p) {
			continue
		}
		keys := make([]string, 0)
		for k, n := range pools[p].amounts {
			if n > 0 {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			ref := pools[p].where[k]
			c.q.Unprinted += pools[p].amounts[k]
			col := ref.table.Columns[ref.col]
			c.addLine(table.Finding{Severity: table.Error, Rule: "coverage.unprinted_amount", Table: ref.table.ID,
				Pages: []int{p}, Line: ref.table.Rows[ref.row].Line, Column: col.Name, Found: k,
				Message: fmt.Sprintf("%s in %s (column %s) is not printed on page %d, where its row was read", k, ref.table.ID, col.Name, p)})
		}
	}
}

func (c *checker) garbled(page int) bool { return c.unread[page] }
