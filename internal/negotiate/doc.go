// Package negotiate implements HTTP content negotiation the way Express 5 does it for
// req.accepts, req.acceptsCharsets, req.acceptsEncodings and req.acceptsLanguages
// (accepts 2 over negotiator 1.1, which splits headers with content-type 2's lenient
// parser).
//
// The index functions ([MediaType], [Charset], [Encoding], [Language]) return the
// position of the preferred offer, or -1 when none is acceptable, and allocate nothing
// for ordinary headers. The list functions ([MediaTypes], [Charsets], [Encodings],
// [Languages]) return what the header accepts, most preferred first, as the accepts
// methods do when called without arguments.
//
// Headers are read the way negotiator reads them:
//   - elements are separated by commas, except inside a quoted parameter value, and
//     surrounding spaces and tabs are dropped; a quote that never closes swallows the
//     rest of the header;
//   - the first q parameter of an element is its quality, read with JavaScript's
//     parseFloat ("0.5", ".5", "5e-1" and "0.5x" all give 0.5; "x" gives NaN, which
//     rejects the element like q=0); an empty or missing q is 1;
//   - names are compared ignoring ASCII case; other bytes must match exactly;
//   - an element that matches an offer in several ways counts once, with its most
//     specific match.
//
// Callers pass the header value as Node would see it: repeated header lines joined with
// ", " (strings.Join(r.Header.Values(name), ", ")). For Accept, the caller maps
// extension names such as "json" to media types first (see package mimetypes) and
// returns its own argument at the index found.
package negotiate
