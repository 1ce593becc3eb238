package expresso

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLengthTableHoldsEveryValue(t *testing.T) {
	lt := newLengthTable()
	for n := range numLengths {
		if !assert.Equal(t, strconv.Itoa(n), lt.str(n), "length %d", n) {
			return
		}
	}
}
