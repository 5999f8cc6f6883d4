package pipeline

import (
	"regexp"
	"strings"
)

// A document that did not come out gets a reason code beside its message
// in run.json, so an archive's failures can be counted and filtered without
// reading prose. The codes are stable; the messages may be reworded.
//
// Declined documents are not failures: a file saved under a budget's name
// that holds something else (a notice, a rule book, a web page) is the
// archive's, not yusuan's, problem, and a batch whose budgets all came out
// exits 0 even when it met such files (-strict counts them as failures).
const (
	ReasonNotBudget   = "not_budget"         // declined: no budget table or narrative
	ReasonNoText      = "no_text"            // scanned or garbled, and OCR is off or found nothing
	ReasonEncrypted   = "encrypted"          // a user password is needed
	ReasonCorrupt     = "corrupt"            // a PDF or image that cannot be parsed
	ReasonTooLarge    = "too_large"          // over a limit: size, pages, objects, pixels, bomb
	ReasonTimeout     = "timeout"            // -timeout reached
	ReasonCancelled   = "cancelled"          // the run was interrupted
	ReasonUnsupported = "unsupported_format" // not a PDF, image or text export
	ReasonNotFound    = "not_found"          // no such file, or not a regular file
	ReasonPermission  = "permission"         // the file cannot be read
	ReasonStrict      = "strict"             // came out, but has error findings under -strict
	ReasonWrite       = "write_failed"       // the output could not be written
	ReasonInternal    = "internal"           // a bug: a panic in yusuan or PDFium
	ReasonOther       = "other"
)

// reasons maps an error message to its code: the first pattern that
// matches wins. Kept in one place so that every message a reader gives has
// a code; TestReasonsOfBadFixtures checks each hostile fixture gets one
// that is not "other".
var reasons = []struct {
	code string
	re   *regexp.Regexp
}{
	{ReasonNotBudget, regexp.MustCompile(`not a budget disclosure|no budget tables`)},
	{ReasonNoText, regexp.MustCompile(`no usable text|needs OCR|OCR is not available|which is turned off`)},
	{ReasonEncrypted, regexp.MustCompile(`(?i)encrypted|password`)},
	{ReasonTooLarge, regexp.MustCompile(`(?i)too many|too large|over the .*limit|decompression bomb|[0-9]+×[0-9]+|pixels|exceeds`)},
	{ReasonTimeout, regexp.MustCompile(`timed out`)},
	{ReasonCancelled, regexp.MustCompile(`run cancelled|context canceled`)},
	{ReasonNotFound, regexp.MustCompile(`no such file|is a directory|not a regular file|named pipe|device`)},
	{ReasonPermission, regexp.MustCompile(`permission denied`)},
	{ReasonStrict, regexp.MustCompile(`under --strict`)},
	{ReasonWrite, regexp.MustCompile(`writing output`)},
	{ReasonInternal, regexp.MustCompile(`internal error|PDFium crashed`)},
	{ReasonUnsupported, regexp.MustCompile(`(?i)unsupported|not a PDF|binary file|not UTF-8|UTF-16|not an image|empty file|comma-separated|HTML|BigTIFF`)},
	{ReasonCorrupt, regexp.MustCompile(`(?i)corrupt|malformed|xref|no pages|validation error|cannot convert image|read context|a loop`)},
}

// ReasonOf returns the code of an error message ("" for no error).
func ReasonOf(msg string) string {
	if strings.TrimSpace(msg) == "" {
		return ""
	}
	for _, r := range reasons {
		if r.re.MatchString(msg) {
			return r.code
		}
	}
	return ReasonOther
}

// Declines reports whether a reason is a decline, not a failure.
func Declines(code string) bool { return code == ReasonNotBudget }
