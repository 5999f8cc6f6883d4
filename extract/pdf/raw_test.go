package pdf

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/klippa-app/go-pdfium/requests"
)

// TestRawChars prints raw characters matching YUSUAN_RAW=file.pdf:page:chars
func TestRawChars(t *testing.T) {
	spec := os.Getenv("YUSUAN_RAW")
	if spec == "" {
		t.Skip()
	}
	p := strings.Split(spec, ":")
	page, _ := strconv.Atoi(p[1])
	r := testReader(t)
	in, _ := r.pool.GetInstance(5e9)
	defer in.Close()
	data, _ := os.ReadFile(p[0])
	doc, err := in.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		t.Fatal(err)
	}
	rp, err := extractPage(context.Background(), in, doc.Document, page-1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rp.Chars {
		if strings.ContainsRune(p[2], c.R) {
			fmt.Printf("%q box=(%.1f,%.1f,%.1f,%.1f) base=%.1f sp=%v real=%v\n", c.R, c.X0, c.Y0, c.X1, c.Y1, c.Base, c.SpaceBefore, c.RealSpace)
		}
	}
}
