package serve

import (
	"testing"

	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/table"
)

// The page draws doubted cells apart: a recognised cell under the doubt
// threshold is marked, a text layer's cell (confidence -1) never.
func TestGeometryMarksDoubts(t *testing.T) {
	ld := &layout.Document{Geometry: true, Pages: []layout.Page{{Number: 1, Width: 595, Height: 842, OCR: true, Lines: []layout.Line{
		{Number: 3, Tabular: true, Box: layout.Box{X0: 10, Y0: 20, X1: 500, Y1: 32}, Cells: []layout.Cell{
			{Text: "201", Conf: 0.95, Box: layout.Box{X0: 10, Y0: 20, X1: 60, Y1: 32}},
			{Text: "4O2.21", Conf: 0.31, Box: layout.Box{X0: 400, Y0: 20, X1: 500, Y1: 32}},
			{Text: "合计", Conf: -1},
		}},
	}}}}
	pages := geometry(ld)
	if len(pages) != 1 || pages[0].Width != 595 || !pages[0].OCR || len(pages[0].Lines) != 1 {
		t.Fatalf("geometry %+v", pages)
	}
	cells := pages[0].Lines[0].Cells
	if cells[0].Doubt || !cells[1].Doubt || cells[2].Doubt || cells[1].Box != [4]float64{400, 20, 500, 32} {
		t.Fatalf("cells %+v", cells)
	}
	if geometry(&layout.Document{Geometry: false, Pages: ld.Pages}) != nil {
		t.Fatal("a text export has geometry")
	}
}

// A short row is padded to the table's columns, so the page can index any
// cell by column.
func TestViewTablesPadRows(t *testing.T) {
	doc := &table.Document{Tables: []*table.Table{{ID: "a02", Columns: []table.Column{{Name: "subject_code"}, {Name: "total"}},
		Rows: []table.Row{{Page: 6, Line: 5, Total: true, Cells: []table.Value{{Text: "合计"}}}}}}}
	v := viewTables(doc)
	if len(v) != 1 || len(v[0].Rows[0].Cells) != 2 || v[0].Rows[0].Cells[0] != "合计" || !v[0].Rows[0].Total || v[0].Rows[0].Page != 6 {
		t.Fatalf("%+v", v)
	}
}
