package pipeline

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// attachmentDoc writes a text document whose only content is an 附件 N
// marker, a title and a ruled-free table of n rows: a product list (no
// budget word anywhere) or, with budget set, the same list under a
// budget header (科目编码, 财政拨款), as a scan whose title OCR lost.
func attachmentDoc(t *testing.T, r *rand.Rand, budget bool) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "附件%d\n\n", 1+r.Intn(5))
	titles := []string{"中选品种供应清单", "集中采购目录", "执行最高付费标准目录", "设备配置清单"}
	if !budget {
		fmt.Fprintf(&b, "%s\n\n", titles[r.Intn(len(titles))])
		b.WriteString("序号\t品种名称\t规格包装\t数量\t单价\n")
	} else {
		b.WriteString("\n\n科目编码\t科目名称\t规格包装\t财政拨款\t合计\n")
	}
	names := []string{"阿托伐他汀钙片", "当归", "黄芪", "氨氯地平片", "布洛芬缓释胶囊"}
	for i := 0; i < 5+r.Intn(20); i++ {
		fmt.Fprintf(&b, "%d\t%s\t%dmg*%d片/盒\t%d\t%d.%02d\n", i+1, names[r.Intn(len(names))],
			10*(1+r.Intn(4)), 7*(1+r.Intn(4)), 1+r.Intn(900), r.Intn(500), r.Intn(100))
	}
	path := filepath.Join(t.TempDir(), "doc.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAttachmentWithoutBudgetWordDeclined: a file saved under a budget's
// name that is a numbered attachment of some other notice (珠海's 附件2, a
// 328-page drug supply list) is declined as not a budget, not read as
// hundreds of tables; an attachment whose headers carry a budget word is
// still kept when its title is lost.
func TestAttachmentWithoutBudgetWordDeclined(t *testing.T) {
	r := rand.New(rand.NewSource(13))
	for i := 0; i < 20; i++ {
		budget := i%2 == 1
		path := attachmentDoc(t, r, budget)
		_, err := Convert(context.Background(), path, Options{})
		switch {
		case budget && err != nil:
			t.Errorf("case %d (budget header): %v", i, err)
		case !budget && err == nil:
			t.Errorf("case %d (product list): converted, want declined", i)
		case !budget && ReasonOf(err.Error()) != ReasonNotBudget:
			t.Errorf("case %d (product list): error %q, want reason %s", i, err, ReasonNotBudget)
		}
	}
}
