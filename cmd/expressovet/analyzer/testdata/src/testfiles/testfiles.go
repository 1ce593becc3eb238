// Package testfiles is checked with -tests: its _test.go file is reported.
package testfiles
