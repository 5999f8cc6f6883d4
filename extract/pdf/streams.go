package pdf

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"context"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	pdfcpufilter "github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The stream scan runs over the raw bytes of a PDF before pdfcpu or PDFium
// parse it, so that neither ever inflates a decompression bomb or sizes a
// bitmap for an absurd image: both decode a stream whole into memory
// (PDFium's flate decoder allows itself 1 GiB, and wasm memory never
// shrinks). Every stream object ("N G obj << … >> stream … endstream") is
// found by its header; its filter chain is decoded on the fly into a
// counter that stops at the limit, so the scan itself needs a few hundred
// KB whatever the stream holds. It is a scan, not a parse: streams inside
// object streams cannot carry streams. An encrypted stream decodes to
// noise, which stops its count early: an encrypted document's streams are
// counted again once pdfcpu has decrypted them (scanDecrypted), against the
// same limits.

// scanReport is what the scan found besides a limit being crossed.
type scanReport struct {
	streams int
	decoded int64 // bytes decoded in all, within the limits
	largest int64 // the largest decoded stream
	images  int   // image XObjects
	broken  []string

	// Streams not decoded because deflate's bound says they cannot cross
	// a limit: their bound is counted in bounded until the total would
	// cross MaxDecodedBytes, then they are decoded after all.
	bounded int64
	skipped []skippedStream
}

type skippedStream struct {
	body    []byte
	filters []string
	d       dict
}

// maxDeflateRatio bounds what deflate can make of n bytes: a match of 258
// bytes takes at least two bits (a one-bit length code and a one-bit
// distance code), so n bytes inflate to at most 1032·n bytes, plus a
// literal or two.
const maxDeflateRatio = 1032

// deflateBound is the most a stream of n bytes whose only filter is
// FlateDecode can decode to, or -1 when the filters are others.
func deflateBound(filters []string, n int) int64 {
	if len(filters) != 1 || filters[0] != "FlateDecode" && filters[0] != "Fl" {
		return -1
	}
	return (int64(n) + 1) * maxDeflateRatio
}

// limitError is a limit crossed: the reason is the whole message.
type limitError struct{ reason string }

func (e *limitError) Error() string { return e.reason }

// objHeader is what nextObjHeader finds (kept for the tests, which check
// that the two agree: the regexp has no literal prefix, so running it over
// a whole file cost more than all the rest of the preflight).
var objHeader = regexp.MustCompile(`(\d{1,10})[ \t\r\n\f\x00]+(\d{1,5})[ \t\r\n\f\x00]+obj\b`)

// nextObjHeader finds the first object header "N G obj" in data[pos:], as
// objHeader.FindSubmatchIndex(data[pos:]) does, with absolute indexes
// (match end, number start and end, generation start and end): every
// "obj" is a candidate, and the digits and blanks before it are read
// backwards. A match for a later "obj" can never start before an earlier
// "obj", so the first candidate that matches is the leftmost match.
func nextObjHeader(data []byte, pos int) (loc [6]int, ok bool) {
	isBlank := func(c byte) bool {
		return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0
	}
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	for from := pos; ; {
		k := bytes.Index(data[from:], []byte("obj"))
		if k < 0 {
			return loc, false
		}
		q := from + k
		from = q + 1
		if e := q + 3; e < len(data) && isWordByte(data[e]) {
			continue // obj\b
		}
		i := q
		for i > pos && isBlank(data[i-1]) {
			i--
		}
		if i == q {
			continue
		}
		genEnd := i
		for i > pos && isDigit(data[i-1]) {
			i--
		}
		if n := genEnd - i; n < 1 || n > 5 || i == pos || !isBlank(data[i-1]) {
			continue
		}
		genStart := i
		for i > pos && isBlank(data[i-1]) {
			i--
		}
		numEnd := i
		for i > pos && isDigit(data[i-1]) && numEnd-i < 10 {
			i--
		}
		if i == numEnd {
			continue
		}
		return [6]int{i, q + 3, i, numEnd, genStart, genEnd}, true
	}
}

