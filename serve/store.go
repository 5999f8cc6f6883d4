package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/yusuan-data/yusuan/correct"
)

// docState is what the server knows of one document: the names it was
// uploaded under (shown, never used as a path), and where its reading
// stands. It is kept in DIR/docs/<sha256>.json.
type docState struct {
	ID     string    `json:"id"`
	Names  []string  `json:"names"`
	Added  time.Time `json:"added"`
	Status string    `json:"status"`          // queued, reading, checking, ok, declined, failed
	Error  string    `json:"error,omitempty"` // why it failed or was declined
	Reason string    `json:"reason,omitempty"`
	Pages  int       `json:"pages,omitempty"`
	Tables int       `json:"tables,omitempty"`
	// Started is when the current reading began; Seconds how long the
	// last one took.
	Started time.Time `json:"started,omitzero"`
	Seconds float64   `json:"seconds,omitempty"`
	again   bool      // corrections changed while it was read: read again
}

// done reports whether the document's reading ended.
func (d *docState) done() bool {
	return d.Status == "ok" || d.Status == "declined" || d.Status == "failed"
}

// load reads the states of the documents kept from earlier runs; one
// whose reading was cut short, or whose output is not this version's, is
// queued again.
func (s *Server) load() {
	paths, _ := filepath.Glob(s.dir("docs", "*.json"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var d docState
		if json.Unmarshal(data, &d) != nil || !correct.ValidSum(d.ID) || filepath.Base(p) != d.ID+".json" {
			continue
		}
		s.docs[d.ID] = &d
		if d.Status == "ok" && !s.current(d.ID) {
			d.Status = "" // made by another version, or its output changed: read again
		}
		if !d.done() {
			d.Status = "queued"
			s.enqueue(d.ID)
		}
	}
}

// save writes a document's state (the caller holds s.mu).
func (s *Server) save(d *docState) {
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return
	}
	writeAtomic(s.dir("docs", d.ID+".json"), data)
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	os.Chmod(tmp.Name(), 0o644)
	return os.Rename(tmp.Name(), path)
}

// uploadError is a bad upload: the file's name as given and why.
type uploadError struct {
	Name  string `json:"name"`
	Error string `json:"error"`
}

// store copies one uploaded file into DIR/sources under its sha256,
// refusing what yusuan cannot read: nothing, or a binary that is neither a
// PDF nor a page image.
func (s *Server) store(name string, body io.Reader) (string, error) {
	tmp, err := os.CreateTemp(s.dir("tmp"), "upload-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), body)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return "", fmt.Errorf("too large: an upload may be at most %d MiB", s.cfg.MaxUpload>>20)
	}
	if err != nil {
		return "", fmt.Errorf("upload cut short: %v", err)
	}
	if n == 0 {
		return "", errors.New("empty file")
	}
	head := make([]byte, 8<<10)
	f, err := os.Open(tmp.Name())
	if err != nil {
		return "", err
	}
	k, _ := io.ReadFull(f, head)
	f.Close()
	if why := refuse(head[:k]); why != "" {
		return "", errors.New(why)
	}
	id := hex.EncodeToString(h.Sum(nil))
	dst := s.dir("sources", id)
	if _, err := os.Stat(dst); err != nil {
		if err := os.Rename(tmp.Name(), dst); err != nil {
			return "", err
		}
		os.Chmod(dst, 0o644)
	}
	return id, nil
}

// refuse says why the first bytes of an upload are nothing yusuan reads,
// or "" when they may be: a PDF, a PNG, JPEG or TIFF scan, or text.
func refuse(head []byte) string {
	switch {
	case bytes.Contains(head, []byte("%PDF-")),
		bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")),
		bytes.HasPrefix(head, []byte("\xff\xd8\xff")),
		bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return ""
	}
	if looksText(head) {
		return ""
	}
	return fmt.Sprintf("not a PDF, a page image (PNG, JPEG, TIFF) or a text export, but %s", http.DetectContentType(head))
}

// looksText reports whether bytes may be a text export: UTF-16 with its
// mark, or UTF-8 or a legacy Chinese encoding (GBK) without control bytes.
func looksText(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
		return true
	}
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			return false
		}
	}
	return true // UTF-8 or GBK: the text reader tells which, or declines
}

// register records an upload of document id under name, and queues it
// unless its output is there already (the same file again is instant).
func (s *Server) register(id, name string) docState {
	s.mu.Lock()
	defer s.mu.Unlock()
	name = cleanName(name)
	d := s.docs[id]
	if d == nil {
		d = &docState{ID: id, Added: time.Now().UTC(), Status: "queued"}
		s.docs[id] = d
		if s.current(id) {
			d.Status = "ok"
			s.fillCounts(d)
		} else {
			s.enqueue(id)
		}
	}
	if name != "" && !contains(d.Names, name) {
		d.Names = append(d.Names, name)
	}
	s.save(d)
	return *d
}

// cleanName keeps an uploaded file's base name for display: no folders,
// no control characters, at most 200 bytes.
func cleanName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
	for len(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "." || name == "/" {
		return ""
	}
	return name
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// enqueue queues a document to be read without blocking the caller (who
// may hold s.mu, which the workers need): past the queue's room it waits
// in a goroutine of its own.
func (s *Server) enqueue(id string) {
	select {
	case s.queue <- id:
	default:
		go func() {
			select {
			case s.queue <- id:
			case <-s.ctx.Done():
			}
		}()
	}
}
