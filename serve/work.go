package serve

import (
	"encoding/json"
	"os"
	"time"

	"github.com/yusuan-data/yusuan/correct"
	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/pipeline"
	"github.com/yusuan-data/yusuan/table"
)

// work reads queued documents until the server closes.
func (s *Server) work() {
	defer s.wg.Done()
	for {
		select {
		case <-s.ctx.Done():
			return
		case id := <-s.queue:
			s.process(id)
		}
	}
}

// job is the pipeline's job for a document: its stored bytes in, its
// output folder out.
func (s *Server) job(id string) pipeline.Job {
	return pipeline.Job{Input: s.dir("sources", id), OutDir: s.dir("out", id)}
}

func (s *Server) options() pipeline.Options {
	return pipeline.Options{
		Reader: s.cfg.Reader, Check: s.cfg.Check, NoOCR: s.cfg.NoOCR,
		Export: s.exportOptions(), Corrections: s.dir("corrections"),
	}
}

// current reports whether a document's output is complete and made by
// this version with its present corrections.
func (s *Server) current(id string) bool {
	_, ok := pipeline.Completed(s.job(id), s.options())
	return ok
}

// process runs one document through the pipeline, the CLI's, and keeps
// what the page draws: each row's page and line, the pages' geometry.
func (s *Server) process(id string) {
	s.mu.Lock()
	d := s.docs[id]
	if d == nil || d.Status == "reading" || d.Status == "checking" {
		s.mu.Unlock()
		return
	}
	d.Status, d.Error, d.Reason, d.Started, d.again = "reading", "", "", time.Now().UTC(), false
	s.save(d)
	name := ""
	if len(d.Names) > 0 {
		name = d.Names[0]
	}
	s.mu.Unlock()

	var pages []viewPage
	opts := s.options()
	opts.Force = true
	opts.Layout = func(_ string, ld *layout.Document) {
		// The manifest and the findings name the file as it was uploaded,
		// not the place it is kept under (the sha256 is beside it).
		if name != "" {
			ld.Source = name
		}
		pages = geometry(ld)
		s.mu.Lock()
		d.Status, d.Pages = "checking", len(ld.Pages)
		s.mu.Unlock()
	}
	res := pipeline.Process(s.ctx, s.job(id), opts)
	if res.Doc != nil {
		v := view{Pages: pages, Geometry: len(pages) > 0 && pages[0].Width > 0, Tables: viewTables(res.Doc), Findings: export.FindingRows(res.Doc)}
		if data, err := json.Marshal(v); err == nil {
			writeAtomic(s.dir("view", id+".json"), data)
		}
		os.RemoveAll(s.dir("pages", id)) // drawn again on demand
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	d.Status, d.Error, d.Reason = res.Status, res.Error, res.Reason
	d.Pages, d.Tables = res.Pages, res.Tables
	d.Seconds = time.Since(d.Started).Seconds()
	if s.ctx.Err() != nil {
		d.Status = "queued" // cut short by the server's end: read again at start
	}
	s.save(d)
	if d.again && s.ctx.Err() == nil {
		d.Status = "queued"
		s.enqueue(id)
	}
}

// requeue reads a document again (its corrections changed).
func (s *Server) requeue(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[id]
	if d.Status == "reading" || d.Status == "checking" {
		d.again = true
		return
	}
	if d.Status != "queued" {
		d.Status = "queued"
		s.save(d)
		s.enqueue(id)
	}
}

// fillCounts sets a done document's counts from its manifest.
func (s *Server) fillCounts(d *docState) {
	m, err := s.readManifest(d.ID)
	if err != nil {
		return
	}
	d.Pages, d.Tables = m.Pages, len(m.Tables)
}

func (s *Server) readManifest(id string) (*export.Manifest, error) {
	data, err := os.ReadFile(s.dir("out", id, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var m export.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// corrections is a document's corrections file, or an empty one.
func (s *Server) corrections(id string) (*correct.File, error) {
	f, _, err := correct.Load(s.dir("corrections"), id)
	if err != nil {
		return nil, err
	}
	if f == nil {
		f = &correct.File{SHA256: id, Corrections: []table.Correction{}}
	}
	return f, nil
}
