package pdf

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	pdfcpuapi "github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/yusuan-data/yusuan/layout"
)

const corpus = "../../fixtures/pdf/corpus/"

var (
	docsMu sync.Mutex
	docs   = map[string]*layout.Document{}
)

// readCorpus reads a fixture once per test binary.
func readCorpus(t *testing.T, name string) *layout.Document {
	t.Helper()
	docsMu.Lock()
	defer docsMu.Unlock()
	if d, ok := docs[name]; ok {
		return d
	}
	d, err := testReader(t).Read(context.Background(), corpus+name)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	docs[name] = d
	return d
}

func page(t *testing.T, d *layout.Document, n int) layout.Page {
	t.Helper()
	for _, p := range d.Pages {
		if p.Number == n {
			return p
		}
	}
	t.Fatalf("%s: no page %d", d.Source, n)
	return layout.Page{}
}

func hasRow(p layout.Page, want []string) bool {
	for _, l := range p.Lines {
		if l.Tabular && reflect.DeepEqual(l.Texts(), want) {
			return true
		}
	}
	return false
}

func hasText(p layout.Page, want string) bool {
	for _, l := range p.Lines {
		if !l.Tabular && l.Text() == want {
			return true
		}
	}
	return false
}

func dumpPage(t *testing.T, p layout.Page) {
	t.Helper()
	for _, l := range p.Lines {
		t.Logf("%3d %v %q", l.Number, l.Tabular, l.Texts())
	}
}

