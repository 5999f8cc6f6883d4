// Package unruledgen prints budget tables without ruling lines (stream
// tables) as PDFs, with the truth beside them: the same document as a
// tab-separated text export, which the text path reads exactly. Tests read
// both and compare the tables cell by cell.
//
// The PDFs are written directly (no office suite): each text run is placed
// with the advance widths of a real Debian CJK font (Noto Serif/Sans CJK SC,
// WenQuanYi Zen Hei, AR PL UMing), so columns line up exactly as a word
// processor using that font lines them up. The font program is not
// embedded: a reader of the text layer takes character boxes from the
// widths (/W) and the font descriptor's ascent and descent, never from the
// glyphs. The descriptor is written either with the font's own vertical
// metrics or, as LibreOffice writes its subset fonts, with ascent and
// descent 0 and the font's bounding box, which leaves the reader to guess
// the box height (PDFium then takes the whole bounding box: boxes 2–3 em
// tall). Both occur in the documents yusuan reads.
package unruledgen

import (
	"encoding/binary"
	"fmt"
	"os"
	"strings"
	"unicode/utf16"
)

// FontSpec names a Debian font file and the face in it.
type FontSpec struct {
	Name    string // short name used in reports: noto-serif, noto-sans, wqy, uming
	Path    string
	Family  string // the face's family name, to pick it out of a collection
	Package string // the Debian package that installs Path
}

// Fonts are the CJK fonts the generator prints with.
var Fonts = []FontSpec{
	{"noto-serif", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "fonts-noto-cjk"},
	{"noto-sans", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "fonts-noto-cjk"},
	{"wqy", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "WenQuanYi Zen Hei", "fonts-wqy-zenhei"},
	{"uming", "/usr/share/fonts/truetype/arphic/uming.ttc", "AR PL UMing CN", "fonts-arphic-uming"},
}

// Font holds what printing needs of a face: glyph ids and advance widths,
// vertical metrics and bounding box, all per 1000 em.
type Font struct {
	Spec            FontSpec
	PSName          string
	Ascent, Descent float64 // hhea metrics, descent negative
	BBox            [4]float64
	upem            float64
	cmap            map[rune]uint16
	advs            []float64 // per glyph id, per 1000 em
}

// LoadFont opens the face of spec from its collection (or single font);
// the error names the file and the package that installs it.
func LoadFont(spec FontSpec) (*Font, error) {
	data, err := os.ReadFile(spec.Path)
	if err != nil {
		return nil, fmt.Errorf("font %s: %v (Debian package %s)", spec.Name, err, spec.Package)
	}
	bad := func(what string) error { return fmt.Errorf("font %s: %s: %s", spec.Name, spec.Path, what) }
	if len(data) < 12 {
		return nil, bad("too short")
	}
	offsets := []uint32{0}
	if string(data[:4]) == "ttcf" {
		n := int(be32(data, 8))
		offsets = offsets[:0]
		for i := 0; i < n && 12+4*i+4 <= len(data); i++ {
			offsets = append(offsets, be32(data, 12+4*i))
		}
	}
	var fams []string
	for _, off := range offsets {
		tabs, err := tables(data, int(off))
		if err != nil {
			return nil, bad(err.Error())
		}
		fam, ps := names(tabs["name"])
		fams = append(fams, fam)
		if fam != spec.Family {
			continue
		}
		ft := &Font{Spec: spec, PSName: strings.ReplaceAll(ps, " ", "")}
		if err := ft.parse(tabs); err != nil {
			return nil, bad(err.Error())
		}
		return ft, nil
	}
	return nil, bad(fmt.Sprintf("no face %q (faces: %s)", spec.Family, strings.Join(fams, ", ")))
}

func be16(b []byte, i int) uint16 { return binary.BigEndian.Uint16(b[i:]) }
func be32(b []byte, i int) uint32 { return binary.BigEndian.Uint32(b[i:]) }

// tables reads the table directory of the font at off.
func tables(data []byte, off int) (map[string][]byte, error) {
	if off+12 > len(data) {
		return nil, fmt.Errorf("table directory at %d out of file", off)
	}
	n := int(be16(data, off+4))
	out := map[string][]byte{}
	for i := 0; i < n; i++ {
		r := off + 12 + 16*i
		if r+16 > len(data) {
			return nil, fmt.Errorf("table record %d out of file", i)
		}
		o, l := int(be32(data, r+8)), int(be32(data, r+12))
		if o+l > len(data) {
			return nil, fmt.Errorf("table %s out of file", data[r:r+4])
		}
		out[string(data[r:r+4])] = data[o : o+l]
	}
	return out, nil
}

