package pipeline

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestReasonsOfBadFixtures: every hostile fixture's expected error gets a
// reason code, never "other".
func TestReasonsOfBadFixtures(t *testing.T) {
	f, err := os.Open("../fixtures/bad/expected.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || !strings.Contains(line, "\t") {
			continue
		}
		msg := line[strings.LastIndexByte(line, '\t')+1:]
		if msg == "(ok)" {
			continue
		}
		n++
		if code := ReasonOf(msg); code == ReasonOther || code == "" {
			t.Errorf("%q: no reason code", msg)
		}
	}
	if n < 10 {
		t.Fatalf("only %d expected errors read", n)
	}
	for msg, want := range map[string]string{
		"not a budget disclosure: no budget table (found \"x\") and no budget narrative": ReasonNotBudget,
		"timed out after 5s": ReasonTimeout,
		"run cancelled":      ReasonCancelled,
		"no usable text: pages 1–4 are scanned or with a garbled text layer, and OCR is not available": ReasonNoText,
		"PDF is encrypted with a user password":                                                        ReasonEncrypted,
	} {
		if got := ReasonOf(msg); got != want {
			t.Errorf("ReasonOf(%q) = %q, want %q", msg, got, want)
		}
	}
}
