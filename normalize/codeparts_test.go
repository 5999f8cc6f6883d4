package normalize

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/yusuan-data/yusuan/segment"
)

// TestCodeTreeInClassColumns: a code printed in 类 | 款 | 项 columns comes
// out as one subject code, whether each row prints its code in full (上海:
// 201 41 01) or as a tree where a row prints only its own level (烟台: 201 /
// 99 / 99); generated trees of both styles.
func TestCodeTreeInClassColumns(t *testing.T) {
	for seed := uint64(0); seed < 50; seed++ {
		r := rand.New(rand.NewPCG(seed, 1))
		tree := seed%2 == 1
		st := &segment.Table{Order: 2, Title: "一般公共预算支出表", Unit: "万元", Pages: []int{1},
			Header: []segment.Row{
				{Cells: []string{"科目编码", "", "", "科目名称", "合计"}},
				{Cells: []string{"类", "款", "项", "", ""}},
			}}
		var want []string
		st.Body = append(st.Body, segment.Row{Cells: []string{"", "", "", "合计", "9.00"}, Page: 1, Line: 3})
		want = append(want, "")
		for c := 0; c < 1+r.IntN(3); c++ {
			lei := fmt.Sprint(201 + 3*c)
			st.Body = append(st.Body, segment.Row{Cells: []string{lei, "", "", "类", "1.00"}, Page: 1})
			want = append(want, lei)
			for k := 0; k < 1+r.IntN(3); k++ {
				kuan := fmt.Sprintf("%02d", 1+k*7)
				cells := []string{lei, kuan, "", "款", "1.00"}
				if tree {
					cells[0] = ""
				}
				st.Body = append(st.Body, segment.Row{Cells: cells, Page: 1})
				want = append(want, lei+kuan)
				for x := 0; x < 1+r.IntN(3); x++ {
					xiang := fmt.Sprintf("%02d", 1+x*49)
					cells := []string{lei, kuan, xiang, "项", "1.00"}
					if tree {
						cells[0], cells[1] = "", ""
					}
					st.Body = append(st.Body, segment.Row{Cells: cells, Page: 1})
					want = append(want, lei+kuan+xiang)
				}
			}
		}
		ts, _ := Tables(st, 2026)
		tb := ts[0]
		if tb.Columns[0].Name != "subject_code" {
			t.Fatalf("seed %d: first column %q", seed, tb.Columns[0].Name)
		}
		for i, w := range want {
			if got := tb.Rows[i].Cells[0].Text; got != w {
				t.Fatalf("seed %d (tree %v) row %d: code %q, want %q", seed, tree, i, got, w)
			}
		}
	}
}
