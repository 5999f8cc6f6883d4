package serve

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "golang.org/x/image/tiff"
	_ "image/jpeg" // scans uploaded as JPEG

	"github.com/yusuan-data/yusuan/correct"
	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/extract/ocr"
	"github.com/yusuan-data/yusuan/pipeline"
	"github.com/yusuan-data/yusuan/table"
)

// apiError is every error's body: what went wrong, in a sentence.
type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func fail(w http.ResponseWriter, code int, format string, args ...any) {
	writeJSON(w, code, apiError{Error: fmt.Sprintf(format, args...)})
}

// sameOrigin refuses a request that changes something when a browser says
// it comes from another site (a page elsewhere posting to localhost). A
// client that names no origin (curl) is let through.
func sameOrigin(r *http.Request) error {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return fmt.Errorf("cross-site request (%s) refused", site)
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return fmt.Errorf("request from origin %q refused: only this page may change documents", o)
		}
	}
	return nil
}

// doc looks the document of a request up, or answers 404.
func (s *Server) doc(w http.ResponseWriter, r *http.Request) (docState, bool) {
	id := r.PathValue("id")
	if !correct.ValidSum(id) {
		fail(w, http.StatusNotFound, "no document %q: a document's id is the sha256 of its file, 64 hex digits", trunc(id))
		return docState{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[id]
	if d == nil {
		fail(w, http.StatusNotFound, "no document %s", id)
		return docState{}, false
	}
	return *d, true
}

// ready looks up a document whose output is there, or answers why not:
// 409 while it is read, 422 when it failed.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) (docState, bool) {
	d, ok := s.doc(w, r)
	if !ok {
		return d, false
	}
	switch d.Status {
	case "ok":
		return d, true
	case "declined", "failed":
		fail(w, http.StatusUnprocessableEntity, "%s %s: %s", d.ID, d.Status, d.Error)
	default:
		writeJSON(w, http.StatusConflict, d)
	}
	return d, false
}

func trunc(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// upload takes one or more files (multipart, any field name) and answers
// the id of each, and the reason of each refused; one bad file loses
// nothing of the others.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	if err := sameOrigin(r); err != nil {
		fail(w, http.StatusForbidden, "%v", err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		fail(w, http.StatusBadRequest, "not a file upload: send multipart/form-data with one or more files (%v)", err)
		return
	}
	type added struct {
		ID     string `json:"id"`
		Name   string `json:"name"`
		Status string `json:"status"`
	}
	out := struct {
		Documents []added       `json:"documents"`
		Errors    []uploadError `json:"errors"`
	}{Documents: []added{}, Errors: []uploadError{}}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				out.Errors = append(out.Errors, uploadError{Error: fmt.Sprintf("too large: an upload may be at most %d MiB", s.cfg.MaxUpload>>20)})
			} else {
				out.Errors = append(out.Errors, uploadError{Error: "upload cut short: " + err.Error()})
			}
			break
		}
		if part.FileName() == "" {
			part.Close()
			continue // a form field, not a file
		}
		name := cleanName(part.FileName())
		id, err := s.store(name, part)
		part.Close()
		if err != nil {
			out.Errors = append(out.Errors, uploadError{Name: name, Error: err.Error()})
			if strings.HasPrefix(err.Error(), "too large") {
				break // the rest of the request is not read
			}
			continue
		}
		d := s.register(id, name)
		out.Documents = append(out.Documents, added{ID: id, Name: name, Status: d.Status})
	}
	code := http.StatusAccepted
	switch {
	case len(out.Documents) == 0 && len(out.Errors) == 0:
		out.Errors = append(out.Errors, uploadError{Error: "no file in the upload"})
		code = http.StatusBadRequest
	case len(out.Documents) == 0:
		code = http.StatusBadRequest
		for _, e := range out.Errors {
			if strings.HasPrefix(e.Error, "too large") {
				code = http.StatusRequestEntityTooLarge
			}
		}
	}
	writeJSON(w, code, out)
}

// list is every document kept, newest first.
func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	out := make([]docState, 0, len(s.docs))
	for _, d := range s.docs {
		out = append(out, *d)
	}
	s.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		return out[i].Added.After(out[j].Added) || out[i].Added.Equal(out[j].Added) && out[i].ID < out[j].ID
	})
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) status(w http.ResponseWriter, r *http.Request) {
	if d, ok := s.doc(w, r); ok {
		writeJSON(w, http.StatusOK, d)
	}
}

