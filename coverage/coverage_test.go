package coverage

import (
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/layout"
	"github.com/yusuan-data/yusuan/normalize"
	"github.com/yusuan-data/yusuan/segment"
	"github.com/yusuan-data/yusuan/table"
)

// twoTables is a small disclosure as a text export: two attachments, one
// of them over two pages (form feed) with its title repeated, and a code
// a line wrap cut in two (20137 99).
const twoTables = "2025年部门预算情况说明\n" +
	"一、部门职能\n本部门负责宣传工作。\n" +
	"附件1\n一般公共预算财政拨款支出预算表\n单位：万元\n" +
	"科目编码\t科目名称\t合计\t基本支出\t项目支出\n" +
	"\t合计\t402.21\t368.97\t33.24\n" +
	"201\t一般公共服务支出\t402.21\t368.97\t33.24\n" +
	"20137\t网信事务\t402.21\t368.97\t33.24\n" +
	"\f一般公共预算财政拨款支出预算表\n单位：万元\n" +
	"科目编码\t科目名称\t合计\t基本支出\t项目支出\n" +
	"2013701\t行政运行\t368.97\t368.97\t\n" +
	"20137 99\t其他网信事务支出\t33.24\t\t33.24\n" +
	"附件2\n部门收入总表\n单位：万元\n" +
	"科目编码\t科目名称\t合计\t财政拨款收入\n" +
	"\t合计\t500.00\t500.00\n" +
	"201\t一般公共服务支出\t500.00\t500.00\n"

type run struct {
	ld  *layout.Document
	sd  *segment.Document
	doc *table.Document
}

func read(t *testing.T, text string) run {
	t.Helper()
	ld, err := extract.ReadText("test.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	sd := segment.Split(ld)
	return run{ld, sd, normalize.Document(sd)}
}

func (r run) check() ([]table.Finding, table.Quality) { return Check(r.ld, r.sd, r.doc) }

func rules(fs []table.Finding) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		out[f.Rule]++
	}
	return out
}

func tableByID(t *testing.T, doc *table.Document, id string) *table.Table {
	t.Helper()
	for _, x := range doc.Tables {
		if x.ID == id {
			return x
		}
	}
	t.Fatalf("no table %s", id)
	return nil
}

func TestCleanDocumentHasNoFinding(t *testing.T) {
	r := read(t, twoTables)
	if len(r.doc.Tables) != 2 {
		t.Fatalf("tables: %d, want 2", len(r.doc.Tables))
	}
	fs, q := r.check()
	if len(fs) != 0 {
		t.Fatalf("findings on a clean document: %+v", fs)
	}
	if q.Amounts != 17 || q.Placed != 17 || q.Unplaced != 0 || q.Unprinted != 0 {
		t.Errorf("quality %+v: want 17 amounts, all placed", q)
	}
	if q.TablesExpected != 2 || q.TablesFound != 2 || len(q.MissingTables) != 0 {
		t.Errorf("quality %+v: want 2 tables expected and found", q)
	}
}

func TestLostCellIsUnplaced(t *testing.T) {
	r := read(t, twoTables)
	a1 := tableByID(t, r.doc, "a01")
	row := a1.Rows[len(a1.Rows)-1] // 2013799, on page 2
	j := a1.Col("project")
	row.Cells[j] = table.Value{}
	fs, q := r.check()
	if rules(fs)["coverage.unplaced_amount"] != 1 || q.Unplaced != 1 {
		t.Fatalf("findings %+v, quality %+v: want the lost 33.24 as one unplaced amount", fs, q)
	}
	f := fs[0]
	if f.Found != "33.24" || len(f.Pages) != 1 || f.Pages[0] != 2 || f.Line == 0 {
		t.Errorf("finding %+v: want 33.24 on page 2 with its line", f)
	}
}

