package pipeline

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/validate"
)

// BenchmarkProcessSeed is one document through every stage, XLSX included.
func BenchmarkProcessSeed(b *testing.B) {
	dir := b.TempDir()
	opts := Options{Check: validate.Check, Export: export.Options{Version: "bench"}}
	for i := 0; b.Loop(); i++ {
		res := Process(context.Background(), Job{Input: goldenCases[0].input, OutDir: filepath.Join(dir, "d")}, opts)
		if res.Failed() {
			b.Fatal(res.Error)
		}
	}
}

// BenchmarkProcessSeedNoXLSX leaves the workbook out, to see its share.
func BenchmarkProcessSeedNoXLSX(b *testing.B) {
	dir := b.TempDir()
	opts := Options{Check: validate.Check, Export: export.Options{Version: "bench", NoXLSX: true}}
	for b.Loop() {
		res := Process(context.Background(), Job{Input: goldenCases[0].input, OutDir: filepath.Join(dir, "d")}, opts)
		if res.Failed() {
			b.Fatal(res.Error)
		}
	}
}
