package typeis_test

import (
	"fmt"

	"github.com/expresso-go/expresso/internal/typeis"
)

func ExampleIs() {
	ct := "application/json; charset=utf-8"
	for _, types := range [][]string{{"html", "json"}, {"*/json"}, {"urlencoded"}} {
		match, ok := typeis.Is(ct, types...)
		fmt.Printf("%q %v\n", match, ok)
	}
	// Output:
	// "json" true
	// "application/json" true
	// "" false
}
