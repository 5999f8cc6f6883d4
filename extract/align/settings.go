package align

// Settings are the tolerances of the unruled reading, as shares of the
// text height of a row (an em of the text layer: EmBoxes) unless said
// otherwise. Defaults suits the budget disclosures of the corpus.
type Settings struct {
	// Text rows: two pieces are on one row when their baselines differ by
	// at most this share of the smaller piece height; rows whose baselines
	// are as close sort left to right, as one line.
	LineOverlap float64
	// Word gap: a gap wider than this share of the font height between two
	// Latin or digit characters is a space.
	SpaceGap float64
	// A gap wider than this share of the line height splits a line into
	// column segments.
	ColumnGap float64
	// A line cut by gaps this wide (a share of the line height) into
	// NarrowMinPieces or more pieces without sentence punctuation is a
	// table row as well;
	// 0: only ColumnGap counts.
	NarrowColumnGap float64
	// Inside a table region: a gap wider than this share of the line
	// height splits cells.
	CellGap float64
	// Two amounts side by side are two cells when a gap wider than this
	// share of the line height parts them; 0: no such cut.
	AmountGap float64
	// A wrapped line's pitch may be up to WrapRowRatio times below the row
	// pitch when it is at most WrapTight line heights; 0: the row pitch
	// must be within RowPitchRatio wrap pitches.
	WrapTight    float64
	WrapRowRatio float64
	// Lines closer than this share of the line height are no wrapped lines
	// of one cell (labels at half-line offsets are not).
	WrapMinPitch float64
	// A gap up to this share of the line height holding a space character
	// of the PDF is a word space, never a column gap; 0: gaps are judged by
	// width alone.
	RealSpaceGap float64
	// OCR gives the settings for characters a recogniser read, whose boxes
	// are the height of their line's ink, not ems (Chars): they keep the
	// tolerances tuned on scans.
	OCR *Settings
	// Minimum consecutive lines of at least two segments.
	MinUnruledRows int
	// A line further below the previous one than this many line heights
	// ends the block.
	MaxRowGap float64

	// Text rows and spaces (textrows.go, em.go).

	// RowLookback: a piece (taken in baseline order) joins one of the
	// last this many rows made, those whose baselines are nearest.
	RowLookback int
	// MinHeight: a text height below this many points (a degenerate
	// box) counts as this many where gaps and rows are measured.
	MinHeight float64
	// SpacedWordGap: between two Latin or digit characters, a gap wider
	// than this share of the smaller character height is a space when a
	// space (of the source, or one the text layer put in) precedes the
	// second; SpaceGap is the width that is a space without one.
	SpacedWordGap float64
	// MixedSpaceGap: in a cell, a gap wider than this share of the
	// character height between a Latin or digit character and a CJK one
	// is a space when the PDF carries a space character there ("2025
	// 网络宣传").
	MixedSpaceGap float64
	// In running text (a line that is no cell), a gap between two CJK
	// characters is a space when wider than TextCJKGap character heights,
	// or than TextCJKSpaceGap when a space character fills it (their
	// letter spacing can be wide); between other characters TextGap and
	// TextSpaceGap do the same.
	TextCJKGap      float64
	TextCJKSpaceGap float64
	TextGap         float64
	TextSpaceGap    float64
	// EmBand: EmBoxes measures the em of a character that is not Han on
	// the Han characters of its baseline, baselines taken in bands of
	// this many points (its band and the two beside it).
	EmBand float64
	// EmptyHeight: the text height, in points, of a line without
	// characters (never measured on the page; a guard).
	EmptyHeight float64

	// Table regions (tables.go: read, region, stopLine; carry.go).

	// A line of a unit (单位：万元) shorter than UnitMaxRunes characters,
	// or a title of TitleMinRunes to TitleMaxRunes characters (spaces
	// aside), ends a table region.
	UnitMaxRunes  int
	TitleMinRunes int
	TitleMaxRunes int
	// NarrowMinPieces: a line cut by NarrowColumnGap into at least this
	// many pieces (and without sentence punctuation) is a table row.
	NarrowMinPieces int
	// A line of one segment is prose, not a cell, when it starts within
	// ProseIndent line heights of the table's left edge and runs across
	// at least ProseWidth of the table's width.
	ProseIndent float64
	ProseWidth  float64
	// TitleCentre: a one-segment line above a title whose centre is
	// within this many of the title's line heights of the title's centre
	// is centred like it (a department line) and goes with it, not with
	// the table the page before carried over.
	TitleCentre float64

	// Segments, column edges and wrapped lines (tables.go: fineSegments,
	// buildBlocks; support.go).

	// EdgeCutGap: a segment is cut at a column edge only in a gap at
	// least this share of its line height wide.
	EdgeCutGap float64
	// BaselineTol: characters (or segments of one line) whose baselines
	// differ by at most this share of the line height are on one
	// baseline; a larger step is a cell edge.
	BaselineTol float64
	// AlignTol: text edges within this many points line up (a left or
	// right edge other segments share, lines of one wrapped cell, a label
	// beside a wrapped cell).
	AlignTol float64
	// EdgeTol: a text edge within this many points of another edge (a
	// column's, or a strong edge of the body) stands on it.
	EdgeTol float64
	// MinEdgeTexts: an x is a column edge of a region when at least this
	// many segments start (or end) there.
	MinEdgeTexts int
	// PitchTol: two baseline distances within this many points are one
	// line pitch (wrapped lines of one cell; a row pitch must exceed the
	// wrap pitch by more).
	PitchTol float64
	// RowPitchRatio: a row pitch is at most this many wrap pitches (a line
	// plus the padding of two cells), unless WrapTight allows more.
	RowPitchRatio float64
	// SameLinePitch: a segment less than this share of its line height
	// below another is on the same line, never a line wrapped under it.
	SameLinePitch float64

	// Columns, cells and the header band (tables.go: findColumns,
	// placeBody, placeGroups, headerRows; carry.go).

	// WideBlock: a body block wider than this share of the region's
	// width (a cell merged over columns) does not make columns.
	WideBlock float64
	// AlignedPercent: a column is left (right) aligned when at least this
	// percentage of its body blocks start (end) on its edge.
	AlignedPercent int
	// CellPad: the padding, in points, between a cell's edge and the text
	// aligned to it (at most half the gap to the next column).
	CellPad float64
	// OuterPad: the table's first and last cell edges stand this many
	// points beyond its text.
	OuterPad float64
	// EdgeSlack: a cell edge estimated from a column's alignment may lie
	// this many points inside the text of either column beside it and
	// still count.
	EdgeSlack float64
	// CellInset: a merged body block goes to the cell its left edge,
	// moved this many points right, falls in.
	CellInset float64
	// LabelSlack: a header label may reach this many points past the
	// column text it stands over, or the run of cells it is centred on,
	// and the cell a label is centred in may overlap other text by as
	// much.
	LabelSlack float64
	// HeaderRowSpan: header labels whose centres are less than this many
	// line heights apart are in one header row (a label centred on two
	// rows sees the labels beside it).
	HeaderRowSpan float64
	// HeaderRowStep: a header label is a row below another when its first
	// baseline is more than this share of its line height below the
	// other's last.
	HeaderRowStep float64
	// HeaderCentre: a leaf label alone in its column whose centre is
	// within this share of its line height of the header's centre is
	// merged over every header row.
	HeaderCentre float64
	// A group label is centred over a run of columns when the centres are
	// within GroupCentrePt points or GroupCentre of its line height,
	// whichever is more.
	GroupCentrePt float64
	GroupCentre   float64

	// Body rows and the table out (bodyrows.go; tables.go: groupRows,
	// firstSpanned, tabulate, emitRows).

	// RowCentre: body blocks whose vertical centres (or first baselines)
	// differ by at most this share of the line height are in one row; a
	// block further from its row's median centre sits off it (a cell
	// merged over rows).
	RowCentre float64
	// MinPitchRows: a body needs this many rows before a row closer to
	// its neighbour than MergedRowPitch of their median pitch is judged a
	// merged cell's half-row offset.
	MinPitchRows   int
	MergedRowPitch float64
	// SpanCentre: a run of rows is centred on a block merged over them
	// when the centres are within this share of the block's line height.
	SpanCentre float64
	// A region is a table when at least MinTableRows of its rows, or one
	// row in TableRowShare, use two columns or more; else it is prose.
	MinTableRows  int
	TableRowShare int
	// RowOrderStep: a table row whose top is not below the row before is
	// moved this many points down, so that sorting lines by top keeps the
	// rows in order.
	RowOrderStep float64
}

