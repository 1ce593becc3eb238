package middleware

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/expresso-go/expresso"
)

// SecureOptions configures [Secure]. The zero value sends helmet's default
// headers (see [Secure]); a string field left empty keeps helmet's value,
// and Omit leaves headers out.
type SecureOptions struct {
	// ContentSecurityPolicy replaces helmet's default policy.
	ContentSecurityPolicy string
	// CSPReportOnly sends the policy as
	// Content-Security-Policy-Report-Only, which browsers report on but do
	// not enforce.
	CSPReportOnly bool

	// CrossOriginEmbedderPolicy, when set ("require-corp",
	// "credentialless" or "unsafe-none"), is sent; helmet sends none by
	// default.
	CrossOriginEmbedderPolicy string
	// CrossOriginOpenerPolicy: "same-origin" (default),
	// "same-origin-allow-popups", "noopener-allow-popups" or "unsafe-none".
	CrossOriginOpenerPolicy string
	// CrossOriginResourcePolicy: "same-origin" (default), "same-site" or
	// "cross-origin".
	CrossOriginResourcePolicy string
	// ReferrerPolicy: a comma-separated list of policies; default
	// "no-referrer".
	ReferrerPolicy string
	// FrameOptions: "SAMEORIGIN" (default) or "DENY".
	FrameOptions string
	// PermittedCrossDomainPolicies: "none" (default), "master-only",
	// "by-content-type" or "all".
	PermittedCrossDomainPolicies string

	// HSTSMaxAge is Strict-Transport-Security's max-age, rounded down to
	// seconds. Zero means 365 days.
	HSTSMaxAge time.Duration
	// HSTSExcludeSubdomains drops includeSubDomains from the HSTS header.
	HSTSExcludeSubdomains bool
	// HSTSPreload adds preload, asking browsers to ship the host in their
	// HSTS preload lists. It needs a max-age of at least a year and
	// includeSubDomains.
	HSTSPreload bool

	// Omit lists headers not to send, by name, such as
	// "Content-Security-Policy" or "Strict-Transport-Security". Only the
	// headers Secure sends may be named.
	Omit []string
}

// The default Content-Security-Policy of helmet 8.
const defaultCSP = "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';" +
	"frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';" +
	"style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests"

// Secure returns a middleware that sets helmet's security headers on every
// response and removes X-Powered-By:
//
//	Content-Security-Policy: (helmet's default policy, see ContentSecurityPolicy)
//	Cross-Origin-Opener-Policy: same-origin
//	Cross-Origin-Resource-Policy: same-origin
//	Origin-Agent-Cluster: ?1
//	Referrer-Policy: no-referrer
//	Strict-Transport-Security: max-age=31536000; includeSubDomains   (HTTPS only)
//	X-Content-Type-Options: nosniff
//	X-DNS-Prefetch-Control: off
//	X-Download-Options: noopen
//	X-Frame-Options: SAMEORIGIN
//	X-Permitted-Cross-Domain-Policies: none
//	X-XSS-Protection: 0
//
// The headers are set before the next handler runs, so a handler may still
// change or delete them. An invalid value in the options panics, naming the
// field.
//
// Secure mirrors helmet. It differs in that Strict-Transport-Security is
// only sent over HTTPS (r.TLS set, or, inside an expresso App,
// [expresso.Context.Secure], which honours Config.TrustProxy), as RFC 6797
// requires, and its options are strings checked at setup rather than
// nested objects.
func Secure(opts SecureOptions) func(http.Handler) http.Handler {
	s := newSecure(opts)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.set(w.Header(), r)
			next.ServeHTTP(w, r)
		})
	}
}

// secure holds the headers Secure sends.
type secure struct {
	keys, values []string // always sent
	hsts         string   // "" when omitted
}

// secureChoice is a header whose value is one of a set.
type secureChoice struct {
	header, field, given, def string
	allowed                   []string
}

