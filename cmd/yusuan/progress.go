package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/yusuan-data/yusuan/pipeline"
)

// reporter tells the person or machine running yusuan how the run goes.
//
//   - on a terminal: one status line redrawn in place every second from
//     the start: documents done, pages done of the pages in all (estimated
//     from the bytes of the inputs not opened yet, "~"), pages/s, an ETA
//     from the pages left (text pages and pages to recognise each at their
//     own rate), declined and failed so far, and the documents being
//     recognised by name with their pages done; each failure printed above
//     it;
//   - elsewhere: only the failures and declines, one line each;
//   - with -log-format json: one JSON object per document (log/slog: time,
//     level, msg "document", then stable keys), then one "summary".
//
// It is the run's pipeline.Watcher: it hears of pages as they are read.
type reporter struct {
	mu       sync.Mutex
	w        io.Writer
	log      *slog.Logger // -log-format json
	tty      bool
	quiet    bool
	total    int
	done     int
	pages    int // of the documents done (the summary)
	failed   int
	declined int
	skipped  int
	bytes    int64 // of all inputs
	sizes    map[string]int64
	start    time.Time
	stop     chan struct{}
	stopped  chan struct{}
	rules    map[ruleKey]int // findings by severity and rule, over the run

	docs     map[string]*docPages // opened, by input
	ocrOrder []string             // inputs in the order their OCR started
	pg       pageCounts
}

// docPages is one opened document's pages.
type docPages struct {
	pages, ocr, recognised int
	ocrStart               time.Time // zero until its OCR starts
	done                   bool
}

// pageCounts are the page figures of a run so far, for the status line.
type pageCounts struct {
	openedBytes  int64 // of the inputs opened (or done without opening)
	openedPages  int   // pages of the documents opened, less those dropped (a scan declined early)
	filePages    int   // pages of the documents opened, in their files
	textPages    int   // pages read from a text layer
	ocrPages     int   // pages recognised
	ocrLeft      int   // pages left to recognise in the documents opened
	ocrSeen      int   // pages found to need OCR
	firstOCR     time.Time
	skippedBytes int64 // of inputs whose output was complete (no pages counted)
}

// tick is how often the status line is redrawn on a terminal.
const tick = time.Second

func newReporter(w io.Writer, jobs []pipeline.Job, format string, quiet bool) *reporter {
	r := &reporter{w: w, tty: isTerminal(w) && !quiet && format != "json", quiet: quiet, total: len(jobs), start: time.Now(), sizes: map[string]int64{}, docs: map[string]*docPages{}}
	if format == "json" {
		r.log = slog.New(slog.NewJSONHandler(w, nil))
	}
	for _, j := range jobs {
		if st, err := os.Stat(j.Input); err == nil {
			r.sizes[j.Input] = st.Size()
			r.bytes += st.Size()
		}
	}
	if r.tty {
		r.stop, r.stopped = make(chan struct{}), make(chan struct{})
		go r.ticker()
	}
	return r
}

// isTerminal reports whether w is a terminal (not a file, a pipe or
// /dev/null, which is a character device too).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (r *reporter) ticker() {
	defer close(r.stopped)
	t := time.NewTicker(tick)
	defer t.Stop()
	r.mu.Lock()
	r.draw()
	r.mu.Unlock()
	for {
		select {
		case <-r.stop:
			return
		case <-t.C:
			r.mu.Lock()
			r.draw()
			r.mu.Unlock()
		}
	}
}

