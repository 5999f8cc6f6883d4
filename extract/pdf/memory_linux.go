package pdf

import "syscall"

// mapNoReserve: the mapping of an instance's maximum memory reserves
// address space only.
const mapNoReserve = syscall.MAP_NORESERVE

// adviseHugePages asks for transparent huge pages over an instance's
// memory (where the system leaves them to madvise, the usual setting):
// PDFium touches tens of MiB while it parses, and 4 KiB at a time that is
// thousands of page faults per instance, dear on a virtual machine. A
// 2 MiB page costs at most 2 MiB more RSS at the edge of what is used.
func adviseHugePages(b []byte) { syscall.Madvise(b, syscall.MADV_HUGEPAGE) }
