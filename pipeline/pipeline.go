// Package pipeline runs documents through yusuan's stages:
//
//	extract (file → layout.Document)
//	→ segment (→ segment.Document: narrative, raw tables)
//	→ normalize (→ table.Document: typed tables)
//	→ validate (→ findings)
//	→ export (→ CSV, XLSX, manifest.json)
//
// One document's failure never stops the others: it is recorded with its
// reason, and the run goes on.
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/table"
)

// Options configure a run.
type Options struct {
	OutDir  string
	Workers int           // documents in flight at once; 0 means 1
	Timeout time.Duration // per document; 0 means none
	Strict  bool          // an error-severity finding fails the document
	Export  export.Options
	Reader  *extract.Reader
	// Check validates a document; nil skips validation.
	Check func(*table.Document) []table.Finding
	// Force redoes documents whose output is already complete.
	Force bool
	// NoOCR says the reader leaves scanned pages unread (extract's
	// NoOCR): a resumed run with OCR on redoes a document whose output
	// has pages left unread.
	NoOCR bool
	// Corrections is a folder of corrections files (package correct):
	// those of a document are applied before validation, and a resumed run
	// redoes a document whose corrections changed. "" applies none.
	Corrections string
	// Layout, if not nil, is given each document as read, before it is
	// segmented (yusuan serve keeps the geometry to draw the pages).
	Layout func(input string, ld *layout.Document)
	// Meta is metadata supplied for documents (-meta); nil: none.
	Meta *Meta
	// Watch hears of the work in progress (a status line); nil: nobody.
	Watch Watcher
	// DebugPNG, when set, receives every page of a document drawn as it
	// was read (extract.WithDebugPages, at 100 dpi), as the run reads it:
	// a document that fails or is declined after its pages were read is
	// drawn too.
	DebugPNG func(job Job, page int, png []byte)
}

// Watcher hears of the work in progress, page by page, for a status line
// that moves while a long scan is recognised. Run calls it from its
// workers, concurrently; Run's progress function still hears of every
// document's end.
type Watcher interface {
	// Opened: input's text is read; pages in all, of which ocrPages are
	// left to recognise.
	Opened(input string, pages, ocrPages int)
	// OCRStarted: input's pages begin to be recognised.
	OCRStarted(input string)
	// Recognised: page (1-based) of input is recognised.
	Recognised(input string, page int)
}

// Result is what happened to one input.
type Result struct {
	Input    string `json:"input"`
	Output   string `json:"output,omitempty"`  // folder written
	Status   string `json:"status"`            // "ok", "declined" (not a budget disclosure) or "failed"
	Skipped  bool   `json:"skipped,omitempty"` // output was complete already
	Error    string `json:"error,omitempty"`
	Reason   string `json:"reason,omitempty"`       // a code for Error (reason.go): not_budget, corrupt, timeout …
	Stale    string `json:"stale_output,omitempty"` // where a failed document's output from other bytes went (retireStale)
	Pages    int    `json:"pages"`
	Tables   int    `json:"tables"`
	Findings int    `json:"findings"`
	Errors   int    `json:"finding_errors"`
	// Quality is how completely the document was read (coverage).
	Quality  *table.Quality  `json:"quality,omitempty"`
	Duration time.Duration   `json:"-"`
	Doc      *table.Document `json:"-"`
}

// Failed reports whether the document did not come out (failed or
// declined).
func (r Result) Failed() bool { return r.Status != "ok" }

// Declined reports whether the input was no budget disclosure: it did not
// come out, and that is the right answer.
func (r Result) Declined() bool { return r.Status == "declined" }

// Counts against a run: a failure, or under strict any document that did
// not come out.
func (r Result) Counts(strict bool) bool { return r.Failed() && (strict || !r.Declined()) }

// Job is one input and the folder its output goes to.
type Job struct {
	Input  string
	OutDir string
}

