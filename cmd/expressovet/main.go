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
// return c.Next()); with -tests it also checks _test.go files, which are
// skipped by default because tests send twice on purpose to test the
// run-time refusal.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/expresso-go/expresso/cmd/expressovet/analyzer"
)

func main() { singlechecker.Main(analyzer.Analyzer) }
