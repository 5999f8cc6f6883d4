package dataset

// A real load into PostgreSQL: the test starts its own throwaway server
// (initdb into a temporary folder, listening on a Unix socket there only),
// creates a table per kind from dataset.json, loads the CSVs with COPY and
// checks sums with SQL. It uses the server's own psql (no Go driver: nothing
// to add to go.mod, and COPY … FROM STDIN through psql is how the CSVs are
// meant to be loaded). It skips only when no PostgreSQL is installed
// (Debian: apt-get install postgresql).

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yusuan-data/yusuan/export"
	"github.com/yusuan-data/yusuan/extract"
	"github.com/yusuan-data/yusuan/pipeline"
	"github.com/yusuan-data/yusuan/validate"
)

// pgBin is the bin folder of the newest installed PostgreSQL, or "".
func pgBin() string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi > vj
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			if _, err := os.Stat(filepath.Join(d, "pg_ctl")); err == nil {
				return d
			}
		}
	}
	return ""
}

type pgServer struct {
	bin, dir, sock string
	asUser         []string // runuser prefix when we are root
}

// startPostgres initialises and starts a server in a fresh folder and
// registers its stop. As root it runs the server as the postgres user.
func startPostgres(t *testing.T) *pgServer {
	t.Helper()
	bin := pgBin()
	if bin == "" {
		t.Skip("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); apt-get install postgresql")
	}
	// Not t.TempDir: its parent is private to us, and the server may run
	// as another user. A short path also keeps the socket under 107 bytes.
	dir, err := os.MkdirTemp("", "yusuan-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	s := &pgServer{bin: bin, dir: dir, sock: dir}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running as root and there is no postgres user to run the server as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		runuser, err := exec.LookPath("runuser")
		if err != nil {
			t.Fatalf("running as root and no runuser to drop to postgres: %v", err)
		}
		s.asUser = []string{runuser, "-u", "postgres", "--"}
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	s.run(t, filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")
	conf := fmt.Sprintf("listen_addresses = ''\nunix_socket_directories = '%s'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n", dir)
	s.run(t, "sh", "-c", fmt.Sprintf("cat >> '%s/postgresql.conf' <<'EOF'\n%sEOF", data, conf))
	s.run(t, filepath.Join(bin, "pg_ctl"), "-D", data, "-l", filepath.Join(dir, "server.log"), "-w", "-t", "60", "start")
	t.Cleanup(func() {
		cmd := s.command(filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("stopping postgres: %v\n%s", err, out)
		}
	})
	return s
}

func (s *pgServer) command(name string, args ...string) *exec.Cmd {
	argv := append(append(append([]string(nil), s.asUser...), name), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = s.dir
	return cmd
}

func (s *pgServer) run(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := s.command(name, args...).CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
		t.Fatalf("%s %s: %v\n%s\n%s", filepath.Base(name), strings.Join(args, " "), err, out, log)
	}
}

// psql runs sql (stdin, if not nil, feeds COPY … FROM STDIN) and returns
// the unaligned output. The client runs as us; the server trusts the socket.
func (s *pgServer) psql(t *testing.T, sql string, stdin []byte) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(s.bin, "psql"), "-X", "-q", "-A", "-t", "-F", "|", "-v", "ON_ERROR_STOP=1",
		"-h", s.sock, "-U", "postgres", "-d", "postgres", "-c", sql)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("psql %q: %v\n%s", firstLine(sql), err, errb.String())
	}
	return strings.TrimSpace(out.String())
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// loadPostgres creates every table of a dataset through the shipped DDL
// and loads its CSVs (kinds and findings) with COPY; it checks each
// table's row count against the report.
func loadPostgres(t *testing.T, pg *pgServer, dir string, rep *Report) int {
	t.Helper()
	ddl, err := DDL(rep, "postgres", dir, false)
	if err != nil {
		t.Fatal(err)
	}
	pg.psql(t, ddl, nil)
	loaded := 0
	for _, k := range append(append([]KindReport(nil), rep.Kinds...), rep.Findings) {
		for _, f := range k.Files {
			if !strings.HasPrefix(f.Path, "csv/") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, f.Path))
			if err != nil {
				t.Fatal(err)
			}
			pg.psql(t, fmt.Sprintf("COPY %s FROM STDIN WITH (FORMAT csv, HEADER true)", QuoteIdent(k.Kind)), data)
		}
		if got := pg.psql(t, "SELECT count(*) FROM "+QuoteIdent(k.Kind), nil); got != strconv.Itoa(k.Rows) {
			t.Errorf("%s: %s rows loaded, want %d", k.Kind, got, k.Rows)
		}
		loaded += k.Rows
	}
	return loaded
}

