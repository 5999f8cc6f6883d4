// Package align reads tables printed without rules (stream tables: Word
// and WPS exports, LibreOffice tables whose borders were turned off) from
// positioned characters, whether they come from a PDF text layer
// (extract/pdf) or from a recogniser (extract/ocr, through Chars). Columns
// come from text alignment, rows from baselines; extract/grid does the
// same for ruled tables.
//
// The reading, step by step over plain data:
//
//   - pieces: positioned characters (Piece), boxes of one em from the
//     baseline (EmBoxes) so that every font measures alike;
//   - text rows: pieces sharing a baseline (Rows), cut into segments at
//     column-wide gaps; runs of rows with several segments are table
//     regions (tables.go: region, carry.go for a table going on over a
//     page break);
//   - column anchors: segments cut where many others start or end
//     (fineSegments), wrapped lines joined into cell blocks
//     (buildBlocks), columns from the x ranges the body covers
//     (findColumns, dropUnsupported);
//   - header band: the blocks above the first body line, labels centred
//     over their span (placeGroups), counted down as header rows
//     (headerRows);
//   - cells and tables: body rows by vertical centre (bodyrows.go), each
//     block in its column, out as tabular layout lines (emitRows).
//
// Settings holds every tolerance of the steps, with the share or unit it
// is measured in: Defaults for a PDF text layer, Defaults().OCR for
// characters a recogniser read (the two differ in a few gaps and wrap
// pitches only). Numbers left in the steps are counts, halves of a sum
// and patterns of text, not tolerances.
package align

import "github.com/yusuan-data/yusuan/layout"

// Read lays out the text rows of one page: runs of rows whose text stands
// in aligned columns become tabular lines, the rest plain lines. carry is
// the table the page before ended with (nil for none): rows at the top of
// this page that fit its columns are read in them. The Result's Carry is
// the table this page ends with, for the next page.
func Read(rows []*Row, s *Settings, carry *Carry) Result {
	return read(rows, s, carry)
}

// Result is the reading of one page with each step's output kept: the
// text rows it began with, the tables found in them (each with its rows,
// column anchors and header band), the layout lines out (tables and plain
// lines, in the order found), and the table the page ends with.
type Result struct {
	Rows   []*Row
	Tables []Table
	Lines  []layout.Line
	Carry  *Carry
}

// Table is one table region and what the steps made of it.
type Table struct {
	First, End int      // its text rows: Result.Rows[First:End]
	Continued  bool     // read in the columns carried from the page before
	Columns    []Column // column anchors, left to right
	Header     int      // how many of Lines are the header band
	Lines      []layout.Line
}

// Column is one column anchor of a table.
type Column struct {
	X0, X1      float64 // extent of the text aligned in it
	L, R        float64 // its cell's edges (the columns partition the table)
	Left, Right bool    // its body text shares a left (right) edge
}

func newTable(cols []ucol, header int, lines []layout.Line, continued bool) Table {
	t := Table{Continued: continued, Header: header, Lines: lines}
	for _, c := range cols {
		t.Columns = append(t.Columns, Column{X0: c.x0, X1: c.x1, L: c.l, R: c.r, Left: c.left, Right: c.right})
	}
	return t
}
