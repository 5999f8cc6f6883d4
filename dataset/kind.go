package dataset

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

type kindPlan struct {
	kind   string
	cols   []*colPlan
	byName map[string]int // by table column name
	parts  []*partPlan    // by year, ascending
}

type colPlan struct {
	source  string // the tables' name
	name    string // output name (fitNames)
	label   string
	decimal bool // decimal in every table that has it
	amount  bool
}

// partPlan is one (kind, year) partition: its documents in order.
type partPlan struct {
	year   int
	docs   []*docPlan
	tables int
	inputs string // see Partition.Inputs
	stats  []colStat
	rows   int
	prev   *Partition // the previous build's, when its inputs are equal
}

type colStat struct {
	scale, digits int
	negative      bool
	seen          bool // a decimal value was read
}

// kindPlans builds the column union of each kind and its partitions.
func kindPlans(docs []*docPlan) []*kindPlan {
	byKind := map[string]*kindPlan{}
	parts := map[string]map[int]*partPlan{}
	for _, d := range docs {
		for _, t := range d.tables {
			k := byKind[t.kind]
			if k == nil {
				k = &kindPlan{kind: t.kind, byName: map[string]int{}}
				byKind[t.kind] = k
				parts[t.kind] = map[int]*partPlan{}
			}
			p := parts[t.kind][d.year]
			if p == nil {
				p = &partPlan{year: d.year}
				parts[t.kind][d.year] = p
			}
			if len(p.docs) == 0 || p.docs[len(p.docs)-1] != d {
				p.docs = append(p.docs, d)
			}
			p.tables++
			l := t.layout
			if l.out != nil {
				continue // a layout seen before: its columns are in the union
			}
			l.out = make([]int, len(l.names))
			for j, c := range l.names {
				i, ok := k.byName[c]
				if !ok {
					i = len(k.cols)
					k.byName[c] = i
					k.cols = append(k.cols, &colPlan{source: c, label: l.labels[j], decimal: true, amount: !NonAmountColumns[c]})
				}
				if !l.decimal[j] {
					k.cols[i].decimal = false
				}
				l.out[j] = i
			}
		}
	}
	kinds := make([]*kindPlan, 0, len(byKind))
	for _, k := range byKind {
		sources := make([]string, len(k.cols))
		for i, c := range k.cols {
			sources[i] = c.source
		}
		for i, n := range fitNames(sources) {
			k.cols[i].name = n
		}
		for _, p := range parts[k.kind] {
			k.parts = append(k.parts, p)
		}
		sort.Slice(k.parts, func(a, b int) bool { return k.parts[a].year < k.parts[b].year })
		for _, p := range k.parts {
			p.inputs = inputsDigest(k.kind, p.docs, sources)
		}
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(a, b int) bool { return kinds[a].kind < kinds[b].kind })
	return kinds
}

