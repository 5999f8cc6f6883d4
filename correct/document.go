package correct

import "github.com/yusuan-data/yusuan/table"

// Document applies the corrections kept in dir for doc (by doc.SHA256), if
// it has any. A corrections file that cannot be read is an error finding
// (correction.unreadable) and nothing of it is applied: the document comes
// out as read, and says so.
func Document(dir string, doc *table.Document) *Result {
	f, sum, err := Load(dir, doc.SHA256)
	if err != nil {
		doc.Findings = append(doc.Findings, table.Finding{
			Severity: table.Error, Rule: "correction.unreadable", Document: doc.Source,
			Message: err.Error() + "; no correction was applied",
		})
		return nil
	}
	doc.CorrectionsSHA256 = sum
	return Apply(doc, f)
}
