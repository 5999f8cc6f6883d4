// Command badfixtures writes fixtures/bad: hostile and broken inputs, each
// with the error yusuan must give for it in fixtures/bad/expected.tsv.
//
//	go run ./scripts/badfixtures            # from the repository root
//	go run ./scripts/badfixtures -o DIR
//
// The output is deterministic (no random IDs, no time stamps): running it
// again gives the same bytes with the same Go version (compress/flate output
// may differ between Go versions; the expected errors do not). Big things
// are made small: the decompression bomb is a stream of zeros deflated
// twice ([/FlateDecode /FlateDecode], a few KB on disk, 2 GiB decoded); the
// 5,000 blank pages sit in one compressed object stream.
package main

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"crypto/md5"
	"crypto/rc4"
	"flag"
	"fmt"
	"hash/adler32"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/yusuan-data/yusuan/internal/badcases"
)

// fixture is one file of fixtures/bad and what yusuan must say about it.
type fixture struct {
	name string
	data []byte
	link string // when set, the fixture is a symlink to this target
	want string // substring of the error line; ok for a file that must come out
	note string
}

const ok = "(ok)"

func main() {
	out := flag.String("o", "fixtures/bad", "output `DIR` (replaced)")
	seeds := flag.String("seeds", "extract/pdf/testdata/fuzz/FuzzRead", "write the fuzz seeds (small PDFs) for extract/pdf's FuzzRead into `DIR` (replaced); \"\" skips them")
	good := flag.String("good", "fixtures/000_40af54efeba53a7c.txt", "a good text disclosure (UTF-8) to copy under hostile names")
	flag.Parse()

	goodText, err := os.ReadFile(*good)
	if err != nil {
		log.Fatal(err)
	}
	gbk := toGBK(string(goodText))
	hello := helloPDF()
	truncated := hello[:len(hello)*2/3]
	// The target of the symlink fixture: the good text beside fixtures/bad,
	// as a path relative to the link.
	rel, err := filepath.Rel(*out, *good)
	if err != nil {
		log.Fatal(err)
	}

	fixtures := []fixture{
		{name: "truncated.pdf", data: truncated, want: "corrupt PDF",
			note: "a one-page PDF cut after two thirds: no xref table, no trailer"},
		{name: "bad-xref.pdf", data: badXrefPDF(), want: "corrupt PDF",
			note: "startxref and every xref offset point to the wrong bytes, and the objects are damaged"},
		{name: "no-pages.pdf", data: noPagesPDF(), want: "PDF has no pages",
			note: "a well-formed PDF whose page tree is empty"},
		{name: "encrypted-user-password.pdf", data: encryptedPDF(hello), want: "encrypted with a user password",
			note: "RC4 (standard security handler, R2) with user password 'secret'"},
		{name: "bomb.pdf", data: bombPDF(), want: "decompression bomb",
			note: "a content stream [/FlateDecode /FlateDecode] of 2 GiB of zeros"},
		{name: "pages-5000.pdf", data: manyPagesPDF(5000), want: "too many pages (5000 > 2000)",
			note: "5,000 blank pages in one object stream"},
		{name: "objects-1m.pdf", data: manyObjectsPDF(1_000_000), want: "too many objects",
			note: "a cross-reference stream declaring 1,000,000 objects, all one page object (pdfcpu: ~3.5 KB each)"},
		{name: "huge-image.pdf", data: hugeImagePDF(), want: "60000×60000",
			note: "one page with an image declared 60000×60000 (3.6 G pixels), 20 bytes of data"},
		{name: "not-an-image.pdf", data: notAnImagePDF(), want: "not an image",
			note: "one page whose only content is a /DCTDecode image stream holding plain text"},
		{name: "page-tree-loop.pdf", data: pageTreeLoopPDF(), want: "corrupt PDF",
			note: "a page tree whose Kids point back at the root"},
		{name: "form-loop.pdf", data: formLoopPDF(), want: "no budget tables",
			note: "a page whose form XObject draws itself (reads as a page with a word of text)"},
		{name: "gbk.txt", data: gbk, want: ok,
			note: "the good text fixture in GBK: the text reader decodes GB18030, so it comes out"},
		{name: `预算 "报告" '副本' 2025.txt`, data: gbk, want: ok,
			note: "spaces, quotes and Chinese in the name: output folder 预算_报告_副本_2025"},
		{name: "..evil.pdf", data: gbk, want: ok,
			note: "a leading '..' (and text inside a .pdf name): output folder evil, inside OUTDIR"},
		{name: "-o.pdf", data: truncated, want: "corrupt PDF",
			note: "a name that looks like a flag"},
		{name: "new\nline.pdf", data: truncated, want: "corrupt PDF",
			note: "a newline in the name: the error must still be one line"},
		{name: "outside.pdf", link: rel, want: ok,
			note: "a symlink to a file outside fixtures/bad: output folder outside, inside OUTDIR"},
		{name: "dangling.pdf", link: "/nonexistent/yusuan/../../evil.pdf", want: "no such file",
			note: "a symlink to nothing"},
		{name: "utf16-no-bom.txt", data: utf16le("附件 1\n财政拨款收支总表\n项目\t预算数\n收入合计\t402.21\n"), want: "UTF-16 text (no byte order mark)",
			note: "UTF-16LE without a byte order mark: named as such, not \"binary file\""},
		{name: "export-commas.txt", data: commaExport(goodText), want: "comma-separated text",
			note: "附件 1–2 of the good text with commas for tabs: declined with the reason, not passed as a disclosure without tables"},
		{name: "404.pdf", data: []byte("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"), want: "an HTML page",
			note: "a web server's 404 page saved under a .pdf name"},
		{name: "junk-before-header.pdf", data: append(bytes.Repeat([]byte("\xa5\x00"), 1000), hello...), want: "corrupt PDF",
			note: "2,000 bytes of junk before a one-page PDF's header: read as a PDF (PDFium looks for the header in the first 1 KiB only), not \"binary file\""},
		{name: "bomb-name-escape.pdf", data: bombVariantPDF("/Filter [/Fl#61teDecode /FlateDecode]"), want: "decompression bomb",
			note: "bomb.pdf with its first filter spelled /Fl#61teDecode (a name escape every reader decodes)"},
		{name: "bomb-indirect-filter.pdf", data: bombVariantPDF("/Filter 7 0 R", "[/FlateDecode /FlateDecode]"), want: "decompression bomb",
			note: "bomb.pdf with its /Filter an indirect object"},
		{name: "bomb-encrypted.pdf", data: encryptedBombPDF(), want: "decompression bomb",
			note: "bomb.pdf encrypted (RC4) with an owner password only: its streams must be decrypted before they are counted"},
		{name: "bomb-indirect-length.pdf", data: lengthBombPDF(), want: "decompression bomb",
			note: "64 MiB of zeros deflated, /Length indirect and the word endstream early in the data"},
		{name: "null.pdf", link: "/dev/null", want: "not a regular file: a device",
			note: "a symlink to a device: refused unread (the tests make a link to /dev/zero, whose reading never ends, and a named pipe, which blocks: kept here, they would trap any tool reading every fixture)"},
		{name: "ifd-loop.tif", data: badcases.BlankTIFF(3, 64, 64, true), want: "points back to an earlier one (a loop)",
			note: "three blank pages whose last directory points back at the first: a decoder goes round for ever"},
		{name: "bigtiff.tif", data: []byte("II+\x00\x08\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00"), want: "BigTIFF image",
			note: "a BigTIFF header: named as such, not taken for text"},
	}

	if err := os.RemoveAll(*out); err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	var tsv strings.Builder
	tsv.WriteString("# Made by scripts/badfixtures; do not edit.\n")
	tsv.WriteString("# file name (Go-quoted when it starts with a quote or holds a control character) <TAB> substring of\n")
	tsv.WriteString("# the one-line error yusuan gives for it; " + ok + " means the file must come out (no error).\n")
	sort.Slice(fixtures, func(i, j int) bool { return fixtures[i].name < fixtures[j].name })
	for _, f := range fixtures {
		p := filepath.Join(*out, f.name)
		if f.link != "" {
			err = os.Symlink(f.link, p)
		} else {
			err = os.WriteFile(p, f.data, 0o644)
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(&tsv, "# %s\n%s\t%s\n", f.note, tsvName(f.name), f.want)
	}
	write(filepath.Join(*out, "expected.tsv"), []byte(tsv.String()))
	// A go.mod makes fixtures/bad a module of its own, so that the main
	// module's zip (go mod download, the module proxy) leaves it out: file
	// names with quotes or newlines are not allowed in a module zip.
	if *seeds != "" {
		writeSeeds(*seeds, hello)
	}
	write(filepath.Join(*out, "go.mod"), []byte("// Test inputs only: a separate module keeps their file names out of the main module's zip.\nmodule github.com/yusuan-data/yusuan/fixtures/bad\n"))
}

// commaExport is the good text's attachments 1 and 2 with commas for tabs.
func commaExport(good []byte) []byte {
	text := string(good)
	a, b := strings.Index(text, "附件 1\n"), strings.Index(text, "附件 3\n")
	if a < 0 || b < a {
		log.Fatal("good text: no 附件 1 … 附件 3")
	}
	return []byte(strings.ReplaceAll(text[a:b], "\t", ","))
}

// utf16le encodes s in UTF-16 little endian, without a byte order mark.
func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// toGBK encodes s in GBK; the rare character GBK lacks (the fixture has a
// „) becomes a full-width quote.
func toGBK(s string) []byte {
	enc := simplifiedchinese.GBK.NewEncoder()
	var out []byte
	for _, r := range s {
		b, err := enc.Bytes([]byte(string(r)))
		if err != nil {
			b, _ = enc.Bytes([]byte("“"))
		}
		out = append(out, b...)
	}
	return out
}

// writeSeeds writes small PDFs in the fuzz corpus format of go test, as
// seed-* files (replacing the old ones; other files, inputs the fuzzer
// found, stay).
func writeSeeds(dir string, hello []byte) {
	old, _ := filepath.Glob(filepath.Join(dir, "seed-*"))
	for _, f := range old {
		os.Remove(f)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	seeds := []struct {
		name string
		data []byte
	}{
		{"hello", hello},
		{"table", tablePDF()},
		{"truncated", hello[:len(hello)*2/3]},
		{"bad-xref", badXrefPDF()},
		{"no-pages", noPagesPDF()},
		{"encrypted", encryptedPDF(hello)},
		{"huge-image", hugeImagePDF()},
		{"not-an-image", notAnImagePDF()},
		{"page-tree-loop", pageTreeLoopPDF()},
		{"form-loop", formLoopPDF()},
		{"objstm-3-pages", manyPagesPDF(3)},
		{"small-bomb", smallBombPDF()},
	}
	for _, sd := range seeds {
		write(filepath.Join(dir, "seed-"+sd.name), []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", sd.data)))
	}
}

// tablePDF is one page with a ruled 3×3 table of numbers and a title.
func tablePDF() []byte {
	var c strings.Builder
	c.WriteString("BT /F1 14 Tf 72 760 Td (Budget 2025) Tj ET\n0.5 w\n")
	for i := 0; i <= 3; i++ {
		y := 700 - 20*i
		fmt.Fprintf(&c, "72 %d m 372 %d l S\n", y, y)
		x := 72 + 100*i
		fmt.Fprintf(&c, "%d 700 m %d 640 l S\n", x, x)
	}
	for r := 0; r < 3; r++ {
		for k := 0; k < 3; k++ {
			fmt.Fprintf(&c, "BT /F1 10 Tf %d %d Td (%d.%02d) Tj ET\n", 80+100*k, 686-20*r, 100*r+k, 7*k)
		}
	}
	w := newPDF("1.4")
	w.obj("<< /Type /Catalog /Pages 2 0 R >>")
	w.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>")
	w.obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	w.stream("/Filter /FlateDecode", deflate([]byte(c.String())))
	return w.finish(1, "")
}

// smallBombPDF: a content stream of 8 MiB of zeros, deflated twice (over
// the fuzz target's 4 MiB stream limit, under a second to check).
func smallBombPDF() []byte {
	inner := deflate(make([]byte, 8<<20))
	w := newPDF("1.4")
	w.obj("<< /Type /Catalog /Pages 2 0 R >>")
	w.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>")
	w.stream("/Filter [/FlateDecode /FlateDecode]", deflate(inner))
	return w.finish(1, "")
}

func tsvName(s string) string {
	if strings.HasPrefix(s, `"`) || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return fmt.Sprintf("%q", s)
	}
	return s
}

func write(path string, data []byte) {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		log.Fatal(err)
	}
}

// ------------------------------------------------------------- PDF writing

// pdfWriter builds a PDF with a classic cross-reference table.
type pdfWriter struct {
	buf  bytes.Buffer
	offs []int // offset of object i+1
}

func newPDF(version string) *pdfWriter {
	w := &pdfWriter{}
	w.buf.WriteString("%PDF-" + version + "\n%\xe2\xe3\xcf\xd3\n")
	return w
}

// obj writes the next object (numbered from 1) and returns its number.
func (w *pdfWriter) obj(body string) int {
	w.offs = append(w.offs, w.buf.Len())
	n := len(w.offs)
	fmt.Fprintf(&w.buf, "%d 0 obj\n%s\nendobj\n", n, body)
	return n
}

// stream writes a stream object with the given extra dictionary entries.
func (w *pdfWriter) stream(dict string, data []byte) int {
	w.offs = append(w.offs, w.buf.Len())
	n := len(w.offs)
	fmt.Fprintf(&w.buf, "%d 0 obj\n<< %s /Length %d >>\nstream\n", n, dict, len(data))
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
	return n
}

// finish writes the xref table and trailer; extra goes into the trailer.
func (w *pdfWriter) finish(root int, extra string) []byte {
	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offs)+1)
	for _, o := range w.offs {
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&w.buf, "trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n", len(w.offs)+1, root, extra, xref)
	return w.buf.Bytes()
}

