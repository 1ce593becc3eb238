package middleware

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// BasicAuthOptions configures [BasicAuth]. Users or Validator (or both) must
// be set.
type BasicAuthOptions struct {
	// Users maps user names to passwords. Both are compared in constant
	// time, against every entry, so neither a wrong name nor a wrong
	// password answers faster.
	Users map[string]string
	// Validator, when set, is asked about credentials that match no entry
	// of Users. It should compare secrets with
	// [crypto/subtle.ConstantTimeCompare].
	Validator func(user, password string, r *http.Request) bool
	// Realm is sent in the WWW-Authenticate challenge; empty means
	// "Restricted". It may not contain a double quote, a backslash or a
	// control character.
	Realm string
}

// basicAuthMaxHeader bounds the Authorization header BasicAuth decodes;
// longer values are refused without decoding.
const basicAuthMaxHeader = 4096

// basicUserKey is the request-context key of the authenticated user name.
type basicUserKey struct{}

// BasicAuth returns middleware that requires HTTP Basic credentials
// (RFC 7617) matching Users or accepted by Validator, as the
// express-basic-auth package. A request without valid credentials gets a
// 401 with "WWW-Authenticate: Basic realm=…, charset=\"UTF-8\"" and the
// text body "Unauthorized"; so does one with several Authorization headers,
// a header over 4 KiB, or one that is not well-formed Basic. Unlike
// express-basic-auth it always sends the challenge (its challenge option is
// off by default), and the 401 is written by the middleware itself, not by
// expresso's error handlers, so that it works in any net/http stack. The
// user name is available to later handlers through [BasicAuthUser].
// Options are checked here; a mistake panics.
func BasicAuth(o BasicAuthOptions) func(http.Handler) http.Handler {
	if len(o.Users) == 0 && o.Validator == nil {
		panic("middleware: BasicAuthOptions needs Users or a Validator")
	}
	if o.Realm == "" {
		o.Realm = "Restricted"
	}
	if strings.ContainsAny(o.Realm, "\"\\") || authHasControl(o.Realm) {
		panic("middleware: BasicAuthOptions.Realm may not contain a quote, a backslash or a control character")
	}
	challenge := []string{`Basic realm="` + o.Realm + `", charset="UTF-8"`}
	type entry struct{ user, pass [sha256.Size]byte }
	entries := make([]entry, 0, len(o.Users))
	for u, p := range o.Users {
		entries = append(entries, entry{sha256.Sum256([]byte(u)), sha256.Sum256([]byte(p))})
	}
	check := func(user, pass string, r *http.Request) bool {
		hu, hp := sha256.Sum256([]byte(user)), sha256.Sum256([]byte(pass))
		match := 0
		for i := range entries {
			match |= subtle.ConstantTimeCompare(hu[:], entries[i].user[:]) &
				subtle.ConstantTimeCompare(hp[:], entries[i].pass[:])
		}
		return match == 1 || o.Validator != nil && o.Validator(user, pass, r)
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			auth := r.Header["Authorization"]
			if len(auth) == 1 && len(auth[0]) <= basicAuthMaxHeader {
				if user, pass, ok := r.BasicAuth(); ok && check(user, pass, r) {
					next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), basicUserKey{}, user)))
					return
				}
			}
			w.Header()["Www-Authenticate"] = append([]string(nil), challenge...)
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
		})
	}
}

// BasicAuthUser returns the user name [BasicAuth] accepted for r, or "".
// It mirrors express-basic-auth's req.auth.user.
func BasicAuthUser(r *http.Request) string {
	u, _ := r.Context().Value(basicUserKey{}).(string)
	return u
}

// authHasControl reports whether s has an ASCII control character.
func authHasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}
