package subject

import "fmt"

// Level names a code's place in the tree by its length: 类 (3 digits),
// 款 (5), 项 (7); "" for a code of no classification shape.
func Level(code string) string {
	if _, ok := KindOf(code); !ok {
		return ""
	}
	return map[int]string{3: "类", 5: "款", 7: "项"}[len(code)]
}

// Parents returns the codes above code, 类 first: "2013799" → 201, 20137.
// A 类, or a code of no classification shape, has none.
func Parents(code string) []string {
	if _, ok := KindOf(code); !ok {
		return nil
	}
	var out []string
	for _, n := range []int{3, 5} {
		if len(code) > n {
			out = append(out, code[:n])
		}
	}
	return out
}

// Chain returns the subjects from the 类 down to code itself, each known.
// The error names the first link that is not: "20701 (款 of 2070113) is
// not a known code". A code of no classification shape is an error too.
func Chain(code string) ([]Subject, error) {
	if _, ok := KindOf(code); !ok {
		return nil, fmt.Errorf("%q is not a classification code (3, 5 or 7 digits led by 1, 2, 3 or 5)", code)
	}
	var out []Subject
	for _, c := range append(Parents(code), code) {
		s, ok := subjects[c]
		if !ok {
			if c == code {
				return out, fmt.Errorf("%s is not a known code", code)
			}
			return out, fmt.Errorf("%s (%s of %s) is not a known code", c, Level(c), code)
		}
		out = append(out, s)
	}
	return out, nil
}

// Nearest returns the deepest known subject on code's chain, code itself
// included: for an unknown 项 whose 款 is known, the 款. ok is false when
// not even its 类 is known.
func Nearest(code string) (Subject, bool) {
	chain := append(Parents(code), code)
	for i := len(chain) - 1; i >= 0; i-- {
		if s, ok := subjects[chain[i]]; ok {
			return s, true
		}
	}
	return Subject{}, false
}