func TestLoadPostgres(t *testing.T) {
	start := time.Now()
	pg := startPostgres(t)
	t.Logf("postgres (%s) up in %s", pg.bin, time.Since(start).Round(time.Millisecond))

	dir, rep := build(t, Options{Version: "test"})
	loaded := loadPostgres(t, pg, dir, rep)
	t.Logf("loaded %d rows of %d kinds and findings in %s", loaded, len(rep.Kinds), time.Since(start).Round(time.Millisecond))

	// The two long names of c's dept_expenditure are two columns, each
	// with its values.
	cols := pg.psql(t, `SELECT column_name FROM information_schema.columns
WHERE table_name = 'dept_expenditure' AND column_name LIKE 'zheng_fu_cai_gou%' ORDER BY ordinal_position`, nil)
	if n := len(strings.Fields(cols)); n != 2 {
		t.Errorf("long columns of dept_expenditure: %q, want 2", cols)
	}
	for _, c := range strings.Fields(cols) {
		if got := pg.psql(t, fmt.Sprintf("SELECT count(%s) FROM dept_expenditure", QuoteIdent(c)), nil); got == "0" {
			t.Errorf("%s: no values", c)
		}
	}

	// The one WHERE clause: detail rows sum to the 合计 row, per document,
	// in the tables with a code tree.
	for _, kind := range []string{"gpb_expenditure", "dept_expenditure", "gpb_basic_expenditure"} {
		q := fmt.Sprintf(`SELECT doc_id, sum(total) FILTER (WHERE is_detail), sum(total) FILTER (WHERE is_total)
FROM %s GROUP BY doc_id ORDER BY doc_id`, QuoteIdent(kind))
		for _, line := range strings.Split(pg.psql(t, q, nil), "\n") {
			f := strings.Split(line, "|")
			if len(f) != 3 || f[1] != f[2] || f[1] == "" {
				t.Errorf("%s: detail sum and 合计 differ (doc|detail|total): %s", kind, line)
			}
		}
	}
	if got := pg.psql(t, `SELECT string_agg(DISTINCT code_level::text, ',' ORDER BY code_level::text) FROM gpb_expenditure`, nil); got != "1,2,3" {
		t.Errorf("code levels %q", got)
	}

	// Findings join to the rows they name.
	got := pg.psql(t, `SELECT g.subject_code, f.column_name, g.total FROM findings f
JOIN gpb_expenditure g USING (doc_id, table_id, row_number)
WHERE f.doc_id = `+quoteLit(docA)+` AND f.rule = 'gpb_expenditure.row_sum' ORDER BY f.finding`, nil)
	if got != "2013799|total|260.000000\n208|total|16.190000" {
		t.Errorf("row_sum findings joined:\n%s", got)
	}
	got = pg.psql(t, `SELECT f.rule, f.column_name, d.subject_code FROM findings f
JOIN dept_expenditure d USING (doc_id, table_id, row_number) WHERE f.rule LIKE 'coverage.%'`, nil)
	if !strings.HasPrefix(got, "coverage.amount_missing|zheng_fu_cai_gou_xiang_mu_qi_zhong_2026_nian_zheng_fu__") || !strings.HasSuffix(got, "|20137") {
		t.Errorf("coverage finding joined: %q", got)
	}

	// Per document and kind, SUM(total) in the database equals the sum of
	// the document's own CSVs in 万元, compared as NUMERIC in SQL.
	checked := 0
	for i := range rep.Kinds {
		k := &rep.Kinds[i]
		if c := k.Column("total"); c == nil || c.Type != Decimal {
			continue
		}
		var values []string
		for _, d := range rep.Documents {
			want, ok := sourceSum(t, d, k.Kind, "total")
			w := "NULL::numeric"
			if ok {
				w = want.String() + "::numeric"
			}
			values = append(values, fmt.Sprintf("(%s, %s)", quoteLit(d), w))
		}
		q := fmt.Sprintf(`SELECT coalesce(e.doc_id, g.doc_id), e.want, g.got
FROM (VALUES %s) AS e(doc_id, want)
FULL JOIN (SELECT doc_id, sum(total) AS got FROM %s GROUP BY doc_id) AS g USING (doc_id)
WHERE e.want IS DISTINCT FROM g.got`, strings.Join(values, ", "), QuoteIdent(k.Kind))
		if bad := pg.psql(t, q, nil); bad != "" {
			t.Errorf("%s: sums of total differ (doc|want|got):\n%s", k.Kind, bad)
		}
		// And the dataset total of the report, too.
		for _, rt := range k.Totals {
			if rt.Column != "total" {
				continue
			}
			want := rt.Total.String() + "::numeric"
			if rt.Values == 0 {
				want = "NULL::numeric"
			}
			q := fmt.Sprintf("SELECT sum(total) IS NOT DISTINCT FROM %s, count(total) = %d FROM %s", want, rt.Values, QuoteIdent(k.Kind))
			if got := pg.psql(t, q, nil); got != "t|t" {
				t.Errorf("%s: report total %s over %d values differs from SUM(total) (%s)", k.Kind, rt.Total, rt.Values, got)
			}
		}
		checked++
	}
	if checked < 5 {
		t.Errorf("only %d kinds with a total column checked", checked)
	}

	// The 合计 row, exactly: 402.21 万元 for both 2025 documents.
	got = pg.psql(t, `SELECT doc_id, source_unit, total, total = 402.21 FROM gpb_expenditure
WHERE subject_name = '合计' ORDER BY doc_id`, nil)
	want := strings.Join([]string{
		docA + "|万元|402.210000|t",
		docB + "|元|402.210000|t",
		docC + "|万元|402.210000|t",
	}, "\n")
	if got != want {
		t.Errorf("合计 rows:\n%s\nwant\n%s", got, want)
	}
	// NULLs are NULLs, not zeros or empty strings.
	if got := pg.psql(t, `SELECT count(*) FILTER (WHERE prior_budget IS NULL), count(*) FILTER (WHERE year IS NULL),
count(*) FILTER (WHERE project IS NULL) FROM gpb_expenditure WHERE doc_id = `+quoteLit(docC), nil); got != "16|16|12" {
		t.Errorf("null counts in %s: %s, want 16|16|12", docC, got)
	}
}

