package normalize

import "testing"

// A long value cut into pieces by the reader is prose as a whole: its
// full-width punctuation stays, as it does when the value is one cell.
func TestPairsJoinBeforeCleaning(t *testing.T) {
	whole := "根据上级文件要求，优化办公网络环境实现业务专网接入，主要使用于区委网信专网、中央网信专网等，做好网络宣传活动"
	one := pairs([]string{"当年绩效目标", whole})
	cut := pairs([]string{"当年绩效目标", "根据上级文件要求，优化办公网络环境实现业务专网接入，", "主要使用于区委网信专网、中央网信专网等，做好网络宣传活动"})
	if len(one) != 1 || len(cut) != 1 || one[0][1] != whole || cut[0][1] != whole {
		t.Errorf("one cell: %q\ncut:      %q\nwant      %q", one, cut, whole)
	}
}
