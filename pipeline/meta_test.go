package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/table"
	"github.com/yusuan-data/yusuan/validate"
)

// What the text lacks is filled from the row, what it says wins, and a
// disagreement is a finding with both values.
func TestApplyMeta(t *testing.T) {
	m, err := parseMeta("meta.csv", strings.NewReader("\uFEFFinput,department,region,year\n"+
		"a.pdf,重庆市潼南区财政局,重庆市潼南区,2025\n"+
		"b.pdf,重庆市潼南区财政局,重庆市,2026\n"+
		"c.pdf,,北京市,\n"))
	if err != nil {
		t.Fatal(err)
	}
	rules := func(d *table.Document) (out []string) {
		for _, f := range d.Findings {
			out = append(out, string(f.Severity)+" "+f.Rule+" "+f.Column+" "+f.Found+"≠"+f.Expected)
		}
		return out
	}

	// Nothing printed: all three filled, one info finding.
	a := &table.Document{Source: "a.pdf"}
	applyMeta(a, m)
	if a.Department != "重庆市潼南区财政局" || a.Year != 2025 || a.Region != "重庆市潼南区" || a.Supplied == nil {
		t.Errorf("a: %+v", a)
	}
	if got := rules(a); len(got) != 1 || !strings.HasPrefix(got[0], "info meta.supplied") {
		t.Errorf("a findings: %v", got)
	}

	// Printed: the text wins. The year disagrees (a finding); the
	// department agrees; 重庆市 contains the printed department's region.
	b := &table.Document{Source: "./b.pdf", Department: "重庆市潼南区财政局", Year: 2025}
	applyMeta(b, m)
	if b.Department != "重庆市潼南区财政局" || b.Year != 2025 || b.Region != "" {
		t.Errorf("b: %+v", b)
	}
	if got := rules(b); len(got) != 1 || got[0] != "warning meta.disagrees year 2025≠2026" {
		t.Errorf("b findings: %v", got)
	}

	// A region the printed department contradicts.
	c := &table.Document{Source: "c.pdf", Department: "上海市普陀区司法局"}
	applyMeta(c, m)
	if c.Region != "" || c.Department != "上海市普陀区司法局" {
		t.Errorf("c: %+v", c)
	}
	if got := rules(c); len(got) != 1 || got[0] != "warning meta.disagrees region 上海市普陀区≠北京市" {
		t.Errorf("c findings: %v", got)
	}

	// No row: untouched.
	d := &table.Document{Source: "d.pdf"}
	applyMeta(d, m)
	if d.Supplied != nil || len(d.Findings) > 0 {
		t.Errorf("d: %+v", d)
	}
}

func TestParseMetaErrors(t *testing.T) {
	for _, c := range []struct{ csv, want string }{
		{"", "empty"},
		{"department,year\nx,2025\n", "no input or sha256 column"},
		{"input,colour\na.pdf,red\n", `unknown column "colour"`},
		{"input,year\na.pdf,20x5\n", `line 2: year "20x5" is not a year`},
		{"sha256,year\nabc,2025\n", "not 64 hex digits"},
		{"input,year\na.pdf,2025\n./a.pdf,2026\n", "line 3: input ./a.pdf given twice"},
		{"input,sha256,year\n,,2025\n", "line 2: neither input nor sha256"},
	} {
		_, err := parseMeta("m.csv", strings.NewReader(c.csv))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "m.csv: ") {
			t.Errorf("%q: %v, want %q", c.csv, err, c.want)
		}
	}
}

// Through a run: the row found by sha256 reaches the manifest (supplied,
// and the finding of a disagreement), and a changed row makes a resumed
// run redo the document.
func TestMetaRun(t *testing.T) {
	out := t.TempDir()
	job := Plan([]string{"../fixtures/000_40af54efeba53a7c.txt"}, out)[0]
	sum, err := fileSHA256(context.Background(), job.Input)
	if err != nil {
		t.Fatal(err)
	}
	metaFile := filepath.Join(t.TempDir(), "meta.csv")
	write := func(csv string) *Meta {
		if err := os.WriteFile(metaFile, []byte(csv), 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := ReadMeta(metaFile)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	opts := Options{OutDir: out, Check: validate.Check, Meta: write("sha256,year,region\n" + sum + ",2026,重庆市\n")}
	opts.Export.NoXLSX = true
	if res := Process(context.Background(), job, opts); res.Failed() {
		t.Fatal(res.Error)
	}
	data, err := os.ReadFile(filepath.Join(job.OutDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m export.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if m.Year != 2025 || m.Supplied == nil || m.Supplied.Year != 2026 || m.Region != "" {
		t.Errorf("manifest: year %d, supplied %+v, region %q", m.Year, m.Supplied, m.Region)
	}
	n := 0
	for _, f := range m.Findings {
		if f.Rule == "meta.disagrees" {
			n++
			if f.Column != "year" || f.Found != "2025" || f.Expected != "2026" {
				t.Errorf("finding: %+v", f)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d meta.disagrees findings, want 1 (the year; 重庆市 holds the printed region)", n)
	}
	if _, done := Completed(job, opts); !done {
		t.Error("same meta: not complete")
	}
	changed := opts
	changed.Meta = write("input,year\n" + job.Input + ",2025\n")
	if _, done := Completed(job, changed); done {
		t.Error("changed meta: skipped")
	}
	none := opts
	none.Meta = nil
	if _, done := Completed(job, none); done {
		t.Error("meta no longer given: skipped")
	}
}
