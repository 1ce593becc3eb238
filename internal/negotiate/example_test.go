package negotiate_test

import (
	"fmt"

	"github.com/expresso-go/expresso/internal/negotiate"
)

func ExampleMediaType() {
	accept := "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	offers := []string{"application/json", "text/html"}
	fmt.Println(offers[negotiate.MediaType(accept, offers)])
	fmt.Println(negotiate.MediaTypes(accept))
	// Output:
	// text/html
	// [text/html application/xhtml+xml application/xml */*]
}

func ExampleEncoding() {
	offers := []string{"gzip", "identity"}
	fmt.Println(negotiate.Encoding("", false, offers))
	fmt.Println(negotiate.Encoding("gzip, deflate", true, offers))
	fmt.Println(negotiate.Encodings("gzip;q=0.5, br", true))
	// Output:
	// 1
	// 0
	// [br gzip identity]
}
