// Package cookie writes Set-Cookie values and reads Cookie headers the way
// Express 5 does.
//
// It mirrors three npm packages that Express uses:
//
//   - jshttp/cookie@0.7.2: [Serialize] (behind res.cookie) and [Get] / [All]
//     (behind cookie-parser's req.cookies);
//   - cookie-signature@1.2: [Sign] and [Unsign] for signed cookies;
//   - cookie-parser@1.4: the "j:" JSON prefix ([JSONValue]); the "s:" prefix
//     of signed cookies is left to the caller (see [Unsign]).
//
// Strings are handled as bytes. Node reads header values as Latin-1, so a raw
// non-ASCII byte in a Cookie header becomes one UTF-16 unit per byte in
// Express; here it simply stays the same byte.
package cookie

import (
	"errors"
	"github.com/expresso-go/expresso/internal/token"
	"strings"
	"time"
)

// ErrInvalid is matched by every error [Serialize] returns, so callers can
// test for a validation failure with errors.Is(err, cookie.ErrInvalid).
var ErrInvalid = errors.New("expresso: invalid cookie")

// invalidError is a validation error carrying jshttp/cookie's exact message.
// It unwraps to [ErrInvalid].
type invalidError struct{ msg string }

func (e *invalidError) Error() string { return e.msg }
func (e *invalidError) Unwrap() error { return ErrInvalid }

// The validation errors, with jshttp/cookie's messages. Each one matches
// [ErrInvalid] under errors.Is and is never modified.
var (
	// ErrName reports a cookie name that is not an RFC 7230 token.
	ErrName error = &invalidError{"argument name is invalid"}
	// ErrValue reports an encoded value that is not a cookie-octet string.
	ErrValue error = &invalidError{"argument val is invalid"}
	// ErrMaxAge reports a max-age that is not a finite number. Serialize
	// never returns it (an int64 is always finite); it exists so callers
	// converting from other types can report Express's message.
	ErrMaxAge error = &invalidError{"option maxAge is invalid"}
	// ErrDomain reports a Domain attribute that is not a valid domain.
	ErrDomain error = &invalidError{"option domain is invalid"}
	// ErrPath reports a Path attribute with characters outside 0x20-0x7E, or
	// with ';' or '<'.
	ErrPath error = &invalidError{"option path is invalid"}
	// ErrExpires reports an expiry outside the range of a JavaScript Date.
	ErrExpires error = &invalidError{"option expires is invalid"}
	// ErrPriority reports a Priority other than low, medium or high.
	ErrPriority error = &invalidError{"option priority is invalid"}
	// ErrSameSite reports a SameSite other than strict, lax or none.
	ErrSameSite error = &invalidError{"option sameSite is invalid"}
)

// Options holds the cookie attributes [Serialize] writes. The zero value
// writes no attributes at all.
type Options struct {
	// MaxAge is the Max-Age attribute in seconds, already converted and
	// floored by the caller (Express's res.cookie takes milliseconds). Nil
	// leaves the attribute out; zero and negative values are written.
	MaxAge *int64
	// Expires is the Expires attribute. The zero time leaves it out.
	Expires time.Time
	// Domain is the Domain attribute; "" leaves it out.
	Domain string
	// Path is the Path attribute; "" leaves it out. Express's res.cookie
	// defaults it to "/" before serializing.
	Path string
	// HTTPOnly adds the HttpOnly attribute.
	HTTPOnly bool
	// Secure adds the Secure attribute.
	Secure bool
	// Partitioned adds the Partitioned attribute.
	Partitioned bool
	// Priority is "low", "medium" or "high" in any ASCII case; "" leaves
	// it out.
	Priority string
	// SameSite is "strict", "lax" or "none" in any ASCII case; "" leaves it
	// out. jshttp/cookie's boolean true is "strict" here.
	SameSite string
	// Encode encodes the value; nil means [EncodeURIComponent].
	Encode func(string) string
}

// maxDateMillis is the largest distance from the epoch, in milliseconds,
// that a JavaScript Date can hold.
const maxDateMillis = 8_640_000_000_000_000

