package dataset

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// MaxNameBytes is the longest column name a dataset has: PostgreSQL cuts
// identifiers at 63 bytes (NAMEDATALEN-1), so two longer names that share
// their first 63 bytes would be one column there.
const MaxNameBytes = 63

// fitNames makes the output names of a kind's table columns: a name that
// is a document column's gets the prefix "table_"; a name longer than
// MaxNameBytes is cut and ends in "_" and 8 hex digits of its sha256, so
// that two long pinyin names with the same start stay apart; and a name
// that still clashes (compared without case: DuckDB's identifiers ignore
// it) gets "_2", "_3" …. The result keeps the order of names.
func fitNames(names []string) []string {
	used := map[string]bool{}
	for _, c := range DocColumns {
		used[c.Name] = true
	}
	out := make([]string, len(names))
	for i, n := range names {
		name := n
		if used[strings.ToLower(name)] && isDocColumn(name) {
			name = "table_" + name
		}
		if len(name) > MaxNameBytes {
			sum := sha256.Sum256([]byte(n))
			name = cutBytes(name, MaxNameBytes-9) + "_" + hex.EncodeToString(sum[:4])
		}
		base := name
		for k := 2; used[strings.ToLower(name)]; k++ {
			suffix := "_" + strconv.Itoa(k)
			name = cutBytes(base, MaxNameBytes-len(suffix)) + suffix
		}
		used[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

func isDocColumn(name string) bool {
	for _, c := range DocColumns {
		if c.Name == name {
			return true
		}
	}
	return false
}

// cutBytes cuts s to at most n bytes without splitting a UTF-8 sequence.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
