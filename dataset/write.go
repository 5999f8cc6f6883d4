package dataset

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/shopspring/decimal"
)

// builder holds what the writers of one build share.
type builder struct {
	root string  // the temporary folder being built
	old  string  // the dataset folder it replaces
	prev *Report // the previous build's report, when its files may be kept
	opts Options
	rep  *Report
	// names: per kind, the dataset name of each table column.
	names map[string]map[string]string
}

// yearDir is a partition's folder name.
func yearDir(year int) string {
	if year == 0 {
		return "year=" + NullPartition
	}
	return "year=" + strconv.Itoa(year)
}

// keep links (or copies) the previous build's files into the new dataset
// after checking each against its recorded size and sha256. It reports
// false, having kept nothing that matters, when one is missing or differs.
func (b *builder) keep(files []FileEntry) bool {
	for _, f := range files {
		src := filepath.Join(b.old, filepath.FromSlash(f.Path))
		sum, n, err := fileSHA256(src)
		if err != nil || n != f.Bytes || sum != f.SHA256 {
			return false
		}
	}
	var made []string
	for _, f := range files {
		src := filepath.Join(b.old, filepath.FromSlash(f.Path))
		dst := filepath.Join(b.root, filepath.FromSlash(f.Path))
		err := os.MkdirAll(filepath.Dir(dst), 0o755)
		if err == nil {
			if err = os.Link(src, dst); err != nil {
				err = copyFile(src, dst)
			}
		}
		if err != nil {
			for _, m := range made { // the partition is written anew
				os.Remove(m)
			}
			return false
		}
		made = append(made, dst)
	}
	return true
}

func fileSHA256(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return hex.EncodeToString(h.Sum(nil)), n, err
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// partWriter writes one partition's Parquet and CSV files, row by row.
type partWriter struct {
	root      string
	cols      []Column
	pq, cs    *countingFile
	pw        *parquet.Writer
	cw        *csv.Writer
	rowGroup  int
	rows      int
	groupRows int
	pending   []parquet.Row
	sums      []decimal.Decimal // per decimal column
	counts    []int
	closed    bool
}

// newPartWriter creates DATASET/{parquet,csv}/SUB/year=…/part-0.* and
// writes the CSV header.
func (b *builder) newPartWriter(sub string, year int, cols []Column, opts []parquet.WriterOption) (*partWriter, error) {
	w := &partWriter{root: b.root, cols: cols, rowGroup: b.opts.RowGroupRows,
		sums: make([]decimal.Decimal, len(cols)), counts: make([]int, len(cols))}
	var err error
	if w.pq, err = createFile(b.root, "parquet", sub, year, "part-0.parquet"); err != nil {
		return nil, err
	}
	if w.cs, err = createFile(b.root, "csv", sub, year, "part-0.csv"); err != nil {
		w.pq.f.Close()
		return nil, err
	}
	w.pw = parquet.NewWriter(w.pq, append([]parquet.WriterOption{parquetSchema(strings.TrimPrefix(sub, "kind="), cols)}, opts...)...)
	w.cw = csv.NewWriter(w.cs)
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	if err := w.cw.Write(names); err != nil {
		w.abort()
		return nil, err
	}
	return w, nil
}

// write adds one row: cells as the CSV has them, vals the decimals of
// decimal columns, present false for a column the row's table lacks.
func (w *partWriter) write(cells []string, vals []decimal.Decimal, present []bool) error {
	row := make(parquet.Row, len(w.cols))
	for i, c := range w.cols {
		if !present[i] {
			cells[i] = ""
		}
		row[i] = leafValue(c, i, cells[i], vals[i])
		if c.Type == Decimal && cells[i] != "" {
			w.sums[i] = w.sums[i].Add(vals[i])
			w.counts[i]++
		}
	}
	if err := w.cw.Write(cells); err != nil {
		return err
	}
	w.pending = append(w.pending, row)
	w.rows++
	w.groupRows++
	if len(w.pending) >= 256 {
		if err := w.flushRows(); err != nil {
			return err
		}
	}
	if w.groupRows >= w.rowGroup {
		if err := w.flushRows(); err != nil {
			return err
		}
		if err := w.pw.Flush(); err != nil {
			return err
		}
		w.groupRows = 0
	}
	return nil
}

func (w *partWriter) flushRows() error {
	if len(w.pending) == 0 {
		return nil
	}
	if _, err := w.pw.WriteRows(w.pending); err != nil {
		return err
	}
	w.pending = w.pending[:0]
	return nil
}

// close finishes both files and describes them (Parquet first).
func (w *partWriter) close() ([]FileEntry, error) {
	if err := w.flushRows(); err != nil {
		return nil, err
	}
	if err := w.pw.Close(); err != nil {
		return nil, err
	}
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return nil, err
	}
	w.closed = true
	var files []FileEntry
	for _, cf := range []*countingFile{w.pq, w.cs} {
		if err := cf.close(); err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(w.root, cf.f.Name())
		files = append(files, FileEntry{Path: filepath.ToSlash(rel), Year: cf.year, Rows: w.rows, Bytes: cf.n, SHA256: hex.EncodeToString(cf.h.Sum(nil))})
	}
	return files, nil
}