// docDone is called once per finished document.
func (r *reporter) docDone(res pipeline.Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done++
	r.pages += res.Pages
	switch d := r.docs[res.Input]; {
	case d != nil:
		// Pages not recognised (declined after its first pages, failed)
		// are no longer to come.
		r.pg.ocrLeft -= d.ocr - d.recognised
		r.pg.openedPages -= d.ocr - d.recognised
		d.done = true
	case res.Skipped:
		r.pg.skippedBytes += r.sizes[res.Input]
	default: // failed before its text was read: no pages
		r.pg.openedBytes += r.sizes[res.Input]
	}
	if res.Doc != nil {
		if r.rules == nil {
			r.rules = map[ruleKey]int{}
		}
		for _, f := range res.Doc.Findings {
			r.rules[ruleKey{f.Severity, f.Rule}]++
		}
	}
	switch {
	case res.Declined():
		r.declined++
	case res.Failed():
		r.failed++
	}
	if res.Skipped {
		r.skipped++
	}
	switch {
	case r.log != nil:
		level := slog.LevelInfo
		switch {
		case res.Declined():
			level = slog.LevelWarn
		case res.Failed():
			level = slog.LevelError
		}
		r.log.Log(context.Background(), level, "document", "input", res.Input, "output", res.Output, "status", res.Status,
			"reason", res.Reason, "skipped", res.Skipped, "error", res.Error, "pages", res.Pages, "tables", res.Tables,
			"findings", res.Findings, "finding_errors", res.Errors, "ms", res.Duration.Milliseconds())
		return
	case res.Declined():
		r.clear()
		fmt.Fprintf(r.w, "yusuan: %s: declined: %s\n", shownPath(res.Input), oneLine(res.Error))
	case res.Failed():
		r.clear()
		fmt.Fprintf(r.w, "yusuan: %s: %s\n", shownPath(res.Input), oneLine(res.Error))
	}
	if r.tty {
		r.draw()
	}
}

func (r *reporter) clear() {
	if r.tty {
		fmt.Fprint(r.w, "\r\x1b[K")
	}
}

// Opened is pipeline.Watcher's: input's text is read.
func (r *reporter) Opened(input string, pages, ocr int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.docs[input] = &docPages{pages: pages, ocr: ocr}
	r.pg.openedBytes += r.sizes[input]
	r.pg.openedPages += pages
	r.pg.filePages += pages
	r.pg.textPages += pages - ocr
	r.pg.ocrLeft += ocr
	r.pg.ocrSeen += ocr
}

// OCRStarted is pipeline.Watcher's.
func (r *reporter) OCRStarted(input string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if d := r.docs[input]; d != nil {
		d.ocrStart = time.Now()
		r.ocrOrder = append(r.ocrOrder, input)
	}
	if r.pg.firstOCR.IsZero() {
		r.pg.firstOCR = time.Now()
	}
}

// Recognised is pipeline.Watcher's.
func (r *reporter) Recognised(input string, page int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if d := r.docs[input]; d != nil && !d.done && d.recognised < d.ocr {
		d.recognised++
		r.pg.ocrPages++
		r.pg.ocrLeft--
	}
}

// draw writes the status line; r.mu is held.
func (r *reporter) draw() {
	line := r.status(time.Now())
	if w := termWidth(r.w); w > 0 {
		line = clip(line, w-1) // a wrapped line is not redrawn in place
	}
	fmt.Fprint(r.w, "\r\x1b[K"+line)
}

// status is the status line at now; r.mu is held.
func (r *reporter) status(now time.Time) string {
	el := now.Sub(r.start)
	sec := max(el.Seconds(), 1e-9)
	pg := r.pg
	done := pg.textPages + pg.ocrPages
	// The pages of the inputs not opened yet, at the pages per byte of
	// those opened.
	total, approx, unopened := pg.openedPages, "", 0
	if rest := r.bytes - pg.openedBytes - pg.skippedBytes; rest > 0 && r.done < r.total {
		approx, unopened = "~", -1 // unknown
		if pg.openedBytes > 0 {
			unopened = int(float64(rest) * float64(pg.filePages) / float64(pg.openedBytes))
			total += unopened
		}
	}
	eta := r.eta(now, unopened)
	parts := []string{fmt.Sprintf("%s  %d/%d documents, %d/%s%d pages, %.1f pages/s, ETA %s, %d declined, %d failed",
		el.Round(time.Second), r.done, r.total, done, approx, total, float64(done)/sec, eta, r.declined, r.failed)}
	// The documents being recognised, by name: a scan takes minutes, and
	// the line says which and how far.
	var ocr []string
	for _, in := range r.ocrOrder {
		if d := r.docs[in]; d != nil && !d.done {
			ocr = append(ocr, fmt.Sprintf("%s %d/%d (%s)", filepath.Base(in), d.recognised, d.ocr, now.Sub(d.ocrStart).Round(time.Second)))
		}
	}
	if len(ocr) > 3 {
		ocr = append(ocr[:3], fmt.Sprintf("%d more", len(ocr)-3))
	}
	if len(ocr) > 0 {
		parts = append(parts, "OCR "+strings.Join(ocr, ", "))
	}
	return strings.Join(parts, " | ")
}

