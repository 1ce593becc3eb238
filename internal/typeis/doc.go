// Package typeis matches a request's Content-Type against a list of wanted types, the
// way Express 5's req.is does through type-is 2 (with content-type 2's lenient parser
// and media-typer's validation).
//
// [Is] covers everything except the body check: req.is returns null, rather than false,
// when the request has no body, meaning it has neither a Transfer-Encoding header nor a
// Content-Length that parses as a number. The caller makes that check first and passes
// the first Content-Type header value (Node keeps only the first of repeated ones).
package typeis
