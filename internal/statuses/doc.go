// Package statuses holds the HTTP status texts and status classes that
// Express takes from jshttp/statuses 2.0.1.
//
// The texts differ from [net/http.StatusText] in a few places: 413 is
// "Payload Too Large", 414 "URI Too Long", 416 "Range Not Satisfiable",
// 418 "I'm a Teapot", and 509 "Bandwidth Limit Exceeded" exists. Code 306
// is unknown to both.
package statuses
