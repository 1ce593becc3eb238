// Package encodeurl percent-encodes a URL the way pillarjs/encodeurl 2.0
// does for Express's res.location and res.redirect, and for the path in
// finalhandler's "Cannot GET /path" page.
//
// It leaves alone everything that may appear in a URL, including
// already-encoded %XX sequences and backslashes, and encodes the rest as
// UTF-8 with upper-case hexadecimal digits.
package encodeurl
