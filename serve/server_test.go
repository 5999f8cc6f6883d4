package serve

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/validate"
)

const (
	seedText = "../fixtures/000_40af54efeba53a7c.txt"
	seedPDF  = "../fixtures/pdf/seed/ruled-portrait-lo.pdf"
)

type fixture struct {
	t   *testing.T
	dir string
	srv *Server
	ts  *httptest.Server
}

func newFixture(t *testing.T, dir string, maxUpload int64) *fixture {
	t.Helper()
	srv, err := New(Config{DataDir: dir, Version: "test", Check: validate.Check, MaxUpload: maxUpload})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return &fixture{t: t, dir: dir, srv: srv, ts: ts}
}

type file struct {
	name string
	data []byte
}

func readFile(t *testing.T, path string) file {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return file{filepath.Base(path), data}
}

type uploadReply struct {
	Documents []struct{ ID, Name, Status string }
	Errors    []uploadError
}

// upload posts files as one multipart request.
func (f *fixture) upload(files ...file) (int, uploadReply) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, fl := range files {
		w, _ := mw.CreateFormFile("file", fl.name)
		w.Write(fl.data)
	}
	mw.Close()
	resp, err := http.Post(f.ts.URL+"/api/documents", mw.FormDataContentType(), &body)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out uploadReply
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		f.t.Fatalf("upload reply: %v", err)
	}
	return resp.StatusCode, out
}

func (f *fixture) get(path string) (int, http.Header, []byte) {
	resp, err := http.Get(f.ts.URL + path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, data
}

func (f *fixture) send(method, path, ctype string, body []byte, header map[string]string) (int, []byte) {
	req, _ := http.NewRequest(method, f.ts.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, data
}

// wait polls a document's status until its reading ended.
func (f *fixture) wait(id string) docState {
	f.t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		code, _, data := f.get("/api/documents/" + id + "/status")
		if code != http.StatusOK {
			f.t.Fatalf("status %d: %s", code, data)
		}
		var d docState
		json.Unmarshal(data, &d)
		if d.done() {
			return d
		}
		time.Sleep(30 * time.Millisecond)
	}
	f.t.Fatalf("document %s not read in 2 minutes", id)
	return docState{}
}

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

func (f *fixture) manifest(id string) export.Manifest {
	code, _, data := f.get("/api/documents/" + id)
	if code != http.StatusOK {
		f.t.Fatalf("manifest: %d %s", code, data)
	}
	var m export.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		f.t.Fatal(err)
	}
	return m
}