// manifest answers a document's manifest.json once it is read.
func (s *Server) manifest(w http.ResponseWriter, r *http.Request) {
	d, ok := s.ready(w, r)
	if !ok {
		return
	}
	s.serveFile(w, r, s.dir("out", d.ID, "manifest.json"), "application/json; charset=utf-8", "")
}

func (s *Server) view(w http.ResponseWriter, r *http.Request) {
	d, ok := s.ready(w, r)
	if !ok {
		return
	}
	s.serveFile(w, r, s.dir("view", d.ID+".json"), "application/json; charset=utf-8", "")
}

// serveFile sends a file of the data folder; attach names the download.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, path, ctype, attach string) {
	f, err := os.Open(path)
	if err != nil {
		fail(w, http.StatusNotFound, "not there: %s", filepath.Base(path))
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		fail(w, http.StatusInternalServerError, "%v", err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if attach != "" {
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": attach}))
	}
	http.ServeContent(w, r, "", st.ModTime(), f)
}

// stem is the name downloads of a document are given: the first name it
// was uploaded under, made safe, or its id.
func stem(d docState) string {
	if len(d.Names) > 0 {
		return pipeline.SafeStem(d.Names[0])
	}
	return d.ID[:12]
}

// tableFile answers a table's CSV ({table}.csv), by the id the manifest
// gives it.
func (s *Server) tableFile(w http.ResponseWriter, r *http.Request) {
	d, ok := s.ready(w, r)
	if !ok {
		return
	}
	file := r.PathValue("file")
	id, isCSV := strings.CutSuffix(file, ".csv")
	if !isCSV {
		fail(w, http.StatusNotFound, "no table file %q: ask for <table id>.csv", trunc(file))
		return
	}
	m, err := s.readManifest(d.ID)
	if err != nil {
		fail(w, http.StatusInternalServerError, "manifest: %v", err)
		return
	}
	for _, t := range m.Tables {
		if t.ID == id {
			s.serveFile(w, r, s.dir("out", d.ID, export.SafeName(t.CSV)), "text/csv; charset=utf-8", stem(d)+"_"+t.CSV)
			return
		}
	}
	fail(w, http.StatusNotFound, "document %s has no table %q", d.ID, trunc(id))
}

// download answers the workbook or the manifest as a file.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	d, ok := s.ready(w, r)
	if !ok {
		return
	}
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		s.serveFile(w, r, s.dir("out", d.ID, d.ID+".xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stem(d)+".xlsx")
		return
	}
	s.serveFile(w, r, s.dir("out", d.ID, "manifest.json"), "application/json; charset=utf-8", stem(d)+".manifest.json")
}

// zip answers every file of a document's output as one zip.
func (s *Server) zip(w http.ResponseWriter, r *http.Request) {
	d, ok := s.ready(w, r)
	if !ok {
		return
	}
	m, err := s.readManifest(d.ID)
	if err != nil {
		fail(w, http.StatusInternalServerError, "manifest: %v", err)
		return
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := []string{"manifest.json"}
	for _, f := range m.Files {
		names = append(names, f.Path)
	}
	for _, name := range names {
		data, err := os.ReadFile(s.dir("out", d.ID, export.SafeName(name)))
		if err != nil {
			fail(w, http.StatusInternalServerError, "%s: %v", name, err)
			return
		}
		if name == d.ID+".xlsx" {
			name = stem(d) + ".xlsx"
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: stem(d) + "/" + name, Method: zip.Deflate, Modified: time.Unix(0, 0)})
		if err == nil {
			_, err = fw.Write(data)
		}
		if err != nil {
			fail(w, http.StatusInternalServerError, "zip: %v", err)
			return
		}
	}
	if err := zw.Close(); err != nil {
		fail(w, http.StatusInternalServerError, "zip: %v", err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": stem(d) + ".zip"}))
	w.Write(buf.Bytes())
}

// page answers page n as a PNG ({n}.png): PDFium's rendering of a PDF
// page, or the uploaded scan itself, drawn once and kept.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	d, ok := s.ready(w, r)
	if !ok {
		return
	}
	num, isPNG := strings.CutSuffix(r.PathValue("file"), ".png")
	n, err := strconv.Atoi(num)
	if !isPNG || err != nil || n < 1 || n > d.Pages {
		fail(w, http.StatusNotFound, "no page %q: pages are 1.png … %d.png", trunc(r.PathValue("file")), d.Pages)
		return
	}
	cached := s.dir("pages", d.ID, strconv.Itoa(n)+".png")
	if _, err := os.Stat(cached); err != nil {
		data, err := s.render(r, d, n)
		if err != nil {
			fail(w, http.StatusUnprocessableEntity, "page %d: %v", n, err)
			return
		}
		os.MkdirAll(filepath.Dir(cached), 0o755)
		if err := writeAtomic(cached, data); err != nil {
			fail(w, http.StatusInternalServerError, "%v", err)
			return
		}
	}
	s.serveFile(w, r, cached, "image/png", "")
}

func (s *Server) render(r *http.Request, d docState, n int) ([]byte, error) {
	src := s.dir("sources", d.ID)
	head := make([]byte, 1024)
	f, err := os.Open(src)
	if err != nil {
		return nil, err
	}
	k, _ := io.ReadFull(f, head)
	f.Close()
	var img image.Image
	switch {
	case bytes.Contains(head[:k], []byte("%PDF-")):
		img, err = s.cfg.Reader.RenderPage(r.Context(), src, n, s.cfg.DPI)
	case refuse(head[:k]) == "" && !looksText(head[:k]):
		img, err = ocr.PageImage(src, n)
	default:
		return nil, errors.New("a text export has no page image")
	}
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (s *Server) getCorrections(w http.ResponseWriter, r *http.Request) {
	d, ok := s.doc(w, r)
	if !ok {
		return
	}
	f, err := s.corrections(d.ID)
	if err != nil {
		fail(w, http.StatusInternalServerError, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, f)
}

// putCorrections replaces a document's corrections whole (the body is a
// corrections file; its sha256 may be left out) and reads it again.
func (s *Server) putCorrections(w http.ResponseWriter, r *http.Request) {
	if err := sameOrigin(r); err != nil {
		fail(w, http.StatusForbidden, "%v", err)
		return
	}
	d, ok := s.doc(w, r)
	if !ok {
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 4<<20))
	if err != nil {
		fail(w, http.StatusRequestEntityTooLarge, "corrections over 4 MiB")
		return
	}
	var probe struct {
		SHA256 *string `json:"sha256"`
	}
	if json.Unmarshal(data, &probe) == nil && probe.SHA256 == nil {
		var m map[string]json.RawMessage
		if json.Unmarshal(data, &m) == nil {
			m["sha256"], _ = json.Marshal(d.ID)
			data, _ = json.Marshal(m)
		}
	}
	f, err := correct.Parse(data)
	if err != nil {
		fail(w, http.StatusBadRequest, "bad corrections: %v", err)
		return
	}
	if f.SHA256 != d.ID {
		fail(w, http.StatusBadRequest, "bad corrections: made for the document %s, not %s", f.SHA256, d.ID)
		return
	}
	s.saveCorrections(w, d.ID, f)
}

// addCorrection appends one correction (the page's way): the time is the
// server's, and it must fit the document as it reads now.
func (s *Server) addCorrection(w http.ResponseWriter, r *http.Request) {
	if err := sameOrigin(r); err != nil {
		fail(w, http.StatusForbidden, "%v", err)
		return
	}
	d, ok := s.doc(w, r)
	if !ok {
		return
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	var c table.Correction
	if err := dec.Decode(&c); err != nil {
		fail(w, http.StatusBadRequest, "bad correction: %v", err)
		return
	}
	c.When = time.Now().UTC().Truncate(time.Second)
	if err := correct.Check(c); err != nil {
		fail(w, http.StatusBadRequest, "bad correction: %v", err)
		return
	}
	f, err := s.corrections(d.ID)
	if err != nil {
		fail(w, http.StatusInternalServerError, "%v", err)
		return
	}
	f.Corrections = append(f.Corrections, c)
	s.saveCorrections(w, d.ID, f)
}

func (s *Server) saveCorrections(w http.ResponseWriter, id string, f *correct.File) {
	if err := correct.Save(s.dir("corrections"), f); err != nil {
		fail(w, http.StatusInternalServerError, "saving corrections: %v", err)
		return
	}
	s.requeue(id)
	writeJSON(w, http.StatusAccepted, f)
}
