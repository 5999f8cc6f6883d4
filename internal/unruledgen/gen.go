package unruledgen

import (
	"fmt"
	"math/rand/v2"
)

// Case is one generated document: its PDF printed without rules and its
// truth as a text export.
type Case struct {
	Name  string // e.g. 07-wqy-zero-landscape-narrow
	Font  string // FontSpec.Name
	Style Style
	PDF   []byte
	Text  []byte
}

// Generate makes n documents from the seed text disclosure (seedPath) and
// the classification (codesPath): a third print the seed's own tables, the
// rest other departments, amounts and subjects. Document i takes font i%4,
// font metrics or LibreOffice's zero metrics by (i/4)%2, landscape by
// (i/8)%2, narrow or wide column gaps by (i/16)%2; the rest (size, pitch,
// alignment, repeated headers, 附件 markers, which tables) is drawn from a
// generator seeded by i. The same arguments give the same documents.
func Generate(n int, seedPath, codesPath string) ([]Case, error) {
	seed, err := SeedTables(seedPath)
	if err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	subjects, err := Subjects(codesPath)
	if err != nil {
		return nil, fmt.Errorf("subjects: %w", err)
	}
	fonts := make([]*Font, len(Fonts))
	for i, s := range Fonts {
		if fonts[i], err = LoadFont(s); err != nil {
			return nil, err
		}
	}
	var out []Case
	for i := range n {
		rng := rand.New(rand.NewPCG(uint64(i), 12))
		ft := fonts[i%len(fonts)]
		st := Style{
			Font:         ft,
			Metrics:      Metrics((i / 4) % 2),
			Landscape:    (i/8)%2 == 1,
			Pad:          []float64{2.5, 6}[(i/16)%2],
			Size:         []float64{9, 10, 10.5, 12}[rng.IntN(4)],
			Pitch:        1.15 + 0.25*rng.Float64(),
			NameCap:      []float64{7, 10, 14}[rng.IntN(3)],
			HeadCap:      []float64{4, 6, 9}[rng.IntN(3)],
			CentreAmount: rng.IntN(3) == 0,
			Middle:       rng.IntN(4) != 0,
			RepeatHeader: rng.IntN(2) == 0,
			Marker:       rng.IntN(4) != 0,
		}
		d := seed
		if i%3 != 0 {
			d = Vary(seed, subjects, rng)
		}
		d = pick(d, rng)
		out = append(out, Case{
			Name:  name(i, st),
			Font:  ft.Spec.Name,
			Style: st,
			PDF:   WritePDF(Typeset(d, st), ft, st.Metrics),
			Text:  d.Text(st.Marker),
		})
	}
	return out, nil
}

// pick keeps a few of a document's tables: four to seven in a row from a
// random start (tables of one attachment stay together).
func pick(d *Doc, rng *rand.Rand) *Doc {
	n := len(d.Tables)
	k := min(n, 4+rng.IntN(4))
	a := rng.IntN(n - k + 1)
	return &Doc{Narrative: d.Narrative, Tables: d.Tables[a : a+k]}
}

func name(i int, st Style) string {
	m := []string{"fontmetrics", "zerometrics"}[st.Metrics]
	o := "portrait"
	if st.Landscape {
		o = "landscape"
	}
	g := "narrow"
	if st.Pad > 3 {
		g = "wide"
	}
	return fmt.Sprintf("%02d-%s-%s-%s-%s", i, st.Font.Spec.Name, m, o, g)
}
