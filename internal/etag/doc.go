// Package etag formats entity tags the way jshttp/etag 1.8 does, which is
// what Express uses for res.send bodies and what pillarjs/send uses for files.
//
// A body tag is `"<len>-<hash>"`, where len is the body length in lower-case
// hexadecimal and hash is the first 27 characters of the standard base64
// encoding of the body's SHA-1 digest. A file tag is `"<size>-<mtime>"` with
// the size and the modification time in milliseconds, both in lower-case
// hexadecimal. A weak tag has `W/` in front.
//
// The functions append to a caller-supplied buffer and allocate nothing when
// it has room for [MaxLen] more bytes.
package etag
