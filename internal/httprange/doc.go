// Package httprange parses an HTTP Range header against a resource size the
// way jshttp/range-parser 1.2.1 does with its combine option, as
// pillarjs/send (Express's res.sendFile and express.static) calls it.
//
// Each comma-separated item is split on '-' and both parts are read as
// JavaScript's parseInt(s, 10) reads them: leading white space and a sign
// are skipped, digits are read up to the first other character, and no
// digit at all means "absent". "-N" is the last N bytes, "N-" runs to the
// end, an end beyond the resource is clamped to its last byte, and an item
// that is still out of bounds (a negative start, a start after the end) is
// dropped. Overlapping or adjacent ranges are then combined, in the order
// of their first item.
//
// Nothing in this package allocates unless a header holds more ranges than
// the caller's buffer has room for.
package httprange
