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

// specPage reads the page a debugging test is told to look at: env holds
// "file.pdf:page" (and maybe more fields, returned after the page's). The
// test is skipped when env is unset.
func specPage(t *testing.T, env string) (*rawPage, []string) {
	t.Helper()
	spec := os.Getenv(env)
	if spec == "" {
		t.Skipf("set %s=file.pdf:page", env)
	}
	p := strings.Split(spec, ":")
	if len(p) < 2 {
		t.Fatalf("%s=%q: want file.pdf:page", env, spec)
	}
	page, _ := strconv.Atoi(p[1])
	r := testReader(t)
	in, err := r.pool.GetInstance(5e9)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	data, err := os.ReadFile(p[0])
	if err != nil {
		t.Fatal(err)
	}
	doc, err := in.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		t.Fatal(err)
	}
	defer in.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	rp, err := extractPage(context.Background(), in, doc.Document, page-1)
	if err != nil {
		t.Fatal(err)
	}
	return rp, p[2:]
}

// TestRawChars prints raw characters matching YUSUAN_RAW=file.pdf:page:chars
func TestRawChars(t *testing.T) {
	rp, rest := specPage(t, "YUSUAN_RAW")
	chars := ""
	if len(rest) > 0 {
		chars = rest[0]
	}
	for _, c := range rp.Chars {
		if strings.ContainsRune(chars, c.R) {
			fmt.Printf("%q box=(%.1f,%.1f,%.1f,%.1f) base=%.1f sp=%v real=%v\n", c.R, c.X0, c.Y0, c.X1, c.Y1, c.Base, c.SpaceBefore, c.RealSpace)
		}
	}
}
