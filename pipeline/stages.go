package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"github.com/yusuan-data/yusuan/correct"
	"github.com/yusuan-data/yusuan/coverage"
	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/normalize"
	"github.com/yusuan-data/yusuan/segment"
	"github.com/yusuan-data/yusuan/table"
)

// A run is four stages joined by bounded queues, each stage with its own
// workers:
//
//	read      file → layout.Document as far as it goes without OCR (PDF text layers)
//	ocr       the pages left to recognise (scans, garbled text layers, images)
//	transform segment, normalise, validate → table.Document
//	write     CSV, XLSX, manifest
//
// At most Workers documents are in the read stage or after it, and a
// queue holds at most Workers documents, so a fast stage waits for a slow
// one (backpressure) and memory stays flat however many inputs there are;
// a document's layout is dropped as soon as it is normalised, the document
// once written. A document with pages to recognise leaves its read worker
// for the ocr stage (whose backlog holds at most ocrBacklog of them, with
// only their text layers), so the documents with text flow past the scans:
// they are read while the scans' pages are recognised, where two scans
// used to hold both workers for minutes while the text PDFs waited. The
// OCR engine shares its workers between the pages of every document in
// the ocr stage.

// expectAhead is how many documents a run names to the reader ahead of
// the first ones (see Run).
const expectAhead = 16

// runGCPercent is the GOGC of a run (unless the environment sets one).
const runGCPercent = 200

// item is one document on its way through the stages.
type item struct {
	idx    int
	job    Job
	res    Result
	start  time.Time
	ctx    context.Context
	cancel context.CancelFunc
	sum    string
	more   bool // documents follow this one in the run
	token  bool // holds one of the run's Workers places (see Run)
	parked time.Time
	pend   *extract.Pending
	ld     *layout.Document
	doc    *table.Document
}

