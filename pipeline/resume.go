package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/yusuan-data/yusuan/correct"
	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/internal/perm"
	"github.com/yusuan-data/yusuan/table"
)

// Completed reports whether job's output is already complete and current:
// its manifest exists, names the same source sha256 and the same yusuan
// version, and every file it lists is there with the checksum it records.
// A resumed run skips such documents and redoes every other one.
func Completed(job Job, opts Options) (Result, bool) {
	data, err := os.ReadFile(filepath.Join(job.OutDir, "manifest.json"))
	if err != nil {
		return Result{}, false
	}
	var m export.Manifest
	if json.Unmarshal(data, &m) != nil || m.Generator != "yusuan "+opts.Export.Version {
		return Result{}, false
	}
	// Options that change the output are part of what complete means.
	if !opts.Export.NoXLSX != hasXLSX(m) {
		return Result{}, false
	}
	if !opts.NoOCR && hasFinding(m, "page.unread") {
		return Result{}, false // made with -no-ocr: its scanned pages were never read
	}
	if bom, ok := csvHasBOM(job.OutDir, m); ok && bom != opts.Export.CSVBOM {
		return Result{}, false
	}
	sum, err := fileSHA256(context.Background(), job.Input)
	if err != nil || sum != m.SHA256 {
		return Result{}, false
	}
	if correct.Sum(opts.Corrections, sum) != m.CorrectionsSHA256 {
		return Result{}, false // corrections made, changed or dropped since
	}
	// So is the metadata supplied for it (-meta), changed or no longer
	// given.
	if s, ok := opts.Meta.Lookup(job.Input, sum); ok != (m.Supplied != nil) || ok && s != *m.Supplied {
		return Result{}, false
	}
	for _, f := range m.Files {
		if s, err := fileSHA256(context.Background(), filepath.Join(job.OutDir, f.Path)); err != nil || s != f.SHA256 {
			return Result{}, false
		}
	}
	r := Result{Input: job.Input, Output: job.OutDir, Status: "ok", Skipped: true,
		Pages: m.Pages, Tables: len(m.Tables), Findings: len(m.Findings), Quality: m.Quality}
	for _, f := range m.Findings {
		if f.Severity == table.Error {
			r.Errors++
		}
	}
	if opts.Strict && r.Errors > 0 {
		r.Status = "failed"
		r.Error = fmt.Sprintf("%d error finding(s) under --strict", r.Errors)
		r.Reason = ReasonStrict
	}
	return r, true
}

// retireStale moves aside the output folder of a document that failed
// when that output was made from other bytes than the input now holds (the
// source was replaced by a broken file, or is gone): left in place, it
// passed for the current output, and "yusuan dataset" took it in. It goes
// to the hidden folder .<name>.stale beside it (datasets and merges skip
// hidden folders; nothing is deleted), which is returned ("" when nothing
// was moved). Output made from the same bytes stays: the document failed
// for another reason (a time-out, a cancel) and its output is still its.
func retireStale(job Job) string {
	data, err := os.ReadFile(filepath.Join(job.OutDir, "manifest.json"))
	if err != nil {
		return ""
	}
	var m export.Manifest
	if json.Unmarshal(data, &m) != nil {
		return ""
	}
	if sum, err := fileSHA256(context.Background(), job.Input); err == nil && sum == m.SHA256 {
		return ""
	}
	stale := filepath.Join(filepath.Dir(job.OutDir), "."+filepath.Base(job.OutDir)+".stale")
	os.RemoveAll(stale)
	if os.Rename(job.OutDir, stale) != nil {
		return ""
	}
	return stale
}

func hasFinding(m export.Manifest, rule string) bool {
	for _, f := range m.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// csvHasBOM reports whether the first CSV of an output starts with a byte
// order mark (ok false: no CSV to tell by).
func csvHasBOM(dir string, m export.Manifest) (bom, ok bool) {
	for _, f := range m.Files {
		if !strings.HasSuffix(f.Path, ".csv") {
			continue
		}
		fh, err := os.Open(filepath.Join(dir, f.Path))
		if err != nil {
			return false, false
		}
		defer fh.Close()
		head := make([]byte, 3)
		n, _ := io.ReadFull(fh, head)
		return string(head[:n]) == "\xef\xbb\xbf", true
	}
	return false, false
}

func hasXLSX(m export.Manifest) bool {
	for _, f := range m.Files {
		if strings.HasSuffix(f.Path, ".xlsx") {
			return true
		}
	}
	return false
}

// ParseShard reads "K/N" (1 ≤ K ≤ N): this process takes the K-th of N
// slices of the inputs.
func ParseShard(s string) (k, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return 0, 0, fmt.Errorf("invalid shard %q: want K/N with 1 ≤ K ≤ N, e.g. 2/3", s)
	}
	return k, n, nil
}

// Shard keeps the jobs of slice k of n. A job's slice is a hash of its
// input path, so every process of a distributed run, given the same input
// list, agrees on who does what without talking to the others.
func Shard(jobs []Job, k, n int) []Job {
	var out []Job
	for _, j := range jobs {
		h := fnv.New64a()
		io.WriteString(h, j.Input)
		if int(h.Sum64()%uint64(n)) == k-1 {
			out = append(out, j)
		}
	}
	return out
}

// RunLog is OUTDIR/run.json: every input of a run with what became of it.
type RunLog struct {
	Generator string      `json:"generator"`
	Started   time.Time   `json:"started"`
	Finished  time.Time   `json:"finished"`
	Shard     string      `json:"shard,omitempty"`
	Inputs    []RunRecord `json:"inputs"`
}

// RunRecord is one input in run.json.
type RunRecord struct {
	Result
	Millis int64 `json:"ms"`
	// InputBytes is the input's name as bytes (base64 in JSON) when it is
	// not UTF-8 (a GBK name from an old archive): JSON strings are UTF-8,
	// and Input then holds U+FFFD where those bytes were.
	InputBytes []byte `json:"input_bytes,omitempty"`
}

// NewRunLog records results (sorted by input path).
func NewRunLog(version, shard string, started time.Time, results []Result) *RunLog {
	l := &RunLog{Generator: "yusuan " + version, Started: started.UTC(), Finished: time.Now().UTC(), Shard: shard}
	for _, r := range results {
		rec := RunRecord{Result: r, Millis: r.Duration.Milliseconds()}
		if !utf8.ValidString(r.Input) {
			rec.InputBytes = []byte(r.Input)
		}
		l.Inputs = append(l.Inputs, rec)
	}
	sort.Slice(l.Inputs, func(i, j int) bool { return l.Inputs[i].Input < l.Inputs[j].Input })
	if l.Inputs == nil {
		l.Inputs = []RunRecord{}
	}
	return l
}

// WriteJSON writes v as indented JSON to path, atomically.
func WriteJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, append(data, '\n'))
}

// WriteFileAtomic writes data to a temporary file beside path and renames
// it into place: a reader sees the old file or the new one, never half.
func WriteFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	stale, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*"))
	for _, s := range stale {
		os.Remove(s)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm.File())
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