func deflate(data []byte) []byte {
	var b bytes.Buffer
	z, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	z.Write(data)
	z.Close()
	return b.Bytes()
}

const helloContent = "BT /F1 24 Tf 72 720 Td (Hello) Tj ET\n"

// helloPDF is a valid one-page PDF with one word of text.
func helloPDF() []byte {
	w := newPDF("1.4")
	w.obj("<< /Type /Catalog /Pages 2 0 R >>")
	w.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>")
	w.obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	w.stream("", []byte(helloContent))
	return w.finish(1, "")
}

// badXrefPDF: every cross-reference offset is wrong, startxref points into
// the middle of an object, and the object headers are mangled, so that
// neither the table nor a scan for "N 0 obj" finds the catalog.
func badXrefPDF() []byte {
	data := append([]byte(nil), helloPDF()...)
	i := bytes.Index(data, []byte("xref\n"))
	head, tail := data[:i], string(data[i:])
	// Mangle the objects: "1 0 obj" → "1 0 ojb" etc.
	head = bytes.ReplaceAll(head, []byte(" 0 obj\n"), []byte(" 0 ojb\n"))
	// Shift every offset by 7 bytes and point startxref at object 2.
	var b strings.Builder
	for _, line := range strings.SplitAfter(tail, "\n") {
		var off int
		if len(line) == 20 && strings.HasSuffix(line, " 00000 n \n") {
			fmt.Sscanf(line, "%d", &off)
			fmt.Fprintf(&b, "%010d 00000 n \n", off+7)
			continue
		}
		b.WriteString(line)
	}
	tail = b.String()
	j := strings.Index(tail, "startxref\n")
	tail = tail[:j] + "startxref\n40\n%%EOF\n"
	return append(head, tail...)
}

