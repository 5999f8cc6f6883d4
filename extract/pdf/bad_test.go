package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/yusuan-data/yusuan/internal/badcases"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	pdfcpufilter "github.com/pdfcpu/pdfcpu/pkg/filter"
)

const badDir = "../../fixtures/bad/"

// readExpected reads fixtures/bad/expected.tsv (package badcases).
func readExpected(t testing.TB) []badcases.Case {
	t.Helper()
	cases, err := badcases.Read(badDir + "expected.tsv")
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

// The reader's own messages for the fixtures it rejects: one line, the
// reason only (the caller names the file), the same through Read.
func TestBadFixturesReader(t *testing.T) {
	r := testReader(t)
	for _, c := range readExpected(t) {
		if c.Want == "" || !strings.HasSuffix(c.Name, ".pdf") {
			continue
		}
		_, err := r.Read(context.Background(), badDir+c.Name)
		if err == nil {
			continue // fails later in the pipeline (form-loop.pdf)
		}
		var fe *fileError
		if !errors.As(err, &fe) {
			t.Errorf("%q: error of type %T: %v", c.Name, err, err)
		}
		msg := err.Error()
		if strings.ContainsAny(msg, "\r\n") || strings.HasPrefix(msg, c.Name+":") {
			t.Errorf("%q: message %q: want one line, no file name", c.Name, msg)
		}
		if !strings.Contains(msg, c.Want) {
			t.Errorf("%q: %q, want %q", c.Name, msg, c.Want)
		}
	}
}

func readBad(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(badDir + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestLimits(t *testing.T) {
	r := testReader(t)
	ctx := context.Background()
	pages := readBad(t, "pages-5000.pdf")
	bj, err := os.ReadFile(corpus + "jiangsu-shengweibangongting-2019-budget-tables.pdf")
	if err != nil {
		t.Fatal(err)
	}
	lim := func(f func(*Limits)) *Limits {
		l := DefaultLimits()
		f(&l)
		l = l.resolve()
		return &l
	}
	cases := []struct {
		name string
		data []byte
		lim  *Limits
		want string // "" = no error
	}{
		{"pages over", pages, lim(func(l *Limits) {}), "too many pages (5000 > 2000)"},
		{"pages off", pages, lim(func(l *Limits) { l.MaxPages = -1 }), ""},
		{"pages at", bj, lim(func(l *Limits) { l.MaxPages = 12 }), ""},
		{"pages one under", bj, lim(func(l *Limits) { l.MaxPages = 11 }), "too many pages (12 > 11)"},
		{"stream", bj, lim(func(l *Limits) { l.MaxStreamBytes = 100 << 10 }), "decompression bomb: stream "},
		{"streams in all", bj, lim(func(l *Limits) { l.MaxDecodedBytes = 300 << 10 }), "inflate to more than 307200 bytes in all"},
		{"bomb", readBad(t, "bomb.pdf"), lim(func(l *Limits) {}), "decompression bomb: stream 6 0 R inflates to more than 32 MiB (limit)"},
		// Encrypted with an owner password only: refused by the same limit,
		// once its streams are decrypted.
		{"bomb encrypted", readBad(t, "bomb-encrypted.pdf"), lim(func(l *Limits) {}), "decompression bomb: stream 6 0 R inflates to more than 32 MiB (limit)"},
		{"image", readBad(t, "huge-image.pdf"), lim(func(l *Limits) {}), "image 5 0 R is 60000×60000 pixels, over the limit of 100000000 pixels"},
		// Without the pixel limit the text pass reads the page (PDFium does
		// not decode images to read text): an image-only page.
		{"image off", readBad(t, "huge-image.pdf"), lim(func(l *Limits) { l.MaxImagePixels = -1 }), ""},
	}
	for _, c := range cases {
		t0 := time.Now()
		doc, err := r.readData(ctx, "x.pdf", c.data, c.lim)
		t.Logf("%s: %v in %v", c.name, err, time.Since(t0).Round(time.Millisecond))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want == "" && len(doc.Pages) == 0:
			t.Errorf("%s: no pages", c.name)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}

	// MaxFileBytes is checked before reading.
	if _, err := readFile(corpus+"jiangsu-shengweibangongting-2019-budget-tables.pdf", 1000); err == nil || !strings.Contains(err.Error(), "file too large (120568 bytes > 1000 bytes)") {
		t.Errorf("file size: %v", err)
	}
}

// The time-out is honoured between pages (and every few thousand PDFium
// calls within one): 5,000 pages under a deadline stop at once, with
// an error that is the context's (pipeline turns it into "timed out").
func TestTimeoutBetweenPages(t *testing.T) {
	r := testReader(t)
	data := readBad(t, "pages-5000.pdf")
	lim := Limits{MaxPages: -1}.resolve()
	n, _, err := preflightLimits(context.Background(), "p.pdf", data, &lim)
	if err != nil || n != 5000 {
		t.Fatalf("preflight: %d, %v", n, err)
	}
	// The deadline falls in the middle of the reading: a fifth of what
	// reading all pages takes (blank pages read fast: some 30 ms for all).
	t0 := time.Now()
	if _, err := r.readRaw(context.Background(), "p.pdf", data, n); err != nil {
		t.Fatal(err)
	}
	full := time.Since(t0)
	ctx, cancel := context.WithTimeout(context.Background(), max(full/5, time.Millisecond))
	defer cancel()
	t0 = time.Now()
	_, err = r.readRaw(ctx, "p.pdf", data, n)
	took := time.Since(t0)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the deadline", err)
	}
	if took > 3*time.Second {
		t.Errorf("took %v after a 30 ms deadline", took)
	}
	t.Logf("%v after %v (all pages: %v)", err, took, full)
}

// A PDFium instance capped below what a document needs fails it with a
// clear message; the reader goes on with a fresh instance.
func TestMemoryLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a second PDFium pool")
	}
	r, err := NewReader(Options{Workers: 1, Limits: Limits{MaxMemoryMB: 40}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// One 24 MiB content stream of zeros: under the stream limit, over
	// what 40 MiB of wasm memory holds once PDFium has decoded it.
	path := filepath.Join(t.TempDir(), "big.pdf")
	if err := os.WriteFile(path, zeroContentPDF(24<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = r.Read(context.Background(), path)
	t.Log(err)
	if err == nil || !strings.Contains(err.Error(), "PDFium ran out of memory (limit 40 MiB per instance)") {
		t.Errorf("got %v, want out of memory", err)
	}
	if d, err := r.Read(context.Background(), badDir+"form-loop.pdf"); err != nil || len(d.Pages) != 1 {
		t.Errorf("after the failure: %v", err)
	}
}

// zeroContentPDF is one page whose content stream is n zero bytes (a
// PDF's white space), deflated.
func zeroContentPDF(n int) []byte {
	fl, _ := pdfcpufilter.NewFilter(pdfcpufilter.Flate, nil)
	enc, _ := fl.Encode(bytes.NewReader(make([]byte, n)))
	var z bytes.Buffer
	z.ReadFrom(enc)
	var b bytes.Buffer
	var offs []int
	obj := func(s string) { offs = append(offs, b.Len()); b.WriteString(s) }
	b.WriteString("%PDF-1.4\n")
	obj("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	obj("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n")
	obj("3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n")
	obj(fmt.Sprintf("4 0 obj << /Filter /FlateDecode /Length %d >> stream\n", z.Len()))
	b.Write(z.Bytes())
	b.WriteString("\nendstream endobj\n")
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, x)
	return b.Bytes()
}

// The counting decoders agree with pdfcpu's on what pdfcpu encodes.
func TestStreamDecoders(t *testing.T) {
	var plain bytes.Buffer
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&plain, "%d 0 0 %d re f %c", i, i*7%13, 'A'+i%26)
	}
	plain.Write(make([]byte, 3000))
	for _, name := range []string{pdfcpufilter.Flate, pdfcpufilter.ASCIIHex, pdfcpufilter.ASCII85, pdfcpufilter.RunLength, pdfcpufilter.LZW} {
		fl, err := pdfcpufilter.NewFilter(name, map[string]int{})
		if err != nil {
			t.Fatal(err)
		}
		enc, err := fl.Encode(bytes.NewReader(plain.Bytes()))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var e bytes.Buffer
		e.ReadFrom(enc)
		n, err := decodedSize(context.Background(), e.Bytes(), []string{name}, dict{}, 0)
		if err != nil || n != int64(plain.Len()) {
			t.Errorf("%s: %d bytes, %v; want %d", name, n, err, plain.Len())
		}
		n, _ = decodedSize(context.Background(), e.Bytes(), []string{name}, dict{}, 1000)
		if n != 1001 {
			t.Errorf("%s: limit 1000: counted %d, want 1001", name, n)
		}
	}
}

func TestParseDict(t *testing.T) {
	src := "<< /Length 12 0 R /Filter [ /ASCII85Decode/FlateDecode ] % comment >>\n /Title (a >> b \\) c) /D << /X [1 2 <<>>] >> /Subtype/Image /Width 60000 /Height 7 /Name <414243> >>stream"
	d, end, ok := parseDict([]byte(src), 0)
	if !ok || src[end:] != "stream" {
		t.Fatalf("parse: %v, rest %q", ok, src[end:])
	}
	if d["Length"] != "12 0 R" || d.name("Subtype") != "Image" || strings.Join(d.names("Filter"), ",") != "ASCII85Decode,FlateDecode" {
		t.Errorf("dict: %q", d)
	}
	if w, _ := d.int("Width"); w != 60000 {
		t.Errorf("width %d", w)
	}
	for _, bad := range []string{"<< /A", "<< /A (unclosed >>", "<< 12 >>", "<< /A [ >>"} {
		if _, _, ok := parseDict([]byte(bad), 0); ok {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestScanCorpusWithinLimits(t *testing.T) {
	lim := DefaultLimits()
	es, _ := os.ReadDir(corpus)
	for _, e := range es {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".pdf") {
			continue
		}
		data, err := os.ReadFile(corpus + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		rep, err := scanStreams(context.Background(), data, &lim)
		if err != nil || len(rep.broken) > 0 {
			t.Errorf("%s: %v, broken images %v", e.Name(), err, rep.broken)
		}
		t.Logf("%s: %d streams, %d bytes decoded, largest %d, %d images, in %v", e.Name(), rep.streams, rep.decoded, rep.largest, rep.images, time.Since(t0).Round(time.Microsecond))
	}
}

// ------------------------------------------------------------ peak memory

// BenchmarkPeakRSS reads hostile files in a fresh child process each (the
// test binary, running TestPeakRSSChild) and reports the child's peak RSS
// (VmHWM): a process that starts PDFium and reads nothing peaks near
// 70 MB. The bomb and the 5,000 pages must stay under ~500 MB.
//
//	go test -run '^$' -bench PeakRSS -benchtime 1x ./extract/pdf/
func BenchmarkPeakRSS(b *testing.B) {
	cases := []struct{ name, file, limits string }{
		{"baseline-21pages", corpus + "beijing-shenjiju-2026-budget-tables.pdf", ""},
		{"bomb", badDir + "bomb.pdf", ""},
		{"bomb-encrypted", badDir + "bomb-encrypted.pdf", ""},
		{"pages-5000", badDir + "pages-5000.pdf", ""},
		{"pages-5000-nolimit", badDir + "pages-5000.pdf", "pages=-1"},
		{"huge-image", badDir + "huge-image.pdf", ""},
		// Unchecked, pdfcpu spent 13.9 GB and 354 s on 4 million objects,
		// 800 MB and 14 s on 200,000.
		{"objects-1m", badDir + "objects-1m.pdf", ""},
		// The stream check off: PDFium inflates the bomb until its wasm
		// memory cap (512 MiB) stops it. Without the cap and the check the
		// process reached 9 GB in 54 s.
		{"bomb-streamcheck-off", badDir + "bomb.pdf", "streams=-1"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var kb, ms float64
			var msg string
			for i := 0; i < b.N; i++ {
				cmd := exec.Command(os.Args[0], "-test.run=^TestPeakRSSChild$", "-test.count=1", "-test.v")
				cmd.Env = append(os.Environ(), "YUSUAN_RSS_FILE="+c.file, "YUSUAN_RSS_LIMITS="+c.limits)
				out, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("child: %v\n%s", err, out)
				}
				for _, line := range strings.Split(string(out), "\n") {
					line = strings.TrimSpace(line)
					if rest, ok := strings.CutPrefix(line, "RSSCHILD "); ok {
						fmt.Sscanf(rest, "%f %f", &kb, &ms)
						if _, m, ok := strings.Cut(rest, " | "); ok {
							msg = m
						}
					}
				}
				if kb == 0 {
					b.Fatalf("child printed no VmHWM:\n%s", out)
				}
			}
			b.ReportMetric(kb/1024, "peak-RSS-MB")
			b.ReportMetric(ms, "read-ms")
			b.Logf("%s: peak RSS %.0f MB, read %.0f ms: %s", c.name, kb/1024, ms, msg)
		})
	}
}

// TestPeakRSSChild is the child of BenchmarkPeakRSS.
func TestPeakRSSChild(t *testing.T) {
	file := os.Getenv("YUSUAN_RSS_FILE")
	if file == "" {
		t.Skip("run by BenchmarkPeakRSS")
	}
	var lim Limits
	if strings.Contains(os.Getenv("YUSUAN_RSS_LIMITS"), "pages=-1") {
		lim.MaxPages = -1
	}
	if strings.Contains(os.Getenv("YUSUAN_RSS_LIMITS"), "streams=-1") {
		lim.MaxStreamBytes, lim.MaxDecodedBytes = -1, -1
	}
	r, err := NewReader(Options{Workers: 1, Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	doc, err := r.Read(context.Background(), file)
	took := time.Since(t0)
	res := fmt.Sprint(err)
	if err == nil {
		res = fmt.Sprintf("%d pages", len(doc.Pages))
	}
	st, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(st), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb := strings.TrimSuffix(strings.TrimSpace(v), " kB")
			fmt.Printf("RSSCHILD %s %d | %s\n", kb, took.Milliseconds(), res)
		}
	}
}
