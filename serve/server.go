// Package serve is yusuan serve: a local web page and an HTTP JSON API for
// the person who extracts one document at a time. Upload a PDF, a scan or
// a text export; it goes through the same pipeline as yusuan extract; see
// each page with the tables, cells and doubted cells drawn over it, the
// tables by 附件 with kind, unit and a preview, and the findings, each of
// which shows its cell; correct a cell, a table's kind or 附件 number (kept
// as data by package correct, applied by every later run, the CLI's too);
// download the CSVs, the workbook, the manifest, or all of it as a zip.
//
// Everything lives under one data folder, by the sha256 of the uploaded
// bytes (never by the name given), so the same file again is instant:
//
//	DIR/sources/<sha256>          the uploaded bytes
//	DIR/out/<sha256>/             the output, as yusuan extract writes it
//	DIR/corrections/<sha256>.json the corrections (yusuan extract -corrections DIR/corrections)
//	DIR/docs/<sha256>.json        names given, status, error
//	DIR/view/<sha256>.json        the tables with each row's page and line, and the pages' geometry
//	DIR/pages/<sha256>/<n>.png    pages as rendered, cached
//
// No path in a request reaches the file system: a document is named by
// its sha256 (checked to be 64 hex digits), a table by an id the manifest
// lists, a page by a number.
package serve

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/table"
)

// Config is the settings of a server.
type Config struct {
	DataDir   string // where documents and results are kept
	MaxUpload int64  // bytes of one upload request; 0 means 200 MiB
	Workers   int    // documents read at once; 0 means 1
	DPI       int    // resolution of page images; 0 means 110
	Version   string // yusuan's version, in the manifests
	NoOCR     bool
	// LocalOnly refuses requests addressed to any host but localhost or a
	// loopback address: a page elsewhere cannot reach a server bound to
	// localhost through a name of its own (DNS rebinding).
	LocalOnly bool
	// Reader reads the documents; nil makes one (closed by Close).
	Reader *extract.Reader
	// Check validates a document (validate.Check); nil skips validation.
	Check func(*table.Document) []table.Finding
}

//go:embed static
var static embed.FS

// Server holds the documents being read and serves the page and the API.
type Server struct {
	cfg    Config
	mux    *http.ServeMux
	ownsR  bool
	ctx    context.Context
	cancel context.CancelFunc
	queue  chan string
	wg     sync.WaitGroup

	mu   sync.Mutex
	docs map[string]*docState // by sha256
}

// New makes the data folder and starts the workers.
func New(cfg Config) (*Server, error) {
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = 200 << 20
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 1
	}
	if cfg.DPI <= 0 {
		cfg.DPI = 110
	}
	for _, d := range []string{"sources", "out", "corrections", "docs", "view", "pages", "tmp"} {
		if err := os.MkdirAll(filepath.Join(cfg.DataDir, d), 0o755); err != nil {
			return nil, fmt.Errorf("data folder %s: %w", cfg.DataDir, err)
		}
	}
	// Uploads cut short by an earlier end of the server.
	if left, err := os.ReadDir(filepath.Join(cfg.DataDir, "tmp")); err == nil {
		for _, e := range left {
			os.RemoveAll(filepath.Join(cfg.DataDir, "tmp", e.Name()))
		}
	}
	s := &Server{cfg: cfg, docs: map[string]*docState{}, queue: make(chan string, 4096)}
	if s.cfg.Reader == nil {
		s.cfg.Reader = extract.New(extract.Options{Workers: cfg.Workers, NoOCR: cfg.NoOCR})
		s.ownsR = true
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.load()
	s.routes()
	for range cfg.Workers {
		s.wg.Add(1)
		go s.work()
	}
	return s, nil
}

// Close stops the workers (a document in progress is cancelled) and the
// reader the server made.
func (s *Server) Close() error {
	s.cancel()
	s.wg.Wait()
	if s.ownsR {
		return s.cfg.Reader.Close()
	}
	return nil
}

// ServeHTTP serves the page and the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.cfg.LocalOnly && !loopbackHost(r.Host) {
		fail(w, http.StatusMisdirectedRequest, "this server answers to localhost only, not to %q", trunc(r.Host))
		return
	}
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'")
	s.mux.ServeHTTP(w, r)
}

// loopbackHost reports whether a request's Host names this machine.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) routes() {
	m := http.NewServeMux()
	sub, _ := fs.Sub(static, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(sub)))
	m.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		data, _ := static.ReadFile("static/index.html")
		w.Write(data)
	})
	m.HandleFunc("GET /api/documents", s.list)
	m.HandleFunc("POST /api/documents", s.upload)
	m.HandleFunc("GET /api/documents/{id}", s.manifest)
	m.HandleFunc("GET /api/documents/{id}/status", s.status)
	m.HandleFunc("GET /api/documents/{id}/view", s.view)
	m.HandleFunc("GET /api/documents/{id}/tables/{file}", s.tableFile)
	m.HandleFunc("GET /api/documents/{id}/manifest.json", s.download)
	m.HandleFunc("GET /api/documents/{id}/workbook.xlsx", s.download)
	m.HandleFunc("GET /api/documents/{id}/all.zip", s.zip)
	m.HandleFunc("GET /api/documents/{id}/pages/{file}", s.page)
	m.HandleFunc("GET /api/documents/{id}/corrections", s.getCorrections)
	m.HandleFunc("PUT /api/documents/{id}/corrections", s.putCorrections)
	m.HandleFunc("POST /api/documents/{id}/corrections", s.addCorrection)
	s.mux = m
}

func (s *Server) dir(parts ...string) string {
	return filepath.Join(append([]string{s.cfg.DataDir}, parts...)...)
}

func (s *Server) exportOptions() export.Options { return export.Options{Version: s.cfg.Version} }
