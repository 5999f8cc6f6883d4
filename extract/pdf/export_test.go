package pdf

import "testing"

// Hooks for the tests of package pdf_test.

// SharedReader is the test binary's one Reader.
func SharedReader(t testing.TB) *Reader { return testReader(t) }

// BadDir is fixtures/bad, from this folder.
const BadDir = badDir

// BadCase is one line of fixtures/bad/expected.tsv; Want is "" for a file
// that must come out.
type BadCase struct{ Name, Want string }

// BadCases reads fixtures/bad/expected.tsv.
func BadCases(t testing.TB) []BadCase {
	var out []BadCase
	for _, c := range readExpected(t) {
		out = append(out, BadCase{c.name, c.want})
	}
	return out
}
