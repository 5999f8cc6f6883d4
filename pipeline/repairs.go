package pipeline

import (
	"fmt"

	"github.com/yusuan-data/yusuan/segment"
	"github.com/yusuan-data/yusuan/table"
)

// repairFindings reports what segmenting the recognised pages of a scan
// changed or inferred (segment.Repair): a marker or title read as what it
// nearly says, an 附件 number taken from the evidence rather than the
// marker. Each is a warning on the table it concerns: the structure of that
// table rests on a reading a person should check.
func repairFindings(doc *table.Document, repairs []segment.Repair) []table.Finding {
	var out []table.Finding
	for _, r := range repairs {
		f := table.Finding{Severity: table.Warning, Rule: r.Rule, Document: doc.Source, Pages: []int{r.Page}, Line: r.Line,
			Table: repairTable(doc, r), Found: r.Read, Expected: r.As, Message: r.Message}
		if f.Message == "" {
			f.Message = fmt.Sprintf("page %d: %q read as %q", r.Page, r.Read, r.As)
		}
		out = append(out, f)
	}
	return out
}

// repairTable is the id of the table a repair concerns: the table of its
// 附件 on its page.
func repairTable(doc *table.Document, r segment.Repair) string {
	for _, t := range doc.Tables {
		if t.Attachment != r.Attachment {
			continue
		}
		for _, p := range t.Pages {
			if p == r.Page {
				return t.ID
			}
		}
	}
	for _, t := range doc.Tables {
		if t.Attachment == r.Attachment && r.Attachment > 0 {
			return t.ID
		}
	}
	return ""
}
