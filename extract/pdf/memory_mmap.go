//go:build linux || darwin || freebsd

package pdf

import (
	"context"
	"syscall"

	"github.com/samyfodil/wazy/api"
)

// withMemoryAllocator makes the runtime back each PDFium instance's memory by
// one anonymous mapping of its maximum size. Untouched pages cost no RSS,
// growing never copies (the runtime's default grows a Go slice by copying it,
// and the old copies wait for the GC: an instance grown to 1 GiB peaked at
// 4.9 GB RSS), and closing an instance unmaps its memory at once.
func withMemoryAllocator(ctx context.Context) context.Context {
	return api.WithMemoryAllocator(ctx, api.MemoryAllocatorFunc(func(_, max uint64) api.LinearMemory {
		return &mmapMemory{max: max}
	}))
}

type mmapMemory struct {
	max uint64
	buf []byte // the whole mapping, len = max
}

func (m *mmapMemory) Reallocate(size uint64) []byte {
	if size > m.max {
		return nil
	}
	if m.buf == nil {
		b, err := syscall.Mmap(-1, 0, int(m.max), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON|mapNoReserve)
		if err != nil {
			return nil
		}
		adviseHugePages(b)
		m.buf = b
	}
	return m.buf[:size:size]
}

func (m *mmapMemory) Free() {
	if m.buf != nil {
		syscall.Munmap(m.buf)
		m.buf = nil
	}
}
