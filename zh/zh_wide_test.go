package zh

import "testing"

func TestIsWide(t *testing.T) {
	for _, r := range "预、。（）：“”０" {
		if !IsWide(r) {
			t.Errorf("%q is wide", r)
		}
	}
	for _, r := range "a1.:-( " {
		if IsWide(r) {
			t.Errorf("%q is not wide", r)
		}
	}
}
