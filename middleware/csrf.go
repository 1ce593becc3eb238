package middleware

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"

	"github.com/expresso-go/expresso/internal/token"
)

// CSRFOptions configures [CSRF]. The zero value checks the origin of
// unsafe requests with [http.CrossOriginProtection] and trusts no other
// origin; set Token to also require a token in forms.
type CSRFOptions struct {
	// TrustedOrigins are other origins allowed to send unsafe requests,
	// such as "https://admin.example.com" (scheme://host[:port]). An
	// invalid origin panics.
	TrustedOrigins []string

	// InsecureBypassPatterns are http.ServeMux patterns, such as
	// "POST /webhooks/{provider}", of requests that skip every check.
	InsecureBypassPatterns []string

	// Token turns on the token mode: every unsafe request (not GET, HEAD,
	// OPTIONS or TRACE) must also carry a token, in the header named by
	// HeaderName or in the form field named by FieldName. Get the token to
	// put in a form with [CSRFToken]. This protects browsers that send
	// neither Sec-Fetch-Site nor Origin, which the origin check lets
	// through.
	Token bool

	// CookieName names the cookie that holds the token mode's secret.
	// Empty means "_csrf". The cookie is HttpOnly, SameSite=Lax, Path=/,
	// and Secure over HTTPS.
	CookieName string

	// FieldName names the form field of the token. Empty means "_csrf".
	// In a multipart form it must come before the first file.
	FieldName string

	// HeaderName names the request header of the token. Empty means
	// "X-Csrf-Token".
	HeaderName string
}

// csrfKey is the request-context key of the token mode's secret.
type csrfKey struct{}

// maxCSRFFormBytes bounds the form bytes read to find the token field.
const maxCSRFFormBytes = 1 << 20

// CSRF returns a middleware that protects against cross-site request
// forgery with [http.CrossOriginProtection] (Go 1.25): an unsafe request
// (not GET, HEAD or OPTIONS) that a browser marks as cross-site
// (Sec-Fetch-Site), or whose Origin does not match its Host, is answered
// "403 Forbidden", unless its origin is in TrustedOrigins or it matches an
// InsecureBypassPatterns pattern.
//
// With Token set it also requires, on unsafe requests, a token bound to a
// random secret kept in a cookie: the header HeaderName, or the form field
// FieldName of a URL-encoded or multipart body (the body is read up to
// 1 MiB to find it, then handed on intact to the next handler). Each
// [CSRFToken] call returns a freshly masked token, so a token in a
// compressed page does not leak the secret (BREACH). A missing or wrong
// token is answered "403 Forbidden" with "invalid CSRF token".
//
// CSRF mirrors csurf (and its successors). It differs in that the primary
// defence is the browser's Fetch metadata, not a token, tokens are masked
// secrets in a cookie rather than a session, and a rejected request is
// answered by the middleware (a net/http middleware cannot reach the
// error handlers).
func CSRF(opts CSRFOptions) func(http.Handler) http.Handler {
	cs := newCSRF(opts)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			cs.serve(next, w, r)
		})
	}
}

// csrf is a configured CSRF.
type csrf struct {
	cop    *http.CrossOriginProtection
	bypass *http.ServeMux
	token  bool
	cookie string
	field  string
	header string
}

func newCSRF(o CSRFOptions) *csrf {
	cs := &csrf{cop: http.NewCrossOriginProtection(), token: o.Token,
		cookie: orString(o.CookieName, "_csrf"), field: orString(o.FieldName, "_csrf"),
		header: http.CanonicalHeaderKey(orString(o.HeaderName, "X-Csrf-Token"))}
	for _, origin := range o.TrustedOrigins {
		if err := cs.cop.AddTrustedOrigin(origin); err != nil {
			panic("middleware: CSRFOptions.TrustedOrigins: " + err.Error())
		}
	}
	if len(o.InsecureBypassPatterns) > 0 {
		cs.bypass = http.NewServeMux()
		for _, p := range o.InsecureBypassPatterns {
			func() {
				defer func() {
					if v := recover(); v != nil {
						panic("middleware: CSRFOptions.InsecureBypassPatterns: " + strconv.Quote(p) + ": invalid pattern")
					}
				}()
				cs.bypass.Handle(p, http.NotFoundHandler())
			}()
			cs.cop.AddInsecureBypassPattern(p)
		}
	}
	if !token.Is(cs.cookie) {
		panic("middleware: CSRFOptions.CookieName: invalid cookie name " + strconv.Quote(cs.cookie))
	}
	if !token.Is(cs.header) {
		panic("middleware: CSRFOptions.HeaderName: invalid header name " + strconv.Quote(cs.header))
	}
	return cs
}