func newSecure(o SecureOptions) *secure {
	s := &secure{}
	omit := map[string]bool{}
	for _, name := range o.Omit {
		k := http.CanonicalHeaderKey(name)
		if !isSecureHeader(k) {
			panic("middleware: SecureOptions.Omit: " + strconv.Quote(name) + " is not a header Secure sends")
		}
		omit[k] = true
	}
	add := func(k, v string) {
		if !omit[k] {
			s.keys, s.values = append(s.keys, k), append(s.values, v)
		}
	}
	csp := o.ContentSecurityPolicy
	if csp == "" {
		csp = defaultCSP
	} else if !validHeaderValue(csp) {
		panic("middleware: SecureOptions.ContentSecurityPolicy: invalid header value " + strconv.Quote(csp))
	}
	if !omit["Content-Security-Policy"] {
		if o.CSPReportOnly {
			add("Content-Security-Policy-Report-Only", csp)
		} else {
			add("Content-Security-Policy", csp)
		}
	}
	if o.CrossOriginEmbedderPolicy != "" {
		add("Cross-Origin-Embedder-Policy", secureChoice{"Cross-Origin-Embedder-Policy", "CrossOriginEmbedderPolicy",
			o.CrossOriginEmbedderPolicy, "", []string{"require-corp", "credentialless", "unsafe-none"}}.value())
	}
	for _, ch := range []secureChoice{
		{"Cross-Origin-Opener-Policy", "CrossOriginOpenerPolicy", o.CrossOriginOpenerPolicy, "same-origin",
			[]string{"same-origin", "same-origin-allow-popups", "noopener-allow-popups", "unsafe-none"}},
		{"Cross-Origin-Resource-Policy", "CrossOriginResourcePolicy", o.CrossOriginResourcePolicy, "same-origin",
			[]string{"same-origin", "same-site", "cross-origin"}},
	} {
		add(ch.header, ch.value())
	}
	add("Origin-Agent-Cluster", "?1")
	add("Referrer-Policy", referrerPolicy(o.ReferrerPolicy))
	add("X-Content-Type-Options", "nosniff")
	add("X-Dns-Prefetch-Control", "off")
	add("X-Download-Options", "noopen")
	add("X-Frame-Options", secureChoice{"X-Frame-Options", "FrameOptions", strings.ToUpper(o.FrameOptions), "SAMEORIGIN",
		[]string{"SAMEORIGIN", "DENY"}}.value())
	add("X-Permitted-Cross-Domain-Policies", secureChoice{"X-Permitted-Cross-Domain-Policies", "PermittedCrossDomainPolicies",
		o.PermittedCrossDomainPolicies, "none", []string{"none", "master-only", "by-content-type", "all"}}.value())
	add("X-Xss-Protection", "0")
	if !omit["Strict-Transport-Security"] {
		s.hsts = hstsValue(o)
	}
	return s
}

// isSecureHeader reports whether Secure may send the header k, for
// checking Omit.
func isSecureHeader(k string) bool {
	switch k {
	case "Content-Security-Policy", "Cross-Origin-Embedder-Policy", "Cross-Origin-Opener-Policy",
		"Cross-Origin-Resource-Policy", "Origin-Agent-Cluster", "Referrer-Policy", "Strict-Transport-Security",
		"X-Content-Type-Options", "X-Dns-Prefetch-Control", "X-Download-Options", "X-Frame-Options",
		"X-Permitted-Cross-Domain-Policies", "X-Xss-Protection":
		return true
	}
	return false
}

func (ch secureChoice) value() string {
	if ch.given == "" {
		return ch.def
	}
	if !slices.Contains(ch.allowed, ch.given) {
		panic("middleware: SecureOptions." + ch.field + ": " + strconv.Quote(ch.given) + " is not one of " + strings.Join(ch.allowed, ", "))
	}
	return ch.given
}

// referrerPolicy checks a Referrer-Policy list.
func referrerPolicy(v string) string {
	if v == "" {
		return "no-referrer"
	}
	allowed := []string{"no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin",
		"same-origin", "strict-origin", "strict-origin-when-cross-origin", "unsafe-url"}
	for p := range strings.SplitSeq(v, ",") {
		if !slices.Contains(allowed, strings.TrimSpace(p)) {
			panic("middleware: SecureOptions.ReferrerPolicy: " + strconv.Quote(strings.TrimSpace(p)) + " is not a referrer policy")
		}
	}
	return v
}

// hstsValue builds the Strict-Transport-Security value.
func hstsValue(o SecureOptions) string {
	age := o.HSTSMaxAge
	switch {
	case age < 0:
		panic("middleware: SecureOptions.HSTSMaxAge must not be negative")
	case age == 0:
		age = 365 * 24 * time.Hour
	}
	if o.HSTSPreload && (age < 365*24*time.Hour || o.HSTSExcludeSubdomains) {
		panic("middleware: SecureOptions.HSTSPreload needs an HSTSMaxAge of at least a year and includeSubDomains (HSTSExcludeSubdomains false)")
	}
	v := "max-age=" + strconv.FormatInt(int64(age/time.Second), 10)
	if !o.HSTSExcludeSubdomains {
		v += "; includeSubDomains"
	}
	if o.HSTSPreload {
		v += "; preload"
	}
	return v
}

// validHeaderValue reports whether v may be sent as a header value: no
// control bytes other than tab.
func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// set writes the headers into h for the request r.
func (s *secure) set(h http.Header, r *http.Request) {
	hsts := s.hsts != "" && isHTTPS(r)
	n := len(s.values)
	if hsts {
		n++
	}
	// One allocation for all values; each header gets its own capped slice.
	vals := make([]string, n)
	copy(vals, s.values)
	for i, k := range s.keys {
		h[k] = vals[i : i+1 : i+1]
	}
	if hsts {
		vals[n-1] = s.hsts
		h["Strict-Transport-Security"] = vals[n-1 : n : n]
	}
	delete(h, "X-Powered-By")
}

// isHTTPS reports whether r came over HTTPS: through TLS, or, inside an
// expresso App, as its Protocol says (trusting proxies as configured).
func isHTTPS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	if c := expresso.FromRequest(r); c != nil {
		return c.Secure()
	}
	return false
}
