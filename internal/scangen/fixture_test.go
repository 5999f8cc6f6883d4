package scangen

import (
	"bytes"
	"os"
	"testing"
)

// TestFixture: the generator makes, byte for byte, the generated scan kept
// in fixtures/scan (document 6, its first table: 附件 3 under a red seal, a
// continuation page with no marker) and its truth. Made by
//
//	go run ./scripts/scangen -n 1 -first 6 -trim 1 -o DIR
//
// A change to the generator that changes its documents must make the
// fixture again, knowingly.
func TestFixture(t *testing.T) {
	if err := FontAvailable(); err != nil {
		t.Skip(err)
	}
	seedText, err := os.ReadFile("../../fixtures/000_40af54efeba53a7c.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := Vary(ParseSeed(string(seedText)), NewSpec(6).Trim(1))
	g, err := Generate(d)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile("../../fixtures/scan/gen-06-a03-sealed.pdf")
	if err != nil {
		t.Fatal(err)
	}
	txt, err := os.ReadFile("../../fixtures/scan/gen-06-a03-sealed.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(g.PDF, pdf) {
		t.Errorf("the generated PDF (%d bytes) differs from the fixture (%d bytes)", len(g.PDF), len(pdf))
	}
	if g.Text != string(txt) {
		t.Errorf("the generated text differs from the fixture:\n%s", g.Text)
	}
	if len(g.Pages[3]) < 2 {
		t.Errorf("附件 3 on pages %v: want it over a page break", g.Pages[3])
	}
}
