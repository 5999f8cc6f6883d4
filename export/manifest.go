package export

import (
	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/table"
)

// Manifest is manifest.json: everything a warehouse loader needs to create
// typed tables for a document's CSVs without guessing, and where each table
// came from. It holds no timestamps, so the same input always gives the same
// bytes.
type Manifest struct {
	Generator  string      `json:"generator"`
	Source     string      `json:"source"`
	SHA256     string      `json:"sha256"`
	InputKind  layout.Kind `json:"input_kind"`
	Pages      int         `json:"pages"`
	OCRPages   []int       `json:"ocr_pages"`
	Title      string      `json:"title"`
	Department string      `json:"department"`
	Year       int         `json:"year"`
	Unit       string      `json:"unit"`
	// Region is the region supplied for a document whose text names
	// none (-meta); Supplied the metadata supplied, as given.
	Region    string          `json:"region,omitempty"`
	Supplied  *table.Supplied `json:"supplied,omitempty"`
	Narrative []table.Section `json:"narrative"`
	Tables    []TableEntry    `json:"tables"`
	Findings  []table.Finding `json:"findings"`
	// Quality: pages claimed, amounts placed, tables expected and found,
	// findings by severity (package coverage); absent when not checked.
	Quality *table.Quality `json:"quality,omitempty"`
	Files   []FileEntry    `json:"files"`

	// Corrections are a person's corrections applied to the tables (package
	// correct), each with before, after and when; CorrectionsSHA256 is the
	// checksum of the corrections file they came from.
	Corrections       []table.Correction `json:"corrections,omitempty"`
	CorrectionsSHA256 string             `json:"corrections_sha256,omitempty"`
}

// TableEntry describes one table and its CSV.
type TableEntry struct {
	ID         string         `json:"id"`
	Attachment int            `json:"attachment"`
	Part       string         `json:"part,omitempty"`
	Kind       string         `json:"kind"`
	Title      string         `json:"title"`
	Department string         `json:"department,omitempty"`
	Unit       string         `json:"unit"`
	Pages      []int          `json:"pages"`
	Lines      [2]int         `json:"lines"`
	CSV        string         `json:"csv"`
	Rows       int            `json:"rows"`
	Columns    []table.Column `json:"columns"`
	Header     [][]string     `json:"header"`
	// RowLines is the source line of each body row, in CSV order;
	// TotalRows the 1-based numbers of its 合计/总计/小计 rows. A dataset
	// build reads them for row_number joins and is_total.
	RowLines  []int `json:"row_lines"`
	TotalRows []int `json:"total_rows"`
}

// FileEntry is a written file with its checksum.
type FileEntry struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int    `json:"bytes"`
}

// NewManifest describes doc; CSV names and files are filled in by Write.
func NewManifest(doc *table.Document, version string) *Manifest {
	m := &Manifest{
		Generator:  "yusuan " + version,
		Source:     doc.Source,
		SHA256:     doc.SHA256,
		InputKind:  doc.InputKind,
		Pages:      doc.Pages,
		OCRPages:   doc.OCRPages,
		Title:      doc.Title,
		Department: doc.Department,
		Year:       doc.Year,
		Unit:       doc.Unit,
		Region:     doc.Region,
		Supplied:   doc.Supplied,
		Narrative:  doc.Narrative,
		Findings:   FindingRows(doc),
		Quality:    doc.Quality,
		Tables:     make([]TableEntry, len(doc.Tables)),
		Files:      []FileEntry{},
	}
	m.Corrections, m.CorrectionsSHA256 = doc.Corrections, doc.CorrectionsSHA256
	if m.OCRPages == nil {
		m.OCRPages = []int{}
	}
	if m.Narrative == nil {
		m.Narrative = []table.Section{}
	}
	if m.Findings == nil {
		m.Findings = []table.Finding{}
	}
	for i, t := range doc.Tables {
		m.Tables[i] = TableEntry{
			ID: t.ID, Attachment: t.Attachment, Part: t.Part, Kind: t.Kind, Title: t.Title,
			Department: t.Department, Unit: t.Unit, Pages: t.Pages, Lines: t.Lines,
			CSV: CSVName(t), Rows: len(t.Rows), Columns: t.Columns, Header: t.Header,
			RowLines: make([]int, len(t.Rows)), TotalRows: []int{},
		}
		for j, r := range t.Rows {
			m.Tables[i].RowLines[j] = r.Line
			if r.Total {
				m.Tables[i].TotalRows = append(m.Tables[i].TotalRows, j+1)
			}
		}
	}
	return m
}

// FindingRows returns the document's findings, each with Row set to the
// number of the body row it names: the row of its table at its source
// line (a finding without a table or line, or whose line is no row's,
// keeps the Row it has). doc.Findings is not changed.
func FindingRows(doc *table.Document) []table.Finding {
	if doc.Findings == nil {
		return nil
	}
	byID := map[string]*table.Table{}
	for _, t := range doc.Tables {
		if t != nil {
			byID[t.ID] = t
		}
	}
	out := make([]table.Finding, len(doc.Findings))
	for i, f := range doc.Findings {
		out[i] = f
		t := byID[f.Table]
		if t == nil || f.Line == 0 || f.Row != 0 {
			continue
		}
		first := 0 // the first row at the line, if none has the code
		for j, r := range t.Rows {
			if r.Line != f.Line {
				continue
			}
			if first == 0 {
				first = j + 1
			}
			if f.RowCode == "" || rowHasText(t, j, f.RowCode) {
				out[i].Row = j + 1
				break
			}
		}
		if out[i].Row == 0 {
			out[i].Row = first
		}
	}
	return out
}

// rowHasText reports whether a cell of row j reads s.
func rowHasText(t *table.Table, j int, s string) bool {
	for _, c := range t.Rows[j].Cells {
		if c.Text == s {
			return true
		}
	}
	return false
}

func (m *Manifest) addFile(name string, data []byte) {
	m.Files = append(m.Files, FileEntry{Path: name, SHA256: sha(data), Bytes: len(data)})
}
