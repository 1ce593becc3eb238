package expresso

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLengthTableHoldsEveryValue(t *testing.T) {
	lt := newLengthTable()
	for n := range numLengths {
		v := lt.get(n)
		if !assert.Equal(t, []string{strconv.Itoa(n)}, v, "length %d", n) {
			return
		}
		assert.Equal(t, 1, cap(v), "an append to the value of %d must not reach its neighbour", n)
	}
}
