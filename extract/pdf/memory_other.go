//go:build !(linux || darwin || freebsd)

package pdf

import "context"

// withMemoryAllocator keeps wazero's default memory (a Go slice) where
// there is no mmap.
func withMemoryAllocator(ctx context.Context) context.Context { return ctx }