// resolver finds the value of an indirect object ("7 0 R") in the raw
// file. Object headers are indexed as far as needed, once: a reference
// to an object further on moves the index forward, so the whole scan
// stays linear in the file. The latest header indexed for a number wins
// (an incremental update). Objects inside object streams are not found
// (their value stays a reference).
type resolver struct {
	data []byte
	at   map[string]int // "N G" → index after its "obj"
	next int            // where indexing goes on
}

func (r *resolver) resolve(v string) (string, bool) {
	f := strings.Fields(v)
	if len(f) != 3 || f[2] != "R" || !isInt(f[0]) || !isInt(f[1]) {
		return "", false
	}
	if r.at == nil {
		r.at = map[string]int{}
	}
	key := f[0] + " " + f[1]
	off, ok := r.at[key]
	for !ok && r.next < len(r.data) {
		loc, found := nextObjHeader(r.data, r.next)
		if !found {
			r.next = len(r.data)
			break
		}
		r.next = loc[1]
		n, _ := strconv.Atoi(string(r.data[loc[2]:loc[3]]))
		g, _ := strconv.Atoi(string(r.data[loc[4]:loc[5]]))
		k := strconv.Itoa(n) + " " + strconv.Itoa(g)
		r.at[k] = loc[1]
		off, ok = loc[1], k == key
	}
	if !ok {
		return "", false
	}
	tok, _, ok := token(r.data, skipSpace(r.data, off))
	if !ok || strings.HasPrefix(tok, "<<") {
		return "", false
	}
	return tok, true
}

// isWordByte is \w of Go's regexp: [0-9A-Za-z_].
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// scanStreams checks every stream of data against the limits.
func scanStreams(ctx context.Context, data []byte, lim *Limits) (*scanReport, error) {
	rep := &scanReport{}
	res := &resolver{data: data}
	pos := 0
	for pos < len(data) {
		loc, ok := nextObjHeader(data, pos)
		if !ok {
			break
		}
		start := loc[1]
		num, _ := strconv.Atoi(string(data[loc[2]:loc[3]]))
		gen, _ := strconv.Atoi(string(data[loc[4]:loc[5]]))
		pos = start
		i := skipSpace(data, start)
		if !bytes.HasPrefix(data[i:], []byte("<<")) {
			continue
		}
		d, end, ok := parseDict(data, i)
		if !ok {
			continue
		}
		j := skipSpace(data, end)
		if !bytes.HasPrefix(data[j:], []byte("stream")) {
			pos = end
			continue
		}
		// What decides the decoded size may be given by reference: an
		// indirect /Filter was taken for none, an indirect /Length for
		// "up to the first endstream", which the data may hold.
		for _, k := range []string{"Filter", "DecodeParms", "Length"} {
			if v, ok := res.resolve(d[k]); ok {
				d[k] = v
			}
		}
		j += len("stream")
		if j < len(data) && data[j] == '\r' {
			j++
		}
		if j < len(data) && data[j] == '\n' {
			j++
		}
		if d.name("Type") == "XRef" {
			if err := checkObjects(fmt.Sprintf("cross-reference stream %d %d R", num, gen), d, lim); err != nil {
				return rep, err
			}
		}
		body, next := streamBody(data, j, d)
		pos = next
		rep.streams++
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if err := checkStream(ctx, fmt.Sprintf("%d %d R", num, gen), d, body, lim, rep); err != nil {
			return rep, err
		}
	}
	if err := checkTables(data, lim); err != nil {
		return rep, err
	}
	return rep, nil
}

func checkObjects(what string, d dict, lim *Limits) error {
	if n, ok := d.int("Size"); ok && lim.MaxObjects > 0 && n > int64(lim.MaxObjects) {
		return &limitError{fmt.Sprintf("too many objects (%s declares %d > %d)", what, n, lim.MaxObjects)}
	}
	return nil
}

var (
	// trailerRe and xrefRe are what trailerDicts and xrefKeywords find
	// (kept for the tests): a regexp without a literal prefix is slow
	// over a whole file.
	trailerRe = regexp.MustCompile(`trailer[ \t\r\n\f\x00]*<<`)
	xrefRe    = regexp.MustCompile(`(?:^|[\r\n])xref[ \t]*\r?\n`)
	subsecRe  = regexp.MustCompile(`^[ \t]*(\d{1,10})[ \t]+(\d{1,10})[ \t]*\r?\n`)
)