func TestUploadAndDownloads(t *testing.T) {
	f := newFixture(t, t.TempDir(), 0)
	seed := readFile(t, seedText)
	code, rep := f.upload(seed)
	if code != http.StatusAccepted || len(rep.Documents) != 1 || len(rep.Errors) != 0 {
		t.Fatalf("upload: %d %+v", code, rep)
	}
	id := rep.Documents[0].ID
	if id != sum(seed.data) {
		t.Fatalf("id %s is not the file's sha256", id)
	}
	if d := f.wait(id); d.Status != "ok" || d.Tables != 24 {
		t.Fatalf("read: %+v", d)
	}
	m := f.manifest(id)
	if m.SHA256 != id || len(m.Tables) != 24 || m.Source != "000_40af54efeba53a7c.txt" {
		t.Fatalf("manifest: sha %s, %d tables, source %q", m.SHA256, len(m.Tables), m.Source)
	}

	// Each table's CSV is the golden one, cell for cell.
	for _, tb := range m.Tables {
		code, h, got := f.get("/api/documents/" + id + "/tables/" + tb.ID + ".csv")
		want, err := os.ReadFile(filepath.Join("../fixtures/000_40af54efeba53a7c", tb.CSV))
		if code != http.StatusOK || err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s.csv: %d %v, differs from the golden CSV", tb.ID, code, err)
		}
		if !strings.HasPrefix(h.Get("Content-Type"), "text/csv") || !strings.Contains(h.Get("Content-Disposition"), tb.CSV) {
			t.Errorf("%s.csv headers %v", tb.ID, h)
		}
	}

	code, h, xlsx := f.get("/api/documents/" + id + "/workbook.xlsx")
	if code != http.StatusOK || !bytes.HasPrefix(xlsx, []byte("PK")) || !strings.Contains(h.Get("Content-Disposition"), "000_40af54efeba53a7c.xlsx") {
		t.Fatalf("xlsx: %d %v", code, h)
	}
	code, h, mj := f.get("/api/documents/" + id + "/manifest.json")
	if code != http.StatusOK || !strings.Contains(h.Get("Content-Disposition"), "attachment") || !bytes.Contains(mj, []byte(`"sha256": "`+id)) {
		t.Fatalf("manifest download: %d %v", code, h)
	}
	code, _, z := f.get("/api/documents/" + id + "/all.zip")
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if code != http.StatusOK || err != nil {
		t.Fatalf("zip: %d %v", code, err)
	}
	names := map[string]bool{}
	for _, zf := range zr.File {
		names[zf.Name] = true
	}
	for _, want := range []string{"000_40af54efeba53a7c/manifest.json", "000_40af54efeba53a7c/000_40af54efeba53a7c.xlsx", "000_40af54efeba53a7c/a02_gpb_expenditure.csv"} {
		if !names[want] {
			t.Errorf("zip lacks %s: %v", want, names)
		}
	}
	if len(zr.File) != 2+24 {
		t.Errorf("zip holds %d files, want 26", len(zr.File))
	}

	code, _, vj := f.get("/api/documents/" + id + "/view")
	var v view
	if code != http.StatusOK || json.Unmarshal(vj, &v) != nil || len(v.Tables) != 24 || v.Geometry || len(v.Findings) != len(m.Findings) {
		t.Fatalf("view: %d, %d tables, geometry %v, %d findings", code, len(v.Tables), v.Geometry, len(v.Findings))
	}
	if r := v.Tables[1].Rows[0]; r.Line == 0 || len(r.Cells) != len(v.Tables[1].Columns) {
		t.Fatalf("view row %+v", r)
	}

	code, _, lj := f.get("/api/documents")
	if code != http.StatusOK || !bytes.Contains(lj, []byte(id)) || !bytes.Contains(lj, []byte("000_40af54efeba53a7c.txt")) {
		t.Fatalf("list: %d %s", code, lj)
	}

	// The same bytes again, under another name: known, and read already.
	code, rep = f.upload(file{"again.txt", seed.data})
	if code != http.StatusAccepted || rep.Documents[0].ID != id || rep.Documents[0].Status != "ok" {
		t.Fatalf("again: %d %+v", code, rep)
	}
	// A server started again on the folder knows it, and has it read.
	f.srv.Close()
	g := newFixture(t, f.dir, 0)
	if code, _, _ := g.get("/api/documents/" + id + "/tables/a02.csv"); code != http.StatusOK {
		t.Fatalf("after a restart: %d", code)
	}
	if code, rep := g.upload(seed); rep.Documents[0].Status != "ok" {
		t.Fatalf("after a restart the same file is read again: %d %+v", code, rep)
	}
}