// Run processes jobs and returns one result per job, in job order.
// progress, if not nil, is called (from one goroutine) as each job ends;
// it is the only one to see the result's Doc, which Run then drops.
func Run(ctx context.Context, jobs []Job, opts Options, progress func(Result)) []Result {
	w := max(opts.Workers, 1)
	if os.Getenv("GOGC") == "" {
		// A collection stops the world, and a goroutine inside PDFium
		// (WebAssembly) stops only when its call returns (a page takes
		// milliseconds): with the default GOGC=100 a run of 233 pages
		// collected 18 times and the cores stood idle 70–160 ms in all.
		// At 200 it collects half as often, for some 20 MB more peak.
		defer debug.SetGCPercent(debug.SetGCPercent(runGCPercent))
	}
	readQ := make(chan *item, w)
	ocrQ := make(chan *item, ocrBacklog(w))
	transformQ := make(chan *item, w)
	writeQ := make(chan *item, w)
	done := make(chan *item, w)

	// At most w documents are in flight: -workers 1 is one document at a
	// time through the stages, so that the figure per worker is honest.
	inflight := make(chan struct{}, w)
	order := largestFirst(jobs)
	// The first w documents go to the workers at once; the reader may
	// prepare the ones after them while it starts (extract.Reader.Expect),
	// except those a resumed run will skip. Not with one worker: that
	// figure is for one core.
	if w > 1 && len(order) > w {
		go func() {
			var next []string
			for _, i := range order[w:] {
				if len(next) == expectAhead || ctx.Err() != nil {
					break
				}
				if !opts.Force {
					if _, done := Completed(jobs[i], opts); done {
						continue
					}
				}
				next = append(next, jobs[i].Input)
			}
			opts.reader().Expect(next)
		}()
	}
	go func() {
		defer close(readQ)
		for k, i := range order {
			j := jobs[i]
			inflight <- struct{}{}
			it := &item{idx: i, job: j, res: Result{Input: j.Input, Status: "failed"}, more: k < len(jobs)-1, token: true}
			if ctx.Err() != nil {
				it.res.Error = "run cancelled"
				done <- it
				continue
			}
			if !opts.Force {
				if r, ok := Completed(j, opts); ok {
					it.res = r
					done <- it
					continue
				}
			}
			readQ <- it
		}
	}()
	// stage runs w workers over in; next says where a document goes when
	// f is done with it (nil: it is finished).
	stage := func(in <-chan *item, next func(*item) chan<- *item, f func(*item, Options) error, idle func()) *sync.WaitGroup {
		var wg sync.WaitGroup
		for range w {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if idle != nil {
					defer idle()
				}
				for it := range in {
					if err := runStage(it, opts, f); err != nil {
						it.fail(err, opts)
						done <- it
						continue
					}
					out := next(it)
					if out == nil {
						it.finish(opts)
						done <- it
						continue
					}
					if out == ocrQ {
						// Parked for OCR: its place goes to the next
						// document once the backlog has taken it.
						it.token, it.parked = false, time.Now()
						ocrQ <- it
						<-inflight
						continue
					}
					out <- it
				}
			}()
		}
		return &wg
	}
	to := func(q chan<- *item) func(*item) chan<- *item { return func(*item) chan<- *item { return q } }
	r := stage(readQ, func(it *item) chan<- *item {
		if w > 1 && it.pend != nil {
			return ocrQ
		}
		return transformQ
	}, func(it *item, opts Options) error {
		it.start = time.Now()
		it.ctx, it.cancel = ctx, func() {}
		if opts.Timeout > 0 {
			it.ctx, it.cancel = context.WithTimeout(ctx, opts.Timeout)
		}
		if it.more && w > 1 {
			// Other workers read the documents that follow: one PDFium
			// instance per document keeps every core busy without
			// parsing a document twice. The last one may use them all.
			it.ctx = extract.InBatch(it.ctx)
		}
		if err := readStage(it, opts); err != nil {
			return err
		}
		if w > 1 {
			return nil // the ocr stage recognises what is left
		}
		return ocrStage(it, opts) // one document at a time: at once
	}, func() {
		// No document left to start: help read the ones in progress
		// (each has one PDFium instance; this core would sit idle).
		for w > 1 && ctx.Err() == nil && opts.reader().Assist(ctx) {
		}
	})
	o := stage(ocrQ, to(transformQ), func(it *item, opts Options) error {
		// The time a document waited in the backlog is not its own: its
		// time-out runs on from where the read stage left it.
		wait := time.Since(it.parked)
		it.start = it.start.Add(wait)
		it.cancel()
		it.ctx, it.cancel = ctx, func() {}
		if opts.Timeout > 0 {
			it.ctx, it.cancel = context.WithDeadline(ctx, it.start.Add(opts.Timeout))
		}
		if err := it.ctx.Err(); err != nil {
			return err
		}
		return ocrStage(it, opts)
	}, nil)
	t := stage(transformQ, to(writeQ), transformStage, nil)
	wr := stage(writeQ, to(nil), writeStage, nil)
	go func() { r.Wait(); close(ocrQ) }()
	go func() { r.Wait(); o.Wait(); close(transformQ) }()
	go func() { t.Wait(); close(writeQ) }()
	go func() { wr.Wait(); close(done) }()

	results := make([]Result, len(jobs))
	for it := range done {
		if it.token {
			<-inflight
		}
		if progress != nil {
			progress(it.res)
		}
		// The document is written; keeping it would make memory grow with
		// the archive. Its counts stay in the result.
		it.res.Doc = nil
		results[it.idx] = it.res
	}
	return results
}

// ocrBacklog is how many documents may wait for the ocr stage: each holds
// only its text layer (its page images are extracted as its pages are
// read), and while the backlog has room a scan never holds a read worker.
func ocrBacklog(workers int) int { return 4*workers + expectAhead }

// largestFirst is the order documents are started in: largest file first
// (ties in input order). Workers that take the long documents first end
// together; a long one started last leaves the other cores idle while it
// finishes. Results stay in input order, and output does not depend on
// the order.
func largestFirst(jobs []Job) []int {
	size := make([]int64, len(jobs))
	order := make([]int, len(jobs))
	for i, j := range jobs {
		order[i] = i
		if st, err := os.Stat(j.Input); err == nil {
			size[i] = st.Size()
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return size[order[a]] > size[order[b]] })
	return order
}

// Process runs one document through every stage, in this goroutine.
func Process(ctx context.Context, job Job, opts Options) Result {
	it := &item{job: job, res: Result{Input: job.Input, Status: "failed"}, start: time.Now(), ctx: ctx, cancel: func() {}}
	if opts.Timeout > 0 {
		it.ctx, it.cancel = context.WithTimeout(ctx, opts.Timeout)
	}
	for _, f := range []func(*item, Options) error{readStage, ocrStage, transformStage, writeStage} {
		if err := runStage(it, opts, f); err != nil {
			it.fail(err, opts)
			return it.res
		}
	}
	it.finish(opts)
	return it.res
}

