package pdf

import "syscall"

// mapNoReserve: the mapping of an instance's maximum memory reserves
// address space only.
const mapNoReserve = syscall.MAP_NORESERVE
