package scangen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/shopspring/decimal"
)

// departments name the bodies the generated documents are from: other
// districts, other kinds of body, names short and long.
var departments = []string{
	"重庆市合川区财政局",
	"重庆市江津区教育委员会",
	"重庆市永川区卫生健康委员会",
	"重庆市綦江区农业农村委员会",
	"重庆市大足区文化和旅游发展委员会",
	"重庆市璧山区司法局",
	"重庆市铜梁区市场监督管理局",
	"重庆市荣昌区退役军人事务局",
	"重庆市梁平区规划和自然资源局",
	"重庆市武隆区林业局",
	"城口县人力资源和社会保障局",
	"丰都县交通运输委员会",
	"中共重庆市南川区委宣传部（本级）",
	"重庆市万盛经开区城市管理局",
	"重庆市黔江区民族宗教事务委员会",
	"重庆市长寿区水利局",
	"重庆市开州区统计局",
	"云阳县应急管理局",
	"奉节县档案馆",
	"巫山县住房和城乡建设委员会",
	"重庆市巴南区审计局",
	"重庆市北碚区生态环境局",
	"石柱土家族自治县民政局",
	"秀山土家族苗族自治县商务委员会",
}

// Spec is how one generated document is made: what it says and how it is
// printed and scanned. Make draws one from a document number.
type Spec struct {
	Index      int
	Department string
	Factor     int64 // every amount is multiplied by it: sums still add up
	Tables     []int // the 附件 numbers it holds, in order
	DropEmpty  float64
	Contents   bool    // the narrative lists the 附件 by title
	DeptInline bool    // department and title on one line
	Cont       []int   // per table: 0 title and header repeated, 1 header only, 2 nothing
	MaxRows    []int   // per table: rows on a page at most (page breaks at varied places)
	ShareLast  float64 // chance that a short table starts under the last one
	PointSize  float64 // cell text size
	DPI        int
	JPEG       int
	Speckle    float64 // share of pixels flipped
	SealTable  int     // the 附件 whose first page gets a red seal; 0 none
	Marker     string  // how 附件 N is printed: "附件 %d", "附件%d", "附件%d："
	Skew       []float64
	rng        *rand.Rand
}

// NewSpec draws the spec of document i. Documents 0.. are different from
// each other and the same on every run.
func NewSpec(i int) Spec {
	r := rand.New(rand.NewPCG(uint64(i)+1, 0x5ca115))
	s := Spec{Index: i, rng: r}
	s.Department = departments[i%len(departments)]
	s.Factor = int64(1 + r.IntN(29))
	first := 1
	last := 10
	switch i % 4 {
	case 1:
		last = 4 + r.IntN(6)
	case 2:
		first = 1 + r.IntN(4)
		last = first + 2 + r.IntN(10-first-1)
	}
	for n := first; n <= last; n++ {
		s.Tables = append(s.Tables, n)
	}
	s.DropEmpty = r.Float64()
	s.Contents = r.IntN(2) == 0
	s.DeptInline = r.IntN(3) == 0
	for range s.Tables {
		s.Cont = append(s.Cont, r.IntN(3))
		s.MaxRows = append(s.MaxRows, 6+r.IntN(30))
	}
	s.ShareLast = 0.5 * r.Float64()
	s.PointSize = 9 + r.Float64()*2.5
	s.DPI = []int{150, 200, 200, 240, 300}[r.IntN(5)]
	s.JPEG = 40 + r.IntN(51)
	s.Speckle = 0.002 + 0.008*r.Float64()
	s.SealTable = s.Tables[r.IntN(len(s.Tables))]
	s.Marker = []string{"附件 %d", "附件%d", "附件%d：", "附件 %d"}[r.IntN(4)]
	return s
}

// Doc is a generated document: what its pages say.
type Doc struct {
	Spec       Spec
	Title      string
	Narrative  []string
	Department string
	Tables     []Table
}

// Vary makes the document a spec describes from the seed.
func Vary(seed Seed, s Spec) Doc {
	d := Doc{Spec: s, Department: s.Department}
	for _, p := range seed.Narrative {
		if strings.HasPrefix(p, "二、") {
			break
		}
		d.Narrative = append(d.Narrative, strings.ReplaceAll(p, seed.Department, s.Department))
	}
	if len(d.Narrative) > 0 {
		d.Narrative[0] = s.Department
	}
	if len(d.Narrative) > 8 {
		d.Narrative = d.Narrative[:8]
	}
	k := decimal.NewFromInt(s.Factor)
	for _, n := range s.Tables {
		var t Table
		for _, st := range seed.Tables {
			if st.N == n {
				t = st.clone()
			}
		}
		fixSeed(&t)
		for _, rows := range [][][]string{t.Header, t.Body} {
			for _, row := range rows {
				for j, c := range row {
					if amountRe.MatchString(c) {
						v, _ := decimal.NewFromString(strings.ReplaceAll(c, ",", ""))
						row[j] = v.Mul(k).StringFixed(2)
					}
					if c == "." || c == "," || c == "„" {
						// marks the seed's text layer has for empty cells
						// (its truth is empty): a scan shows nothing
						row[j] = ""
					}
					if strings.Contains(c, seed.Department) {
						row[j] = strings.ReplaceAll(c, seed.Department, s.Department)
					}
				}
			}
		}
		t.Body = dropEmpty(t.Body, s.DropEmpty, s.rng)
		d.Tables = append(d.Tables, t)
	}
	if s.Contents {
		d.Narrative = append(d.Narrative, "七、附件")
		for _, t := range d.Tables {
			d.Narrative = append(d.Narrative, fmt.Sprintf("%d.%s", t.N, t.Title))
		}
	}
	return d
}

