package etag

import (
	"crypto/sha1"
	"encoding/base64"
	"strconv"
	"unsafe"
)

// MaxLen is the longest tag any function in this package appends: a weak
// body tag for a body whose length needs 16 hexadecimal digits,
// `W/"` + 16 + `-` + 27 + `"`.
const MaxLen = 3 + 16 + 1 + 27 + 1

// emptyHash is the 27-character hash part for an empty body, the value
// jshttp/etag returns on its fast path.
const emptyHash = "2jmj7l5rSw0yVb/vlWAYkK/YBwk"

// Append appends the jshttp/etag tag of body to dst and returns the extended
// buffer. With weak set the tag starts with `W/`. An empty body gives
// `"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"`.
func Append(dst, body []byte, weak bool) []byte {
	if weak {
		dst = append(dst, 'W', '/')
	}
	dst = append(dst, '"')
	dst = strconv.AppendUint(dst, uint64(len(body)), 16)
	dst = append(dst, '-')
	if len(body) == 0 {
		dst = append(dst, emptyHash...)
	} else {
		dst = appendHash(dst, body)
	}
	return append(dst, '"')
}

// AppendString is [Append] for a string body. It does not copy the string:
// the bytes are hashed in place.
func AppendString(dst []byte, body string, weak bool) []byte {
	return Append(dst, unsafe.Slice(unsafe.StringData(body), len(body)), weak)
}

// appendHash appends the first 27 base64 characters of SHA-1(body).
func appendHash(dst, body []byte) []byte {
	sum := sha1.Sum(body)
	var enc [28]byte // base64 of 20 bytes: 27 characters and one '='
	base64.StdEncoding.Encode(enc[:], sum[:])
	return append(dst, enc[:27]...)
}

// AppendStat appends the tag pillarjs/send gives a file, `"<size>-<mtime>"`,
// to dst and returns the extended buffer. size is the file size in bytes and
// mtimeMillis the modification time in milliseconds since the Unix epoch
// (what JavaScript's Date.getTime returns); both are written in lower-case
// hexadecimal, with a leading '-' if negative, as JavaScript's
// Number.prototype.toString(16) writes them. With weak set the tag starts
// with `W/`; send always asks for a weak one.
func AppendStat(dst []byte, size, mtimeMillis int64, weak bool) []byte {
	if weak {
		dst = append(dst, 'W', '/')
	}
	dst = append(dst, '"')
	dst = strconv.AppendInt(dst, size, 16)
	dst = append(dst, '-')
	dst = strconv.AppendInt(dst, mtimeMillis, 16)
	return append(dst, '"')
}