// Plan assigns each input its output folder, OUTDIR/<file stem>. Stems are
// made safe (no separators, no leading dots); two inputs with the same stem
// get the later one (in path order) a suffix from its path's hash.
func Plan(inputs []string, outDir string) []Job {
	sorted := append([]string(nil), inputs...)
	sort.Strings(sorted)
	used := map[string]bool{}
	for _, r := range reservedNames {
		used[r] = true // an input run.json.pdf must not replace the run's record
	}
	name := map[string]string{}
	for _, in := range sorted {
		stem := SafeStem(in)
		if used[stem] {
			h := sha256.Sum256([]byte(in))
			stem += "-" + hex.EncodeToString(h[:4])
		}
		used[stem] = true
		name[in] = stem
	}
	jobs := make([]Job, len(inputs))
	for i, in := range inputs {
		jobs[i] = Job{Input: in, OutDir: filepath.Join(outDir, name[in])}
	}
	return jobs
}

// reservedNames are the names in OUTDIR that belong to the run, not to a
// document.
var reservedNames = []string{"run.json"}

var unsafeRe = regexp.MustCompile(`[^\p{L}\p{N}\-_.()（）]+`)

// SafeStem is the output folder name for an input path: its base name
// without extension, with anything but letters, digits and - _ . ( )
// replaced by "_", never starting with a dot, at most 120 bytes.
func SafeStem(path string) string {
	base := filepath.Base(path)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	stem = unsafeRe.ReplaceAllString(stem, "_")
	stem = strings.TrimLeft(stem, ".")
	for len(stem) > 120 {
		r := []rune(stem)
		stem = string(r[:len(r)-1])
	}
	if stem == "" || strings.Trim(stem, "_") == "" {
		stem = "document"
	}
	return stem
}

// Convert reads, segments, normalises and validates one document.
func Convert(ctx context.Context, path string, opts Options) (*table.Document, error) {
	sum, err := fileSHA256(ctx, path)
	if err != nil {
		return nil, err
	}
	ld, err := opts.reader().Read(ctx, path)
	if err != nil {
		return nil, err
	}
	return transform(ctx, ld, sum, opts)
}

func (o Options) reader() *extract.Reader {
	if o.Reader == nil {
		return &extract.Reader{}
	}
	return o.Reader
}

// looksLikeBudget tells a disclosure published without tables (its tables
// are elsewhere) from a file that is no disclosure at all.
func looksLikeBudget(doc *table.Document) bool {
	if doc.Title != "" {
		return true
	}
	n := 0
	for _, s := range doc.Narrative {
		if strings.Contains(s.Heading+s.Text, "预算") || strings.Contains(s.Heading+s.Text, "决算") {
			n++
		}
	}
	return n >= 2
}

// fileSHA256 hashes an input, which must be a regular file (see
// RegularFile), stopping when ctx ends.
func fileSHA256(ctx context.Context, path string) (string, error) {
	f, err := extract.OpenRegular(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	buf := make([]byte, 1<<20)
	for {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		n, err := f.Read(buf)
		h.Write(buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// inputExts are the file types a folder walk picks up.
var inputExts = map[string]bool{".pdf": true, ".txt": true, ".png": true, ".jpg": true, ".jpeg": true, ".tif": true, ".tiff": true}

// Inputs expands the command line's arguments: files as given, folders
// walked recursively for .pdf and .txt files (hidden ones skipped), in
// lexical order. A missing argument is kept, to fail with its reason. A
// file reached twice (a folder and its subfolder both given, two
// spellings of one path) is kept once, as first
// reached: processed twice, it raced with itself. (A link is an input of
// its own, named as the link: its output folder is the link's.)
func Inputs(args []string) ([]string, error) {
	all, err := walkInputs(args)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range all {
		key := p
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out, nil
}

func walkInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			out = append(out, a)
			continue
		}
		err = filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				if p == a {
					return err
				}
				// A folder (or entry) that cannot be read, such as a
				// lost+found a non-root pod may not open: one failed
				// input (it fails with its reason), not the whole run.
				out = append(out, p)
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if p != a && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && inputExts[strings.ToLower(filepath.Ext(p))] {
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