// runStage runs f, turning a panic into an error and a context deadline
// into a time-out.
func runStage(it *item, opts Options, f func(*item, Options) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
			if os.Getenv("YUSUAN_DEBUG") != "" {
				err = fmt.Errorf("%w\n%s", err, debug.Stack())
			}
		}
	}()
	if it.ctx != nil && it.ctx.Err() != nil {
		return it.ctx.Err()
	}
	return f(it, opts)
}

func readStage(it *item, opts Options) error {
	sum, err := fileSHA256(it.ctx, it.job.Input)
	if err != nil {
		return err
	}
	it.sum = sum
	p, err := opts.reader().Begin(withDebug(it.ctx, it.job, opts), it.job.Input)
	if err != nil {
		return err
	}
	if opts.Watch != nil {
		pages := len(p.Doc.Pages)
		if pages == 0 {
			pages = p.OCRPages // an image file: its pages are counted, not read
		}
		opts.Watch.Opened(it.job.Input, pages, p.OCRPages)
	}
	if p.NeedsOCR() {
		it.pend = p
	} else {
		it.ld = p.Doc
	}
	return nil
}

// withDebug is ctx under which the pages of job are drawn (opts.DebugPNG).
func withDebug(ctx context.Context, job Job, opts Options) context.Context {
	if opts.DebugPNG == nil {
		return ctx
	}
	return extract.WithDebugPages(ctx, 100, func(page int, png []byte) { opts.DebugPNG(job, page, png) })
}

// ocrStage recognises the pages the read stage left (none: nothing to do).
func ocrStage(it *item, opts Options) error {
	if it.pend == nil {
		return nil
	}
	ctx := withDebug(it.ctx, it.job, opts)
	if w := opts.Watch; w != nil {
		input := it.job.Input
		w.OCRStarted(input)
		ctx = extract.WithPageDone(ctx, func(page int) { w.Recognised(input, page) })
	}
	ld, err := it.pend.Finish(ctx)
	it.pend = nil
	if err != nil {
		return err
	}
	it.ld = ld
	return nil
}

func transformStage(it *item, opts Options) error {
	if opts.Layout != nil {
		// Every document passes here, text or recognised, once read.
		opts.Layout(it.job.Input, it.ld)
	}
	doc, err := transformUntil(it.ctx, it.ld, it.sum, opts)
	it.ld = nil
	if err != nil {
		return err
	}
	it.doc = doc
	it.res.Doc = doc
	it.res.Pages, it.res.Tables, it.res.Findings = doc.Pages, len(doc.Tables), len(doc.Findings)
	it.res.Quality = doc.Quality
	for _, f := range doc.Findings {
		if f.Severity == table.Error {
			it.res.Errors++
		}
	}
	return nil
}

func writeStage(it *item, opts Options) error {
	if err := it.ctx.Err(); err != nil {
		return err
	}
	if err := export.WriteContext(it.ctx, it.job.OutDir, it.doc, opts.Export); err != nil {
		if ctxErr := it.ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		return fmt.Errorf("writing output: %w", err)
	}
	it.res.Output = it.job.OutDir
	return nil
}

