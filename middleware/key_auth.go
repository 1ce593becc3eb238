package middleware

import (
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"net/http"
	"strings"
)

// KeyAuthOptions configures [KeyAuth]. Validator is required.
type KeyAuthOptions struct {
	// Lookup says where the key is, as a comma-separated list of sources
	// tried in order: "header:<name>", "header:<name>:<scheme prefix>"
	// (such as "header:Authorization:Bearer "), "query:<name>" or
	// "cookie:<name>". Empty means "header:X-API-Key".
	Lookup string
	// Validator reports whether key is valid. An error (a database that is
	// down) is not a refusal: it goes to ErrorHandler. [StaticKeys] builds
	// a constant-time validator for a fixed set of keys.
	Validator func(r *http.Request, key string) (bool, error)
	// ErrorHandler answers a request whose validation failed with an error;
	// nil logs the error with [slog.Default] and answers 500 "Internal
	// Server Error".
	ErrorHandler func(w http.ResponseWriter, r *http.Request, err error)
	// Realm is sent in the WWW-Authenticate challenge when a source is the
	// Authorization header with a scheme; empty means "Restricted".
	Realm string
}

// keyAuthMaxKey bounds the length of a key; longer ones are refused before
// the Validator sees them.
const keyAuthMaxKey = 4096

// keyAuthSource is one parsed element of KeyAuthOptions.Lookup.
type keyAuthSource struct {
	kind, name, prefix string
}

// KeyAuth returns middleware that requires an API key, found where Lookup
// says and accepted by Validator. Express has no single package for this
// (passport-headerapikey is the nearest); it follows Echo's KeyAuth. A
// request without a key, with an empty or over-4-KiB key, with several
// values of the key's header, or with a key Validator refuses gets a 401
// with the text body "Unauthorized" (and, when a source is the
// Authorization header with a scheme, a WWW-Authenticate challenge naming
// it). The 401 is written by the middleware itself, so that it works in
// any net/http stack. Options are checked here; a mistake panics.
func KeyAuth(o KeyAuthOptions) func(http.Handler) http.Handler {
	if o.Validator == nil {
		panic("middleware: KeyAuthOptions.Validator is required")
	}
	sources := keyAuthLookup(o.Lookup)
	if o.Realm == "" {
		o.Realm = "Restricted"
	}
	if strings.ContainsAny(o.Realm, "\"\\") || authHasControl(o.Realm) {
		panic("middleware: KeyAuthOptions.Realm may not contain a quote, a backslash or a control character")
	}
	var challenge []string
	for _, s := range sources {
		if s.kind == "header" && s.name == "Authorization" && s.prefix != "" {
			challenge = []string{strings.TrimSpace(s.prefix) + ` realm="` + o.Realm + `"`}
			break
		}
	}
	onError := o.ErrorHandler
	if onError == nil {
		onError = func(w http.ResponseWriter, r *http.Request, err error) {
			slog.Default().ErrorContext(r.Context(), "middleware: KeyAuth validator failed", "err", err,
				"method", r.Method, "path", r.URL.Path)
			http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		}
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			key := keyAuthFind(r, sources)
			if key != "" && len(key) <= keyAuthMaxKey {
				ok, err := o.Validator(r, key)
				if err != nil {
					onError(w, r, err)
					return
				}
				if ok {
					next.ServeHTTP(w, r)
					return
				}
			}
			if challenge != nil {
				w.Header()["Www-Authenticate"] = append([]string(nil), challenge...)
			}
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
		})
	}
}

// keyAuthLookup parses KeyAuthOptions.Lookup, panicking on a mistake.
func keyAuthLookup(lookup string) []keyAuthSource {
	if lookup == "" {
		lookup = "header:X-API-Key"
	}
	var sources []keyAuthSource
	for _, part := range strings.Split(lookup, ",") {
		kind, rest, ok := strings.Cut(strings.TrimLeft(part, " "), ":")
		name, prefix, _ := strings.Cut(rest, ":")
		if !ok || name == "" {
			panic("middleware: KeyAuthOptions.Lookup: " + `"` + part + `" is not source:name`)
		}
		switch kind {
		case "header":
			name = http.CanonicalHeaderKey(name)
		case "query", "cookie":
			if prefix != "" {
				panic("middleware: KeyAuthOptions.Lookup: only a header source takes a scheme prefix: " + `"` + part + `"`)
			}
		default:
			panic("middleware: KeyAuthOptions.Lookup: unknown source " + `"` + kind + `"; want header, query or cookie`)
		}
		sources = append(sources, keyAuthSource{kind, name, prefix})
	}
	return sources
}

// keyAuthFind returns the key from the first source that has one, or "".
func keyAuthFind(r *http.Request, sources []keyAuthSource) string {
	for _, s := range sources {
		switch s.kind {
		case "header":
			vs := r.Header[s.name]
			if len(vs) == 0 {
				continue
			}
			if len(vs) > 1 {
				return ""
			}
			v := vs[0]
			if s.prefix != "" {
				if len(v) < len(s.prefix) || !strings.EqualFold(v[:len(s.prefix)], s.prefix) {
					continue
				}
				v = v[len(s.prefix):]
			}
			return v
		case "query":
			if v := r.URL.Query().Get(s.name); v != "" {
				return v
			}
		case "cookie":
			if ck, err := r.Cookie(s.name); err == nil && ck.Value != "" {
				return ck.Value
			}
		}
	}
	return ""
}

// StaticKeys returns a [KeyAuthOptions.Validator] accepting exactly the
// given keys, compared in constant time against every one of them. No
// keys, or an empty one, panic.
func StaticKeys(keys ...string) func(r *http.Request, key string) (bool, error) {
	if len(keys) == 0 {
		panic("middleware: StaticKeys needs at least one key")
	}
	sums := make([][sha256.Size]byte, len(keys))
	for i, k := range keys {
		if k == "" {
			panic("middleware: StaticKeys: empty key")
		}
		sums[i] = sha256.Sum256([]byte(k))
	}
	return func(_ *http.Request, key string) (bool, error) {
		h := sha256.Sum256([]byte(key))
		match := 0
		for i := range sums {
			match |= subtle.ConstantTimeCompare(h[:], sums[i][:])
		}
		return match == 1, nil
	}
}
