//go:build unix

package ocr

import (
	"os"
	"syscall"
)

// OpenMP threads. Debian's Tesseract is built with OpenMP and runs parts
// of its LSTM on up to four threads per call. yusuan already reads cells
// and pages in parallel, one Tesseract client per worker, so those threads
// only oversubscribe the cores: on a 2-core machine a 300-dpi page cost
// 5.0 CPU-seconds with them and 2.5 without (the tesseract command: 5.7
// and 2.4). libgomp reads OMP_THREAD_LIMIT once, when it is loaded, before
// main runs; the only way for a program to set it is to start again with
// it set.

// ThreadLimitEnv is the variable LimitOpenMP sets.
const ThreadLimitEnv = "OMP_THREAD_LIMIT"

// LimitOpenMP restarts the running program with OMP_THREAD_LIMIT=1 unless
// the variable is already set (by the user, or by the restart). Call it
// first thing in main, before any work; it returns only when no restart
// was needed or the restart failed (the program then runs as it is).
func LimitOpenMP() {
	if _, set := os.LookupEnv(ThreadLimitEnv); set {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	if os.Setenv(ThreadLimitEnv, "1") != nil {
		return
	}
	syscall.Exec(exe, os.Args, os.Environ()) // returns only on failure
}
