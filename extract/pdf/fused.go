package pdf

import (
	"regexp"
	"strings"

	"github.com/yusuan-data/yusuan/extract/align"
	"github.com/yusuan-data/yusuan/extract/grid"
)

// A row drawn without its inner column rules is one cell across the
// columns: a 合计 row on a continuation page printed as
// "合计156,211,123156,211,123" in one cell. When such a cell is one line
// of words set apart by gaps, a label and then amounts each inside one
// column (right-aligned under its column as the rows around it are), the
// words go to the columns they stand in. A centred label over several
// columns is one word (no gap at the column rule), a title or a note is not
// label-then-amounts: both stay one cell.

// fusedAmountRe is a word that is an amount.
var fusedAmountRe = regexp.MustCompile(`^-?[0-9][0-9,]*(\.[0-9]+)?$`)

// splitFused returns the text of each column xs[0..n-1] that the one-row
// cell of chars spanning those columns holds, or nil when it is not a row
// of words fused into one cell.
func splitFused(chars []rawChar, xs []float64, s *Settings) []string {
	lines := groupLines(chars, s)
	if len(lines) != 1 || len(xs) < 3 {
		return nil
	}
	cs := lines[0].Pieces
	// words: runs of characters closer than a third of their height
	var words [][]align.Piece
	for i, c := range cs {
		if i == 0 || c.X0-cs[i-1].X1 > (c.Y1-c.Y0)/3 || c.SpaceBefore {
			words = append(words, nil)
		}
		words[len(words)-1] = append(words[len(words)-1], c)
	}
	if len(words) < 2 {
		return nil
	}
	out := make([]string, len(xs)-1)
	for k, w := range words {
		text := align.Text(w, &s.Settings, false)
		if k > 0 && !fusedAmountRe.MatchString(strings.TrimSpace(text)) {
			return nil
		}
		// the column holding the whole amount; the label's centre
		c0, c1 := grid.Index(xs, w[0].X0+0.01), grid.Index(xs, w[len(w)-1].X1-0.01)
		if k == 0 {
			c0 = grid.Index(xs, (w[0].X0+w[len(w)-1].X1)/2)
			c1 = c0
		}
		if c0 != c1 || c0 < 0 || c0 >= len(out) || out[c0] != "" {
			return nil
		}
		out[c0] = strings.TrimSpace(text)
	}
	return out
}
