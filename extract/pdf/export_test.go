package pdf

import "testing"

// Hooks for the tests of package pdf_test.

// SharedReader is the test binary's one Reader.
func SharedReader(t testing.TB) *Reader { return testReader(t) }

// BadDir is fixtures/bad, from this folder.
const BadDir = badDir