// eta is the time the pages left take: those left to recognise at the
// rate pages have been recognised since the first began, the text pages
// (and those of the inputs not opened, unopened, in the share of text
// and scans seen so far; -1: not known yet) at the rate text pages were
// read. "?" until there is a rate to go by.
func (r *reporter) eta(now time.Time, unopened int) string {
	pg := r.pg
	if r.done == r.total {
		return "0s"
	}
	if unopened < 0 {
		return "?"
	}
	sec := now.Sub(r.start).Seconds()
	var left float64
	perText, perOCR := -1.0, -1.0
	if pg.textPages > 0 {
		perText = sec / float64(pg.textPages)
	}
	if pg.ocrPages > 0 {
		perOCR = now.Sub(pg.firstOCR).Seconds() / float64(pg.ocrPages)
	}
	if pg.ocrLeft > 0 {
		if perOCR < 0 {
			return "?"
		}
		left += float64(pg.ocrLeft) * perOCR
	}
	if unopened > 0 {
		seen := pg.textPages + pg.ocrSeen
		if seen == 0 || perText < 0 {
			return "?"
		}
		share := float64(pg.ocrSeen) / float64(seen)
		per := perText
		if share > 0 {
			if perOCR < 0 {
				return "?"
			}
			per = share*perOCR + (1-share)*perText
		}
		left += float64(unopened) * per
	}
	return (time.Duration(left) * time.Second).Round(time.Second).String()
}

// termWidth is the width of the terminal w is, or 0.
func termWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok {
		return 0
	}
	n, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return n
}

// clip cuts s to n columns (a Chinese character takes two).
func clip(s string, n int) string {
	cols := 0
	for i, c := range s {
		w := 1
		if c >= 0x1100 && (c <= 0x115F || c >= 0x2E80 && c <= 0xA4CF || c >= 0xAC00 && c <= 0xD7A3 || c >= 0xF900 && c <= 0xFAFF || c >= 0xFE30 && c <= 0xFE4F || c >= 0xFF00 && c <= 0xFF60 || c >= 0xFFE0 && c <= 0xFFE6 || c >= 0x20000) {
			w = 2
		}
		if cols+w > n {
			return s[:i]
		}
		cols += w
	}
	return s
}

// finish stops the ticker and prints the summary: a line, and the
// findings by rule.
func (r *reporter) finish(results []pipeline.Result) {
	if r.stop != nil {
		close(r.stop)
		<-r.stopped
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	tables, findings, errs := 0, 0, 0
	for _, res := range results {
		tables += res.Tables
		findings += res.Findings
		errs += res.Errors
	}
	el := time.Since(r.start)
	extracted := r.total - r.failed - r.declined
	if r.log != nil {
		r.log.Info("summary", "documents", r.total, "extracted", extracted, "declined", r.declined, "failed", r.failed,
			"skipped", r.skipped, "pages", r.pages, "tables", tables, "findings", findings,
			"finding_errors", errs, "ms", el.Milliseconds())
		return
	}
	if r.quiet {
		return
	}
	r.clear()
	fmt.Fprintf(r.w, "yusuan: %d document(s) extracted (%d already complete), %d declined, %d failed; %d table(s); %d finding(s), %d error(s); %s\n",
		extracted, r.skipped, r.declined, r.failed, tables, findings, errs, el.Round(time.Millisecond))
	for _, line := range findingSummary(r.rules) {
		fmt.Fprintln(r.w, "  "+line)
	}
}

// shownPath is an input path fit for a one-line message: Go-quoted when it
// holds a control character (a newline in a file name would split the line).
func shownPath(p string) string {
	if strings.ContainsFunc(p, isControl) {
		return strconv.Quote(p)
	}
	return p
}

// oneLine keeps an error to one line (with YUSUAN_DEBUG set a stack trace is
// appended and left whole: it is meant to be read).
func oneLine(s string) string {
	if os.Getenv("YUSUAN_DEBUG") != "" {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// lockedWriter is r's writer for lines from the workers (a debug PNG not
// written): each is printed whole, above the status line.
func (r *reporter) lockedWriter() io.Writer { return reporterWriter{r} }

type reporterWriter struct{ r *reporter }

func (w reporterWriter) Write(p []byte) (int, error) {
	w.r.mu.Lock()
	defer w.r.mu.Unlock()
	w.r.clear()
	n, err := w.r.w.Write(p)
	if w.r.tty {
		w.r.draw()
	}
	return n, err
}