func (t Table) clone() Table {
	c := t
	c.Header = cloneRows(t.Header)
	c.Body = cloneRows(t.Body)
	c.Notes = append([]string(nil), t.Notes...)
	return c
}

func cloneRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = append([]string(nil), r...)
	}
	return out
}

// fixSeed mends two slips of the seed, so that a generated document
// reconciles and every finding on its scan comes from the reading: in
// 附件 2 and 8 the project amount of 2013799 is printed a row low (on 208),
// and 附件 6 gives 一般公共服务支出 the grand total.
func fixSeed(t *Table) {
	var r2013799 []string
	for _, row := range t.Body {
		if len(row) > 1 && row[0] == "2013799" {
			r2013799 = row
		}
		if len(row) > 1 && row[0] == "208" && r2013799 != nil {
			last := len(row) - 1
			for last > 0 && row[last] == "" {
				last--
			}
			if row[last] == "260.00" {
				row[last] = ""
				r2013799[len(r2013799)-1] = "260.00"
			}
		}
		for j, c := range row {
			if c == "一、一般公共服务支出" && j+1 < len(row) && row[j+1] == "402.21" {
				row[j+1] = "368.97"
			}
		}
	}
}

// dropEmpty leaves out, with probability p each, the rows that only list
// an empty class (the 类 a summary table prints whether or not it has
// figures): tables of other lengths.
func dropEmpty(rows [][]string, p float64, r *rand.Rand) [][]string {
	var out [][]string
	for _, row := range rows {
		if len(row) > 2 && row[0] == "" && row[1] == "" && onlyLabels(row) && !strings.Contains(strings.Join(row, ""), "合计") && !strings.Contains(strings.Join(row, ""), "结转") && r.Float64() < p {
			continue
		}
		out = append(out, row)
	}
	return out
}

func onlyLabels(row []string) bool {
	for _, c := range row {
		if amountRe.MatchString(c) || c == "." || c == "„" {
			return false
		}
	}
	return true
}

// Text is the document as a text export (tab-separated rows, one table
// per 附件): the input whose tables are the truth for the scan.
func (d Doc) Text() string {
	var b strings.Builder
	for _, p := range d.Narrative {
		b.WriteString(p + "\n\n")
	}
	for _, t := range d.Tables {
		fmt.Fprintf(&b, "附件 %d\n\n%s\n\n%s\n\n单位：万元\n\n", t.N, d.Department, t.Title)
		for _, r := range t.Header {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
		for _, r := range t.Body {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
		for _, n := range t.Notes {
			b.WriteString("\n" + n + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Trim keeps the spec's first n tables: a short document for a quick test.
func (s Spec) Trim(n int) Spec {
	if n >= len(s.Tables) {
		return s
	}
	s.Tables, s.Cont, s.MaxRows = s.Tables[:n], s.Cont[:n], s.MaxRows[:n]
	if s.SealTable > s.Tables[n-1] || s.SealTable < s.Tables[0] {
		s.SealTable = s.Tables[0]
	}
	return s
}

// noticeText is what a scanned file that is no budget says: a personnel
// notice, the kind of document found saved under a budget's name.
var noticeText = []string{
	"根据《事业单位人事管理条例》和有关规定，经研究决定，面向社会公开招聘工作人员，现将有关事项公告如下。",
	"应聘人员应当具有中华人民共和国国籍，遵守宪法和法律，具有良好的品行和适应岗位要求的身体条件。",
	"报名采取网上报名方式进行，应聘人员须如实填写报名信息，上传本人近期免冠正面证件照片。",
	"笔试内容为综合基础知识，满分一百分，笔试成绩按照从高分到低分的顺序确定进入面试的人员名单。",
	"面试采取结构化面试的方式进行，主要测评应聘人员的综合分析能力、语言表达能力和应变能力。",
	"体检工作参照公务员录用体检通用标准执行，考察工作由招聘单位组织实施，重点了解思想政治表现。",
}

// Notice is a document of about pages pages of running text that is no
// budget disclosure (spec i gives its print and scan).
func Notice(i, pages int) Doc {
	s := NewSpec(i)
	s.Tables, s.Cont, s.MaxRows, s.SealTable = nil, nil, nil, 0
	d := Doc{Spec: s, Department: s.Department, Narrative: []string{s.Department, "关于公开招聘工作人员的公告"}}
	for n := 0; n < pages*9; n++ {
		d.Narrative = append(d.Narrative, fmt.Sprintf("%d. %s%s", n+1, noticeText[n%len(noticeText)], noticeText[(n+2)%len(noticeText)]))
	}
	return d
}