// Defaults returns the tolerances for a PDF text layer, with OCR set to
// those for characters a recogniser read: the same but for ColumnGap,
// NarrowColumnGap, CellGap, AmountGap, RealSpaceGap, WrapTight and
// WrapMinPitch (boxes the height of a line's ink, not ems).
func Defaults() Settings {
	s := Settings{
		LineOverlap:     0.3,
		SpaceGap:        0.22,
		ColumnGap:       1.0,
		NarrowColumnGap: 0.38,
		CellGap:         0.35,
		AmountGap:       0.15,
		WrapTight:       1.45,
		WrapRowRatio:    2.5,
		WrapMinPitch:    0.95,
		RealSpaceGap:    0.6,
		MinUnruledRows:  3,
		MaxRowGap:       2.5,

		RowLookback:     4,
		MinHeight:       1,
		SpacedWordGap:   0.05,
		MixedSpaceGap:   0.1,
		TextCJKGap:      4,
		TextCJKSpaceGap: 0.25,
		TextGap:         1.0,
		TextSpaceGap:    0.1,
		EmBand:          2,
		EmptyHeight:     10,

		UnitMaxRunes:    60,
		TitleMinRunes:   3,
		TitleMaxRunes:   90,
		NarrowMinPieces: 3,
		ProseIndent:     2,
		ProseWidth:      0.5,
		TitleCentre:     2,

		EdgeCutGap:    0.15,
		BaselineTol:   0.1,
		AlignTol:      1,
		EdgeTol:       0.8,
		MinEdgeTexts:  3,
		PitchTol:      0.8,
		RowPitchRatio: 1.45,
		SameLinePitch: 0.6,

		WideBlock:      0.4,
		AlignedPercent: 80,
		CellPad:        2.5,
		OuterPad:       2,
		EdgeSlack:      0.5,
		CellInset:      1,
		LabelSlack:     1,
		HeaderRowSpan:  1.05,
		HeaderRowStep:  0.5,
		HeaderCentre:   0.3,
		GroupCentrePt:  4,
		GroupCentre:    0.5,

		RowCentre:      0.3,
		MinPitchRows:   3,
		MergedRowPitch: 0.7,
		SpanCentre:     0.5,
		MinTableRows:   3,
		TableRowShare:  3,
		RowOrderStep:   0.01,
	}
	o := s
	o.ColumnGap, o.NarrowColumnGap, o.CellGap, o.AmountGap, o.WrapTight, o.WrapMinPitch, o.RealSpaceGap = 1.6, 0, 0.55, 0, 0, 0.6, 0
	s.OCR = &o
	return s
}
