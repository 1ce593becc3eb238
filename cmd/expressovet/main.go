// Command expressovet checks code that uses expresso for responses sent
// twice, headers changed after the send, dropped sender and c.Next()
// errors, and Contexts that outlive their handler.
//
// Run it alone:
//
//	expressovet ./...
//
// or through go vet:
//
//	go vet -vettool=$(go env GOPATH)/bin/expressovet ./...
//
// With -fix it applies the suggested fixes (return before a sender,
// return c.Next()).
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/expresso-go/expresso/cmd/expressovet/analyzer"
)

func main() { singlechecker.Main(analyzer.Analyzer) }
