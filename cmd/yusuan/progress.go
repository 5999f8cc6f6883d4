package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/yusuan-data/yusuan/pipeline"
)

// reporter tells the person or machine running yusuan how the run goes.
//
//   - on a terminal: one status line redrawn in place (documents and pages
//     done, rate, ETA, failures so far), with each failure printed above it;
//   - elsewhere: only the failures, one line each;
//   - with -log-format json: one JSON object per document, then a summary.
type reporter struct {
	w        io.Writer
	tty      bool
	json     bool
	quiet    bool
	total    int
	done     int
	pages    int
	failed   int
	skipped  int
	start    time.Time
	lastDraw time.Time
	rules    map[ruleKey]int // findings by severity and rule, over the run
}

func newReporter(w io.Writer, total int, format string, quiet bool) *reporter {
	return &reporter{w: w, tty: isTerminal(w) && !quiet && format != "json", json: format == "json", quiet: quiet, total: total, start: time.Now()}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// docDone is called once per finished document.
func (r *reporter) docDone(res pipeline.Result) {
	r.done++
	r.pages += res.Pages
	if res.Doc != nil {
		if r.rules == nil {
			r.rules = map[ruleKey]int{}
		}
		for _, f := range res.Doc.Findings {
			r.rules[ruleKey{f.Severity, f.Rule}]++
		}
	}
	if res.Failed() {
		r.failed++
	}
	if res.Skipped {
		r.skipped++
	}
	switch {
	case r.json:
		json.NewEncoder(r.w).Encode(map[string]any{
			"event": "document", "input": res.Input, "output": res.Output, "status": res.Status,
			"skipped": res.Skipped, "error": res.Error, "pages": res.Pages, "tables": res.Tables,
			"findings": res.Findings, "finding_errors": res.Errors, "ms": res.Duration.Milliseconds(),
		})
		return
	case res.Failed():
		r.clear()
		fmt.Fprintf(r.w, "yusuan: %s: %s\n", shownPath(res.Input), oneLine(res.Error))
	}
	if r.tty && (time.Since(r.lastDraw) > 100*time.Millisecond || r.done == r.total) {
		r.draw()
	}
}

func (r *reporter) clear() {
	if r.tty {
		fmt.Fprint(r.w, "\r\x1b[K")
	}
}

func (r *reporter) draw() {
	r.lastDraw = time.Now()
	el := time.Since(r.start).Seconds()
	rate := float64(r.done) / max(el, 1e-9)
	eta := "?"
	if rate > 0 {
		eta = (time.Duration(float64(r.total-r.done)/rate) * time.Second).Round(time.Second).String()
	}
	fmt.Fprintf(r.w, "\r\x1b[K%d/%d documents, %d pages, %.1f docs/s, %.1f pages/s, ETA %s, %d failed",
		r.done, r.total, r.pages, rate, float64(r.pages)/max(el, 1e-9), eta, r.failed)
}

// finish prints the summary: a line, and the findings by rule.
func (r *reporter) finish(results []pipeline.Result) {
	tables, findings, errs := 0, 0, 0
	for _, res := range results {
		tables += res.Tables
		findings += res.Findings
		errs += res.Errors
	}
	el := time.Since(r.start)
	if r.json {
		json.NewEncoder(r.w).Encode(map[string]any{
			"event": "summary", "documents": r.total, "extracted": r.total - r.failed, "failed": r.failed,
			"skipped": r.skipped, "pages": r.pages, "tables": tables, "findings": findings,
			"finding_errors": errs, "ms": el.Milliseconds(),
		})
		return
	}
	if r.quiet {
		return
	}
	r.clear()
	fmt.Fprintf(r.w, "yusuan: %d document(s) extracted (%d already complete), %d failed; %d table(s); %d finding(s), %d error(s); %s\n",
		r.total-r.failed, r.skipped, r.failed, tables, findings, errs, el.Round(time.Millisecond))
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
