package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	pdfcpulib "github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

var pdfcpuOnce sync.Once

// preparePdfcpu keeps pdfcpu away from the user's config directory: it
// would otherwise install a config.yml and font folder on first use.
func preparePdfcpu() {
	pdfcpuOnce.Do(pdfcpuDisableConfigDir)
}

// preflight checks data with the default limits; see preflightLimits.
func preflight(path string, data []byte) (pages int, err error) {
	lim := DefaultLimits()
	pages, _, err = preflightLimits(context.Background(), path, data, &lim)
	return pages, err
}

// preflightLimits checks data before PDFium sees it: that it is a PDF, that
// no stream inflates past the limits and no image is absurdly large (a raw
// scan, before any parser decodes anything), and then with pdfcpu that its
// cross-reference structure parses, that it opens without a user password
// (a PDF with only an owner password is decrypted: PDFium opens it with
// the empty user password, as any viewer does), and that it has pages, not
// too many. It returns pdfcpu's page count and what the scan found.
func preflightLimits(ctx context.Context, path string, data []byte, lim *Limits) (pages int, rep *scanReport, err error) {
	preparePdfcpu()
	if len(data) == 0 {
		return 0, nil, fail(path, "empty file", nil)
	}
	if !hasPDFHeader(data) {
		if i := bytes.Index(data[:min(len(data), 8<<10)], []byte("%PDF-")); i > 0 {
			return 0, nil, fail(path, fmt.Sprintf("corrupt PDF: %d bytes of something else before its header (starts with %s); remove them", i, sniff(data)), nil)
		}
		if IsHTML(data) {
			return 0, nil, fail(path, "not a PDF: an HTML page (starts with "+sniff(data)+")", nil)
		}
		return 0, nil, fail(path, "not a PDF (starts with "+sniff(data)+")", nil)
	}
	defer func() {
		if p := recover(); p != nil {
			pages, err = 0, fail(path, fmt.Sprintf("corrupt PDF: the parser gave up (%v)", p), nil)
		}
	}()
	rep, err = scanStreams(ctx, data, lim)
	if err != nil {
		var le *limitError
		if errors.As(err, &le) {
			return 0, rep, fail(path, le.reason, err)
		}
		return 0, rep, fail(path, "cancelled: "+err.Error(), err)
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	if lim.MaxStreamBytes > 0 {
		conf.Limits.MaxDecodeBytes = lim.MaxStreamBytes
	}
	if lim.MaxImagePixels > 0 {
		conf.Limits.MaxImagePixels = lim.MaxImagePixels
	}
	if lim.MaxObjects > 0 {
		conf.Limits.MaxObjectCount = lim.MaxObjects
		conf.Limits.MaxXRefEntries = lim.MaxObjects
	}
	pctx, rerr := pdfcpuReadContext(bytes.NewReader(data), conf)
	if rerr != nil {
		if isPasswordError(rerr) {
			return 0, rep, fail(path, "encrypted with a user password", rerr)
		}
		return 0, rep, fail(path, "corrupt PDF: "+cleanReason(rerr), rerr)
	}
	if pctx.EncKey != nil {
		drep, derr := scanDecrypted(ctx, pctx, lim)
		if derr != nil {
			var le *limitError
			if errors.As(derr, &le) {
				return 0, drep, fail(path, le.reason, derr)
			}
			return 0, drep, fail(path, "cancelled: "+derr.Error(), derr)
		}
		rep = drep
	}
	if perr := pctx.EnsurePageCount(); perr != nil {
		return 0, rep, fail(path, "corrupt PDF: "+cleanReason(perr), perr)
	}
	if pctx.PageCount <= 0 {
		return 0, rep, fail(path, "PDF has no pages", nil)
	}
	if lim.MaxPages > 0 && pctx.PageCount > lim.MaxPages {
		return 0, rep, fail(path, fmt.Sprintf("too many pages (%d > %d)", pctx.PageCount, lim.MaxPages), nil)
	}
	if err := ctx.Err(); err != nil {
		return 0, rep, fail(path, "cancelled: "+err.Error(), err)
	}
	// pdfcpu's full validation decides nothing unless validateStrict (it
	// is stricter than every viewer): it is not run at all otherwise. It
	// cost a seventh of the preflight.
	if !validateStrict && validationWarn == nil {
		return pctx.PageCount, rep, nil
	}
	if verr := pdfcpuValidateContext(pctx); verr != nil && validateStrict {
		return 0, rep, fail(path, "corrupt PDF: "+cleanReason(verr), verr)
	} else if verr != nil && validationWarn != nil {
		validationWarn(path, verr)
	}
	return pctx.PageCount, rep, nil
}

func isPasswordError(err error) bool {
	if errors.Is(err, pdfcpulib.ErrWrongPassword) {
		return true
	}
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "password")
}

// cleanReason makes a library error fit in one sentence.
func cleanReason(err error) string {
	s := err.Error()
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.TrimPrefix(s, "pdfcpu: ")
	// Wrapped errors repeat their context ("xref table: xref table: …").
	parts := strings.Split(s, ": ")
	out := parts[:0]
	for i, p := range parts {
		if i > 0 && p == parts[i-1] {
			continue
		}
		out = append(out, p)
	}
	s = strings.Join(out, ": ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// validateStrict makes a failed pdfcpu validation fatal. It is off: pdfcpu
// is stricter than every viewer, and PDFium reads what it rejects; the
// parse (cross-reference table, encryption, page tree) still has to succeed.
var validateStrict = false

// validationWarn, when set, hears of a failed validation that is not
// fatal; nil skips the validation (see validateStrict).
var validationWarn func(path string, err error)

// IsHTML tells a web page (a server's error page saved under a document's
// name is the usual one) by its start.
func IsHTML(data []byte) bool {
	head := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(data[:min(len(data), 512)], []byte("\xEF\xBB\xBF")), " \t\r\n"))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) || bytes.HasPrefix(head, []byte("<head")) || bytes.HasPrefix(head, []byte("<?xml")) && bytes.Contains(head, []byte("<html"))
}
