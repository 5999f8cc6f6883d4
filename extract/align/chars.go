package align

import (
	"math"

	"github.com/yusuan-data/yusuan/layout"
)

// Char is one positioned character that did not come from a PDF text
// layer: what a recogniser read on a page image. Boxes are in points of
// the page, Y down, as the text layer's are. A recogniser sees ink, not
// fonts, so the box is made to look like a text layer's loose box: the
// character's share of its word's ink width, the full text height of its
// line (one Y0, Y1 and Base for the characters of one run of text), so
// that alignment is judged on the same terms.
type Char struct {
	R              rune
	X0, Y0, X1, Y1 float64
	Base           float64 // baseline
	// WordStart: the recogniser began a new word here (a space, or the
	// first character of a piece of the line).
	WordStart bool
	// Conf is the recogniser's confidence in 0..1; -1 when unknown.
	Conf float64
}

// Chars lays out characters that no ruled grid took, exactly as
// the text layer of a page is laid out: lines by baseline (Rows),
// then runs of lines whose text stands in aligned columns become table
// rows (unruled: columns from shared left/right edges, wrapped cell
// blocks, header labels centred over their span, rows by vertical
// centres); the rest are plain lines. One layout logic serves both
// sources, so a table typeset without rules reads the same from a scan as
// from its PDF.
//
// Each cell's Conf is the lowest Conf of the characters that lie in it (a
// cell is as doubtful as its worst character), -1 when none carries one.
func Chars(chars []Char) []layout.Line {
	lines, _ := ReadChars(chars)
	return lines
}

// ReadChars is Chars that also gives how the tables without rules were
// read (Result.Unruled), for the page's picture.
func ReadChars(chars []Char) ([]layout.Line, []layout.Unruled) {
	s := *Defaults().OCR
	raw := make([]Piece, len(chars))
	for i, c := range chars {
		raw[i] = Piece{R: c.R, X0: c.X0, Y0: c.Y0, X1: c.X1, Y1: c.Y1, Base: c.Base,
			SpaceBefore: c.WordStart, RealSpace: c.WordStart}
	}
	res := Read(Rows(raw, &s), &s, nil)
	lines := res.Lines
	for i := range lines {
		setConf(&lines[i], chars)
	}
	return lines, res.Unruled()
}

// setConf gives each cell of a line with text the lowest confidence of
// the characters whose centre lies in its box. Text laid out in a cell it
// does not stand in (a header label centred over several columns, given to
// the first) takes the lowest confidence of its row instead.
func setConf(l *layout.Line, chars []Char) {
	row := confIn(chars, layout.Box{X0: math.Inf(-1), Y0: l.Box.Y0, X1: math.Inf(1), Y1: l.Box.Y1})
	for j := range l.Cells {
		c := &l.Cells[j]
		if c.Text == "" {
			continue
		}
		box := c.Box
		if !l.Tabular {
			box = l.Box
		}
		c.Conf = confIn(chars, layout.Box{X0: box.X0, Y0: l.Box.Y0, X1: box.X1, Y1: l.Box.Y1})
		if c.Conf < 0 {
			c.Conf = row
		}
	}
}

// confIn is the lowest known confidence of the characters centred in box;
// -1 when there is none.
func confIn(chars []Char, box layout.Box) float64 {
	conf := math.Inf(1)
	for _, c := range chars {
		x, y := (c.X0+c.X1)/2, (c.Y0+c.Y1)/2
		if c.Conf >= 0 && x >= box.X0 && x <= box.X1 && y >= box.Y0 && y <= box.Y1 {
			conf = math.Min(conf, c.Conf)
		}
	}
	if math.IsInf(conf, 1) {
		return -1
	}
	return conf
}
