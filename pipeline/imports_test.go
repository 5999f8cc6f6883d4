package pipeline

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The pipeline schedules documents, the reader its own engines: pipeline
// imports extract alone, never a reader's package (extract/pdf's
// OneInstance and Assist are reached through extract.InBatch and
// extract.Reader.Assist).
func TestImportsExtractAlone(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if strings.HasPrefix(p, "github.com/yusuan-data/yusuan/extract/") {
				t.Errorf("%s imports %s: go through package extract", f, p)
			}
		}
	}
}