func orString(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (cs *csrf) serve(next http.Handler, w http.ResponseWriter, r *http.Request) {
	if err := cs.cop.Check(r); err != nil {
		forbid(w, err.Error())
		return
	}
	if !cs.token {
		next.ServeHTTP(w, r)
		return
	}
	secret := cs.secret(w, r)
	if !safeMethod(r.Method) && !cs.bypassed(r) {
		tok, body := cs.findToken(r)
		if body != nil {
			r2 := new(http.Request)
			*r2 = *r
			r2.Body = body
			r = r2
		}
		if !validCSRFToken(tok, secret) {
			forbid(w, "invalid CSRF token")
			return
		}
	}
	next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), csrfKey{}, secret)))
}

func (cs *csrf) bypassed(r *http.Request) bool {
	if cs.bypass == nil {
		return false
	}
	_, pattern := cs.bypass.Handler(r)
	return pattern != ""
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}

// forbid answers 403 with reason.
func forbid(w http.ResponseWriter, reason string) {
	h := w.Header()
	h["Content-Type"] = []string{"text/plain; charset=utf-8"}
	h["X-Content-Type-Options"] = []string{"nosniff"}
	body := "Forbidden: " + reason
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(http.StatusForbidden)
	_, _ = io.WriteString(w, body) // a failed write means the client is gone
}

// secret returns the secret of the request's cookie, or makes one and sets
// the cookie.
func (cs *csrf) secret(w http.ResponseWriter, r *http.Request) []byte {
	if c, err := r.Cookie(cs.cookie); err == nil {
		if b, err := base64.RawURLEncoding.DecodeString(c.Value); err == nil && len(b) == 32 {
			return b
		}
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never returns an error
	http.SetCookie(w, &http.Cookie{Name: cs.cookie, Value: base64.RawURLEncoding.EncodeToString(b), Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: isHTTPS(r)})
	return b
}

// findToken returns the token of the request, and the body to hand on when
// it read the body.
func (cs *csrf) findToken(r *http.Request) (string, io.ReadCloser) {
	if v := r.Header.Get(cs.header); v != "" {
		return v, nil
	}
	if r.Body == nil || r.Body == http.NoBody {
		return "", nil
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return "", nil
	}
	var read bytes.Buffer
	src := io.TeeReader(io.LimitReader(r.Body, maxCSRFFormBytes), &read)
	tok := ""
	switch mt {
	case "application/x-www-form-urlencoded":
		b, err := io.ReadAll(src)
		if err == nil {
			if q, err := url.ParseQuery(string(b)); err == nil {
				tok = q.Get(cs.field)
			}
		}
	case "multipart/form-data":
		tok = multipartField(multipart.NewReader(src, params["boundary"]), cs.field)
	default:
		return "", nil
	}
	return tok, replayBody{Reader: io.MultiReader(&read, r.Body), Closer: r.Body}
}

// multipartField returns the value of the form field name, read before the
// first file part.
func multipartField(mr *multipart.Reader, name string) string {
	for {
		p, err := mr.NextPart()
		if err != nil || p.FileName() != "" {
			return ""
		}
		if p.FormName() == name {
			b, err := io.ReadAll(io.LimitReader(p, 256))
			if err != nil {
				return ""
			}
			return string(b)
		}
	}
}

// replayBody is a request body put back together after CSRF read part of
// it.
type replayBody struct {
	io.Reader
	io.Closer
}

// CSRFToken returns a token for the request, to put in a form's FieldName
// field or a request's HeaderName header, when [CSRF] runs in token mode;
// "" otherwise. ctx is the request's context (inside expresso,
// c.Request().Context()). Each call returns a different token; all are
// valid for the same secret.
func CSRFToken(ctx context.Context) string {
	secret, _ := ctx.Value(csrfKey{}).([]byte)
	if len(secret) != 32 {
		return ""
	}
	var b [64]byte
	_, _ = rand.Read(b[:32])
	for i := range 32 {
		b[32+i] = b[i] ^ secret[i]
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// validCSRFToken reports whether tok is a masked form of secret.
func validCSRFToken(tok string, secret []byte) bool {
	if len(tok) != 86 {
		return false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(tok)
	if err != nil || len(b) != 64 {
		return false
	}
	for i := range 32 {
		b[32+i] ^= b[i]
	}
	return subtle.ConstantTimeCompare(b[32:], secret) == 1
}
