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

// A label printed in two grid columns before its value (北京-审计局: 整体绩效目标
// | 整体绩效目标 | text) is one pair; the same label after a value is another.
func TestPairsLabelReadTwice(t *testing.T) {
	got := pairs([]string{"整体绩效目标", "整体绩效目标", "坚持以习近平新时代中国特色社会主义思想为指导"})
	if len(got) != 1 || got[0][0] != "整体绩效目标" || got[0][1] != "坚持以习近平新时代中国特色社会主义思想为指导" {
		t.Errorf("label read twice: %q", got)
	}
	got = pairs([]string{"项目名称", "甲", "项目名称", "乙"})
	if len(got) != 2 {
		t.Errorf("a label after a value: %q", got)
	}
}
