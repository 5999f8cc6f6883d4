package pdf

import "testing"

func TestFitDPI(t *testing.T) {
	for _, c := range []struct {
		dpi     int
		w, h    float64
		max     int64
		want    int
		atLeast int
	}{
		{300, 595, 842, 100_000_000, 300, 300},  // A4: 8.7 M pixels
		{300, 14400, 14400, 100_000_000, 0, 72}, // 200 inches a side
		{300, 2384, 3370, 100_000_000, 0, 72},   // A0
		{300, 595, 842, 0, 300, 300},            // no limit
	} {
		got := fitDPI(c.dpi, c.w, c.h, c.max)
		px := c.w / 72 * float64(got) * c.h / 72 * float64(got)
		if c.want > 0 && got != c.want || got < c.atLeast || got > 72 && c.max > 0 && px > float64(c.max) {
			t.Errorf("fitDPI(%d, %v×%v, %d) = %d (%.0f pixels)", c.dpi, c.w, c.h, c.max, got, px)
		}
	}
}
