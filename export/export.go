// Package export writes a normalised document out: one CSV per table, one
// XLSX workbook, and manifest.json describing them all, into one folder per
// input document.
//
// The folder is built under a temporary name beside its final place and
// renamed into place when complete, so a reader (or a resumed run) never
// sees half of a document's output.
package export

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/yusuan-data/yusuan/internal/perm"
	"github.com/yusuan-data/yusuan/table"
)

// Options choose what is written.
type Options struct {
	CSVBOM  bool // start CSV files with a UTF-8 byte order mark, for Excel
	NoXLSX  bool // skip the workbook
	Version string
}

// Write writes doc into dir (created; an existing dir is replaced whole).
func Write(dir string, doc *table.Document, opts Options) error {
	return WriteContext(context.Background(), dir, doc, opts)
}

// WriteContext is Write, given up when ctx ends: between files, and last
// just before the folder is renamed into place, so that a cancelled
// document leaves no output (its partial folder is removed).
func WriteContext(ctx context.Context, dir string, doc *table.Document, opts Options) error {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	// A killed run may have left partial folders of this document: only
	// this process writes this document, so they are garbage.
	stale, _ := filepath.Glob(filepath.Join(parent, "."+filepath.Base(dir)+".partial-*"))
	for _, s := range stale {
		os.RemoveAll(s)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, perm.Dir()); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	m := NewManifest(doc, opts.Version)
	for i, t := range doc.Tables {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := CSVName(t)
		data := CSV(t, opts.CSVBOM)
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return err
		}
		m.Tables[i].CSV = name
		m.addFile(name, data)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if !opts.NoXLSX {
		// The folder is renamed into place whole: the workbook needs no
		// atomic write of its own, and is hashed from memory.
		name := filepath.Base(dir) + ".xlsx"
		data, err := xlsxBytes(doc)
		if err != nil {
			return fmt.Errorf("writing workbook: xlsx %s: %w", filepath.Join(tmp, name), err)
		}
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return err
		}
		m.addFile(name, data)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	if err := os.WriteFile(filepath.Join(tmp, "manifest.json"), data, 0o644); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := ReplaceDir(tmp, dir); err != nil {
		return err
	}
	ok = true
	return nil
}

// ReplaceDir moves the finished folder tmp to dir, replacing what was there
// (a folder, or a link, which is replaced and not followed). A reader sees
// the old folder or the new one, never a mix.
func ReplaceDir(tmp, dir string) error {
	if _, err := os.Lstat(dir); err == nil {
		old := tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return err
		}
		if err := os.Rename(tmp, dir); err != nil {
			os.Rename(old, dir)
			return err
		}
		return os.RemoveAll(old)
	}
	return os.Rename(tmp, dir)
}

// CSVName is the file name of a table's CSV: "a02_gpb_expenditure.csv".
func CSVName(t *table.Table) string {
	return SafeName(t.ID+"_"+t.Kind) + ".csv"
}

// SafeName keeps a name to letters, digits, '-', '_' and '.', so that no
// table or document name can point outside the output folder.
func SafeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	out := strings.TrimLeft(b.String(), ".")
	if out == "" {
		return "_"
	}
	return out
}

// CSV renders a table as RFC 4180 CSV with LF line ends: a header row of
// canonical column names, then the body rows in source order. Amounts are
// plain decimals at the source's scale; empty cells are empty.
func CSV(t *table.Table, bom bool) []byte {
	var buf bytes.Buffer
	if bom {
		buf.WriteString("\uFEFF")
	}
	w := csv.NewWriter(&buf)
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	w.Write(names)
	rec := make([]string, len(t.Columns))
	for _, r := range t.Rows {
		for i := range rec {
			rec[i] = ""
			if i < len(r.Cells) {
				rec[i] = r.Cells[i].Text
			}
		}
		w.Write(rec)
	}
	w.Flush()
	return buf.Bytes()
}

func sha(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
