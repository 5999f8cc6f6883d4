package dataset

import (
	"github.com/parquet-go/parquet-go"
)

// orderedGroup is a Parquet group whose fields keep the dataset's column
// order; parquet.Group alone sorts its fields by name.
type orderedGroup struct {
	parquet.Group
	fields []parquet.Field
}

func newOrderedGroup(names []string, nodes []parquet.Node) orderedGroup {
	g := parquet.Group{}
	for i, n := range names {
		g[n] = nodes[i]
	}
	byName := map[string]parquet.Field{}
	for _, f := range g.Fields() {
		byName[f.Name()] = f
	}
	fields := make([]parquet.Field, len(names))
	for i, n := range names {
		fields[i] = byName[n]
	}
	return orderedGroup{Group: g, fields: fields}
}

func (g orderedGroup) Fields() []parquet.Field { return g.fields }

func (g orderedGroup) String() string { return "group" }

// parquetSchema is the Parquet schema of a kind's columns: strings as
// dictionary-encoded UTF-8 byte arrays, ints as INT32, decimals as
// DECIMAL(38, scale) in 16-byte fixed-length arrays.
func parquetSchema(kind string, cols []Column) *parquet.Schema {
	names := make([]string, len(cols))
	nodes := make([]parquet.Node, len(cols))
	for i, c := range cols {
		var n parquet.Node
		switch c.Type {
		case Int:
			n = parquet.Int(32)
		case Bool:
			n = parquet.Leaf(parquet.BooleanType)
		case Decimal:
			n = parquet.Decimal(c.Scale, Precision, parquet.FixedLenByteArrayType(16))
		default:
			n = parquet.Encoded(parquet.String(), &parquet.RLEDictionary)
		}
		if c.Required {
			n = parquet.Required(n)
		} else {
			n = parquet.Optional(n)
		}
		names[i], nodes[i] = c.Name, n
	}
	return parquet.NewSchema(kind, newOrderedGroup(names, nodes))
}

// createdBy sets the file's created_by verbatim (parquet.CreatedBy would
// add " version …(build …)").
type createdBy string

func (c createdBy) ConfigureWriter(cfg *parquet.WriterConfig) { cfg.CreatedBy = string(c) }

// writerOptions: zstd, a fixed created_by (the default names the
// parquet-go build), key–value metadata naming the kind and unit (sorted by
// the writer, so deterministic). parquet-go orders FIXED_LEN_BYTE_ARRAY
// values as unsigned bytes, which puts a negative decimal above every
// positive one; so a decimal column holding a negative value gets no
// min/max statistics or page bounds, which would otherwise mislead a
// reader's pruning.
func writerOptions(kind string, cols []Column, opts Options) []parquet.WriterOption {
	o := []parquet.WriterOption{
		parquet.Compression(&parquet.Zstd),
		createdBy(generator(opts.Version)),
		parquet.KeyValueMetadata("yusuan.kind", kind),
		parquet.KeyValueMetadata("yusuan.unit", Unit),
	}
	for _, c := range cols {
		if c.Type == Decimal && c.Negative {
			o = append(o, parquet.SkipPageBounds(c.Name), parquet.SkipPageStatistics(c.Name))
		}
	}
	return o
}
