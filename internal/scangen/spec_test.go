package scangen

import (
	"fmt"
	"testing"
)

func TestSpecsDiffer(t *testing.T) {
	seen := map[string]bool{}
	for i := range 20 {
		s := NewSpec(i)
		k := fmt.Sprintf("%s %d %v %d %d", s.Department, s.Factor, s.Tables, s.DPI, s.JPEG)
		if seen[k] {
			t.Errorf("spec %d repeats another: %s", i, k)
		}
		seen[k] = true
		t.Logf("%d: %s ×%d tables %v dpi %d q%d speckle %.4f pt %.1f cont %v maxrows %v", i, s.Department, s.Factor, s.Tables, s.DPI, s.JPEG, s.Speckle, s.PointSize, s.Cont, s.MaxRows)
	}
}
