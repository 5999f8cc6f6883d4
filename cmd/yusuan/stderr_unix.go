//go:build unix

package main

import (
	"os"
	"syscall"
)

// eventStream is where the command writes its messages and events: a
// descriptor of its own onto the process's stderr. gosseract's Init points
// fd 2 at /dev/null while Tesseract loads (upstream keeps it), and every
// line written to fd 2 meanwhile was lost (a batch with one scan logged 10
// of 25 document events). A duplicate of fd 2 made before that keeps
// writing where stderr went. It is not passed on to child processes.
func eventStream() *os.File {
	fd, err := syscall.Dup(2)
	if err != nil {
		return os.Stderr
	}
	syscall.CloseOnExec(fd)
	return os.NewFile(uintptr(fd), "/dev/stderr")
}
