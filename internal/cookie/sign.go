package cookie

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"
)

// sigLen is the length of an unpadded base64 HMAC-SHA256.
const sigLen = 43 // base64.RawStdEncoding.EncodedLen(sha256.Size)

// Sign returns value + "." + the HMAC-SHA256 of value under secret, in
// standard base64 without '=' padding, as cookie-signature's sign does.
//
// Express's res.cookie with signed: true stores "s:" + Sign(value, secret)
// (then encoded, so the colon becomes %3A); the "s:" prefix is the caller's.
func Sign(value, secret string) string {
	var sig [sigLen]byte
	signature(&sig, value, secret)
	var b strings.Builder
	b.Grow(len(value) + 1 + sigLen)
	b.WriteString(value)
	b.WriteByte('.')
	b.Write(sig[:])
	return b.String()
}

// signature writes the unpadded base64 HMAC-SHA256 of value under secret.
func signature(dst *[sigLen]byte, value, secret string) {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(value))
	var sum [sha256.Size]byte
	base64.RawStdEncoding.Encode(dst[:], mac.Sum(sum[:0]))
}

// Unsign checks a string made by [Sign] against each secret in turn (so
// secrets can be rotated: sign with the first, accept any) and returns the
// value before the last '.' when one secret's signature matches. This is
// cookie-parser calling cookie-signature's unsign with each secret.
// It reports false when signed has no '.', when no secret matches, or when
// secrets is empty. The signature text is compared in constant time and
// must match exactly (another base64 spelling of the same bytes fails).
//
// cookie-parser only unsigns values starting with "s:", passing the rest;
// a value with "s:" that fails becomes false in req.signedCookies, and a
// value without it stays in req.cookies. That prefix logic is the caller's.
func Unsign(signed string, secrets []string) (string, bool) {
	dot := strings.LastIndexByte(signed, '.')
	if dot < 0 || len(signed)-dot-1 != sigLen {
		return "", false
	}
	value := signed[:dot]
	var got, want [sigLen]byte
	copy(got[:], signed[dot+1:])
	for _, secret := range secrets {
		signature(&want, value, secret)
		if subtle.ConstantTimeCompare(got[:], want[:]) == 1 {
			return value, true
		}
	}
	return "", false
}
