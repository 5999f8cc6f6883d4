package pdf

import (
	"sync"
	"testing"
)

var (
	sharedOnce   sync.Once
	sharedReader *Reader
	sharedErr    error
)

// testReader returns one Reader for the whole test binary.
func testReader(t testing.TB) *Reader {
	t.Helper()
	sharedOnce.Do(func() {
		sharedReader, sharedErr = NewReader(Options{})
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedReader
}
