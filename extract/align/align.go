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
// Every tolerance is a field of Settings.
package align

import "github.com/yusuan-data/yusuan/layout"

// Read lays out the text rows of one page: runs of rows whose text stands
// in aligned columns become tabular lines, the rest plain lines. carry is
// the table the page before ended with (nil for none): rows at the top of
// this page that fit its columns are read in them. Read returns the table
// this page ends with, for the next page.
func Read(rows []*Row, s *Settings, carry *Carry) ([]layout.Line, *Carry) {
	return unruledFrom(rows, s, carry)
}
