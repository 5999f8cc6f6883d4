//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockOutDir takes an exclusive lock on OUTDIR (the folder itself, so no
// lock file is left behind), refusing when another run holds it: two runs
// writing one OUTDIR raced on the same documents (spurious write failures,
// two records for one input). The lock goes with the process, however it
// ends. unlock releases it.
func lockOutDir(dir string) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s is in use by another yusuan run: wait for it to end, or write elsewhere", dir)
		}
		return nil, fmt.Errorf("locking %s: %v", dir, err)
	}
	return func() { f.Close() }, nil
}