func TestDoubledCellIsUnprinted(t *testing.T) {
	r := read(t, twoTables)
	a2 := tableByID(t, r.doc, "a02")
	v, _, _ := normalize.ParseAmount("77.70")
	a2.Rows[0].Cells[a2.Col("total")].Num.Decimal = v
	a2.Rows[0].Cells[a2.Col("total")].Text = "77.70"
	fs, q := r.check()
	got := rules(fs)
	if got["coverage.unprinted_amount"] != 1 || got["coverage.unplaced_amount"] != 1 || q.Unprinted != 1 {
		t.Fatalf("findings %+v: want 77.70 unprinted and the 500.00 it replaced unplaced", fs)
	}
}

func TestRowReadAsTextIsUnplaced(t *testing.T) {
	// A row the reader could not cut into cells arrives as a text line
	// inside the table: its amounts are on the page and in no cell.
	text := strings.Replace(twoTables, "20137\t网信事务\t402.21\t368.97\t33.24\n", "", 1)
	text = strings.Replace(text, "201\t一般公共服务支出\t402.21\t368.97\t33.24\n", "201\t一般公共服务支出\t402.21\t368.97\t33.24\n备注：\n20137 网信事务 402.21 368.97 33.24\n", 1)
	r := read(t, text)
	fs, q := r.check()
	if rules(fs)["coverage.unplaced_amount"] == 0 || q.Unplaced != 3 {
		t.Fatalf("findings %+v quality %+v: want the text row's three amounts unplaced", fs, q)
	}
}

func TestUnclaimedPage(t *testing.T) {
	text := twoTables + "\f支出情况\n" +
		"一般公共服务支出 100.00 200.00\n教育支出 300.00 400.00\n科学技术支出 500.00 600.00\n"
	r := read(t, text)
	fs, q := r.check()
	if rules(fs)["coverage.unclaimed_page"] != 1 || len(q.UnclaimedPages) != 1 || q.UnclaimedPages[0] != 3 {
		t.Fatalf("findings %+v quality %+v: want page 3 unclaimed", fs, q)
	}
}

func TestNarrativeFiguresAreNotTables(t *testing.T) {
	text := twoTables + "\f二、收支预算总体情况\n" +
		"2025年收入预算402.21万元，支出预算402.21万元。\n" +
		"其中：基本支出 368.97 万元，项目支出 33.24 万元。\n"
	fs, _ := read(t, text).check()
	if len(fs) != 0 {
		t.Fatalf("narrative figures reported: %+v", fs)
	}
}

func TestTitleInsideTableIsMerged(t *testing.T) {
	// 附件2's marker lost: its title lands inside 附件1's rows, and the
	// segmenter may read it as a continuation.
	text := strings.Replace(twoTables, "附件2\n部门收入总表\n单位：万元\n科目编码\t科目名称\t合计\t财政拨款收入\n", "部门收入总表\n", 1)
	r := read(t, text)
	fs, _ := r.check()
	got := rules(fs)
	if len(r.doc.Tables) == 2 && got["table.merged"] == 0 && got["coverage.missing_table"] == 0 {
		// segmentation found both tables: nothing merged, nothing to say
		return
	}
	if got["table.merged"]+got["coverage.missing_table"]+got["table.header_mismatch"]+got["coverage.orphan_title"] == 0 {
		t.Fatalf("tables %d, findings %+v: a lost table start must be a finding", len(r.doc.Tables), fs)
	}
}

