package expresso

import "strconv"

// numLengths is how many Content-Length values an App keeps ready as
// strings: every body shorter than this gets its value without formatting.
const numLengths = 4096

// lengthTable holds the decimal strings 0 to numLengths-1, all slices of
// one string of digits. An App builds one in New.
type lengthTable [numLengths]string

func newLengthTable() *lengthTable {
	t := new(lengthTable)
	var digits []byte
	ends := make([]int, numLengths)
	for n := range numLengths {
		digits = strconv.AppendInt(digits, int64(n), 10)
		ends[n] = len(digits)
	}
	all := string(digits)
	start := 0
	for n, end := range ends {
		t[n] = all[start:end]
		start = end
	}
	return t
}

// str returns the decimal string for n, which must be below numLengths.
func (t *lengthTable) str(n int) string { return t[n] }
