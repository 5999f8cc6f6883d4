package pdf

import (
	"context"
	"testing"
)

// BenchmarkRead reads one corpus PDF (21 pages, WPS, ruled tables) per iteration.
func BenchmarkRead(b *testing.B) {
	r := testReader(b)
	path := "../../fixtures/pdf/corpus/beijing-shenjiju-2026-budget-tables.pdf"
	pages := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc, err := r.Read(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		pages += len(doc.Pages)
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