// TestLoadPostgresCorpus loads the dataset of the repository's corpus
// (fixtures/pdf/corpus, read without OCR, and the seed; 深圳 统计局's
// dept_expenditure has the two long pinyin names that collided when
// PostgreSQL cut them) through the shipped DDL; with YUSUAN_DATASET_OUTDIR
// set to the OUTDIR of a "yusuan extract" run, that archive's output
// instead (for the development corpus: yusuan extract -no-ocr
// /work/shared/corpus/dev -o OUTDIR). It logs each kind's rows and the
// totals SQL gives, and checks them against dataset.json; logs where the
// detail rows of a document's expenditure tables do not sum to its 合计
// (a table that does not add up has findings of its own); and checks that
// every finding that names a row joins to it.
func TestLoadPostgresCorpus(t *testing.T) {
	outDir, fixtures := os.Getenv("YUSUAN_DATASET_OUTDIR"), false
	if outDir == "" {
		outDir, fixtures = extractFixtureCorpus(t), true
	}
	pg := startPostgres(t)
	dir := filepath.Join(t.TempDir(), "dataset")
	rep, err := Build(outDir, dir, Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	renamed := 0
	for _, k := range rep.Kinds {
		for _, c := range k.Columns {
			if c.Source != "" && len(c.Source) > MaxNameBytes {
				renamed++
				t.Logf("%s: %s (%d bytes) is %s", k.Kind, c.Source, len(c.Source), c.Name)
			}
		}
	}
	if fixtures && renamed < 2 {
		t.Errorf("%d long names cut; 深圳 统计局's dept_expenditure has two", renamed)
	}
	start := time.Now()
	loaded := loadPostgres(t, pg, dir, rep)
	t.Logf("%d documents: loaded %d rows of %d kinds and %d findings in %s", len(rep.Documents), loaded-rep.Findings.Rows, len(rep.Kinds),
		rep.Findings.Rows, time.Since(start).Round(time.Millisecond))
	for i := range rep.Kinds {
		k := &rep.Kinds[i]
		line := fmt.Sprintf("%-32s %6d rows %3d docs", k.Kind, k.Rows, k.Documents)
		if c := k.Column("total"); c != nil && c.Type == Decimal {
			rt, _ := k.Total("total")
			got := pg.psql(t, fmt.Sprintf("SELECT coalesce(sum(total), 0), coalesce(sum(total) FILTER (WHERE is_detail), 0), coalesce(sum(total) FILTER (WHERE is_total), 0) FROM %s", QuoteIdent(k.Kind)), nil)
			f := strings.Split(got, "|")
			line += fmt.Sprintf("  SUM(total) %s  detail %s  合计 %s", f[0], f[1], f[2])
			if !rt.Equal(decimal.RequireFromString(f[0])) {
				t.Errorf("%s: SQL total %s, dataset.json %s", k.Kind, f[0], rt)
			}
		}
		t.Log(line)
	}
	for _, kind := range []string{"gpb_expenditure", "dept_expenditure", "gpb_basic_expenditure"} {
		if rep.Kind(kind) == nil {
			continue
		}
		q := fmt.Sprintf(`SELECT doc_id, table_id, sum(total) FILTER (WHERE is_detail), sum(total) FILTER (WHERE is_total AND row_number = 1)
FROM %s GROUP BY doc_id, table_id HAVING count(*) FILTER (WHERE is_total AND row_number = 1) = 1
ORDER BY doc_id, table_id`, QuoteIdent(kind))
		same, differ := 0, []string{}
		for _, line := range strings.Split(pg.psql(t, q, nil), "\n") {
			if f := strings.Split(line, "|"); len(f) == 4 {
				if f[2] != "" && decimal.RequireFromString(f[2]).Equal(decimal.RequireFromString(f[3])) {
					same++
				} else {
					differ = append(differ, line)
				}
			}
		}
		t.Logf("%s: detail rows = 合计 in %d tables; differ in %d: %s", kind, same, len(differ), strings.Join(differ, "; "))
	}
	got := pg.psql(t, `SELECT count(*), count(g.doc_id) FROM findings f LEFT JOIN gpb_expenditure g USING (doc_id, table_id, row_number)
WHERE f.kind = 'gpb_expenditure' AND f.row_number IS NOT NULL`, nil)
	t.Logf("gpb_expenditure findings with a row | joined to their row: %s", got)
	if f := strings.Split(got, "|"); len(f) != 2 || f[0] != f[1] {
		t.Errorf("findings that name a row but join none: %s", got)
	}
}

// TestLoadPostgresScript runs what a data engineer runs: the output of
// "yusuan dataset -ddl postgres -load DATASET" through psql, \copy and all.
func TestLoadPostgresScript(t *testing.T) {
	pg := startPostgres(t)
	dir, rep := build(t, Options{Version: "test"})
	script, err := DDL(rep, "postgres", dir, true)
	if err != nil {
		t.Fatal(err)
	}
	pg.psql(t, "CREATE DATABASE script", nil)
	cmd := exec.Command(filepath.Join(pg.bin, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", pg.sock, "-U", "postgres", "-d", "script", "-f", "-")
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("psql -f: %v\n%s", err, out)
	}
	for _, k := range append(append([]KindReport(nil), rep.Kinds...), rep.Findings) {
		q := exec.Command(filepath.Join(pg.bin, "psql"), "-X", "-A", "-t", "-h", pg.sock, "-U", "postgres", "-d", "script", "-c", "SELECT count(*) FROM "+QuoteIdent(k.Kind))
		out, err := q.Output()
		if err != nil || strings.TrimSpace(string(out)) != strconv.Itoa(k.Rows) {
			t.Errorf("%s: %q rows after the script, want %d (%v)", k.Kind, out, k.Rows, err)
		}
	}
}

// extractFixtureCorpus extracts the repository's PDFs (text layers only)
// and the seed into a fresh OUTDIR.
func extractFixtureCorpus(t *testing.T) string {
	t.Helper()
	pdfs, _ := filepath.Glob("../fixtures/pdf/corpus/*.pdf")
	if len(pdfs) < 5 {
		t.Fatalf("only %d PDFs in fixtures/pdf/corpus", len(pdfs))
	}
	out := filepath.Join(t.TempDir(), "out")
	r := extract.New(extract.Options{Workers: 1, NoOCR: true})
	defer r.Close()
	opts := pipeline.Options{OutDir: out, Workers: 1, Reader: r, Check: validate.Check, Export: export.Options{NoXLSX: true, Version: "test"}}
	ok := 0
	for _, res := range pipeline.Run(context.Background(), pipeline.Plan(append(pdfs, fixture), out), opts, nil) {
		if !res.Failed() {
			ok++
		}
	}
	if ok < 5 {
		t.Fatalf("only %d documents came out", ok)
	}
	return out
}
