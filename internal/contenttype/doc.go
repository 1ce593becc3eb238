// Package contenttype rewrites the charset of a Content-Type value the way
// Express master's res.send does for string bodies: setCharset from
// lib/utils.js, which parses and formats with jshttp/content-type 2.0.0.
//
// Version 2 keeps the other parameters in their order and drops a parameter
// without '='; content-type 1.0.5, used by Express 5.2.1, sorted them and
// threw on malformed ones.
package contenttype
