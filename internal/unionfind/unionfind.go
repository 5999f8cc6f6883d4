// Package unionfind joins items into disjoint sets: the step that turns
// "these two touch" (cells sharing a corner, text blocks sharing a
// baseline) into groups, for the ruled and the unruled table readers alike.
package unionfind

// Sets holds n items, each at first a set of its own. The zero value holds
// none; make one with New.
type Sets []int

// New returns n items in n sets.
func New(n int) Sets {
	s := make(Sets, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// Find returns the representative of i's set (halving the path as it
// goes, so repeated finds stay near constant time).
func (s Sets) Find(i int) int {
	for s[i] != i {
		s[i] = s[s[i]]
		i = s[i]
	}
	return i
}

// Union joins the sets of a and b.
func (s Sets) Union(a, b int) {
	s[s.Find(a)] = s.Find(b)
}
