package expresso

import "strconv"

// numLengths is how many Content-Length values an App keeps ready: every
// body shorter than this gets its header value without an allocation.
const numLengths = 4096

// lengthTable holds the Content-Length header values 0 to numLengths-1 as
// read-only one-element slices over a single string of digits. An App
// builds one in New; sending shares its entries, which nobody modifies.
type lengthTable [numLengths][1]string

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
		t[n][0] = all[start:end]
		start = end
	}
	return t
}

// get returns the header value for n, which must be below numLengths.
func (t *lengthTable) get(n int) []string { return t[n][:] }
