package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
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
//     the start (documents and pages done, pages/s, ETA from the bytes of
//     the inputs done, declined and failed so far), each failure printed
//     above it;
//   - elsewhere: only the failures and declines, one line each;
//   - with -log-format json: one JSON object per document (log/slog: time,
//     level, msg "document", then stable keys), then one "summary".
type reporter struct {
	mu       sync.Mutex
	w        io.Writer
	log      *slog.Logger // -log-format json
	tty      bool
	quiet    bool
	total    int
	done     int
	pages    int
	failed   int
	declined int
	skipped  int
	bytes    int64 // of all inputs
	bytesIn  int64 // of the inputs done
	sizes    map[string]int64
	start    time.Time
	stop     chan struct{}
	stopped  chan struct{}
	rules    map[ruleKey]int // findings by severity and rule, over the run
}

// tick is how often the status line is redrawn on a terminal.
const tick = time.Second

func newReporter(w io.Writer, jobs []pipeline.Job, format string, quiet bool) *reporter {
	r := &reporter{w: w, tty: isTerminal(w) && !quiet && format != "json", quiet: quiet, total: len(jobs), start: time.Now(), sizes: map[string]int64{}}
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
	r.bytesIn += r.sizes[res.Input]
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

// draw writes the status line; r.mu is held.
func (r *reporter) draw() {
	el := time.Since(r.start)
	sec := max(el.Seconds(), 1e-9)
	eta := "?"
	if r.bytesIn > 0 && r.bytes > r.bytesIn {
		left := float64(r.bytes-r.bytesIn) / (float64(r.bytesIn) / sec)
		eta = (time.Duration(left) * time.Second).Round(time.Second).String()
	} else if r.done == r.total {
		eta = "0s"
	}
	fmt.Fprintf(r.w, "\r\x1b[K%s  %d/%d documents (%d in progress), %d pages, %.1f pages/s, ETA %s, %d declined, %d failed",
		el.Round(time.Second), r.done, r.total, min(r.total-r.done, runningCap), r.pages, float64(r.pages)/sec, eta, r.declined, r.failed)
}

// runningCap bounds the "in progress" figure; newReporter's caller sets
// it to the number of workers.
var runningCap = 1

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
