package pdf

import (
	"fmt"
	"io"

	pdfcpulib "github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/fault"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"
)

// pdfcpu's own packages, not its pkg/api: the api package imports the
// form package and with it go-runewidth, whose init builds a 2.2-million
// entry table on every start of the program (half of its start-up CPU,
// 50 ms, paid twice when the program restarts itself for OpenMP). These
// are the api functions yusuan calls, made of the same calls.

// pdfcpuDisableConfigDir is api.DisableConfigDir.
func pdfcpuDisableConfigDir() { model.ConfigPath = "disable" }

// pdfcpuReadContext is api.ReadContext.
func pdfcpuReadContext(rs io.ReadSeeker, conf *model.Configuration) (ctx *model.Context, err error) {
	defer fault.Catch(&err)
	return pdfcpulib.Read(rs, conf)
}

// pdfcpuValidateContext is api.ValidateContext for a context that was read.
func pdfcpuValidateContext(ctx *model.Context) error {
	return validate.XRefTable(ctx)
}

// pdfcpuReadValidateAndOptimize is api.ReadValidateAndOptimize for a
// command that assumes optimisation (EXTRACTIMAGES) and removes no
// signatures.
func pdfcpuReadValidateAndOptimize(rs io.ReadSeeker, conf *model.Configuration) (ctx *model.Context, err error) {
	defer fault.Catch(&err)
	ctx, err = pdfcpuReadAndValidate(rs, conf)
	if err != nil {
		return nil, fmt.Errorf("prepare PDF context: %w", err)
	}
	if err := pdfcpulib.OptimizeXRefTable(ctx); err != nil {
		return nil, fmt.Errorf("optimize context: %w", err)
	}
	if err := pdfcpulib.CacheFormFonts(ctx); err != nil {
		return nil, fmt.Errorf("cache form fonts: %w", err)
	}
	return ctx, nil
}

// pdfcpuReadAndValidate is api.ReadAndValidate without signature removal.
func pdfcpuReadAndValidate(rs io.ReadSeeker, conf *model.Configuration) (ctx *model.Context, err error) {
	defer fault.Catch(&err)
	if ctx, err = pdfcpuReadContext(rs, conf); err != nil {
		return nil, fmt.Errorf("read context: %w", err)
	}
	if err := pdfcpuValidateContext(ctx); err != nil {
		hint := ""
		if conf.ValidationMode == model.ValidationStrict {
			hint = " (try --mode=relaxed)"
		}
		return nil, fmt.Errorf("validation error (obj#:%d)%s: %w", ctx.CurObj, hint, err)
	}
	return ctx, nil
}
