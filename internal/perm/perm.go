// Package perm gives the modes of yusuan's output files and folders: what
// os.WriteFile and os.Mkdir would give under the user's umask (0644 and
// 0755 under the usual 022). Temporary files and folders, written first and
// renamed into place so that no reader sees half an output, are created
// 0600/0700 by the standard library; without this a warehouse loader
// running as another user (COPY … FROM as postgres) could not read them.
package perm

import (
	"os"
	"sync"
	"syscall"
)

var (
	once  sync.Once
	umask os.FileMode
)

func mask() os.FileMode {
	once.Do(func() {
		m := syscall.Umask(0o022)
		syscall.Umask(m)
		umask = os.FileMode(m)
	})
	return umask
}

// File is the mode of an output file.
func File() os.FileMode { return 0o666 &^ mask() }

// Dir is the mode of an output folder.
func Dir() os.FileMode { return 0o777 &^ mask() }
