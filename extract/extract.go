// Package extract reads an input file into a layout.Document: pages of
// positioned lines and cells. It picks the reader by the file's content, not
// its name: a PDF goes to the PDF reader (text layer, OCR for scanned or
// garbled pages), text to the plain-text reader.
package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/yusuan-data/yusuan/extract/ocr"
	"github.com/yusuan-data/yusuan/extract/pdf"
	"github.com/yusuan-data/yusuan/layout"
)

// PDFReader reads a PDF file. The PDFium-backed reader in extract/pdf
// satisfies it; it is an interface so that a run over text files never
// starts PDFium.
type PDFReader interface {
	Read(ctx context.Context, path string) (*layout.Document, error)
}

// Reader reads any supported input.
type Reader struct {
	// PDF reads PDFs; nil refuses them with a clear error.
	PDF PDFReader
	// Image reads page images (PNG, JPEG, TIFF) by OCR; nil refuses them.
	Image imageReader
	// MaxTextBytes caps the size of a text input (default 64 MiB).
	MaxTextBytes int64

	closers []func() error
}

// imageReader recognises image files.
type imageReader interface {
	beginImage(ctx context.Context, path string) (*Pending, error)
}

// ErrUnsupported is wrapped by errors about inputs of a kind yusuan does not
// read.
var ErrUnsupported = errors.New("unsupported input")

// Read reads the file at path. Errors name the reason; the caller adds the
// path.
func (r *Reader) Read(ctx context.Context, path string) (*layout.Document, error) {
	p, err := r.Begin(ctx, path)
	if err != nil {
		return nil, err
	}
	return p.Finish(ctx)
}

// Begin reads the file at path as far as it goes without OCR (see
// Pending). Errors are Read's.
func (r *Reader) Begin(ctx context.Context, path string) (*Pending, error) {
	f, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() == 0 {
		return nil, fmt.Errorf("empty file")
	}
	// A PDF header may follow junk (a mail header, a web server's
	// preamble): looked for in the first 8 KiB, so that such a file gets
	// the PDF reader's verdict, not "binary file, not text".
	head := make([]byte, 8<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	head = head[:n]
	switch {
	case isPDF(head):
		if r.PDF == nil {
			return nil, fmt.Errorf("%w: PDF input needs the PDF reader", ErrUnsupported)
		}
		if b, ok := r.PDF.(Beginner); ok {
			return b.Begin(ctx, path)
		}
		return complete(r.PDF.Read(ctx, path))
	case isImage(head):
		if r.Image == nil {
			// Unreadable here, but a broken image is said to be broken.
			if err := ocr.CheckImageFile(path); err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %s needs OCR", ErrUnsupported, knownBinary(head))
		}
		return r.Image.beginImage(ctx, path)
	case knownBinary(head) != "":
		return nil, fmt.Errorf("%w: %s file, not a PDF or text", ErrUnsupported, knownBinary(head))
	}
	limit := r.MaxTextBytes
	if limit <= 0 {
		limit = 64 << 20
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("text file of %d bytes is over the %d-byte limit", st.Size(), limit)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if pdf.IsHTML(head) {
		// A web page saved under a budget's name: read as text and
		// tables; the pipeline's screening decides whether it is one.
		return complete(ReadHTML(path, data))
	}
	return complete(ReadText(path, data))
}

// complete is a document read whole as a Pending.
func complete(doc *layout.Document, err error) (*Pending, error) {
	if err != nil {
		return nil, err
	}
	return &Pending{Doc: doc}, nil
}

// isPDF reports whether a file starts like a PDF. The header may follow a
// little junk (the spec tolerates up to 1024 bytes before %PDF-).
func isPDF(head []byte) bool {
	return bytes.Contains(head, []byte("%PDF-"))
}

// isImage reports whether a file is a page image OCR can read.
func isImage(head []byte) bool {
	for _, m := range []string{"\x89PNG", "\xFF\xD8\xFF", "II*\x00", "MM\x00*"} {
		if bytes.HasPrefix(head, []byte(m)) {
			return true
		}
	}
	return false
}

// knownBinary names common binary formats by their magic bytes.
func knownBinary(head []byte) string {
	magics := []struct {
		prefix string
		name   string
	}{
		{"PK\x03\x04", "ZIP (or DOCX/XLSX)"},
		{"\xD0\xCF\x11\xE0", "OLE (DOC/XLS)"},
		{"\x89PNG", "PNG image"},
		{"\xFF\xD8\xFF", "JPEG image"},
		{"II*\x00", "TIFF image"},
		{"MM\x00*", "TIFF image"},
		{"II+\x00", "BigTIFF image"},
		{"MM\x00+", "BigTIFF image"},
		{"GIF8", "GIF image"},
		{"\x1F\x8B", "gzip"},
		{"\x7FELF", "ELF executable"},
		{"Rar!", "RAR archive"},
		{"7z\xBC\xAF", "7-Zip archive"},
	}
	for _, m := range magics {
		if bytes.HasPrefix(head, []byte(m.prefix)) {
			return m.name
		}
	}
	return ""
}

func openError(err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("no such file")
	case errors.Is(err, os.ErrPermission):
		return fmt.Errorf("permission denied")
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// OpenRegular opens an input for reading, refusing anything but a regular
// file (or a link to one) with its reason: a named pipe would block the
// read for ever, a device such as /dev/zero never ends, a folder is not a
// document. It opens without blocking (a pipe with no writer), then looks
// at what it opened.
func OpenRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, openError(err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(path, st.Mode())
	}
	return f, nil
}

// notRegular says what a path that is not a regular file is.
func notRegular(path string, m os.FileMode) error {
	switch {
	case m.IsDir():
		if _, err := os.ReadDir(path); err != nil {
			return fmt.Errorf("folder that cannot be read: %v", openError(err))
		}
		return errors.New("is a directory")
	case m&os.ModeNamedPipe != 0:
		return errors.New("not a regular file: a named pipe (FIFO)")
	case m&os.ModeSocket != 0:
		return errors.New("not a regular file: a socket")
	case m&os.ModeDevice != 0:
		return errors.New("not a regular file: a device")
	}
	return fmt.Errorf("not a regular file (%s)", m.Type())
}
