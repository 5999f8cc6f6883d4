package subject

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		code, name string
		ok         bool
	}{
		{"201", "一般公共服务支出", true},
		{"20137", "网信事务", true},
		{"2013799", "其他网信事务支出", true}, // the seed's project subject
		{"2013701", "行政运行", true},
		{"30217", "公务接待费", true},
		{"50205", "委托业务费", true}, // from Changsha's hand-transcribed scan
		{"20108", "审计事务", true},  // a 款 no document printed: supplied
		{"307001", "", false},    // a unit code, not a subject
		{"2013798", "", false},   // not printed anywhere
		{"", "", false},
	} {
		name, ok := Lookup(tc.code)
		if name != tc.name || ok != tc.ok {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tc.code, name, ok, tc.name, tc.ok)
		}
	}
}

func TestKindLevelParents(t *testing.T) {
	for _, tc := range []struct {
		code    string
		kind    Kind
		level   string
		parents string
	}{
		{"201", Functional, "类", ""},
		{"20137", Functional, "款", "201"},
		{"2013799", Functional, "项", "201 20137"},
		{"30201", Economic, "款", "302"},
		{"3010201", Economic, "项", "301 30102"}, // a provincial subdivision
		{"50101", GovEconomic, "款", "501"},
		{"1030101", Income, "项", "103 10301"},
		{"307001", "", "", ""},
		{"20137 99", "", "", ""},
		{"401", "", "", ""},
	} {
		kind, _ := KindOf(tc.code)
		if kind != tc.kind || Level(tc.code) != tc.level || strings.Join(Parents(tc.code), " ") != tc.parents {
			t.Errorf("%q: kind %q level %q parents %v; want %q %q %q", tc.code, kind, Level(tc.code), Parents(tc.code), tc.kind, tc.level, tc.parents)
		}
	}
}

func TestChain(t *testing.T) {
	chain, err := Chain("2013799")
	if err != nil || len(chain) != 3 || chain[0].Name != "一般公共服务支出" || chain[1].Name != "网信事务" || chain[2].Name != "其他网信事务支出" {
		t.Errorf("Chain(2013799) = %+v, %v", chain, err)
	}
	for code, want := range map[string]string{
		"2029901": "202 (类 of 2029901) is not a known code",
		"2013702": "2013702 is not a known code",
		"307001":  `"307001" is not a classification code`,
	} {
		if _, err := Chain(code); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Chain(%s): %v, want %q", code, err, want)
		}
	}
	if s, ok := Nearest("2013702"); !ok || s.Code != "20137" {
		t.Errorf("Nearest(2013702) = %+v %v, want 20137", s, ok)
	}
}

// TestCodesFile checks the embedded data: every code has its 类 and 款
// (scripts/subjects supplies those no document printed), the seed's
// project subject has its national name, and each kind is there.
func TestCodesFile(t *testing.T) {
	kinds := map[Kind]int{}
	for _, s := range All() {
		kinds[s.Kind]++
		if _, err := Chain(s.Code); err != nil {
			t.Errorf("%s %s: %v", s.Code, s.Name, err)
		}
		if strings.ContainsAny(s.Name, " \t（）") {
			t.Errorf("%s: name %q not cleaned", s.Code, s.Name)
		}
	}
	if kinds[Functional] < 80 || kinds[Economic] < 60 || kinds[GovEconomic] < 15 {
		t.Errorf("codes by kind: %v", kinds)
	}
	if s, _ := Get("20805"); len(s.Others) != 1 || s.Others[0] != (Alias{"行政事业单位离退休", 1}) {
		t.Errorf("20805 others: %+v", s.Others)
	}
}

// TestGoldenPairsAreExact: every code–name pair of the hand-checked golden
// tables is the classification's (or a name a document prints for it), so
// the check, run on a text layer, would change nothing.
func TestGoldenPairsAreExact(t *testing.T) {
	files, _ := filepath.Glob("../fixtures/000_40af54efeba53a7c/*.csv")
	more, _ := filepath.Glob("../fixtures/pdf/corpus/*/*.csv")
	n := 0
	for _, path := range append(files, more...) {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		code, name := slices.Index(recs[0], "subject_code"), slices.Index(recs[0], "subject_name")
		if code < 0 || name < 0 {
			continue
		}
		for _, r := range recs[1:] {
			if r[code] == "" {
				continue
			}
			n++
			if m := Check(r[code], r[name]); m.Verdict != Exact {
				t.Errorf("%s: %s %s: %v (%s)", filepath.Base(path), r[code], r[name], m.Verdict, m.Describe())
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d pairs in the golden tables", n)
	}
}