func noPagesPDF() []byte {
	w := newPDF("1.4")
	w.obj("<< /Type /Catalog /Pages 2 0 R >>")
	w.obj("<< /Type /Pages /Kids [] /Count 0 >>")
	return w.finish(1, "")
}

func pageTreeLoopPDF() []byte {
	w := newPDF("1.4")
	w.obj("<< /Type /Catalog /Pages 2 0 R >>")
	w.obj("<< /Type /Pages /Kids [3 0 R] /Count 2 >>")
	w.obj("<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>")
	return w.finish(1, "")
}

func formLoopPDF() []byte {
	w := newPDF("1.4")
	w.obj("<< /Type /Catalog /Pages 2 0 R >>")
	w.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> /Contents 5 0 R >>")
	w.obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	w.stream("", []byte(helloContent+"q /X Do Q\n"))
	w.stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X 6 0 R >> >>", []byte("q 0.9 0 0 0.9 10 10 cm /X Do Q 0 0 m 100 0 l S\n"))
	return w.finish(1, "")
}

// imagePDF is one page drawing one image XObject with the given dictionary.
func imagePDF(imgDict string, data []byte) []byte {
	w := newPDF("1.4")
	w.obj("<< /Type /Catalog /Pages 2 0 R >>")
	w.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>")
	w.stream("", []byte("q 595 0 0 842 0 0 cm /Im1 Do Q\n"))
	w.stream("/Type /XObject /Subtype /Image "+imgDict, data)
	return w.finish(1, "")
}

