package validate

import "sort"

// codeBlocks cuts a table's coded rows into the blocks over which its code
// tree runs. Most tables hold one tree; some print it again for each unit
// (one block per unit) or for each government economic class (烟台: 301
// under 501, then 301 under 505): a top-level code that comes again after
// rows of its own tree starts a new block. Checked as one tree, every
// parent would be compared with the children of all blocks together.
// A lower-level code printed twice (30208 under two headings) stays in its
// block.
func codeBlocks(codes map[int]string) []map[int]string {
	if len(codes) == 0 {
		return nil
	}
	rows := make([]int, 0, len(codes))
	top := 0
	for i, s := range codes {
		rows = append(rows, i)
		if top == 0 || len(s) < top {
			top = len(s)
		}
	}
	sort.Ints(rows)
	var blocks []map[int]string
	cur := map[int]string{}
	seen := map[string]bool{}
	for _, i := range rows {
		s := codes[i]
		if len(s) == top && seen[s] {
			blocks = append(blocks, cur)
			cur, seen = map[int]string{}, map[string]bool{}
		}
		cur[i] = s
		seen[s] = true
	}
	return append(blocks, cur)
}
