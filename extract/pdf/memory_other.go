//go:build !(linux || darwin || freebsd)

package pdf

import "context"

// withMemoryAllocator keeps the runtime's default memory (a Go slice) where
// there is no mmap.
func withMemoryAllocator(ctx context.Context) context.Context { return ctx }