// transformUntil is transform, given up when ctx ends: the steps check
// ctx between them, and a step still running then (a huge document) is
// left to finish in the background, its result dropped, so that a time-out
// or a SIGTERM does not wait for it.
func transformUntil(ctx context.Context, ld *layout.Document, sum string, opts Options) (*table.Document, error) {
	type result struct {
		doc *table.Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: fmt.Errorf("internal error: %v", p)}
			}
		}()
		doc, err := transform(ctx, ld, sum, opts)
		done <- result{doc, err}
	}()
	select {
	case r := <-done:
		return r.doc, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// transform segments, normalises and validates a read document, checking
// ctx between the steps.
func transform(ctx context.Context, ld *layout.Document, sum string, opts Options) (*table.Document, error) {
	unread := unreadPages(ld)
	if len(unread) == len(ld.Pages) {
		return nil, fmt.Errorf("no usable text: %s scanned or with a garbled text layer, and OCR is not available", pageList(unread))
	}
	sd := segment.Split(ld)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	doc := normalize.Document(sd)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	doc.SHA256 = sum
	var corrected *correct.Result
	if opts.Corrections != "" {
		corrected = correct.Document(opts.Corrections, doc)
	}
	if ld.Kind == layout.KindHTML && !hasBudgetTable(doc) {
		// A web page's words (an index of links to budgets, a notice
		// about them) are not a disclosure; only its tables can be.
		return nil, fmt.Errorf("not a budget disclosure: an HTML page (a web page, or a server's error page saved under this name) with no budget table")
	}
	if !hasBudgetTable(doc) && !(hasAttachments(sd) && extract.BudgetSignal(ld.Pages)) && !looksLikeBudget(doc) {
		if len(doc.Tables) > 0 {
			return nil, fmt.Errorf("not a budget disclosure: no budget table (found %q) and no budget narrative", doc.Tables[0].Title)
		}
		return nil, errors.New("no budget tables or budget narrative found")
	}
	applyMeta(doc, opts.Meta)
	if len(unread) > 0 {
		doc.Findings = append(doc.Findings, table.Finding{
			Severity: table.Error, Rule: "page.unread", Document: doc.Source, Pages: unread,
			Message: fmt.Sprintf("%s scanned or with a garbled text layer; OCR is not available, so any table there is missing", pageList(unread)),
		})
	}
	doc.Findings = append(doc.Findings, repairFindings(doc, sd.Repairs)...)
	if opts.Check != nil {
		doc.Findings = append(doc.Findings, opts.Check(doc)...)
	}
	// Coverage always runs: what was printed against what came out, so
	// that a table missed, merged or emptied is a finding, not a silence.
	cov, q := coverage.Check(ld, sd, doc)
	doc.Findings = append(doc.Findings, cov...)
	doc.Findings = corrected.Settle(doc.Findings)
	q.Count(doc.Findings)
	doc.Quality = &q
	return doc, nil
}

// unreadPages lists the pages whose text could not be read: scans and
// garbled text layers, which need OCR.
func unreadPages(ld *layout.Document) []int {
	var out []int
	for _, p := range ld.Pages {
		if p.Garbled {
			out = append(out, p.Number)
		}
	}
	return out
}

// pageList says "page 3" or "pages 1–12" or "pages 2, 5, 7".
func pageList(pages []int) string {
	if len(pages) == 1 {
		return fmt.Sprintf("page %d is", pages[0])
	}
	run := true
	for i := 1; i < len(pages); i++ {
		run = run && pages[i] == pages[i-1]+1
	}
	if run {
		return fmt.Sprintf("pages %d–%d are", pages[0], pages[len(pages)-1])
	}
	s := ""
	for i, p := range pages {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprint(p)
	}
	return "pages " + s + " are"
}

// hasBudgetTable reports whether any table is of a standard kind, or is
// titled as a budget's table of funds (项目资金安排表, 经费预算表).
func hasBudgetTable(doc *table.Document) bool {
	for _, t := range doc.Tables {
		if t.Kind != normalize.KindOther || budgetTitleRe.MatchString(t.Title) {
			return true
		}
	}
	return false
}

// hasAttachments reports whether a table sits under an 附件 N marker: a
// numbered attachment of a disclosure, even when its title could not be
// read (a scan's bold title is often what OCR misses). The marker alone
// is not enough: transform also asks for a budget word somewhere in the
// text (extract.BudgetSignal: a budget's headers say 科目编码, 功能分类,
// 财政拨款 even when its title is lost), since any official notice numbers
// its attachments (a drug supply list saved as 附件2 under a budget's
// file name has hundreds of tables and not one budget word).
func hasAttachments(sd *segment.Document) bool {
	for _, t := range sd.Tables {
		if t.Attachment > 0 {
			return true
		}
	}
	return false
}

var budgetTitleRe = regexp.MustCompile(`预算|决算|资金|经费|收支|拨款`)

func (it *item) fail(err error, opts Options) {
	stopped := errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("timed out after %s", opts.Timeout)
	} else if errors.Is(err, context.Canceled) {
		err = errors.New("run cancelled")
	}
	it.res.Status = "failed"
	it.res.Error = err.Error()
	it.res.Reason = ReasonOf(it.res.Error)
	if Declines(it.res.Reason) {
		it.res.Status = "declined"
	}
	if !stopped {
		it.res.Stale = retireStale(it.job)
	}
	it.end()
}

func (it *item) finish(opts Options) {
	it.res.Status = "ok"
	if opts.Strict && it.res.Errors > 0 {
		it.res.Status = "failed"
		it.res.Error = fmt.Sprintf("%d error finding(s) under --strict", it.res.Errors)
		it.res.Reason = ReasonStrict
	}
	it.end()
}

func (it *item) end() {
	if !it.start.IsZero() {
		it.res.Duration = time.Since(it.start)
	}
	if it.cancel != nil {
		it.cancel()
	}
	it.ld, it.doc, it.pend = nil, nil, nil
}