// inputsDigest is the sha256 of what a partition's files are made from.
func inputsDigest(what string, docs []*docPlan, names []string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n", what, strings.Join(names, "\x00"))
	for _, d := range docs {
		fmt.Fprintf(h, "%s\x00%s\n", d.id, d.manifest)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// scan reads every table of a partition once for its rows and the scales,
// digits and signs of its decimal columns.
func (k *kindPlan) scan(p *partPlan) error {
	p.stats = make([]colStat, len(k.cols))
	p.rows = 0
	for _, d := range p.docs {
		for _, t := range d.tables {
			if t.kind != k.kind {
				continue
			}
			n := 0
			err := readTable(d, t, func(rec []string) error {
				n++
				l := t.layout
				for j, c := range l.names {
					if !l.decimal[j] || rec[j] == "" {
						continue
					}
					v, err := parseAmount(rec[j])
					if err != nil {
						return fmt.Errorf("row %d column %s: %w", n, c, err)
					}
					i := l.out[j]
					if k.cols[i].amount {
						v = v.Shift(t.shift)
					}
					st := &p.stats[i]
					st.seen = true
					st.scale = max(st.scale, scaleOf(v))
					st.digits = max(st.digits, intDigits(v))
					if v.Sign() < 0 {
						st.negative = true
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			p.rows += n
		}
	}
	return nil
}

// statsFrom takes a partition's stats from the previous build's record.
func (k *kindPlan) statsFrom(p *partPlan, prev *Partition) {
	p.stats = make([]colStat, len(k.cols))
	for _, s := range prev.Stats {
		if i, ok := k.byName[s.Column]; ok {
			p.stats[i] = colStat{scale: s.Scale, digits: s.Digits, negative: s.Negative, seen: true}
		}
	}
	p.rows = prev.Rows
}

// schema is a kind's full column list, its scales the largest of its
// partitions'.
func (k *kindPlan) schema() ([]Column, error) {
	cols := append([]Column(nil), DocColumns...)
	for i, c := range k.cols {
		col := Column{Name: c.name, Type: String, Label: c.label}
		if c.name != c.source {
			col.Source = c.source
		}
		if c.decimal {
			var st colStat
			for _, p := range k.parts {
				s := p.stats[i]
				st.scale, st.digits, st.negative = max(st.scale, s.scale), max(st.digits, s.digits), st.negative || s.negative
			}
			if st.digits+st.scale > Precision {
				return nil, fmt.Errorf("column %s: %d digits before and %d after the point exceed DECIMAL(%d)", c.name, st.digits, st.scale, Precision)
			}
			col.Type, col.Precision, col.Scale, col.Amount, col.Negative = Decimal, Precision, st.scale, c.amount, st.negative
		}
		cols = append(cols, col)
	}
	return cols, nil
}

func parseAmount(s string) (decimal.Decimal, error) {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+') {
			return decimal.Decimal{}, fmt.Errorf("%q is not a plain decimal", s)
		}
	}
	return decimal.NewFromString(s)
}

// intDigits is the number of digits of d's integer part.
func intDigits(d decimal.Decimal) int {
	return max(0, len(d.Coefficient().Text(10))-strings.Count(d.Coefficient().Text(10), "-")+int(d.Exponent()))
}

func scaleOf(d decimal.Decimal) int {
	if e := d.Exponent(); e < 0 {
		return int(-e)
	}
	return 0
}

// readTable streams a table's CSV, checking its header against the
// manifest, and calls fn with each body record (fields as in the manifest;
// the slice is reused).
func readTable(d *docPlan, t *tablePlan, fn func(rec []string) error) error {
	f, err := os.Open(filepath.Join(d.dir, t.csv))
	if err != nil {
		return fmt.Errorf("%s: %w", d.id, err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = len(t.layout.names)
	r.ReuseRecord = true
	where := func(err error) error { return fmt.Errorf("%s/%s: %w", d.id, t.csv, err) }
	head, err := r.Read()
	if err != nil {
		return where(fmt.Errorf("header: %w", err))
	}
	for j, c := range t.layout.names {
		h := head[j]
		if j == 0 {
			h = strings.TrimPrefix(h, "\uFEFF")
		}
		if h != c {
			return where(fmt.Errorf("header column %d is %q, manifest says %q", j+1, h, c))
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return where(err)
		}
		if err := fn(rec); err != nil {
			return where(err)
		}
	}
}

// writeKind writes a kind's partitions, keeping the previous build's files
// of a partition whose inputs and schema are unchanged.
func (b *builder) writeKind(k *kindPlan, docs []*docPlan) (*KindReport, error) {
	var prevKind *KindReport
	if b.prev != nil {
		prevKind = b.prev.Kind(k.kind)
	}
	for _, p := range k.parts {
		if pp := prevKind.partition(p.year); pp != nil && pp.Inputs == p.inputs {
			p.prev = pp
			k.statsFrom(p, pp)
		} else if err := k.scan(p); err != nil {
			return nil, err
		}
	}
	cols, err := k.schema()
	if err != nil {
		return nil, err
	}
	sameSchema := prevKind != nil && slices.Equal(prevKind.Columns, cols)
	kr := &KindReport{Kind: k.kind, Columns: cols, Files: []FileEntry{}, Totals: []Total{}, Partitions: []Partition{}}
	sums := make([]decimal.Decimal, len(cols))
	counts := make([]int, len(cols))
	for _, p := range k.parts {
		var part *Partition
		if sameSchema && p.prev != nil && b.keep(p.prev.Files) {
			kept := *p.prev
			part = &kept
			b.rep.Kept++
		} else {
			if part, err = b.writeKindPartition(k, p, cols); err != nil {
				return nil, err
			}
			b.rep.Written++
		}
		kr.Partitions = append(kr.Partitions, *part)
		kr.Documents += part.Documents
		kr.Tables += part.Tables
		kr.Rows += part.Rows
		kr.Files = append(kr.Files, part.Files...)
		for _, t := range part.Totals {
			for i, c := range cols {
				if c.Name == t.Column {
					sums[i] = sums[i].Add(t.Total)
					counts[i] += t.Values
				}
			}
		}
	}
	sort.SliceStable(kr.Files, func(a, c int) bool { // parquet files first
		return strings.HasPrefix(kr.Files[a].Path, "parquet/") && !strings.HasPrefix(kr.Files[c].Path, "parquet/")
	})
	for i, c := range cols {
		if c.Type == Decimal {
			kr.Totals = append(kr.Totals, Total{Column: c.Name, Values: counts[i], Total: fixed(sums[i], c.Scale)})
		}
	}
	return kr, nil
}

// writeKindPartition writes one partition of a kind.
func (b *builder) writeKindPartition(k *kindPlan, p *partPlan, cols []Column) (*Partition, error) {
	w, err := b.newPartWriter("kind="+k.kind, p.year, cols, writerOptions(k.kind, cols, b.opts))
	if err != nil {
		return nil, err
	}
	defer w.abort()
	nd := len(DocColumns)
	cells := make([]string, len(cols))
	vals := make([]decimal.Decimal, len(cols))
	present := make([]bool, len(cols))
	var rows [][]string
	for _, d := range p.docs {
		for _, t := range d.tables {
			if t.kind != k.kind {
				continue
			}
			rows = rows[:0]
			err := readTable(d, t, func(rec []string) error {
				rows = append(rows, append([]string(nil), rec...))
				return nil
			})
			if err != nil {
				return nil, err
			}
			flags := tableFlags(t.layout, rows, t.totals)
			for n, rec := range rows {
				clear(cells)
				clear(present)
				cells[0], cells[1], cells[2] = d.id, d.department, d.region
				if d.year != 0 {
					cells[3] = strconv.Itoa(d.year)
				}
				cells[4], cells[5], cells[6], cells[7] = t.unit, d.sha, t.id, strconv.Itoa(n+1)
				f := flags[n]
				cells[8] = strconv.FormatBool(f.total)
				if !f.unknown {
					cells[10] = strconv.FormatBool(f.detail)
				}
				if f.level > 0 {
					cells[9] = strconv.Itoa(f.level)
				}
				for i := 0; i < nd; i++ {
					present[i] = true
				}
				l := t.layout
				for j, c := range l.names {
					oi := nd + l.out[j]
					present[oi] = true
					col := k.cols[l.out[j]]
					s := rec[j]
					var v decimal.Decimal
					if l.decimal[j] && s != "" {
						var err error
						if v, err = parseAmount(s); err != nil {
							return nil, fmt.Errorf("%s/%s: row %d column %s: %w", d.id, t.csv, n+1, c, err)
						}
						if col.amount {
							v = v.Shift(t.shift)
						}
						if col.decimal {
							s = v.StringFixed(int32(cols[oi].Scale))
						} else {
							s = v.StringFixed(int32(scaleOf(v)))
						}
					}
					cells[oi], vals[oi] = s, v
				}
				if err := w.write(cells, vals, present); err != nil {
					return nil, err
				}
			}
		}
	}
	if w.rows != p.rows {
		return nil, fmt.Errorf("wrote %d rows, scanned %d: a CSV changed during the build", w.rows, p.rows)
	}
	part := &Partition{Year: p.year, Inputs: p.inputs, Documents: len(p.docs), Tables: p.tables, Rows: w.rows, Totals: []Total{}}
	for i, c := range k.cols {
		st := p.stats[i]
		if !st.seen {
			continue
		}
		part.Stats = append(part.Stats, ColumnStat{Column: c.source, Scale: st.scale, Digits: st.digits, Negative: st.negative})
	}
	for i, c := range cols {
		if c.Type == Decimal && w.counts[i] > 0 { // the kind's totals hold every column
			part.Totals = append(part.Totals, Total{Column: c.Name, Values: w.counts[i], Total: fixed(w.sums[i], c.Scale)})
		}
	}
	if part.Files, err = w.close(); err != nil {
		return nil, err
	}
	return part, nil
}

// fixed gives d exactly scale decimal places (d has at most that many).
func fixed(d decimal.Decimal, scale int) decimal.Decimal {
	return decimal.NewFromBigInt(d.Shift(int32(scale)).BigInt(), -int32(scale))
}