// Serialize returns the Set-Cookie value for name, value and the attributes
// in o, as jshttp/cookie@0.7.2's serialize does.
//
// The attributes come in this fixed order: Max-Age, Domain, Path, Expires,
// HttpOnly, Secure, Partitioned, Priority, SameSite. Priority and SameSite
// are written as Low/Medium/High and Strict/Lax/None. Expires is written in
// the form "Thu, 01 Jan 1970 00:00:00 GMT" (years beyond 9999 and before 0
// as JavaScript writes them).
//
// It returns an error matching [ErrInvalid] (and the specific ErrX value)
// when the name is not a token, the encoded value is not made of
// cookie-octets (optionally wrapped in one pair of double quotes), the
// domain or path fails jshttp/cookie's pattern, the expiry lies outside a
// JavaScript Date's range, or the priority or SameSite is unknown. Checks
// run in that order and the first failure is returned.
func Serialize(name, value string, o Options) (string, error) {
	if !token.Is(name) {
		return "", ErrName
	}
	if o.Encode != nil {
		value = o.Encode(value)
	} else {
		value = EncodeURIComponent(value)
	}
	if !isCookieValue(value) {
		return "", ErrValue
	}
	if o.Domain != "" && !isDomain(o.Domain) {
		return "", ErrDomain
	}
	if o.Path != "" && !isPath(o.Path) {
		return "", ErrPath
	}
	if !o.Expires.IsZero() && !expiresInRange(o.Expires) {
		return "", ErrExpires
	}
	priority, ok := lookupFold(o.Priority, priorities)
	if !ok {
		return "", ErrPriority
	}
	sameSite, ok := lookupFold(o.SameSite, sameSites)
	if !ok {
		return "", ErrSameSite
	}

	var b strings.Builder
	b.Grow(serializedLen(name, value, o, priority, sameSite))
	b.WriteString(name)
	b.WriteByte('=')
	b.WriteString(value)
	if o.MaxAge != nil {
		b.WriteString("; Max-Age=")
		writeInt(&b, *o.MaxAge)
	}
	if o.Domain != "" {
		b.WriteString("; Domain=")
		b.WriteString(o.Domain)
	}
	if o.Path != "" {
		b.WriteString("; Path=")
		b.WriteString(o.Path)
	}
	if !o.Expires.IsZero() {
		b.WriteString("; Expires=")
		writeUTCString(&b, o.Expires)
	}
	if o.HTTPOnly {
		b.WriteString("; HttpOnly")
	}
	if o.Secure {
		b.WriteString("; Secure")
	}
	if o.Partitioned {
		b.WriteString("; Partitioned")
	}
	if priority != "" {
		b.WriteString("; Priority=")
		b.WriteString(priority)
	}
	if sameSite != "" {
		b.WriteString("; SameSite=")
		b.WriteString(sameSite)
	}
	return b.String(), nil
}

// serializedLen is an upper bound of the length Serialize writes, so that
// the result is built in one allocation.
func serializedLen(name, value string, o Options, priority, sameSite string) int {
	n := len(name) + 1 + len(value)
	if o.MaxAge != nil {
		n += len("; Max-Age=") + 20
	}
	if o.Domain != "" {
		n += len("; Domain=") + len(o.Domain)
	}
	if o.Path != "" {
		n += len("; Path=") + len(o.Path)
	}
	if !o.Expires.IsZero() {
		n += len("; Expires=") + len("Thu, 01 Jan -271821 00:00:00 GMT")
	}
	n += len("; HttpOnly; Secure; Partitioned")
	if priority != "" {
		n += len("; Priority=") + len(priority)
	}
	if sameSite != "" {
		n += len("; SameSite=") + len(sameSite)
	}
	return n
}

// expiresInRange reports whether t, floored to a millisecond, lies within
// the ±8.64e15 ms a JavaScript Date can represent.
func expiresInRange(t time.Time) bool {
	const maxSec = maxDateMillis / 1000
	sec := t.Unix()
	switch {
	case sec > maxSec || sec < -maxSec:
		return false
	case sec == maxSec:
		return t.Nanosecond() < int(time.Millisecond)
	}
	return true
}

// priorities and sameSites map the lower-case option values to the
// spelling written in the header.
var (
	priorities = [...][2]string{{"low", "Low"}, {"medium", "Medium"}, {"high", "High"}}
	sameSites  = [...][2]string{{"strict", "Strict"}, {"lax", "Lax"}, {"none", "None"}}
)

// lookupFold finds v (compared ASCII case-insensitively, as JavaScript's
// toLowerCase does for these ASCII words) in table and returns its header
// spelling. An empty v is absent: ("", true).
func lookupFold(v string, table [3][2]string) (string, bool) {
	if v == "" {
		return "", true
	}
	for _, e := range table {
		if equalFoldASCII(v, e[0]) {
			return e[1], true
		}
	}
	return "", false
}

// equalFoldASCII reports whether s equals the lower-case ASCII word lower,
// ignoring ASCII case only (so "ſtrict" with a long s does not match).
func equalFoldASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// writeInt writes n in decimal.
func writeInt(b *strings.Builder, n int64) {
	var buf [20]byte
	i := len(buf)
	u := uint64(n)
	if n < 0 {
		u = -u
	}
	for {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if n < 0 {
		b.WriteByte('-')
	}
	b.Write(buf[i:])
}

// writeUTCString writes t as JavaScript's Date.prototype.toUTCString does:
// "Www, DD Mon YYYY HH:MM:SS GMT", the year padded to four digits and
// prefixed with "-" before year 0.
func writeUTCString(b *strings.Builder, t time.Time) {
	const days = "SunMonTueWedThuFriSat"
	const months = "JanFebMarAprMayJunJulAugSepOctNovDec"
	t = t.UTC()
	year, month, day := t.Date()
	hour, minute, sec := t.Clock()
	wd := int(t.Weekday())
	b.WriteString(days[3*wd : 3*wd+3])
	b.WriteString(", ")
	write2(b, day)
	b.WriteByte(' ')
	m := int(month) - 1
	b.WriteString(months[3*m : 3*m+3])
	b.WriteByte(' ')
	if year < 0 {
		b.WriteByte('-')
		year = -year
	}
	for p := 1000; p > 1 && year < p; p /= 10 {
		b.WriteByte('0')
	}
	writeInt(b, int64(year))
	b.WriteByte(' ')
	write2(b, hour)
	b.WriteByte(':')
	write2(b, minute)
	b.WriteByte(':')
	write2(b, sec)
	b.WriteString(" GMT")
}

// write2 writes a two-digit, zero-padded number below 100.
func write2(b *strings.Builder, n int) {
	b.WriteByte(byte('0' + n/10))
	b.WriteByte(byte('0' + n%10))
}
