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

// TestUnruledLines prints the text lines of a page and their segments:
// YUSUAN_LINES=file.pdf:page go test ./extract/pdf -run UnruledLines -v
func TestUnruledLines(t *testing.T) {
	spec := os.Getenv("YUSUAN_LINES")
	if spec == "" {
		t.Skip("set YUSUAN_LINES=file.pdf:page")
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
	s := DefaultSettings()
	var cs []rawChar
	for _, c := range rp.Chars {
		c.R = normalizeRune(c.R)
		cs = append(cs, c)
	}
	for _, l := range groupLines(cs, &s) {
		fmt.Printf("base=%6.1f y=%6.1f-%6.1f h=%4.1f |", l.base, l.Y0, l.Y1, l.height())
		for _, sg := range splitSegments(l, &s) {
			fmt.Printf(" [%.1f-%.1f %s]", sg.x0, sg.x1, lineText(sg.chars, &s, false))
		}
		fmt.Println()
	}
}

// TestUnruledDebug prints the columns and rows tabulate finds on a page:
// YUSUAN_UNRULED=file.pdf:page go test ./extract/pdf -run UnruledDebug -v
func TestUnruledDebug(t *testing.T) {
	spec := os.Getenv("YUSUAN_UNRULED")
	if spec == "" {
		t.Skip("set YUSUAN_UNRULED=file.pdf:page")
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
	s := DefaultSettings()
	debugUnruled = true
	defer func() { debugUnruled = false }()
	buildPage(rp, &s)
}
