package pdf

import (
	"fmt"
	"strings"
)

// Limits bound what one document may cost. A document over a limit fails
// with one sentence naming the limit; the other documents go on. In every
// field 0 means the default and a negative value means no limit.
type Limits struct {
	// MaxFileBytes: larger files are refused before they are read
	// (default 512 MiB).
	MaxFileBytes int64
	// MaxPages: documents with more pages are refused (default 2000).
	MaxPages int
	// MaxObjects: the objects a cross-reference section may declare (its
	// /Size, or the entries of a classic table) (default 100,000; the
	// corpus has at most 370). pdfcpu spends about 3.5 KB per object: a
	// 41 KB file declaring 4 million took 13.9 GB and 6 minutes.
	MaxObjects int
	// MaxStreamBytes: the decoded size of any one stream, as its filters
	// say, checked by decoding into a counter before pdfcpu and PDFium see
	// the file (default 32 MiB; the largest stream of the corpus is 0.3
	// MiB). PDFium holds a decoded stream whole and needs about six times
	// its size: a 60 MiB content stream peaks at 420 MB RSS. Image data is
	// checked by MaxImagePixels instead (PDFium draws it line by line).
	MaxStreamBytes int64
	// MaxDecodedBytes: the decoded size of all streams together (default
	// 1 GiB): many streams just under MaxStreamBytes are a bomb too.
	MaxDecodedBytes int64
	// MaxImagePixels: the declared width × height of any one image
	// (default 100,000,000: an A3 page scanned at 600 dpi is 70 M).
	MaxImagePixels int64
	// MaxMemoryMB: the WebAssembly memory of each PDFium instance, in MiB
	// (default 512; the corpus needs 18; the module itself allows 2048).
	// PDFium fails the document ("PDFium ran out of memory") when it
	// reaches it; the instance is replaced. The backstop for what the
	// checks above miss: the bomb with the stream check off peaks at
	// 1.1 GB RSS under a 1024 MiB cap, 4.9 GB without.
	MaxMemoryMB int
}

// DefaultLimits returns the limits used when Options.Limits is zero.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:    512 << 20,
		MaxPages:        2000,
		MaxObjects:      100_000,
		MaxStreamBytes:  32 << 20,
		MaxDecodedBytes: 1 << 30,
		MaxImagePixels:  100_000_000,
		MaxMemoryMB:     512,
	}
}

// resolve fills zero fields with the defaults and turns negative ones
// into 0 (no limit).
func (l Limits) resolve() Limits {
	d := DefaultLimits()
	pick64 := func(v, def int64) int64 {
		switch {
		case v == 0:
			return def
		case v < 0:
			return 0
		}
		return v
	}
	pick := func(v, def int) int { return int(pick64(int64(v), int64(def))) }
	l.MaxFileBytes = pick64(l.MaxFileBytes, d.MaxFileBytes)
	l.MaxPages = pick(l.MaxPages, d.MaxPages)
	l.MaxObjects = pick(l.MaxObjects, d.MaxObjects)
	l.MaxStreamBytes = pick64(l.MaxStreamBytes, d.MaxStreamBytes)
	l.MaxDecodedBytes = pick64(l.MaxDecodedBytes, d.MaxDecodedBytes)
	l.MaxImagePixels = pick64(l.MaxImagePixels, d.MaxImagePixels)
	l.MaxMemoryMB = pick(l.MaxMemoryMB, d.MaxMemoryMB)
	if l.MaxMemoryMB > 2048 {
		l.MaxMemoryMB = 2048
	}
	return l
}

// memoryPages is MaxMemoryMB in 64 KiB wasm pages (0: the runtime's default).
func (l Limits) memoryPages() uint32 {
	if l.MaxMemoryMB <= 0 || l.MaxMemoryMB >= 2048 {
		return 0
	}
	return uint32(l.MaxMemoryMB) * 16
}

// oneLine makes a reason fit on one line: a wasm trap's stack trace and
// anything after a line break go, control characters become spaces.
func oneLine(s string) string {
	if i := strings.Index(s, "\nwasm stack trace:"); i >= 0 {
		s = s[:i]
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) > 300 {
		s = string([]rune(s)[:300]) + "…"
	}
	return s
}

// displayName is a file name fit for a one-line message: quoted when it
// holds a control character.
func displayName(name string) string {
	if strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return fmt.Sprintf("%q", name)
	}
	return name
}
