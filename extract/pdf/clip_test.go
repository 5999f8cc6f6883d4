package pdf

import (
	"context"
	"fmt"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// Jiangsu page 12 (政府采购预算表): the header cell "采购组织形式" is too
// narrow, its 式 wraps to a second line below the cell, where the PDF clips
// it away (a viewer shows a sliver of its top at most). It is not read: the
// header reads as the viewer shows it, and 式 is not in the 合计 row.
func TestClippedTextNotRead(t *testing.T) {
	d := readCorpus(t, "jiangsu-shengweibangongting-2019-budget-tables.pdf")
	p := page(t, d, 12)
	for _, want := range [][]string{
		{"采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形", "总计"},
		{"合计", "", "", "", "", "1,422.50"},
	} {
		if !hasRow(p, want) {
			dumpPage(t, p)
			t.Errorf("page 12: no row %q", want)
		}
	}
	for _, l := range p.Lines {
		for _, s := range l.Texts() {
			if s == "式" {
				t.Errorf("page 12 line %d: clipped 式 read: %q", l.Number, l.Texts())
			}
		}
	}
}

// Text repeated on every page a spreadsheet cell spans, clipped to that
// page's part, is read where it shows only.
func TestClippedTextAcrossPages(t *testing.T) {
	bj := page(t, readCorpus(t, "beijing-shenjiju-2026-budget-tables.pdf"), 21)
	for _, l := range bj.Lines {
		if strings.Contains(strings.Join(l.Texts(), ""), "整体绩效目标") {
			t.Errorf("beijing page 21 line %d: clipped 整体绩效目标 read: %q", l.Number, l.Texts())
		}
	}
	sh := readCorpus(t, "shanghai-putuo-sifaju-2026-budget.pdf")
	for _, c := range []struct {
		page       int
		shown, not string
	}{
		{4, "负责本区律师、法律援助、司法鉴定、公证和基层法律服务等管理工作。", "（八）负责本系统警车管理工作"},
		{5, "（八）负责本系统警车管理工作", "（七）负责推进本区公共法律服务体系建设"},
	} {
		p := page(t, sh, c.page)
		var text strings.Builder
		for _, l := range p.Lines {
			text.WriteString(strings.Join(l.Texts(), "") + "\n")
		}
		if !strings.Contains(text.String(), c.shown) {
			t.Errorf("shanghai page %d: no %q", c.page, c.shown)
		}
		if strings.Contains(text.String(), c.not) {
			t.Errorf("shanghai page %d: clipped %q read", c.page, c.not)
		}
	}
}

// The direct calls and go-pdfium find the same one clipped character on
// the Jiangsu page (TestDirectCallsMatchGoPdfium compares every page; this
// makes sure that comparison covers a clipped character).
func TestClippedCharBothWays(t *testing.T) {
	ctx := context.Background()
	w, g := bothAPIs(t)
	data, err := os.ReadFile(corpus + "jiangsu-shengweibangongting-2019-budget-tables.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for _, api := range []pdfAPI{w, g} {
		doc, err := api.openDocument(data)
		if err != nil {
			t.Fatal(err)
		}
		rp, err := readPage(ctx, api, doc, 11)
		api.closeDocument(doc)
		if err != nil {
			t.Fatal(err)
		}
		var clipped []rawChar
		for _, c := range rp.Chars {
			if c.Clipped {
				clipped = append(clipped, c)
			}
		}
		// 式 sits at x 625–642 below the header row's bottom rule (y ≈ 102).
		if len(clipped) != 1 || clipped[0].R != '式' || clipped[0].X0 < 620 || clipped[0].X1 > 650 || clipped[0].Y0 < 100 {
			t.Errorf("%T: clipped characters %+v, want the one 式 below the header", api, clipped)
		}
	}
}

func TestAffineInverse(t *testing.T) {
	m := affine{a: 2, b: 0.5, c: -1, d: 3, e: 10, f: -4}
	inv, ok := m.inverse()
	if !ok {
		t.Fatal("not invertible")
	}
	id := m.then(inv)
	for i, v := range []float64{id.a - 1, id.b, id.c, id.d - 1, id.e, id.f} {
		if math.Abs(v) > 1e-12 {
			t.Errorf("m then m⁻¹: component %d off by %g (%+v)", i, v, id)
		}
	}
	if _, ok := (affine{a: 1, b: 2, c: 2, d: 4}).inverse(); ok {
		t.Error("singular matrix inverted")
	}
}

// formClipPDF is a 200×200 page drawing a form scaled ×2 and moved to
// (10, 50); inside the form, text under a clip of x 0–80, y 0–20 (form
// units): "AB" inside it, "CD" below it, "GHIJKLMN" from x 62 across its
// right edge (G–K have their centres inside, L–N outside: they run on past
// the clip's right side on a line whose start shows, so they are read, drawn
// just inside it, as a code one digit wider than its cell is). Page-level
// "EF" with no clip is shown.
func formClipPDF() []byte {
	form := "q 0 0 80 20 re W n BT /F1 6 Tf 2 4 Td (AB) Tj 0 -15 Td (CD) Tj 60 15 Td (GHIJKLMN) Tj ET Q"
	page := "q 2 0 0 2 10 50 cm /Fm1 Do Q BT /F1 10 Tf 20 180 Td (EF) Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 4 0 R >> /XObject << /Fm1 5 0 R >> >> /Contents 6 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /Font << /F1 4 0 R >> >> /Length " + strconv.Itoa(len(form)) + " >>\nstream\n" + form + "\nendstream",
		"<< /Length " + strconv.Itoa(len(page)) + " >>\nstream\n" + page + "\nendstream",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

// A clip in a form is in form space: the form matrix takes it to the page.
func TestClippedTextInForm(t *testing.T) {
	ctx := context.Background()
	w, g := bothAPIs(t)
	data := formClipPDF()
	var pages []*rawPage
	for _, api := range []pdfAPI{w, g} {
		doc, err := api.openDocument(data)
		if err != nil {
			t.Fatal(err)
		}
		rp, err := readPage(ctx, api, doc, 0)
		api.closeDocument(doc)
		if err != nil {
			t.Fatal(err)
		}
		var shown, clipped string
		for _, c := range rp.Chars {
			if c.Clipped {
				clipped += string(c.R)
			} else {
				shown += string(c.R)
			}
		}
		if shown != "ABGHIJKLMNEF" || clipped != "CD" {
			for _, c := range rp.Chars {
				t.Logf("%q (%.1f,%.1f,%.1f,%.1f) clipped=%v", c.R, c.X0, c.Y0, c.X1, c.Y1, c.Clipped)
			}
			t.Errorf("%T: shown %q clipped %q, want ABGHIJKLMNEF and CD", api, shown, clipped)
		}
		pages = append(pages, rp)
	}
	if len(pages) == 2 && !reflect.DeepEqual(pages[0], pages[1]) {
		t.Error("direct calls and go-pdfium read the page differently")
	}
}