// trailerDicts returns where the "<<" of each trailer dictionary starts:
// the matches of trailerRe, each at its end minus 2.
func trailerDicts(data []byte) []int {
	var out []int
	for from := 0; ; {
		k := bytes.Index(data[from:], []byte("trailer"))
		if k < 0 {
			return out
		}
		i := from + k + len("trailer")
		for i < len(data) && isSpace(data[i]) {
			i++
		}
		if i+1 < len(data) && data[i] == '<' && data[i+1] == '<' {
			out = append(out, i)
			from = i + 2
			continue
		}
		from += k + 1
	}
}

// xrefKeywords returns the end of each match of xrefRe: an "xref" at the
// start of the data or after a line end (not one a previous match took),
// then blanks and a line end.
func xrefKeywords(data []byte) []int {
	var out []int
	prevEnd := 0
	for from := 0; ; {
		k := bytes.Index(data[from:], []byte("xref"))
		if k < 0 {
			return out
		}
		q := from + k
		from = q + 1
		if q > 0 && (q-1 < prevEnd || data[q-1] != '\r' && data[q-1] != '\n') {
			continue
		}
		i := q + len("xref")
		for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
			i++
		}
		if i < len(data) && data[i] == '\r' {
			i++
		}
		if i >= len(data) || data[i] != '\n' {
			continue
		}
		out = append(out, i+1)
		prevEnd = i + 1
		from = i + 1
	}
}

// checkTables checks the classic cross-reference tables: the /Size of
// every trailer, and the entries every table lists.
func checkTables(data []byte, lim *Limits) error {
	if lim.MaxObjects <= 0 {
		return nil
	}
	for _, at := range trailerDicts(data) {
		if d, _, ok := parseDict(data, at); ok {
			if err := checkObjects("the trailer", d, lim); err != nil {
				return err
			}
		}
	}
	for _, end := range xrefKeywords(data) {
		i, n := end, int64(0)
		for i < len(data) {
			m := subsecRe.FindSubmatchIndex(data[i:])
			if m == nil {
				break
			}
			c, _ := strconv.ParseInt(string(data[i+m[4]:i+m[5]]), 10, 64)
			n += c
			if n > int64(lim.MaxObjects) {
				return &limitError{fmt.Sprintf("too many objects (a cross-reference table lists more than %d)", lim.MaxObjects)}
			}
			i += m[1] + int(min(c*20, int64(len(data))))
		}
	}
	return nil
}

// streamBody finds a stream's data: /Length when it is a direct number
// that lands on "endstream", else up to the next "endstream".
func streamBody(data []byte, start int, d dict) ([]byte, int) {
	if n, ok := d.int("Length"); ok && n >= 0 && int64(start)+n <= int64(len(data)) {
		end := start + int(n)
		k := skipSpace(data, end)
		if bytes.HasPrefix(data[k:], []byte("endstream")) {
			return data[start:end], k + len("endstream")
		}
	}
	k := bytes.Index(data[start:], []byte("endstream"))
	if k < 0 {
		return data[start:], len(data)
	}
	end := start + k
	// The EOL before endstream is not data.
	if end > start && data[end-1] == '\n' {
		end--
	}
	if end > start && data[end-1] == '\r' {
		end--
	}
	return data[start:end], start + k + len("endstream")
}

// imageFilters are the filters PDFium applies line by line when it draws
// an image (the last filter of an image stream): it pulls only the bytes
// the declared size needs, so their output is not counted, the declared
// size is. Filters before the last are decoded whole and are counted.
var imageFilters = map[string]bool{
	"FlateDecode": true, "Fl": true, "LZWDecode": true, "LZW": true,
	"RunLengthDecode": true, "RL": true, "DCTDecode": true, "DCT": true,
	"JPXDecode": true, "JBIG2Decode": true, "CCITTFaxDecode": true, "CCF": true,
}