func hugeImagePDF() []byte {
	return imagePDF("/Width 60000 /Height 60000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", deflate(make([]byte, 64)))
}

func notAnImagePDF() []byte {
	text := []byte("This is not a JPEG. It is a note that somebody saved as an image stream.\n")
	return imagePDF("/Width 800 /Height 600 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode", text)
}

// bombPDF: one page whose content stream is 2 GiB of zeros, deflated, then
// deflated again (the first deflate is about 2 MB of a repeating pattern,
// which the second squeezes to a few KB).
// bombVariantPDF is bomb.pdf with its bomb stream's /Filter written by
// dict, and objects added after it (numbered from 7): the ways around a
// check that reads /Filter only as a plain name or array.
func bombVariantPDF(dict string, extra ...string) []byte {
	w := bombWriter(dict)
	for _, o := range extra {
		w.obj(o)
	}
	return w.finish(1, "")
}

// lengthBombPDF is a bomb whose /Length is indirect and whose data holds
// the word endstream early on: a scanner that looks for the first
// endstream when /Length is not a number cut the stream there and counted
// a few bytes. The data is a stored deflate block holding the word, then
// 64 MiB of zeros deflated (64 KB).
func lengthBombPDF() []byte {
	var raw bytes.Buffer
	word := []byte("\nendstream\nendobj\n")
	raw.Write([]byte{0x78, 0x9c, 0x00, byte(len(word)), 0, ^byte(len(word)), 0xff})
	raw.Write(word)
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	for i := 0; i < 64; i++ {
		fw.Write(zeros)
	}
	fw.Close()
	a := adler32.New()
	a.Write(word)
	for i := 0; i < 64; i++ {
		a.Write(zeros)
	}
	raw.Write(a.Sum(nil))
	w := newPDF("1.4")
	w.obj("<< /Type /Catalog /Pages 2 0 R >>")
	w.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>")
	w.offs = append(w.offs, w.buf.Len())
	fmt.Fprintf(&w.buf, "4 0 obj\n<< /Filter /FlateDecode /Length 5 0 R >>\nstream\n")
	w.buf.Write(raw.Bytes())
	w.buf.WriteString("\nendstream\nendobj\n")
	w.obj(fmt.Sprint(raw.Len()))
	return w.finish(1, "")
}