func TestEmptyTable(t *testing.T) {
	text := twoTables + "附件3\n政府性基金预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n"
	fs, _ := read(t, text).check()
	var got []table.Finding
	for _, f := range fs {
		if f.Rule == "table.empty" {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Severity != table.Warning {
		t.Fatalf("findings %+v: want one table.empty warning (a header over no rows, nothing lost)", fs)
	}
	// Its row read as text: amounts on its page in no cell make it an error.
	fs, _ = read(t, text+"一般公共服务支出 12.00 13.00\n").check()
	n := 0
	for _, f := range fs {
		if f.Rule == "table.empty" {
			n++
			if f.Severity != table.Error {
				t.Errorf("an empty table with amounts lost on its page: %+v, want an error", f)
			}
		}
	}
	if n != 1 || rules(fs)["coverage.unplaced_amount"] != 1 {
		t.Errorf("findings %+v: want the row's amounts unplaced and the table empty", fs)
	}
	fs, _ = read(t, text+"本部门无政府性基金预算，此表为空表。\n").check()
	for _, f := range fs {
		if f.Rule == "table.empty" && f.Severity != table.Warning {
			t.Errorf("a table its page says is empty: %+v, want a warning", f)
		}
	}
}

func TestNumberingGap(t *testing.T) {
	text := strings.Replace(twoTables, "附件2\n", "附件3\n", 1)
	fs, q := read(t, text).check()
	if rules(fs)["coverage.missing_table"] != 1 || len(q.MissingTables) != 1 || q.MissingTables[0] != 2 {
		t.Fatalf("findings %+v quality %+v: want 附件 2 missing", fs, q)
	}
}

func TestListedTableMissing(t *testing.T) {
	text := strings.Replace(twoTables, "一、部门职能\n", "一、部门职能\n附件：\n1.一般公共预算财政拨款支出预算表\n2.部门收入总表\n3.政府采购预算表\n", 1)
	fs, q := read(t, text).check()
	if rules(fs)["coverage.missing_table"] != 1 || q.TablesExpected != 3 {
		t.Fatalf("findings %+v quality %+v: want the listed 政府采购预算表 missing", fs, q)
	}
}

func TestSecondGrandTotal(t *testing.T) {
	text := strings.Replace(twoTables, "附件2\n部门收入总表\n单位：万元\n科目编码\t科目名称\t合计\t财政拨款收入\n", "", 1)
	text = strings.Replace(text, "\t合计\t500.00\t500.00\n201\t一般公共服务支出\t500.00\t500.00\n", "\t合计\t500.00\t500.00\t\n201\t一般公共服务支出\t500.00\t500.00\t\n", 1)
	fs, _ := read(t, text).check()
	if rules(fs)["table.merged"] == 0 {
		t.Fatalf("findings %+v: two tables read as one (two 合计 rows, the code tree restarting) must be a finding", fs)
	}
}

func TestShapeOfRows(t *testing.T) {
	cases := []struct {
		old, new, rule string
	}{
		{"2013701\t行政运行", "201370\t行政运行", "table.bad_code"},
		{"2013701\t行政运行\t368.97", "\t\t368.97", "table.row_without_label"},
		{"2013701\t行政运行\t368.97\t368.97\t\n", "2013701\t\t368.97\t368.97\t\n\t行政运行\t\t\t\n", "table.split_row"},
		{"科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t402.21", "科目编码\t科目名称\t合计\t奇怪栏目\t项目支出\n\t合计\t402.21", "table.header_mismatch"},
		{"20137\t网信事务\t402.21\t368.97\t33.24\n", "20137\t网信事务\t402.21\t368.97\t33.24\n本项目用于网络宣传的说明文字\n", "coverage.unplaced_text"},
	}
	for _, tc := range cases {
		text := strings.Replace(twoTables, tc.old, tc.new, 1)
		if text == twoTables {
			t.Fatalf("%s: the fixture has no %q", tc.rule, tc.old)
		}
		fs, _ := read(t, text).check()
		if rules(fs)[tc.rule] == 0 {
			t.Errorf("%s: not reported; findings %+v", tc.rule, fs)
		}
	}
}

func TestFormLabelsReadLikeValues(t *testing.T) {
	doc := &table.Document{Tables: []*table.Table{{
		ID: "a12-1-form", Kind: "project_performance_form", Pages: []int{1},
		Columns: []table.Column{{Name: "field", Type: table.String}, {Name: "label", Type: table.String}, {Name: "value", Type: table.String}},
		Rows: []table.Row{
			{Cells: []table.Value{{Text: "project_name"}, {Text: "项目名称"}, {Text: "网络宣传"}}, Page: 1, Line: 1},
			{Cells: []table.Value{{Text: "n1"}, {Text: "1、强化舆论引导工作基础保障，完成好市级各项指令和目标考核任务要求。"}, {Text: ""}}, Page: 1, Line: 2},
		},
	}}}
	c := &checker{s: Default, doc: doc}
	c.formLabels(doc.Tables[0])
	if len(c.out) != 1 || c.out[0].Rule != "table.form_shape" {
		t.Fatalf("findings %+v: want table.form_shape", c.out)
	}
}

func TestTitleOverNoTable(t *testing.T) {
	// A table printed as a header over no rows, on a page of its own: no
	// amount is lost, but a table is; its title says so.
	r := read(t, twoTables+"\f附件3\n政府性基金预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n")
	// Whatever the segmenter makes of it, the table is lost: the
	// finding is a table with no rows, or the title alone.
	r.doc.Tables = r.doc.Tables[:2]
	r.sd.Tables = r.sd.Tables[:2]
	fs, _ := r.check()
	if rules(fs)["coverage.orphan_title"] == 0 {
		t.Fatalf("findings %+v: a title with no table under it must be a finding", fs)
	}
}

func TestIndicatorTail(t *testing.T) {
	cols := []table.Column{{Name: "level1", Type: table.String}, {Name: "level2", Type: table.String}, {Name: "level3", Type: table.String}, {Name: "weight", Type: table.Decimal}, {Name: "target", Type: table.String}}
	row := func(vals ...string) table.Row {
		r := table.Row{Page: 1, Line: len(vals)}
		for _, v := range vals {
			r.Cells = append(r.Cells, table.Value{Text: v})
		}
		return r
	}
	tb := &table.Table{ID: "a12-1-indicators", Kind: "project_performance_indicators", Pages: []int{1}, Columns: cols,
		Rows: []table.Row{row("产出指标", "数量指标", "开展活动", "10", "3"), row("产出指标", "质量指标", "", "15", "50"), row("", "", "扩大活动知晓率", "", "")}}
	c := &checker{s: Default, doc: &table.Document{Tables: []*table.Table{tb}}}
	c.indicatorTails(tb)
	if len(c.out) != 1 || c.out[0].Rule != "table.split_row" {
		t.Fatalf("findings %+v: want the tail row reported", c.out)
	}
	tb.Rows = tb.Rows[:2]
	c.out = nil
	c.indicatorTails(tb)
	if len(c.out) != 0 {
		t.Fatalf("findings %+v on a whole grid", c.out)
	}
}

func TestIndicatorGaps(t *testing.T) {
	cols := []table.Column{{Name: "indicator", Type: table.String}, {Name: "indicator_name", Type: table.String}, {Name: "weight", Type: table.Decimal}, {Name: "target", Type: table.String}}
	row := func(vals ...string) table.Row {
		r := table.Row{Page: 1, Line: 1}
		for _, v := range vals {
			r.Cells = append(r.Cells, table.Value{Text: v})
		}
		return r
	}
	tb := &table.Table{ID: "a11-indicators", Kind: "dept_performance_indicators", Pages: []int{1}, Columns: cols, Rows: []table.Row{
		row("培训场次", "培训场次", "10", "2"), row("宣传周", "宣传周", "10", "1"), row("运行天数", "运行天数", "5", "360"),
		row("满意度", "满意度", "5", "好"), row("", "", "5", "95")}}
	c := &checker{s: Default, doc: &table.Document{Tables: []*table.Table{tb}}}
	c.indicatorGaps(tb)
	if len(c.out) != 1 {
		t.Fatalf("findings %+v: want the row without its indicator", c.out)
	}
}

func TestSiblingCategories(t *testing.T) {
	tb := &table.Table{ID: "a03", Kind: "three_public", Pages: []int{1}, Columns: []table.Column{
		{Name: "dept_name", Type: table.String}, {Name: "prior_vehicle_total", Type: table.Decimal},
		{Name: "prior_vehicle_overseas_travel", Type: table.Decimal}, {Name: "vehicle_purchase", Type: table.Decimal}}}
	c := &checker{s: Default, doc: &table.Document{Tables: []*table.Table{tb}}}
	c.siblings(tb)
	if len(c.out) != 1 || c.out[0].Column != "prior_vehicle_overseas_travel" {
		t.Fatalf("findings %+v: want prior_vehicle_overseas_travel reported", c.out)
	}
}
