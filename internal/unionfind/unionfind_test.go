package unionfind

import "testing"

// Items joined directly or through others share one representative;
// items never joined keep their own.
func TestSets(t *testing.T) {
	s := New(6)
	s.Union(0, 1)
	s.Union(2, 1)
	s.Union(4, 5)
	same := func(a, b int) bool { return s.Find(a) == s.Find(b) }
	for _, p := range [][2]int{{0, 2}, {1, 2}, {4, 5}} {
		if !same(p[0], p[1]) {
			t.Errorf("%d and %d not in one set", p[0], p[1])
		}
	}
	for _, p := range [][2]int{{0, 3}, {3, 4}, {2, 5}} {
		if same(p[0], p[1]) {
			t.Errorf("%d and %d in one set", p[0], p[1])
		}
	}
}