func bombPDF() []byte {
	return bombWriter().finish(1, "")
}

// bombWriter is bomb.pdf before its cross-reference table; filter is the
// bomb stream's /Filter entry.
func bombWriter(filter ...string) *pdfWriter {
	outer := bombData()
	w := newPDF("1.4")
	w.obj("<< /Type /Catalog /Pages 2 0 R >>")
	w.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents [5 0 R 6 0 R] >>")
	w.obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	w.stream("", []byte(helloContent))
	f := "/Filter [/FlateDecode /FlateDecode]"
	if len(filter) > 0 {
		f = filter[0]
	}
	w.stream(f, outer)
	return w
}

// bombData is the bomb stream's data: 2 GiB of zeros deflated twice
// (made once: it takes seconds).
var bombData = sync.OnceValue(func() []byte {
	const size = 2 << 30
	var inner bytes.Buffer
	z, _ := zlib.NewWriterLevel(&inner, zlib.BestCompression)
	zeros := make([]byte, 1<<20)
	for n := 0; n < size; n += len(zeros) {
		z.Write(zeros)
	}
	z.Close()
	return deflate(inner.Bytes())
})

// manyPagesPDF: n blank pages. The page tree and the pages live in one
// object stream and the cross-reference table is a stream, both deflated.
func manyPagesPDF(n int) []byte {
	// Objects: 1 catalog, 2 the page tree, 3 object stream, 4 xref stream,
	// 5 … 4+n the pages; 2 and the pages are inside object 3.
	first := 5
	var kids strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&kids, "%d 0 R ", first+i)
	}
	var idx, body strings.Builder
	fmt.Fprintf(&idx, "2 0 ")
	fmt.Fprintf(&body, "<< /Type /Pages /MediaBox [0 0 595 842] /Count %d /Kids [%s] >>\n", n, kids.String())
	for i := 0; i < n; i++ {
		fmt.Fprintf(&idx, "%d %d ", first+i, body.Len())
		body.WriteString("<</Type/Page/Parent 2 0 R>>\n")
	}
	objstmData := deflate([]byte(idx.String() + body.String()))

	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, 5)
	offs[1] = b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	offs[3] = b.Len()
	fmt.Fprintf(&b, "3 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n", n+1, len(idx.String()), len(objstmData))
	b.Write(objstmData)
	b.WriteString("\nendstream\nendobj\n")
	offs[4] = b.Len()
	// Cross-reference stream: W [1 4 2].
	var xr bytes.Buffer
	entry := func(t byte, f2 uint32, f3 uint16) {
		xr.WriteByte(t)
		xr.Write([]byte{byte(f2 >> 24), byte(f2 >> 16), byte(f2 >> 8), byte(f2)})
		xr.Write([]byte{byte(f3 >> 8), byte(f3)})
	}
	entry(0, 0, 65535)
	entry(1, uint32(offs[1]), 0)
	entry(2, 3, 0)
	entry(1, uint32(offs[3]), 0)
	entry(1, uint32(offs[4]), 0)
	for i := 0; i < n; i++ {
		entry(2, 3, uint16(i+1))
	}
	xrData := deflate(xr.Bytes())
	fmt.Fprintf(&b, "4 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n", first+n, len(xrData))
	b.Write(xrData)
	b.WriteString("\nendstream\nendobj\n")
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", offs[4])
	return b.Bytes()
}