func TestBadUploads(t *testing.T) {
	f := newFixture(t, t.TempDir(), 1<<20)
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 64)...)
	cases := []struct {
		name  string
		files []file
		code  int
		why   string
	}{
		{"not a PDF", []file{{"report.pdf", elf}}, 400, "not a PDF, a page image (PNG, JPEG, TIFF) or a text export"},
		{"zip", []file{{"report.pdf", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00")}}, 400, "not a PDF"},
		{"empty", []file{{"empty.pdf", nil}}, 400, "empty file"},
		{"too large", []file{{"big.txt", bytes.Repeat([]byte("预算 "), 1<<19)}}, 413, "too large: an upload may be at most 1 MiB"},
		{"no file", nil, 400, "no file in the upload"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, rep := f.upload(tc.files...)
			if code != tc.code || len(rep.Documents) != 0 || len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Error, tc.why) {
				t.Fatalf("%d %+v, want %d saying %q", code, rep, tc.code, tc.why)
			}
		})
	}

	// One bad file among good ones loses nothing of the others; a name
	// with a path is a name, never a path.
	seed := readFile(t, seedText)
	code, rep := f.upload(file{"../../../../tmp/evil.txt", seed.data}, file{"x.pdf", elf})
	if code != http.StatusAccepted || len(rep.Documents) != 1 || len(rep.Errors) != 1 || rep.Errors[0].Name != "x.pdf" {
		t.Fatalf("mixed: %d %+v", code, rep)
	}
	if rep.Documents[0].Name != "evil.txt" {
		t.Fatalf("name kept as %q", rep.Documents[0].Name)
	}
	if _, err := os.Stat(filepath.Join(f.dir, "sources", rep.Documents[0].ID)); err != nil {
		t.Fatalf("not stored by its hash: %v", err)
	}
	if d := f.wait(rep.Documents[0].ID); d.Status != "ok" {
		t.Fatalf("%+v", d)
	}
	// A text that is no budget is read, and declined with its reason.
	code, rep = f.upload(file{"notice.txt", []byte("关于召开会议的通知\n各单位：定于下周一召开会议。\n")})
	if code != http.StatusAccepted {
		t.Fatalf("notice: %d %+v", code, rep)
	}
	if d := f.wait(rep.Documents[0].ID); d.Status != "declined" || d.Reason != "not_budget" {
		t.Fatalf("notice: %+v", d)
	}
	if code, _, body := f.get("/api/documents/" + rep.Documents[0].ID); code != http.StatusUnprocessableEntity || !bytes.Contains(body, []byte("declined")) {
		t.Fatalf("declined manifest: %d %s", code, body)
	}

	// A PDF that cannot be read fails with its reason, and says so.
	code, rep = f.upload(file{"broken.pdf", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage\n")})
	if code != http.StatusAccepted {
		t.Fatalf("broken PDF: %d %+v", code, rep)
	}
	if d := f.wait(rep.Documents[0].ID); d.Status != "failed" || d.Error == "" || d.Reason == "" {
		t.Fatalf("broken PDF: %+v", d)
	} else if code, _, body := f.get("/api/documents/" + d.ID + "/tables/a01.csv"); code != http.StatusUnprocessableEntity || !bytes.Contains(body, []byte(d.Error)) {
		t.Fatalf("broken PDF's table: %d %s", code, body)
	}

	// Not multipart; from another site.
	if code, body := f.send("POST", "/api/documents", "application/pdf", []byte("%PDF-1.4"), nil); code != 400 || !bytes.Contains(body, []byte("multipart")) {
		t.Fatalf("raw body: %d %s", code, body)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", "a.txt")
	w.Write(seed.data)
	mw.Close()
	for _, h := range []map[string]string{{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}} {
		if code, out := f.send("POST", "/api/documents", mw.FormDataContentType(), body.Bytes(), h); code != 403 {
			t.Fatalf("cross-origin %v: %d %s", h, code, out)
		}
	}
	if code, _ := f.send("POST", "/api/documents", mw.FormDataContentType(), body.Bytes(), map[string]string{"Origin": f.ts.URL}); code != 202 {
		t.Fatalf("same origin refused: %d", code)
	}
	// Nothing was written outside the data folder's own places.
	entries, _ := os.ReadDir(f.dir)
	for _, e := range entries {
		if !map[string]bool{"sources": true, "out": true, "corrections": true, "docs": true, "view": true, "pages": true, "tmp": true}[e.Name()] {
			t.Errorf("unexpected %s in the data folder", e.Name())
		}
	}
	if left, _ := os.ReadDir(filepath.Join(f.dir, "tmp")); len(left) != 0 {
		t.Errorf("temporary uploads left: %v", left)
	}
}

func TestUnknownAndBadPaths(t *testing.T) {
	f := newFixture(t, t.TempDir(), 0)
	seed := readFile(t, seedText)
	_, rep := f.upload(seed)
	id := rep.Documents[0].ID
	f.wait(id)
	other := strings.Repeat("0", 64)
	for path, code := range map[string]int{
		"/api/documents/nope":                                     404,
		"/api/documents/..%2F..%2Fetc%2Fpasswd":                   404,
		"/api/documents/" + other:                                 404,
		"/api/documents/" + other + "/tables/a02.csv":             404,
		"/api/documents/" + id + "/tables/a99.csv":                404,
		"/api/documents/" + id + "/tables/a02.txt":                404,
		"/api/documents/" + id + "/tables/..%2Fmanifest.json.csv": 404,
		"/api/documents/" + id + "/pages/0.png":                   404,
		"/api/documents/" + id + "/pages/x.png":                   404,
		"/api/documents/" + id + "/pages/1.png":                   422, // a text export has no page image
		"/api/documents/" + id + "/status":                        200,
		"/api/documents/" + id + "/corrections":                   200,
		"/":                                                       200,
		"/static/app.js":                                          200,
	} {
		if got, _, body := f.get(path); got != code {
			t.Errorf("GET %s: %d, want %d (%s)", path, got, code, body)
		} else if code != 200 && !bytes.Contains(body, []byte(`"error"`)) {
			t.Errorf("GET %s: %d without a reason: %s", path, got, body)
		}
	}
}

func TestCorrections(t *testing.T) {
	f := newFixture(t, t.TempDir(), 0)
	seed := readFile(t, seedText)
	_, rep := f.upload(seed)
	id := rep.Documents[0].ID
	f.wait(id)
	before := f.manifest(id)
	rowSums := count(before.Findings, "gpb_expenditure.row_sum")

	// a02 row 5 is 2013799, whose 260.00 of project spending the seed
	// prints under 合计 only.
	c := `{"op":"cell","table":"a02","row":5,"key":"2013799 其他网信事务支出","column":"project","before":"","after":"260.00"}`
	code, body := f.send("POST", "/api/documents/"+id+"/corrections", "application/json", []byte(c), nil)
	if code != http.StatusAccepted {
		t.Fatalf("correction: %d %s", code, body)
	}
	if d := f.wait(id); d.Status != "ok" {
		t.Fatalf("%+v", d)
	}
	m := f.manifest(id)
	if len(m.Corrections) != 1 || m.Corrections[0].When.IsZero() || m.Corrections[0].After != "260.00" || m.CorrectionsSHA256 == "" {
		t.Fatalf("manifest corrections: %+v", m.Corrections)
	}
	if n := count(m.Findings, "gpb_expenditure.row_sum"); n != rowSums-1 {
		t.Fatalf("row sums %d after the correction, want %d", n, rowSums-1)
	}
	_, _, csv := f.get("/api/documents/" + id + "/tables/a02.csv")
	if !bytes.Contains(csv, []byte("2013799,其他网信事务支出,223.00,260.00,,260.00")) {
		t.Fatalf("a02.csv:\n%s", csv)
	}

	// The same corrections through the CLI's folder give the same CSV.
	if _, err := os.Stat(filepath.Join(f.dir, "corrections", id+".json")); err != nil {
		t.Fatal(err)
	}

	// Bad corrections are refused with their reason, and change nothing.
	for _, bad := range []struct{ method, body, why string }{
		{"POST", `{"op":"erase","table":"a02"}`, "unknown op"},
		{"POST", `{"op":"cell","table":"a02","row":0,"column":"total"}`, "row (from 1)"},
		{"POST", `{"op":"cell","tabel":"a02"}`, "unknown field"},
		{"POST", `not json`, "bad correction"},
		{"PUT", `{"sha256":"` + strings.Repeat("1", 64) + `","corrections":[]}`, "made for the document"},
		{"PUT", `{"corrections":[{"op":"kind","table":"a02","after":"Bad Kind"}]}`, "a kind"},
	} {
		code, body := f.send(bad.method, "/api/documents/"+id+"/corrections", "application/json", []byte(bad.body), nil)
		if code != 400 || !bytes.Contains(body, []byte(bad.why)) {
			t.Errorf("%s %s: %d %s, want 400 saying %q", bad.method, bad.body, code, body, bad.why)
		}
	}
	if code, _ := f.send("POST", "/api/documents/"+strings.Repeat("2", 64)+"/corrections", "application/json", []byte(c), nil); code != 404 {
		t.Errorf("correction of an unknown document: %d", code)
	}
	if code, _ := f.send("PUT", "/api/documents/"+id+"/corrections", "application/json", []byte(`{"corrections":[]}`), map[string]string{"Origin": "http://evil.example"}); code != 403 {
		t.Errorf("cross-origin PUT: %d", code)
	}

	// PUT replaces them whole: a correction made against another value is
	// reported, not applied, and the earlier one is gone.
	put := `{"corrections":[{"op":"cell","table":"a02","row":5,"column":"total","before":"26.00","after":"1.00","when":"2026-12-01T09:00:00Z"},
	  {"op":"kind","table":"a04","before":"three_public","after":"other","when":"2026-12-01T09:00:00Z"}]}`
	if code, body := f.send("PUT", "/api/documents/"+id+"/corrections", "application/json", []byte(put), nil); code != http.StatusAccepted {
		t.Fatalf("PUT: %d %s", code, body)
	}
	f.wait(id)
	m = f.manifest(id)
	if len(m.Corrections) != 1 || m.Corrections[0].Op != "kind" || count(m.Findings, "correction.stale") != 1 {
		t.Fatalf("after PUT: %+v, %d stale", m.Corrections, count(m.Findings, "correction.stale"))
	}
	if m.Tables[3].Kind != "other" {
		t.Fatalf("a04 is %s", m.Tables[3].Kind)
	}
	_, _, got := f.get("/api/documents/" + id + "/corrections")
	if !bytes.Contains(got, []byte(`"sha256": "`+id)) || !bytes.Contains(got, []byte(`"before": "26.00"`)) {
		t.Fatalf("GET corrections: %s", got)
	}
}

func count(fs []table.Finding, rule string) int {
	n := 0
	for _, f := range fs {
		if f.Rule == rule {
			n++
		}
	}
	return n
}

func TestPDFPages(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a PDF with PDFium")
	}
	f := newFixture(t, t.TempDir(), 0)
	_, rep := f.upload(readFile(t, seedPDF))
	id := rep.Documents[0].ID
	if d := f.wait(id); d.Status != "ok" || d.Pages != 24 {
		t.Fatalf("%+v", d)
	}
	code, h, data := f.get("/api/documents/" + id + "/pages/6.png")
	if code != http.StatusOK || h.Get("Content-Type") != "image/png" {
		t.Fatalf("page 6: %d %s", code, data)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil || img.Bounds().Dx() < 500 {
		t.Fatalf("page 6: %v %v", err, img.Bounds())
	}
	if code, _, _ := f.get("/api/documents/" + id + "/pages/25.png"); code != 404 {
		t.Fatalf("page 25: %d", code)
	}
	_, _, vj := f.get("/api/documents/" + id + "/view")
	var v view
	json.Unmarshal(vj, &v)
	if !v.Geometry || len(v.Pages) != 24 || v.Pages[5].Width == 0 {
		t.Fatalf("geometry %v, %d pages", v.Geometry, len(v.Pages))
	}
	// Every row of a table is on a page, at a line that page has.
	lines := map[[2]int]bool{}
	for _, p := range v.Pages {
		for _, l := range p.Lines {
			lines[[2]int{p.Number, l.Number}] = true
		}
	}
	for _, tb := range v.Tables {
		for i, r := range tb.Rows {
			if !lines[[2]int{r.Page, r.Line}] {
				t.Errorf("%s row %d: page %d line %d is not in the geometry", tb.ID, i+1, r.Page, r.Line)
			}
		}
	}
}

// Split, join and not_table through the API, as the page's buttons send
// them: each applies, and the document reads as it was once undone.
func TestSplitJoinNotTable(t *testing.T) {
	f := newFixture(t, t.TempDir(), 0)
	_, rep := f.upload(readFile(t, seedText))
	id := rep.Documents[0].ID
	f.wait(id)
	tables := func() map[string]viewTable {
		_, _, data := f.get("/api/documents/" + id + "/view")
		var v view
		json.Unmarshal(data, &v)
		out := map[string]viewTable{}
		for _, tb := range v.Tables {
			out[tb.ID] = tb
		}
		return out
	}
	post := func(c string) {
		t.Helper()
		if code, body := f.send("POST", "/api/documents/"+id+"/corrections", "application/json", []byte(c), nil); code != http.StatusAccepted {
			t.Fatalf("%s: %d %s", c, code, body)
		}
		f.wait(id)
	}
	before := tables()
	a02 := before["a02"]
	post(`{"op":"split","table":"a02","row":6}`)
	after := tables()
	if len(after) != len(before)+1 || len(after["a02"].Rows) != 5 || len(after["a02-2"].Rows) != len(a02.Rows)-5 {
		t.Fatalf("split: %d tables, a02 %d rows, a02-2 %d rows", len(after), len(after["a02"].Rows), len(after["a02-2"].Rows))
	}
	post(`{"op":"join","table":"a02","with":"a02-2","before":"5+` + strconv.Itoa(len(a02.Rows)-5) + `"}`)
	if after := tables(); len(after) != len(before) || len(after["a02"].Rows) != len(a02.Rows) {
		t.Fatalf("join: %d tables, a02 %d rows", len(after), len(after["a02"].Rows))
	}
	a04 := before["a04"]
	page := a04.Rows[0].Page
	var on []string
	for _, tb := range tablesInOrder(t, f, id) {
		for _, r := range tb.Rows {
			if r.Page == page {
				on = append(on, tb.ID)
				break
			}
		}
	}
	post(`{"op":"not_table","page":` + strconv.Itoa(page) + `,"before":"` + strings.Join(on, ",") + `"}`)
	if _, ok := tables()["a04"]; ok && len(tables()["a04"].Rows) == len(a04.Rows) {
		t.Fatalf("page %d marked as no table, a04 still has its rows", page)
	}
	m := f.manifest(id)
	if len(m.Corrections) != 3 || count(m.Findings, "correction.stale") != 0 {
		t.Fatalf("corrections %+v", m.Corrections)
	}
}

func tablesInOrder(t *testing.T, f *fixture, id string) []viewTable {
	_, _, data := f.get("/api/documents/" + id + "/view")
	var v view
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v.Tables
}

// A server bound to localhost answers to localhost only: a page of
// another site cannot reach it under a name that resolves to 127.0.0.1.
func TestLocalOnly(t *testing.T) {
	srv, err := New(Config{DataDir: t.TempDir(), Version: "test", LocalOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for host, want := range map[string]int{"localhost:8080": 200, "127.0.0.1:8080": 200, "[::1]:8080": 200, "evil.example:8080": 421, "127.0.0.1.nip.io": 421} {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/api/documents", nil)
		r.Host = host
		srv.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %s: %d, want %d", host, w.Code, want)
		}
	}
}

// A scan is read by OCR; its pages are the scan's own pictures, and the
// view marks the pages recognised.
func TestScanPages(t *testing.T) {
	if testing.Short() {
		t.Skip("recognises a scan with Tesseract")
	}
	f := newFixture(t, t.TempDir(), 0)
	_, rep := f.upload(readFile(t, "../fixtures/scan/seed-a2-unruled-200dpi.tif"))
	id := rep.Documents[0].ID
	d := f.wait(id)
	if d.Status != "ok" || d.Pages != 2 {
		t.Fatalf("%+v", d)
	}
	for _, n := range []string{"1", "2"} {
		code, _, data := f.get("/api/documents/" + id + "/pages/" + n + ".png")
		if code != http.StatusOK {
			t.Fatalf("page %s: %d %s", n, code, data)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil || img.Bounds().Dx() < 1000 {
			t.Fatalf("page %s: %v %v", n, err, img.Bounds())
		}
	}
	_, _, vj := f.get("/api/documents/" + id + "/view")
	var v view
	json.Unmarshal(vj, &v)
	if !v.Geometry || len(v.Pages) != 2 || !v.Pages[0].OCR || len(v.Tables) == 0 {
		t.Fatalf("view: geometry %v, %d pages, %d tables", v.Geometry, len(v.Pages), len(v.Tables))
	}
}
