package pdf

import (
	"context"
	"io"
	"os"
	"slices"
)

// Preflight ahead: starting PDFium takes about a fifth of a second of wall
// time on a 2-core machine (the runtime decodes and validates the whole module
// and maps its cached machine code), nearly all on one core, while every
// document waits for it. Preflighting (reading the file, the stream checks,
// pdfcpu) needs no PDFium, so the idle core preflights the documents that
// come next during that window, and their Read finds the checks done.

// Bounds on what preflighting ahead holds: documents that are never read
// (the run is cancelled) keep their bytes until Close.
const (
	aheadMaxFiles     = 16
	aheadMaxFileBytes = 32 << 20
	aheadMaxBytes     = 128 << 20
)

// preflighted is the outcome of one file's preflight, done ahead.
type preflighted struct {
	done  chan struct{} // closed when the fields below are set
	data  []byte
	pages int
	rep   *scanReport
	err   error
}

// Expect tells the reader the files it will be asked for next, in the
// order it will be asked. It starts PDFium now, and until PDFium is up
// preflights those files in the background. A hint only: Read gives the
// same result with or without it.
func (l *Lazy) Expect(paths []string) { go l.expect(paths) }

func (l *Lazy) expect(paths []string) {
	if len(paths) > aheadMaxFiles {
		paths = paths[:aheadMaxFiles]
	}
	// A run over text files never starts PDFium.
	if !slices.ContainsFunc(paths, startsAsPDF) {
		return
	}
	l.start()
	l.preflightAhead(paths)
}

// startsAsPDF reports whether the file at path has a PDF header.
func startsAsPDF(path string) bool {
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return false // a named pipe would block the open
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	return hasPDFHeader(head[:n])
}

func (l *Lazy) preflightAhead(paths []string) {
	lim := l.opts.Limits.resolve()
	var held int64
	for _, path := range paths {
		select {
		case <-l.ready:
			return // PDFium is up: each Read preflights its own file
		default:
		}
		if held >= aheadMaxBytes {
			return
		}
		if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() || st.Size() > aheadMaxFileBytes {
			continue // Read reports what is wrong with it
		}
		l.mu.Lock()
		if _, taken := l.ahead[path]; taken || l.closed {
			l.mu.Unlock()
			continue
		}
		p := &preflighted{done: make(chan struct{})}
		l.ahead[path] = p
		l.mu.Unlock()

		p.data, p.err = readFile(path, lim.MaxFileBytes)
		if p.err == nil && !hasPDFHeader(p.data) {
			// Not a PDF (a text input): not ours to judge.
			p.data, p.err = nil, errNotAhead
		}
		if p.err == nil {
			p.pages, p.rep, p.err = preflightLimits(context.Background(), path, p.data, &lim)
		}
		if p.err != nil {
			p.data, p.rep = nil, nil
		}
		held += int64(len(p.data))
		close(p.done)
	}
}

// errNotAhead marks a file preflightAhead left to Read.
var errNotAhead = &fileError{reason: "not preflighted ahead"}

// claimed marks a file whose Read preflights it itself.
var claimed = &preflighted{}

// takeAhead returns the preflight done ahead for path, waiting for it if it
// is under way; ok is false when there is none and the caller preflights
// the file itself (preflightAhead then leaves it alone).
func (l *Lazy) takeAhead(ctx context.Context, path string) (p *preflighted, ok bool, err error) {
	l.mu.Lock()
	p, found := l.ahead[path]
	l.ahead[path] = claimed
	l.mu.Unlock()
	if !found || p == claimed {
		return nil, false, nil
	}
	select {
	case <-p.done:
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	if p.err == errNotAhead {
		return nil, false, nil
	}
	return p, true, nil
}

// release forgets path once its Read has its preflight. While PDFium is
// still starting, path stays claimed, so that preflightAhead does not come
// to it later and do it again.
func (l *Lazy) release(path string) {
	select {
	case <-l.ready:
	default:
		return
	}
	l.mu.Lock()
	delete(l.ahead, path)
	l.mu.Unlock()
}
