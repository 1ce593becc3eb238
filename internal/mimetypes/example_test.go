package mimetypes_test

import (
	"fmt"

	"github.com/expresso-go/expresso/internal/mimetypes"
)

func ExampleContentType() {
	fmt.Println(mimetypes.ContentType("json"))
	fmt.Println(mimetypes.ContentType("report.PDF"))
	fmt.Println(mimetypes.ContentType("text/x-foo"))
	fmt.Printf("%q\n", mimetypes.ContentType("rawr"))
	// Output:
	// application/json; charset=utf-8
	// application/pdf
	// text/x-foo; charset=utf-8
	// ""
}
