// Package layout holds the type that every reader hands to segmentation: a
// document as pages of positioned lines, each line a row of cells.
//
// A budget disclosure mixes running text (the narrative 一 … 六) with tables.
// Readers differ in what they can see: a plain-text export has no geometry but
// keeps table rows as tab-separated cells; a PDF text layer gives characters
// with boxes and ruling lines; OCR gives words with boxes and a confidence.
// All of them reduce to the same shape:
//
//   - a Line is one visual row of the page;
//   - a text line has one Cell holding the whole line;
//   - a table row has one Cell per grid column, left to right, with empty
//     cells kept (a merged header cell is its text followed by empty cells,
//     exactly as a spreadsheet exports it).
//
// Segmentation reads only this shape, so it runs unchanged whichever reader
// produced it.
package layout

// Kind names the reader that produced a document.
type Kind string

const (
	KindText  Kind = "text"  // plain text, tab-separated table rows
	KindPDF   Kind = "pdf"   // born-digital PDF, read from its text layer
	KindOCR   Kind = "ocr"   // every page recognised from images
	KindMixed Kind = "mixed" // some pages from the text layer, some OCR'd
	KindHTML  Kind = "html"  // a web page: block text as lines, table rows tab-separated
)

// Document is one input file as its reader saw it.
type Document struct {
	Source string // path of the input file as given on the command line
	Kind   Kind
	// Geometry is false when the reader has no coordinates (plain text):
	// then X and Y of lines and cells are ordinal positions, not points.
	Geometry bool
	Pages    []Page
}

// Page is one page (for a plain-text input: the text between form feeds).
type Page struct {
	Number        int     // 1-based
	Width, Height float64 // in PDF points; 0 without geometry
	OCR           bool    // true when the text came from recognition
	// Garbled is set by a reader whose text layer for this page is junk
	// (no usable character map, private-use code points, (cid:…) runs): the
	// page must be recognised from its image, never exported as it is.
	Garbled bool
	Lines   []Line // top to bottom
	Rules   []Rule // ruling lines, when the reader sees them
	// Unruled is how the tables printed without rules on this page were
	// read (extract/align), step by step, for a person to check in a
	// picture (extract/picture); nothing downstream reads it.
	Unruled []Unruled `json:",omitempty"`
}

// Unruled is one table region found without rules, as the steps of the
// reader saw it: the text rows it was made of, the column anchors (edges
// that text lines up on down the table) and the header band.
type Unruled struct {
	Box     Box      // the region: its text rows and the lines made of them
	Rows    []Box    // text rows (pieces sharing a baseline), top to bottom
	Anchors []Anchor // column anchors, left to right
	Header  Box      // the header band; zero when the table has none
	// Continued: the region was read in the columns of the table the page
	// before ended with.
	Continued bool `json:",omitempty"`
}

// Anchor is an x position text lines up on down an unruled table: the
// shared left edge of a column, its shared right edge (amounts), or the
// centre of a column whose text is neither (centred labels, short codes).
type Anchor struct {
	X    float64
	Kind AnchorKind
}

// AnchorKind says which edge of a column's text an Anchor is.
type AnchorKind uint8

const (
	AnchorCentre AnchorKind = iota // text centred in its column
	AnchorLeft                     // text starting at one x
	AnchorRight                    // text ending at one x
)

// Line is one visual row: a line of text, or a row of a table.
type Line struct {
	// Number is the line's position in its source: the 1-based line number
	// in a text file, or the order on the page for PDF and OCR.
	Number int
	Box    Box
	// Tabular is true when the reader found cell structure (tabs in text, a
	// ruling grid or column alignment in a PDF). A tabular line with a single
	// non-empty cell is still a table row.
	Tabular bool
	Cells   []Cell
}

// Cell is the text of one cell, or of a whole text line.
type Cell struct {
	Text string
	Box  Box
	// Conf is the recogniser's confidence in 0..1, or -1 when the text came
	// from a text layer or a text file and there is nothing to doubt.
	Conf float64
}

// Box is an axis-aligned rectangle in page space, Y growing downwards.
// Without geometry X0 is the cell index and Y0 the line number.
type Box struct {
	X0, Y0, X1, Y1 float64
}

// Rule is a ruling line of a table, horizontal or vertical.
type Rule struct {
	X0, Y0, X1, Y1 float64
}

// Text returns the cells of a line joined by single spaces, empty cells
// skipped: the line as a person would read it.
func (l Line) Text() string {
	out := ""
	for _, c := range l.Cells {
		if c.Text == "" {
			continue
		}
		if out != "" {
			out += " "
		}
		out += c.Text
	}
	return out
}

// Texts returns the raw text of every cell, empty ones included.
func (l Line) Texts() []string {
	out := make([]string, len(l.Cells))
	for i, c := range l.Cells {
		out[i] = c.Text
	}
	return out
}

// Blank reports whether the line has no text at all.
func (l Line) Blank() bool {
	for _, c := range l.Cells {
		if c.Text != "" {
			return false
		}
	}
	return true
}
