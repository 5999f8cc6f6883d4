package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const seed = "../../fixtures/000_40af54efeba53a7c.txt"

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestBadInputsDoNotStopTheBatch feeds a missing, an empty, a binary and an
// unrelated text file beside the seed: each bad one gets one error line
// naming it, the seed still comes out, and the exit status is 1.
func TestBadInputsDoNotStopTheBatch(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	binary := filepath.Join(dir, "binary.txt")
	plain := filepath.Join(dir, "notes.txt")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(binary, []byte("\x00\x01\x02binary\x00"), 0o644)
	os.WriteFile(plain, []byte("会议纪要\n今天讨论了食堂菜单。\n"), 0o644)
	missing := filepath.Join(dir, "missing.txt")
	out := filepath.Join(dir, "out")

	code, _, stderr := runCLI("extract", "-q", seed, missing, empty, binary, plain, "-o", out)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	want := map[string]string{
		missing: "no such file",
		empty:   "empty file",
		binary:  "binary file, not text",
		plain:   "no budget tables or budget narrative found",
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != len(want) {
		t.Errorf("stderr has %d lines, want %d:\n%s", len(lines), len(want), stderr)
	}
	for path, reason := range want {
		line := "yusuan: " + path + ": "
		if !strings.Contains(stderr, line) || !strings.Contains(stderr, reason) {
			t.Errorf("stderr lacks %q … %q:\n%s", line, reason, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "000_40af54efeba53a7c", "manifest.json")); err != nil {
		t.Errorf("good input not written: %v", err)
	}
	for _, stem := range []string{"missing", "empty", "binary", "notes"} {
		if _, err := os.Stat(filepath.Join(out, stem)); err == nil {
			t.Errorf("output written for bad input %s", stem)
		}
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary left behind: %s", e.Name())
		}
	}
}

func TestUsage(t *testing.T) {
	cases := []struct {
		args []string
		code int
		text string
	}{
		{nil, 2, "Usage:"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"extract", seed}, 2, "missing -o OUTDIR"},
		{[]string{"extract", "-o", t.TempDir()}, 2, "no INPUT given"},
		{[]string{"extract", "-bogus"}, 2, "flag provided but not defined"},
		{[]string{"extract", "-bogus"}, 2, "Run 'yusuan help extract' for usage."},
		{[]string{"extract"}, 2, "no INPUT given"},
		{[]string{"extract", "-h"}, 0, "usage: yusuan extract [flags] INPUT... -o OUTDIR"},
		{[]string{"help", "extract"}, 0, "scanned page image (PNG, JPEG, TIFF)"},
		{[]string{"help", "extract"}, 0, "usage: yusuan extract [flags] INPUT... -o OUTDIR"},
		{[]string{"help"}, 0, "The commands are:"},
		{[]string{"version"}, 0, "yusuan "},
	}
	for _, c := range cases {
		code, stdout, stderr := runCLI(c.args...)
		if code != c.code || !strings.Contains(stdout+stderr, c.text) {
			t.Errorf("yusuan %v: exit %d, output %q; want exit %d and %q", c.args, code, stdout+stderr, c.code, c.text)
		}
	}
	// A bad flag: its one line and where to look, not the whole help.
	if _, _, stderr := runCLI("extract", "-bogus"); strings.Count(stderr, "\n") > 2 {
		t.Errorf("a bad flag printed %d lines:\n%s", strings.Count(stderr, "\n"), stderr)
	}
}

// TestFolderInput walks a folder, finds the .txt inside, skips others.
func TestFolderInput(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "in", "重庆 2025")
	os.MkdirAll(sub, 0o755)
	os.WriteFile(filepath.Join(sub, "网信办 \"预算\".txt"), data, 0o644)
	os.WriteFile(filepath.Join(sub, "readme.md"), []byte("# no"), 0o644)
	out := filepath.Join(dir, "out")
	code, _, stderr := runCLI("extract", filepath.Join(dir, "in"), "-o", out, "-csv-bom")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	csv, err := os.ReadFile(filepath.Join(out, "网信办_预算_", "a02_gpb_expenditure.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(csv, []byte("\uFEFFsubject_code,")) {
		t.Errorf("CSV does not start with BOM and header: %q", csv[:20])
	}
	if _, err := os.Stat(filepath.Join(out, "网信办_预算_", "网信办_预算_.xlsx")); err != nil {
		t.Errorf("workbook missing: %v", err)
	}
}

// TestDebugPNG draws every page of a PDF that came out.
func TestDebugPNG(t *testing.T) {
	dir := t.TempDir()
	pdf := "../../fixtures/pdf/corpus/shanghai-putuo-sifaju-2026-budget.pdf"
	code, _, stderr := runCLI("extract", "-q", "-no-xlsx", "-debug-png", filepath.Join(dir, "png"), pdf, "-o", filepath.Join(dir, "out"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "png", "shanghai-putuo-sifaju-2026-budget", "page-*.png"))
	if len(pngs) != 23 {
		t.Fatalf("%d pages drawn, want 23", len(pngs))
	}
	data, err := os.ReadFile(pngs[0])
	if err != nil || !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Errorf("%s is not a PNG (%v)", pngs[0], err)
	}
}
