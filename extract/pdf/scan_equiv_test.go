package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The hand-written scanners find exactly what the regexps they replace
// find: over the fixtures and over random PDF-like bytes.
func TestScannersMatchRegexps(t *testing.T) {
	var inputs [][]byte
	files, _ := filepath.Glob("../../fixtures/pdf/*/*.pdf")
	bad, _ := filepath.Glob(badDir + "/*.pdf")
	for _, f := range append(files, bad...) {
		if st, err := os.Stat(f); err != nil || !st.Mode().IsRegular() {
			continue // a link to /dev/zero never ends
		}
		if data, err := os.ReadFile(f); err == nil {
			inputs = append(inputs, data)
		}
	}
	alphabet := []string{"obj", "endobj", "xref", "trailer", "<<", ">>", " ", "\n", "\r", "\t", "\f", "\x00", "0", "1", "12", "12345", "123456", "12345678901", "a", "_", "j", "%"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 20000; n++ {
		var b []byte
		for k := rng.Intn(30); k > 0; k-- {
			b = append(b, alphabet[rng.Intn(len(alphabet))]...)
		}
		inputs = append(inputs, b)
	}
	for _, data := range inputs {
		// Object headers, from every position the scan may start at.
		step := 1
		if len(data) > 1000 {
			step = len(data) / 8
		}
		for pos := 0; pos <= len(data); pos += step {
			want := objHeader.FindSubmatchIndex(data[pos:])
			got, ok := nextObjHeader(data, pos)
			if (want == nil) != !ok {
				t.Fatalf("%q from %d: regexp %v, scanner %v %v", trim(data), pos, want, got, ok)
			}
			if ok {
				w := [6]int{pos + want[0], pos + want[1], pos + want[2], pos + want[3], pos + want[4], pos + want[5]}
				if w != got {
					t.Fatalf("%q from %d: regexp %v, scanner %v", trim(data), pos, w, got)
				}
			}
		}
		var wantT, wantX []int
		for _, loc := range trailerRe.FindAllIndex(data, -1) {
			wantT = append(wantT, loc[1]-2)
		}
		for _, loc := range xrefRe.FindAllIndex(data, -1) {
			wantX = append(wantX, loc[1])
		}
		if got := trailerDicts(data); !reflect.DeepEqual(got, wantT) {
			t.Fatalf("%q: trailers %v, want %v", trim(data), got, wantT)
		}
		if got := xrefKeywords(data); !reflect.DeepEqual(got, wantX) {
			t.Fatalf("%q: xref %v, want %v", trim(data), got, wantX)
		}
	}
}

func trim(b []byte) []byte {
	if len(b) > 200 {
		return b[:200]
	}
	return b
}

// A flate stream too short to reach a limit is not decoded, and the limits
// still hold exactly: the total is decoded for real before it is reported
// over MaxDecodedBytes.
func TestDeflateBoundSkipsAndStaysExact(t *testing.T) {
	var zeros bytes.Buffer
	zw := zlib.NewWriter(&zeros)
	zw.Write(make([]byte, 10000))
	zw.Close()
	var pdf bytes.Buffer
	pdf.WriteString("%PDF-1.4\n")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&pdf, "%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", i, zeros.Len())
		pdf.Write(zeros.Bytes())
		pdf.WriteString("\nendstream\nendobj\n")
	}
	data := pdf.Bytes()
	bound := deflateBound([]string{"FlateDecode"}, zeros.Len())
	for _, c := range []struct {
		total   int64
		wantErr bool
	}{
		{-1, false},         // no total limit: every stream skipped
		{5 * bound, false},  // the bounds fit: every stream skipped
		{2 * bound, false},  // the bounds do not fit, the 50,000 bytes do
		{60000, false},      // likewise
		{45000, true},       // 50,000 bytes are over
		{bound + 100, true}, // likewise, found after some were skipped
	} {
		lim := Limits{MaxDecodedBytes: c.total, MaxStreamBytes: -1}.resolve()
		rep, err := scanStreams(context.Background(), data, &lim)
		if (err != nil) != c.wantErr {
			t.Errorf("total limit %d: err %v, want error %v", c.total, err, c.wantErr)
			continue
		}
		if err != nil {
			if !strings.Contains(err.Error(), "in all") {
				t.Errorf("total limit %d: %v", c.total, err)
			}
			continue
		}
		if rep.streams != 5 || rep.decoded+rep.bounded < 50000 {
			t.Errorf("total limit %d: %d streams, %d decoded + %d bounded", c.total, rep.streams, rep.decoded, rep.bounded)
		}
	}
	// A stream whose bound passes MaxStreamBytes is decoded and checked.
	lim := Limits{MaxStreamBytes: 9999}.resolve()
	if _, err := scanStreams(context.Background(), data, &lim); err == nil || !strings.Contains(err.Error(), "decompression bomb") {
		t.Errorf("stream limit: %v", err)
	}
}
