package serve

import (
	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/vocab"
)

// view is what the page draws of a document beyond its manifest: every
// table's rows with the page and source line each was read from, and the
// geometry of each page (its lines and cells, the doubted ones marked), so
// a finding can be shown on the page where its row was read.
type view struct {
	Geometry bool            `json:"geometry"` // false for a text export: no page to draw
	Pages    []viewPage      `json:"pages"`
	Tables   []viewTable     `json:"tables"`
	Findings []table.Finding `json:"findings"`
}

type viewPage struct {
	Number int        `json:"number"`
	Width  float64    `json:"width"`
	Height float64    `json:"height"`
	OCR    bool       `json:"ocr,omitempty"`
	Lines  []viewLine `json:"lines"`
}

type viewLine struct {
	Number  int        `json:"n"`
	Box     [4]float64 `json:"box"`
	Tabular bool       `json:"tab,omitempty"`
	Cells   []viewCell `json:"cells"`
}

type viewCell struct {
	Text  string     `json:"t"`
	Box   [4]float64 `json:"box"`
	Doubt bool       `json:"doubt,omitempty"` // read by OCR with low confidence
}

type viewTable struct {
	ID         string         `json:"id"`
	Attachment int            `json:"attachment"`
	Part       string         `json:"part,omitempty"`
	Kind       string         `json:"kind"`
	Title      string         `json:"title"`
	Unit       string         `json:"unit"`
	Pages      []int          `json:"pages"`
	Columns    []table.Column `json:"columns"`
	Header     [][]string     `json:"header"`
	Rows       []viewRow      `json:"rows"`
}

type viewRow struct {
	Page  int      `json:"page"`
	Line  int      `json:"line"`
	Total bool     `json:"total,omitempty"`
	Cells []string `json:"cells"`
}

func box(b layout.Box) [4]float64 { return [4]float64{b.X0, b.Y0, b.X1, b.Y1} }

// geometry keeps of a read document what the page draws.
func geometry(ld *layout.Document) []viewPage {
	if !ld.Geometry {
		return nil
	}
	out := make([]viewPage, 0, len(ld.Pages))
	for _, p := range ld.Pages {
		vp := viewPage{Number: p.Number, Width: p.Width, Height: p.Height, OCR: p.OCR, Lines: make([]viewLine, 0, len(p.Lines))}
		for _, l := range p.Lines {
			vl := viewLine{Number: l.Number, Box: box(l.Box), Tabular: l.Tabular, Cells: make([]viewCell, 0, len(l.Cells))}
			for _, c := range l.Cells {
				vl.Cells = append(vl.Cells, viewCell{Text: c.Text, Box: box(c.Box), Doubt: c.Conf >= 0 && c.Conf < vocab.DoubtBelow})
			}
			vp.Lines = append(vp.Lines, vl)
		}
		out = append(out, vp)
	}
	return out
}

func viewTables(doc *table.Document) []viewTable {
	out := make([]viewTable, 0, len(doc.Tables))
	for _, t := range doc.Tables {
		vt := viewTable{ID: t.ID, Attachment: t.Attachment, Part: t.Part, Kind: t.Kind, Title: t.Title, Unit: t.Unit,
			Pages: t.Pages, Columns: t.Columns, Header: t.Header, Rows: make([]viewRow, len(t.Rows))}
		for i, r := range t.Rows {
			cells := make([]string, len(t.Columns))
			for j := range cells {
				if j < len(r.Cells) {
					cells[j] = r.Cells[j].Text
				}
			}
			vt.Rows[i] = viewRow{Page: r.Page, Line: r.Line, Total: r.Total, Cells: cells}
		}
		out = append(out, vt)
	}
	return out
}