// names returns the family (name id 1) and PostScript name (id 6) in
// English from a name table.
func names(t []byte) (family, ps string) {
	if len(t) < 6 {
		return "", ""
	}
	n, strOff := int(be16(t, 2)), int(be16(t, 4))
	for i := 0; i < n; i++ {
		r := 6 + 12*i
		if r+12 > len(t) {
			break
		}
		plat, lang, id := be16(t, r), be16(t, r+4), be16(t, r+6)
		l, o := int(be16(t, r+8)), strOff+int(be16(t, r+10))
		if plat != 3 || lang != 0x409 || o+l > len(t) {
			continue
		}
		u := make([]uint16, l/2)
		for k := range u {
			u[k] = be16(t, o+2*k)
		}
		s := string(utf16.Decode(u))
		switch id {
		case 1:
			family = s
		case 6:
			ps = s
		}
	}
	return family, ps
}

func (ft *Font) parse(tabs map[string][]byte) error {
	head, hhea, hmtx, cmap := tabs["head"], tabs["hhea"], tabs["hmtx"], tabs["cmap"]
	if len(head) < 54 || len(hhea) < 36 || cmap == nil {
		return fmt.Errorf("head, hhea or cmap missing")
	}
	ft.upem = float64(be16(head, 18))
	u := func(v uint16) float64 { return float64(int16(v)) * 1000 / ft.upem }
	ft.BBox = [4]float64{u(be16(head, 36)), u(be16(head, 38)), u(be16(head, 40)), u(be16(head, 42))}
	ft.Ascent, ft.Descent = u(be16(hhea, 4)), u(be16(hhea, 6))
	nh := int(be16(hhea, 34))
	if len(hmtx) < 4*nh {
		return fmt.Errorf("hmtx short")
	}
	for i := 0; i < nh; i++ {
		ft.advs = append(ft.advs, float64(be16(hmtx, 4*i))*1000/ft.upem)
	}
	ft.cmap = map[rune]uint16{}
	return ft.readCmap(cmap)
}

// readCmap reads the Unicode subtable: format 12 if present, else 4.
func (ft *Font) readCmap(t []byte) error {
	n := int(be16(t, 2))
	var f4, f12 int = -1, -1
	for i := 0; i < n; i++ {
		r := 4 + 8*i
		plat, enc, off := be16(t, r), be16(t, r+2), int(be32(t, r+4))
		if off+4 > len(t) {
			continue
		}
		switch {
		case plat == 3 && enc == 10 && be16(t, off) == 12:
			f12 = off
		case (plat == 3 && enc == 1 || plat == 0) && be16(t, off) == 4:
			f4 = off
		}
	}
	switch {
	case f12 >= 0:
		ng := int(be32(t, f12+12))
		for i := 0; i < ng; i++ {
			r := f12 + 16 + 12*i
			s, e, g := be32(t, r), be32(t, r+4), be32(t, r+8)
			if e-s > 0x30000 {
				continue
			}
			for c := s; c <= e; c++ {
				ft.cmap[rune(c)] = uint16(g + c - s)
			}
		}
	case f4 >= 0:
		segX2 := int(be16(t, f4+6))
		ends, starts, deltas, ros := f4+14, f4+16+segX2, f4+16+2*segX2, f4+16+3*segX2
		for i := 0; i < segX2/2; i++ {
			e, s := int(be16(t, ends+2*i)), int(be16(t, starts+2*i))
			d, ro := be16(t, deltas+2*i), int(be16(t, ros+2*i))
			for c := s; c <= e && c != 0xffff; c++ {
				var g uint16
				if ro == 0 {
					g = uint16(c) + d
				} else {
					p := ros + 2*i + ro + 2*(c-s)
					if p+2 > len(t) {
						continue
					}
					if g = be16(t, p); g != 0 {
						g += d
					}
				}
				if g != 0 {
					ft.cmap[rune(c)] = g
				}
			}
		}
	default:
		return fmt.Errorf("no Unicode cmap")
	}
	return nil
}

// Glyph returns the glyph id and advance (per 1000 em) of r; ok is false
// when the face has no glyph for it.
func (ft *Font) Glyph(r rune) (gid uint16, adv float64, ok bool) {
	g, ok := ft.cmap[r]
	if !ok || g == 0 {
		return 0, 0, false
	}
	if int(g) < len(ft.advs) {
		return g, ft.advs[g], true
	}
	return g, ft.advs[len(ft.advs)-1], true
}

// Width is the advance width of s at size pt, in points.
func (ft *Font) Width(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		_, a, ok := ft.Glyph(r)
		if !ok {
			_, a, _ = ft.Glyph('?')
		}
		w += a
	}
	return w * size / 1000
}
