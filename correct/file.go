// Package correct keeps a person's corrections of what yusuan read as
// data, and applies them to every later run of the same document.
//
// A document's corrections are one small JSON file, <sha256 of the
// source>.json, in a corrections folder (yusuan extract -corrections DIR;
// yusuan serve keeps its own under its data folder). They are applied
// after normalisation and before validation, so the checks run on the
// corrected tables; each applied correction is recorded in the manifest
// (before, after, when), and one that no longer fits the document as read
// (the cell or table changed since it was made) is a finding,
// correction.stale, and is not applied.
package correct

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/yusuan-data/yusuan/table"
)

// File is the corrections of one source document.
type File struct {
	SHA256      string             `json:"sha256"` // of the source file's bytes
	Corrections []table.Correction `json:"corrections"`
}

var sumRe = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ValidSum reports whether s is a sha256 in lower-case hex: the only name
// a corrections file (and a document of yusuan serve) may have.
func ValidSum(s string) bool { return sumRe.MatchString(s) }

// Path is the corrections file of the document with the given sha256.
func Path(dir, sum string) string { return filepath.Join(dir, sum+".json") }

// Load reads the corrections of the document with the given sha256 from
// dir, and the file's checksum: nil and "" when it has none.
func Load(dir, sum string) (*File, string, error) {
	if !ValidSum(sum) {
		return nil, "", fmt.Errorf("corrections: %q is no sha256", sum)
	}
	data, err := os.ReadFile(Path(dir, sum))
	if errors.Is(err, os.ErrNotExist) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("corrections %s: %w", Path(dir, sum), err)
	}
	f, err := Parse(data)
	if err != nil {
		return nil, "", fmt.Errorf("corrections %s: %w", Path(dir, sum), err)
	}
	if f.SHA256 != sum {
		return nil, "", fmt.Errorf("corrections %s: made for the document %s", Path(dir, sum), f.SHA256)
	}
	h := sha256.Sum256(data)
	return f, hex.EncodeToString(h[:]), nil
}

// Sum is the checksum of the corrections file of a document, "" when
// there is none (or dir is ""): a resumed run redoes a document whose
// corrections changed.
func Sum(dir, sum string) string {
	if dir == "" || !ValidSum(sum) {
		return ""
	}
	data, err := os.ReadFile(Path(dir, sum))
	if err != nil {
		return ""
	}
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// Parse reads a corrections file, refusing unknown fields and operations
// so that a typing mistake is an error rather than a correction ignored.
func Parse(data []byte) (*File, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a corrections file: %w", err)
	}
	if !ValidSum(f.SHA256) {
		return nil, fmt.Errorf("sha256 %q is not a sha256 in hex", f.SHA256)
	}
	for i, c := range f.Corrections {
		if err := Check(c); err != nil {
			return nil, fmt.Errorf("correction %d: %w", i+1, err)
		}
	}
	return &f, nil
}

// Check tells whether a correction is complete for its operation.
func Check(c table.Correction) error {
	switch c.Op {
	case OpCell:
		if c.Table == "" || c.Row < 1 || c.Column == "" {
			return errors.New("a cell correction needs table, row (from 1) and column")
		}
	case OpKind:
		if c.Table == "" || !kindRe.MatchString(c.After) {
			return errors.New("a kind correction needs table and a kind (lower-case ASCII, e.g. gpb_expenditure) as after")
		}
	case OpAttachment:
		if c.Table == "" || !attachmentRe.MatchString(c.After) {
			return errors.New("an attachment correction needs table and a number from 1 to 999 as after")
		}
	case OpSplit:
		if c.Table == "" || c.Row < 2 {
			return errors.New("a split needs table and the row (from 2) that starts the new table")
		}
	case OpJoin:
		if c.Table == "" || c.With == "" || c.Table == c.With {
			return errors.New("a join needs table and another table as with")
		}
	case OpNotTable:
		if c.Page < 1 {
			return errors.New("not_table needs a page (from 1)")
		}
	default:
		return fmt.Errorf("unknown op %q (cell, kind, attachment, split, join, not_table)", c.Op)
	}
	return nil
}

var (
	kindRe       = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
	attachmentRe = regexp.MustCompile(`^[1-9][0-9]{0,2}$`)
)

// Save writes f as the corrections file of its document in dir, whole
// (written beside and renamed, so a reader never sees half of it).
func Save(dir string, f *File) error {
	if !ValidSum(f.SHA256) {
		return fmt.Errorf("corrections: %q is no sha256", f.SHA256)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+f.SHA256+".*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(append(data, '\n'))
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return errors.Join(werr, cerr)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), Path(dir, f.SHA256))
}