func checkStream(ctx context.Context, ref string, d dict, body []byte, lim *Limits, rep *scanReport) error {
	filters := d.names("Filter")
	image := d.name("Subtype") == "Image"
	if image {
		rep.images++
		w, _ := d.int("Width")
		h, _ := d.int("Height")
		if lim.MaxImagePixels > 0 && w > 0 && h > 0 && (w > lim.MaxImagePixels || h > lim.MaxImagePixels || w*h > lim.MaxImagePixels) {
			return &limitError{fmt.Sprintf("image %s is %d×%d pixels, over the limit of %d pixels", ref, w, h, lim.MaxImagePixels)}
		}
	}
	counted := filters
	var last string
	if image && len(filters) > 0 && imageFilters[filters[len(filters)-1]] {
		counted, last = filters[:len(filters)-1], filters[len(filters)-1]
	}
	if len(counted) > 0 {
		// Decoding every stream to count it is the dearest part of the
		// scan; a flate stream too short to reach a limit whatever it
		// holds need not be (its bound is counted instead). The limits
		// are exactly those of decoding it: a stream skipped is under
		// MaxStreamBytes, and the total is made exact before it can be
		// reported over MaxDecodedBytes.
		if b := deflateBound(counted, len(body)); b >= 0 &&
			(lim.MaxStreamBytes <= 0 || b <= lim.MaxStreamBytes) &&
			(lim.MaxDecodedBytes <= 0 || rep.decoded+rep.bounded+b <= lim.MaxDecodedBytes) {
			rep.bounded += b
			rep.skipped = append(rep.skipped, skippedStream{body, counted, d})
		} else {
			n, err := decodedSize(ctx, body, counted, d, lim.MaxStreamBytes)
			rep.decoded += n
			rep.largest = max(rep.largest, n)
			if lim.MaxStreamBytes > 0 && n > lim.MaxStreamBytes {
				return &limitError{fmt.Sprintf("decompression bomb: stream %s inflates to more than %s (limit)", ref, mib(lim.MaxStreamBytes))}
			}
			if lim.MaxDecodedBytes > 0 && rep.decoded+rep.bounded > lim.MaxDecodedBytes && len(rep.skipped) > 0 {
				if err := rep.decodeSkipped(ctx, lim); err != nil {
					return err
				}
			}
			if lim.MaxDecodedBytes > 0 && rep.decoded > lim.MaxDecodedBytes {
				return &limitError{fmt.Sprintf("decompression bomb: the streams inflate to more than %s in all (limit)", mib(lim.MaxDecodedBytes))}
			}
			if err != nil && ctx.Err() != nil {
				return ctx.Err()
			}
		}
	}
	if image {
		if why := notAnImage(ctx, body, counted, last, d); why != "" {
			rep.broken = append(rep.broken, fmt.Sprintf("image %s: %s", ref, why))
		}
	}
	return nil
}

