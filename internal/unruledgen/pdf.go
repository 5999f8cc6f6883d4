package unruledgen

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// Piece is one run of text placed on a page: its left end at X, its
// baseline at Base (points from the page's top), at Size points.
type Piece struct {
	Text    string
	X, Base float64
	Size    float64
	// Clip, when not empty, is the box the piece is clipped to (a cell's
	// rectangle: X0, Y0 top left, X1, Y1 bottom right, points from the top).
	Clip Rule
}

// Page is a printed page: its size in points, the text on it, and the
// ruling lines drawn (internal/ruledgen; none for unruled tables).
type Page struct {
	W, H   float64
	Pieces []Piece
	Rules  []Rule
}

// Rule is a ruling line from (X0, Y0) to (X1, Y1), points from the page's
// top left.
type Rule struct{ X0, Y0, X1, Y1 float64 }

// Metrics says how the font descriptor states vertical metrics.
type Metrics int

const (
	// FontMetrics writes the font's own ascent and descent.
	FontMetrics Metrics = iota
	// ZeroMetrics writes ascent and descent 0 with the font's bounding box,
	// as LibreOffice does for its subset fonts.
	ZeroMetrics
)

// WritePDF writes pages as a PDF with one Type0 font (Identity-H, one CID
// per distinct character, widths from ft, a ToUnicode map, the font not
// embedded).
func WritePDF(pages []Page, ft *Font, m Metrics) []byte {
	// CIDs: cidBase.. in order of first use. Codes below 256 are avoided:
	// PDFium takes code 32 of any font for a space and drops its
	// character from the text layer (pdftotext keeps it).
	const cidBase = 0x100
	cid := map[rune]int{}
	var runes []rune
	for _, p := range pages {
		for _, pc := range p.Pieces {
			for _, r := range pc.Text {
				if _, ok := cid[r]; !ok {
					runes = append(runes, r)
					cid[r] = cidBase + len(runes) - 1
				}
			}
		}
	}
	var objs []string // object bodies, object n = index+1
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	stream := func(dict string, data string) string {
		return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
	}
	catalog := add("")
	pagesObj := add("")
	// font
	var w strings.Builder
	w.WriteString("[")
	for i, r := range runes {
		_, a, ok := ft.Glyph(r)
		if !ok {
			_, a, _ = ft.Glyph('?')
		}
		fmt.Fprintf(&w, " %d [%g]", cidBase+i, round2(a))
	}
	w.WriteString(" ]")
	var tu strings.Builder
	tu.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(runes); i += 100 {
		j := min(i+100, len(runes))
		fmt.Fprintf(&tu, "%d beginbfchar\n", j-i)
		for k := i; k < j; k++ {
			fmt.Fprintf(&tu, "<%04X> <%s>\n", cidBase+k, utf16Hex(runes[k]))
		}
		tu.WriteString("endbfchar\n")
	}
	tu.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	toUni := add(stream("", tu.String()))
	asc, desc := round2(ft.Ascent), round2(ft.Descent)
	if m == ZeroMetrics {
		asc, desc = 0, 0
	}
	// The font is not embedded, so PDFium substitutes one by name; for a
	// name it does not know (UMingCN) its substitute's glyph widths widen the
	// character boxes of digits and some characters (出) vanish from the text
	// layer. An embedded font, as every office suite writes, has neither
	// problem, so the fonts are named as one PDFium knows: the widths and
	// metrics stay the printing font's.
	name := "NotoSansCJKsc-Regular"
	desc0 := add(fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%g %g %g %g] /ItalicAngle 0 /Ascent %g /Descent %g /CapHeight %g /StemV 80 >>",
		name, round2(ft.BBox[0]), round2(ft.BBox[1]), round2(ft.BBox[2]), round2(ft.BBox[3]), asc, desc, asc))
	cidFont := add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /W %s /CIDToGIDMap /Identity >>", name, desc0, w.String()))
	font := add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", name, cidFont, toUni))
	var kids []string
	for _, p := range pages {
		var c strings.Builder
		ps := append([]Piece(nil), p.Pieces...)
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Base < ps[j].Base })
		for _, pc := range ps {
			clip := pc.Clip != (Rule{})
			if clip {
				fmt.Fprintf(&c, "q %.2f %.2f %.2f %.2f re W n\n", pc.Clip.X0, p.H-pc.Clip.Y1, pc.Clip.X1-pc.Clip.X0, pc.Clip.Y1-pc.Clip.Y0)
			}
			fmt.Fprintf(&c, "BT /F1 %g Tf 1 0 0 1 %.2f %.2f Tm <", pc.Size, pc.X, p.H-pc.Base)
			for _, r := range pc.Text {
				fmt.Fprintf(&c, "%04X", cid[r])
			}
			c.WriteString("> Tj ET\n")
			if clip {
				c.WriteString("Q\n")
			}
		}
		for _, r := range p.Rules {
			fmt.Fprintf(&c, "0.5 w %.2f %.2f m %.2f %.2f l S\n", r.X0, p.H-r.Y0, r.X1, p.H-r.Y1)
		}
		content := add(stream("", c.String()))
		page := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", pagesObj, p.W, p.H, font, content))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, x)
	return b.Bytes()
}

func round2(v float64) float64 { return float64(int64(v*100+0.5*sign(v))) / 100 }

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

func utf16Hex(r rune) string {
	if r < 0x10000 {
		return fmt.Sprintf("%04X", r)
	}
	r -= 0x10000
	return fmt.Sprintf("%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
}
