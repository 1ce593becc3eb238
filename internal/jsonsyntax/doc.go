// Package jsonsyntax checks JSON text the way V8's JSON.parse does (Node
// 20), so that a body Express's express.json() rejects is rejected with the
// same message: "Unexpected token 'x', "[x]" is not valid JSON",
// "Expected ',' or '}' after property value in JSON at position 6",
// "Unexpected end of JSON input", and the rest of V8's JSON messages.
// Positions count UTF-16 code units, as JavaScript strings do.
//
// [Check] also reports the numbers JSON.parse would turn into ±Infinity
// (beyond float64), which Express stores as such and serialises as null,
// so that the caller can decode them as null.
package jsonsyntax