// decodeSkipped decodes the streams skipped so far, so that rep.decoded is
// exact again.
func (rep *scanReport) decodeSkipped(ctx context.Context, lim *Limits) error {
	for _, sk := range rep.skipped {
		n, _ := decodedSize(ctx, sk.body, sk.filters, sk.d, lim.MaxStreamBytes)
		rep.decoded += n
		rep.largest = max(rep.largest, n)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	rep.skipped, rep.bounded = nil, 0
	return nil
}

// notAnImage says why an image stream cannot be an image, or "".
func notAnImage(ctx context.Context, body []byte, counted []string, last string, d dict) string {
	head := body
	if len(counted) > 0 {
		r, err := decoder(bytes.NewReader(body), counted, d, 1<<20)
		if err != nil {
			return err.Error()
		}
		head, _ = io.ReadAll(io.LimitReader(r, 16))
	} else if len(head) > 16 {
		head = head[:16]
	}
	switch last {
	case "DCTDecode", "DCT":
		if !bytes.HasPrefix(head, []byte{0xFF, 0xD8}) {
			return fmt.Sprintf("/DCTDecode data is not a JPEG (starts with %q)", head[:min(len(head), 8)])
		}
	case "JPXDecode":
		if !bytes.HasPrefix(head, []byte("\x00\x00\x00\x0CjP  ")) && !bytes.HasPrefix(head, []byte{0xFF, 0x4F, 0xFF, 0x51}) {
			return fmt.Sprintf("/JPXDecode data is not JPEG 2000 (starts with %q)", head[:min(len(head), 8)])
		}
	case "FlateDecode", "Fl":
		r, err := decoder(bytes.NewReader(head), []string{last}, d, 1<<20)
		if err == nil {
			_, err = r.Read(make([]byte, 1))
		}
		if err != nil && err != io.EOF && !errors.Is(err, io.ErrUnexpectedEOF) {
			return "/FlateDecode data does not inflate: " + err.Error()
		}
	}
	return ""
}

func mib(n int64) string {
	if n%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// decodedSize decodes body through filters and counts the output, up to
// limit+1 bytes (limit <= 0: no limit). A decoding error ends the count:
// what decoded so far is returned with the error.
func decodedSize(ctx context.Context, body []byte, filters []string, d dict, limit int64) (int64, error) {
	r, err := decoder(bytes.NewReader(body), filters, d, limit)
	if err != nil {
		return 0, err
	}
	if limit > 0 {
		r = io.LimitReader(r, limit+1)
	}
	var n int64
	buf := make([]byte, 64<<10)
	for {
		k, err := r.Read(buf)
		n += int64(k)
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return n, err
		}
		if n&(16<<20-1) < int64(k) && ctx.Err() != nil { // every 16 MiB
			return n, ctx.Err()
		}
	}
}

// decoder chains the filters over r. Filters that only make sense for
// images, Crypt and unknown ones end the chain: their output is not
// counted.
func decoder(r io.Reader, filters []string, d dict, limit int64) (io.Reader, error) {
	for _, f := range filters {
		switch f {
		case "FlateDecode", "Fl":
			r = inflater(r)
		case "ASCIIHexDecode", "AHx":
			r = &hexReader{r: bufio.NewReader(r)}
		case "ASCII85Decode", "A85":
			r = ascii85.NewDecoder(&a85Cleaner{r: bufio.NewReader(r)})
		case "RunLengthDecode", "RL":
			r = &runLengthReader{r: bufio.NewReader(r)}
		case "LZWDecode", "LZW":
			// pdfcpu's LZW decoder (with EarlyChange) stops at a length.
			max := limit + 1
			if limit <= 0 {
				max = -1
			}
			fl, err := pdfcpufilter.NewFilter(pdfcpufilter.LZW, map[string]int{}, max)
			if err != nil {
				return nil, err
			}
			out, err := fl.DecodeLength(r, max)
			if err != nil {
				return nil, fmt.Errorf("LZW: %v", err)
			}
			r = out
		default:
			return eofReader{}, nil
		}
	}
	return r, nil
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// inflater reads zlib data, or raw deflate data when the zlib header is
// missing (PDFium reads both).
func inflater(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	head, _ := br.Peek(2)
	if len(head) == 2 && head[0]&0x0F == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
		if z, err := zlib.NewReader(br); err == nil {
			return z
		}
	}
	return flate.NewReader(br)
}

type hexReader struct {
	r    *bufio.Reader
	done bool
}

func (h *hexReader) Read(p []byte) (int, error) {
	n := 0
	var hi int = -1
	for n < len(p) && !h.done {
		c, err := h.r.ReadByte()
		if err != nil {
			h.done = true
			break
		}
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'a' && c <= 'f':
			v = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v = int(c-'A') + 10
		case c == '>':
			h.done = true
			continue
		default:
			continue
		}
		if hi < 0 {
			hi = v
			continue
		}
		p[n] = byte(hi<<4 | v)
		n++
		hi = -1
	}
	if hi >= 0 && n < len(p) {
		p[n] = byte(hi << 4)
		n++
	}
	if n == 0 && h.done {
		return 0, io.EOF
	}
	return n, nil
}

// a85Cleaner drops the "<~" prefix and stops at "~>".
type a85Cleaner struct {
	r    *bufio.Reader
	done bool
}