// abort closes the files of a writer that did not finish (the folder is
// removed with the build).
func (w *partWriter) abort() {
	if !w.closed {
		w.closed = true
		w.pq.f.Close()
		w.cs.f.Close()
	}
}

// leafValue is the Parquet value of column i holding text s (v for decimals).
func leafValue(c Column, i int, s string, v decimal.Decimal) parquet.Value {
	def := 1
	if c.Required {
		def = 0
	}
	if s == "" {
		if c.Required && c.Type == String {
			return parquet.ByteArrayValue(nil).Level(0, 0, i)
		}
		return parquet.NullValue().Level(0, 0, i)
	}
	switch c.Type {
	case Int:
		n, _ := strconv.Atoi(s)
		return parquet.Int32Value(int32(n)).Level(0, def, i)
	case Bool:
		return parquet.BooleanValue(s == "true").Level(0, def, i)
	case Decimal:
		return parquet.FixedLenByteArrayValue(decimalBytes(v, c.Scale)).Level(0, def, i)
	default:
		return parquet.ByteArrayValue([]byte(s)).Level(0, def, i)
	}
}

var two128 = new(big.Int).Lsh(big.NewInt(1), 128)

// decimalBytes is v's unscaled value at scale as 16 big-endian bytes of
// two's complement. The caller has checked that scale ≥ v's scale and the
// plan that the value fits 38 digits.
func decimalBytes(v decimal.Decimal, scale int) []byte {
	u := v.Shift(int32(scale)).BigInt()
	if u.Sign() < 0 {
		u.Add(u, two128)
	}
	b := make([]byte, 16)
	u.FillBytes(b)
	return b
}

// countingFile is a file being written, with its size and sha256.
type countingFile struct {
	f    *os.File
	w    *bufio.Writer
	h    hash.Hash
	n    int64
	year int
}

func createFile(root, format, sub string, year int, name string) (*countingFile, error) {
	dir := filepath.Join(root, format, sub, yearDir(year))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// Never truncate what is there: it may be a link to the previous
	// build's file, which must stay as it is until the new one is whole.
	path := filepath.Join(dir, name)
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	return &countingFile{f: f, w: bufio.NewWriterSize(f, 64<<10), h: sha256.New(), year: year}, nil
}

func (c *countingFile) Write(p []byte) (int, error) {
	c.h.Write(p)
	c.n += int64(len(p))
	return c.w.Write(p)
}

func (c *countingFile) close() error {
	if err := c.w.Flush(); err != nil {
		c.f.Close()
		return err
	}
	return c.f.Close()
}