// manyObjectsPDF: a one-page PDF whose cross-reference stream lists n
// objects, every one after the first four at the page object's offset.
func manyObjectsPDF(n int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	offs := []int{b.Len()}
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	offs = append(offs, b.Len())
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	offs = append(offs, b.Len())
	b.WriteString("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n")
	xref := b.Len()
	var xr bytes.Buffer
	entry := func(t byte, off int) {
		xr.Write([]byte{t, byte(off >> 24), byte(off >> 16), byte(off >> 8), byte(off), 0, 0})
	}
	entry(0, 0)
	for _, o := range offs {
		entry(1, o)
	}
	entry(1, xref)
	for i := 5; i < n; i++ {
		entry(1, offs[2])
	}
	data := deflate(xr.Bytes())
	fmt.Fprintf(&b, "4 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n", n, len(data))
	b.Write(data)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// ------------------------------------------------------------- encryption

var padding = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

func pad(pw string) []byte {
	return append([]byte(pw), padding...)[:32]
}

func rc4x(key, data []byte) []byte {
	c, _ := rc4.NewCipher(key)
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// standardRC4 is the standard security handler, revision 2 (40-bit RC4),
// with a fixed document ID: what a writer puts in /Encrypt and /ID, and
// the key of each object.
type standardRC4 struct {
	id        [16]byte
	o, u, key []byte
	p         int32
}

func newStandardRC4(user, owner string) *standardRC4 {
	s := &standardRC4{id: md5.Sum([]byte("yusuan bad fixture")), p: -44}
	ownerKey := md5.Sum(pad(owner))
	s.o = rc4x(ownerKey[:5], pad(user))
	h := md5.New()
	h.Write(pad(user))
	h.Write(s.o)
	h.Write([]byte{byte(s.p), byte(s.p >> 8), byte(s.p >> 16), byte(s.p >> 24)})
	h.Write(s.id[:])
	s.key = h.Sum(nil)[:5]
	s.u = rc4x(s.key, padding)
	return s
}

// seal encrypts the data of object n (generation 0).
func (s *standardRC4) seal(n int, data []byte) []byte {
	k := md5.Sum(append(append([]byte(nil), s.key...), byte(n), byte(n>>8), byte(n>>16), 0, 0))
	return rc4x(k[:10], data)
}

// finish writes w's cross-reference table and a trailer that encrypts the
// document with s.
func (s *standardRC4) finish(w *pdfWriter) []byte {
	enc := w.obj(fmt.Sprintf("<< /Filter /Standard /V 1 /R 2 /O <%x> /U <%x> /P %d >>", s.o, s.u, s.p))
	return w.finish(1, fmt.Sprintf("/Encrypt %d 0 R /ID [<%x> <%x>] ", enc, s.id, s.id))
}

// encryptedPDF rewrites the one-page PDF with the standard security
// handler, revision 2 (40-bit RC4), user password "secret", owner
// password "owner", and a fixed document ID.
func encryptedPDF(_ []byte) []byte {
	s := newStandardRC4("secret", "owner")
	w := newPDF("1.4")
	w.obj("<< /Type /Catalog /Pages 2 0 R >>")
	w.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>")
	w.obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	w.stream("", s.seal(5, []byte(helloContent)))
	return s.finish(w)
}

// encryptedBombPDF is bomb.pdf encrypted with an owner password only (the
// user password is empty, so every reader opens it): its streams are
// noise until decrypted, so a check that decodes them raw counts nothing.
func encryptedBombPDF() []byte {
	s := newStandardRC4("", "owner")
	w := newPDF("1.4")
	w.obj("<< /Type /Catalog /Pages 2 0 R >>")
	w.obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents [5 0 R 6 0 R] >>")
	w.obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	w.stream("", s.seal(5, []byte(helloContent)))
	w.stream("/Filter [/FlateDecode /FlateDecode]", s.seal(6, bombData()))
	return s.finish(w)
}