func (a *a85Cleaner) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && !a.done {
		c, err := a.r.ReadByte()
		if err != nil {
			a.done = true
			break
		}
		if c == '~' {
			a.done = true
			break
		}
		if c == '<' {
			if nx, _ := a.r.Peek(1); len(nx) == 1 && nx[0] == '~' {
				a.r.ReadByte()
				continue
			}
		}
		p[n] = c
		n++
	}
	if n == 0 && a.done {
		return 0, io.EOF
	}
	return n, nil
}

type runLengthReader struct {
	r    *bufio.Reader
	rep  byte
	left int // bytes of the current run still to give
	lit  bool
}

func (rl *runLengthReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if rl.left == 0 {
			c, err := rl.r.ReadByte()
			if err != nil || c == 128 {
				if n == 0 {
					return 0, io.EOF
				}
				return n, nil
			}
			if c < 128 {
				rl.left, rl.lit = int(c)+1, true
			} else {
				b, err := rl.r.ReadByte()
				if err != nil {
					if n == 0 {
						return 0, io.EOF
					}
					return n, nil
				}
				rl.left, rl.lit, rl.rep = 257-int(c), false, b
			}
		}
		if rl.lit {
			b, err := rl.r.ReadByte()
			if err != nil {
				rl.left = 0
				if n == 0 {
					return 0, io.EOF
				}
				return n, nil
			}
			p[n] = b
		} else {
			p[n] = rl.rep
		}
		n++
		rl.left--
	}
	return n, nil
}

// ------------------------------------------------------------ dictionaries

// dict holds the top-level entries of a PDF dictionary as raw tokens: a
// name ("/FlateDecode"), a number, a reference ("12 0 R"), or the raw text
// of an array, dictionary or string.
type dict map[string]string

func (d dict) name(key string) string {
	v := d[key]
	if len(v) > 1 && v[0] == '/' {
		return unescapeName(v[1:])
	}
	return ""
}