func TestCorpusRows(t *testing.T) {
	cases := []struct {
		file string
		page int
		row  []string
	}{
		// WPS 表格, landscape, six-decimal 万元, thousands separators.
		{"beijing-shenjiju-2026-budget-tables.pdf", 1, []string{"收入", "", "支出", ""}},
		{"beijing-shenjiju-2026-budget-tables.pdf", 1, []string{"一、一般公共预算拨款收入", "32,365.090089", "一、一般公共服务支出", "26,661.064552"}},
		{"beijing-shenjiju-2026-budget-tables.pdf", 1, []string{"", "", "十九、住房保障支出", "1,710.772524"}},
		{"beijing-shenjiju-2026-budget-tables.pdf", 1, []string{"收入总计", "32,852.053832", "支出总计", "32,852.053832"}},
		// header cells wrapped over two lines, joined without a break
		{"beijing-shenjiju-2026-budget-tables.pdf", 2, []string{"32,852.053832", "32,380.090089", "32,365.090089", "", "", "", "", "", "", "", "15.000000", "471.963743", "436.846550", "", "", "", "35.117193"}},
		// three code–name columns per row, a spanning "其中" header
		{"beijing-shenjiju-2026-budget-tables.pdf", 3, []string{"支出功能分类科目", "政府支出经济分类科目", "部门支出经济分类科目", "合计", "基本支出", "项目支出", "其中", "", ""}},
		{"beijing-shenjiju-2026-budget-tables.pdf", 3, []string{"", "", "", "", "", "", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出"}},
		{"beijing-shenjiju-2026-budget-tables.pdf", 3, []string{"2010801-行政运行", "50101-工资奖金津补贴", "30101-基本工资", "3,138.093600", "3,138.093600", "", "", "", ""}},
		{"beijing-shenjiju-2026-budget-tables.pdf", 3, []string{"合计", "", "", "32,852.053832", "25,218.537585", "7,633.516247", "", "", ""}},
		// iText: multi-level header with vertical and horizontal spans
		{"shenzhen-tongjiju-2026-budget.pdf", 16, []string{"一、财政拨款", "5,417.80", "一、一般公共服务支出", "3,478.72"}},
		{"shenzhen-tongjiju-2026-budget.pdf", 18, []string{"预算单位", "收入总计", "本年收入", "", "", "", "", "", "", "", "", "上年结余、结转"}},
		{"shenzhen-tongjiju-2026-budget.pdf", 18, []string{"", "", "财政拨款", "", "", "财政专户管理资金", "单位资金", "", "", "", "", ""}},
		{"shenzhen-tongjiju-2026-budget.pdf", 18, []string{"深圳市统计局（本级）", "5,417.80", "5,417.80", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"}},
		// Acrobat Distiller: A3 pages, some portrait, wrapped names
		{"jiangsu-shengweibangongting-2019-budget-tables.pdf", 1, []string{"一、财政拨款", "27,664.22", "一、一般公共服务支出", "22,395.50", "一、基本支出", "11,700.63"}},
		{"jiangsu-shengweibangongting-2019-budget-tables.pdf", 6, []string{"30231", "公务用车运行维护费", "411.20"}},
		{"jiangsu-shengweibangongting-2019-budget-tables.pdf", 9, []string{"", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", ""}},
		{"jiangsu-shengweibangongting-2019-budget-tables.pdf", 12, []string{"", "文印、机要及办公自动化经费", "印刷费", "", "", "152.00"}},
	}
	for _, c := range cases {
		d := readCorpus(t, c.file)
		p := page(t, d, c.page)
		if !hasRow(p, c.row) {
			t.Errorf("%s p%d: no tabular line %q", c.file, c.page, c.row)
			dumpPage(t, p)
		}
	}
}

func TestCorpusDocument(t *testing.T) {
	d := readCorpus(t, "beijing-shenjiju-2026-budget-tables.pdf")
	if d.Kind != layout.KindPDF || !d.Geometry || d.Source != corpus+"beijing-shenjiju-2026-budget-tables.pdf" {
		t.Errorf("document header: kind %q geometry %v source %q", d.Kind, d.Geometry, d.Source)
	}
	if len(d.Pages) != 21 {
		t.Fatalf("pages: got %d, want 21", len(d.Pages))
	}
	p1 := d.Pages[0]
	if p1.Number != 1 || p1.Width < 841 || p1.Width > 843 || p1.Height < 594 || p1.Height > 596 {
		t.Errorf("page 1: number %d size %.1fx%.1f, want 1 842x595", p1.Number, p1.Width, p1.Height)
	}
	if len(p1.Rules) < 20 {
		t.Errorf("page 1: %d rules, want the table grid", len(p1.Rules))
	}
	// Title lines outside the table: single cell, not tabular, in order.
	if !hasText(p1, "预算01表 收支总表") || !hasText(p1, "金额单位：万元") {
		t.Errorf("page 1: title lines missing")
		dumpPage(t, p1)
	}
	tab := 0
	for i, l := range p1.Lines {
		if l.Number != i+1 {
			t.Errorf("line %d numbered %d", i+1, l.Number)
		}
		if i > 0 && l.Box.Y0 < p1.Lines[i-1].Box.Y0-1 {
			t.Errorf("line %d above line %d", i+1, i)
		}
		for _, c := range l.Cells {
			if c.Conf != -1 {
				t.Errorf("line %d: Conf %v, want -1", l.Number, c.Conf)
			}
		}
		if l.Tabular {
			tab++
			if len(l.Cells) != 4 {
				t.Errorf("line %d: %d cells, want 4", l.Number, len(l.Cells))
			}
		} else if len(l.Cells) != 1 {
			t.Errorf("text line %d: %d cells", l.Number, len(l.Cells))
		}
	}
	if tab != 31 {
		t.Errorf("page 1: %d table rows, want 31", tab)
	}
}

func TestGarbledText(t *testing.T) {
	d := readCorpus(t, "huaian-2026-budget-report-garbled-text.pdf")
	if len(d.Pages) != 12 {
		t.Fatalf("pages: %d", len(d.Pages))
	}
	for _, p := range d.Pages {
		if !p.Garbled || len(p.Lines) != 0 {
			t.Errorf("huaian p%d: garbled %v, %d lines; want garbled, no lines", p.Number, p.Garbled, len(p.Lines))
		}
	}
	for _, name := range []string{"beijing-shenjiju-2026-budget-tables.pdf", "shenzhen-tongjiju-2026-budget.pdf", "jiangsu-shengweibangongting-2019-budget-tables.pdf"} {
		for _, p := range readCorpus(t, name).Pages {
			if p.Garbled {
				t.Errorf("%s p%d flagged garbled", name, p.Number)
			}
		}
	}
}

// An image-only scan: every page has no text layer, so it is Garbled with
// no lines (to be OCR'd), but keeps its number and size.
func TestScannedPages(t *testing.T) {
	d := readCorpus(t, "changsha-wenlv-2026-scanned.pdf")
	if len(d.Pages) != 2 {
		t.Fatalf("pages: %d", len(d.Pages))
	}
	for _, p := range d.Pages {
		if !p.Garbled || len(p.Lines) != 0 || p.Width == 0 || p.Height == 0 {
			t.Errorf("scan p%d: garbled %v lines %d size %.0fx%.0f", p.Number, p.Garbled, len(p.Lines), p.Width, p.Height)
		}
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(corpus + "jiangsu-shengweibangongting-2019-budget-tables.pdf")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A user password: pdfcpu encrypts a copy.
	locked := filepath.Join(dir, "report.pdf")
	conf := model.NewAESConfiguration("secret", "owner", 256)
	if err := pdfcpuapi.Encrypt(bytes.NewReader(good), mustCreate(t, locked), conf); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path string
		want string // exact message, or prefix when it ends in "…"
	}{
		{write("x.pdf", []byte("PK\x03\x04 this is a zip")), `not a PDF (starts with "PK\x03\x04")`},
		{write("empty.pdf", nil), "empty file"},
		{write("y.pdf", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage garbage\n")), "corrupt PDF: …"},
		{write("truncated.pdf", good[:len(good)/3]), "corrupt PDF: …"},
		{write("z.pdf", []byte(noPagesPDF())), "PDF has no pages"},
		{locked, "encrypted with a user password"},
		{filepath.Join(dir, "missing.pdf"), "no such file or directory"},
	}
	r := testReader(t)
	for _, c := range cases {
		doc, err := r.Read(context.Background(), c.path)
		if err == nil {
			t.Errorf("%s: no error (%d pages)", filepath.Base(c.path), len(doc.Pages))
			continue
		}
		msg := err.Error()
		t.Log(msg)
		if strings.HasSuffix(c.want, "…") {
			if !strings.HasPrefix(msg, strings.TrimSuffix(c.want, "…")) {
				t.Errorf("got %q, want %q", msg, c.want)
			}
		} else if msg != c.want {
			t.Errorf("got %q, want %q", msg, c.want)
		}
		if strings.Contains(msg, "\n") {
			t.Errorf("%q: more than one line", msg)
		}
	}
}

// A PDF with only an owner password (no user password) opens like any other.
func TestOwnerPasswordOnly(t *testing.T) {
	good, err := os.ReadFile(corpus + "jiangsu-shengweibangongting-2019-budget-tables.pdf")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "owner.pdf")
	conf := model.NewAESConfiguration("", "owner", 256)
	if err := pdfcpuapi.Encrypt(bytes.NewReader(good), mustCreate(t, path), conf); err != nil {
		t.Fatal(err)
	}
	d, err := testReader(t).Read(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) != 12 || !hasRow(page(t, d, 6), []string{"30231", "公务用车运行维护费", "411.20"}) {
		t.Errorf("owner-password PDF: %d pages, row missing", len(d.Pages))
	}
}

func TestConcurrentReads(t *testing.T) {
	r := testReader(t)
	names := []string{"jiangsu-shengweibangongting-2019-budget-tables.pdf", "shenzhen-tongjiju-2026-budget.pdf", "jiangsu-shengweibangongting-2019-budget-tables.pdf"}
	var wg sync.WaitGroup
	errs := make([]error, len(names))
	pages := make([]int, len(names))
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d, err := r.Read(context.Background(), corpus+n)
			errs[i] = err
			if d != nil {
				pages[i] = len(d.Pages)
			}
		}()
	}
	wg.Wait()
	for i := range names {
		if errs[i] != nil || pages[i] == 0 {
			t.Errorf("%s: %v, %d pages", names[i], errs[i], pages[i])
		}
	}
}

func mustCreate(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// noPagesPDF is a well-formed PDF whose page tree is empty.
func noPagesPDF() string {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offs := []int{}
	for i, o := range objs {
		offs = append(offs, b.Len())
		b.WriteString(itoa(i+1) + " 0 obj\n" + o + "\nendobj\n")
	}
	xref := b.Len()
	b.WriteString("xref\n0 " + itoa(len(objs)+1) + "\n0000000000 65535 f \n")
	for _, o := range offs {
		s := itoa(o)
		b.WriteString(strings.Repeat("0", 10-len(s)) + s + " 00000 n \n")
	}
	b.WriteString("trailer\n<< /Size " + itoa(len(objs)+1) + " /Root 1 0 R >>\nstartxref\n" + itoa(xref) + "\n%%EOF\n")
	return b.String()
}

func itoa(i int) string { return strconv.Itoa(i) }

// An encrypted document's streams are counted decrypted: the scan of a
// PDF encrypted with an owner password only finds what the plain one
// holds (the raw bytes decode to noise and counted next to nothing), so
// its limits bite at the same place, and its images are images.
func TestEncryptedStreamsCounted(t *testing.T) {
	good, err := os.ReadFile(corpus + "jiangsu-shengweibangongting-2019-budget-tables.pdf")
	if err != nil {
		t.Fatal(err)
	}
	lim := DefaultLimits().resolve()
	plain, err := scanStreams(context.Background(), good, &lim)
	if err != nil {
		t.Fatal(err)
	}
	if err := plain.decodeSkipped(context.Background(), &lim); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		conf *model.Configuration
	}{
		{"AES-256", model.NewAESConfiguration("", "owner", 256)},
		{"RC4-128", model.NewRC4Configuration("", "owner", 128)},
	} {
		var enc bytes.Buffer
		if err := pdfcpuapi.Encrypt(bytes.NewReader(good), &enc, c.conf); err != nil {
			t.Fatal(err)
		}
		raw, _ := scanStreams(context.Background(), enc.Bytes(), &lim)
		_, rep, err := preflightLimits(context.Background(), "x.pdf", enc.Bytes(), &lim)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, r := range []*scanReport{raw, rep} {
			if err := r.decodeSkipped(context.Background(), &lim); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("%s: plain %d bytes decoded in %d streams; encrypted raw %d, decrypted %d in %d streams", c.name, plain.decoded, plain.streams, raw.decoded, rep.decoded, rep.streams)
		if rep.decoded < plain.decoded*9/10 || len(rep.broken) > 0 {
			t.Errorf("%s: decrypted streams decode to %d bytes (plain %d), broken images %v", c.name, rep.decoded, plain.decoded, rep.broken)
		}
		// A total limit just under what the streams hold refuses it, as it
		// refuses the plain one.
		tight := lim
		tight.MaxDecodedBytes = plain.decoded * 9 / 10
		if _, _, err := preflightLimits(context.Background(), "x.pdf", good, &tight); err == nil || !strings.Contains(err.Error(), "in all") {
			t.Errorf("plain under a tight limit: %v", err)
		}
		if _, _, err := preflightLimits(context.Background(), "x.pdf", enc.Bytes(), &tight); err == nil || !strings.Contains(err.Error(), "in all") {
			t.Errorf("%s under a tight limit: %v", c.name, err)
		}
	}
}

// A scan encrypted with an owner password only: its images are judged on
// their decrypted bytes. Judged on the ciphertext, every JPEG "was not a
// JPEG", and a scan with no text was refused as holding no image at all.
func TestEncryptedScanImagesAreImages(t *testing.T) {
	scan, err := os.ReadFile(corpus + "changsha-wenlv-2026-scanned.pdf")
	if err != nil {
		t.Fatal(err)
	}
	var enc bytes.Buffer
	if err := pdfcpuapi.Encrypt(bytes.NewReader(scan), &enc, model.NewAESConfiguration("", "owner", 256)); err != nil {
		t.Fatal(err)
	}
	lim := DefaultLimits().resolve()
	raw, _ := scanStreams(context.Background(), enc.Bytes(), &lim)
	_, rep, err := preflightLimits(context.Background(), "x.pdf", enc.Bytes(), &lim)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("raw scan: %d images, %d judged broken; decrypted: %d images, %d broken", raw.images, len(raw.broken), rep.images, len(rep.broken))
	if rep.images == 0 || len(rep.broken) > 0 {
		t.Errorf("decrypted: %d images, broken %v", rep.images, rep.broken)
	}
}
