//go:build !unix

package main

import "os"

// eventStream is os.Stderr where descriptors cannot be duplicated.
func eventStream() *os.File { return os.Stderr }