// unescapeName decodes the #xx escapes of a PDF name: /Fl#61teDecode is
// /FlateDecode to every reader, and must be to the limits too (it slipped
// past them).
func unescapeName(n string) string {
	if !strings.Contains(n, "#") {
		return n
	}
	var b strings.Builder
	for i := 0; i < len(n); i++ {
		if n[i] == '#' && i+2 < len(n) {
			if v, err := strconv.ParseUint(n[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(n[i])
	}
	return b.String()
}

func (d dict) int(key string) (int64, bool) {
	n, err := strconv.ParseInt(d[key], 10, 64)
	return n, err == nil
}

// names reads a name or an array of names (the /Filter entry).
func (d dict) names(key string) []string {
	v := d[key]
	if v == "" {
		return nil
	}
	if v[0] == '/' {
		return []string{unescapeName(v[1:])}
	}
	if v[0] != '[' {
		return nil
	}
	var out []string
	for _, m := range nameRe.FindAllString(v, -1) {
		out = append(out, unescapeName(m[1:]))
	}
	return out
}

var nameRe = regexp.MustCompile(`/[^\s/\[\]<>(){}%]+`)

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return isSpace(c) || c == '/' || c == '[' || c == ']' || c == '<' || c == '>' || c == '(' || c == ')' || c == '{' || c == '}' || c == '%'
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch {
		case isSpace(data[i]):
			i++
		case data[i] == '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// maxDictBytes bounds the dictionary scan (a stream dictionary is small).
const maxDictBytes = 1 << 20

// parseDict reads the dictionary starting at data[i] == "<<" and returns
// its top-level entries and the index after its closing ">>".
func parseDict(data []byte, i int) (dict, int, bool) {
	end := min(len(data), i+maxDictBytes)
	d := dict{}
	i += 2
	var key string
	for {
		i = skipSpace(data[:end], i)
		if i >= end {
			return nil, i, false
		}
		if data[i] == '>' {
			if i+1 < end && data[i+1] == '>' {
				return d, i + 2, true
			}
			return nil, i, false
		}
		s, j, ok := token(data[:end], i)
		if !ok {
			return nil, j, false
		}
		i = j
		if key == "" {
			if len(s) < 2 || s[0] != '/' {
				return nil, i, false
			}
			key = unescapeName(s[1:])
			continue
		}
		// A reference: "12 0 R".
		if isInt(s) {
			k := skipSpace(data[:end], i)
			if g, k2, ok := token(data[:end], k); ok && isInt(g) {
				k3 := skipSpace(data[:end], k2)
				if k3 < end && data[k3] == 'R' && (k3+1 >= end || isDelim(data[k3+1])) {
					s, i = s+" "+g+" R", k3+1
				}
			}
		}
		d[key] = s
		key = ""
	}
}

func isInt(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// token reads one object at data[i]: a name, number, keyword, string, or
// a whole array or dictionary (as raw text).
func token(data []byte, i int) (string, int, bool) {
	if i >= len(data) {
		return "", i, false
	}
	start := i
	switch c := data[i]; {
	case c == '(':
		depth := 0
		for ; i < len(data); i++ {
			switch data[i] {
			case '\\':
				i++
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return string(data[start : i+1]), i + 1, true
				}
			}
		}
		return "", i, false
	case c == '<' && i+1 < len(data) && data[i+1] == '<', c == '[':
		depth := 0
		for i < len(data) {
			switch {
			case data[i] == '(':
				_, j, ok := token(data, i)
				if !ok {
					return "", j, false
				}
				i = j
				continue
			case data[i] == '%':
				i = skipSpace(data, i)
				continue
			case data[i] == '[' || data[i] == '<' && i+1 < len(data) && data[i+1] == '<':
				depth++
				if data[i] == '<' {
					i++
				}
			case data[i] == ']' || data[i] == '>' && i+1 < len(data) && data[i+1] == '>':
				depth--
				if data[i] == '>' {
					i++
				}
				if depth == 0 {
					return string(data[start : i+1]), i + 1, true
				}
			}
			i++
		}
		return "", i, false
	case c == '<':
		k := bytes.IndexByte(data[i:], '>')
		if k < 0 {
			return "", len(data), false
		}
		return string(data[i : i+k+1]), i + k + 1, true
	case c == '/':
		i++
		for i < len(data) && !isDelim(data[i]) {
			i++
		}
		return string(data[start:i]), i, true
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		return "", i + 1, false
	default:
		for i < len(data) && !isDelim(data[i]) {
			i++
		}
		return string(data[start:i]), i, true
	}
}

// scanDecrypted is the stream scan of an encrypted document, over the
// streams pdfcpu read and decrypted (a PDF with only an owner password
// opens in every reader, PDFium too, so its streams are decoded as
// freely as a plain one's): the raw scan decoded their noise, which
// stops early, so it counted nothing. Its report replaces the raw one.
// Streams are taken in object order, so a bomb is named the same way each
// time.
func scanDecrypted(ctx context.Context, pctx *model.Context, lim *Limits) (*scanReport, error) {
	rep := &scanReport{}
	nrs := make([]int, 0, len(pctx.Table))
	for nr, e := range pctx.Table {
		if e != nil && !e.Free {
			nrs = append(nrs, nr)
		}
	}
	slices.Sort(nrs)
	for _, nr := range nrs {
		e := pctx.Table[nr]
		sd, ok := e.Object.(types.StreamDict)
		if !ok {
			continue
		}
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		rep.streams++
		gen := 0
		if e.Generation != nil {
			gen = *e.Generation
		}
		if err := checkStream(ctx, fmt.Sprintf("%d %d R", nr, gen), streamDict(sd), sd.Raw, lim, rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// streamDict is what checkStream reads of a stream pdfcpu parsed: its
// filters (pdfcpu resolved and unescaped them), and for an image its
// subtype and size.
func streamDict(sd types.StreamDict) dict {
	d := dict{}
	var f strings.Builder
	f.WriteString("[")
	for _, p := range sd.FilterPipeline {
		f.WriteString(" /" + p.Name)
	}
	d["Filter"] = f.String() + " ]"
	if st := sd.Dict.Subtype(); st != nil {
		d["Subtype"] = "/" + *st
	}
	for _, k := range []string{"Width", "Height"} {
		if n := sd.Dict.IntEntry(k); n != nil {
			d[k] = strconv.Itoa(*n)
		}
	}
	return d
}
