package expresso

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/expresso-go/expresso/internal/cookie"
)

// ErrInvalidCookie is matched by the error Cookie and ClearCookie return
// for a name, value or option that cannot be sent (net/http would drop such
// a cookie silently).
var ErrInvalidCookie = errors.New("expresso: invalid cookie")

// ErrNoSecret is returned by Cookie for a signed cookie when the App has no
// Config.CookieSecrets.
var ErrNoSecret = errors.New("expresso: signed cookies need Config.CookieSecrets")

// CookieOptions are the attributes of a cookie set by [Context.Cookie], the
// options of Express's res.cookie. The zero value is Express's default:
// Path "/", a session cookie.
type CookieOptions struct {
	// MaxAge sets Max-Age (in whole seconds, floored) and an Expires that
	// far in the future. Zero means neither; a negative value expires the
	// cookie at once.
	MaxAge time.Duration
	// Expires sets Expires when MaxAge is zero.
	Expires time.Time
	// Path defaults to "/".
	Path string
	// Domain is left out when empty.
	Domain string
	// Secure, HttpOnly and Partitioned add those attributes.
	Secure, HttpOnly, Partitioned bool
	// Signed signs the value with the first of Config.CookieSecrets.
	Signed bool
	// SameSite is "Strict", "Lax" or "None" in any case; empty leaves it
	// out.
	SameSite string
	// Priority is "Low", "Medium" or "High" in any case; empty leaves it
	// out.
	Priority string
	// Encode encodes the value; nil means encodeURIComponent.
	Encode func(string) string
}

// Cookie adds a Set-Cookie header, Express's res.cookie(name, value,
// options): a string (or []byte) value is sent as is, numbers and bools
// formatted, anything else as "j:" + JSON; a signed value is "s:" + value +
// "." + its HMAC-SHA256. Attributes come in Express's order. An invalid
// name, value, path or domain returns an error matching
// [ErrInvalidCookie] and sends nothing; after the headers went out it
// returns an error matching [ErrHeadersSent].
func (c *Context) Cookie(name string, value any, opts ...CookieOptions) error {
	o, err := c.cookieOptions("Cookie", opts)
	if err != nil {
		return err
	}
	val, err := cookieValue(name, value)
	if err != nil {
		return err
	}
	return c.setCookie("Cookie", name, val, o, time.Now())
}

// cookieOptions checks that call may still set a cookie and returns its
// options (the zero value when none were given).
func (c *Context) cookieOptions(call string, opts []CookieOptions) (CookieOptions, error) {
	c.live()
	if len(opts) > 1 {
		return CookieOptions{}, errors.New("expresso: " + call + " takes at most one CookieOptions")
	}
	if c.res.state != Head {
		return CookieOptions{}, c.res.refuse(call, ErrHeadersSent)
	}
	if len(opts) == 1 {
		return opts[0], nil
	}
	return CookieOptions{}, nil
}

func (c *Context) setCookie(call, name, val string, o CookieOptions, now time.Time) error {
	if o.Signed {
		secrets := c.app.cfg.CookieSecrets
		if len(secrets) == 0 {
			return ErrNoSecret
		}
		val = "s:" + cookie.Sign(val, secrets[0])
	}
	co := cookie.Options{
		Expires:     o.Expires,
		Domain:      o.Domain,
		Path:        o.Path,
		HTTPOnly:    o.HttpOnly,
		Secure:      o.Secure,
		Partitioned: o.Partitioned,
		Priority:    o.Priority,
		SameSite:    o.SameSite,
		Encode:      o.Encode,
	}
	if co.Path == "" {
		co.Path = "/"
	}
	if o.MaxAge != 0 {
		ms := o.MaxAge.Milliseconds()
		secs := ms / 1000
		if ms%1000 < 0 {
			secs-- // floor, as Math.floor
		}
		co.MaxAge = &secs
		co.Expires = now.Add(o.MaxAge)
	}
	s, err := cookie.Serialize(name, val, co)
	if err != nil {
		return &cookieError{call: call, name: name, msg: err.Error()}
	}
	h := c.res.Header()
	h["Set-Cookie"] = append(h["Set-Cookie"], s)
	return nil
}

// cookieError reports an invalid cookie; it matches ErrInvalidCookie.
type cookieError struct{ call, name, msg string }

func (e *cookieError) Error() string {
	return "expresso: " + e.call + " " + strconv.Quote(e.name) + ": " + e.msg
}
func (e *cookieError) Unwrap() error { return ErrInvalidCookie }

// cookieValue formats a cookie value as Express does: strings as they are,
// numbers as JavaScript's String(n) writes them, bools as true/false, and
// anything else (nil included) as "j:" + JSON. Named string, number and
// bool types count as their kind.
func cookieValue(name string, v any) (string, error) {
	switch t := v.(type) {
	case string:
		return t, nil
	case []byte:
		return string(t), nil
	case nil:
		return "j:null", nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String(), nil
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(rv.Uint(), 10), nil
	case reflect.Float32, reflect.Float64:
		return jsNumber(rv.Float(), rv.Type().Bits()), nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", &cookieError{call: "Cookie", name: name, msg: "value cannot be encoded as JSON: " + err.Error()}
	}
	return "j:" + string(bytes.TrimSuffix(b.Bytes(), []byte("\n"))), nil
}

// jsNumber formats f as JavaScript's String(f): plain decimal from 1e-6 up
// to 1e21, exponent form ("1e+21", "1e-7") outside, and NaN, Infinity.
func jsNumber(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0" // String(-0) is "0"
	}
	if abs := math.Abs(f); abs < 1e-6 || abs >= 1e21 {
		s := strconv.FormatFloat(f, 'e', -1, bits)
		// Go writes e-07 and e+21; JavaScript writes e-7 and e+21.
		if i := strings.LastIndexByte(s, 'e'); i >= 0 && len(s) > i+3 && s[i+2] == '0' {
			s = s[:i+2] + s[i+3:]
		}
		return s
	}
	return strconv.FormatFloat(f, 'f', -1, bits)
}

// ClearCookie expires the cookie, Express 5's res.clearCookie: the value is
// empty and Expires is the epoch; opts' MaxAge and Expires are ignored, its
// Path (default "/") and Domain must match the cookie's.
func (c *Context) ClearCookie(name string, opts ...CookieOptions) error {
	o, err := c.cookieOptions("ClearCookie", opts)
	if err != nil {
		return err
	}
	o.MaxAge = 0
	o.Expires = time.UnixMilli(1)
	return c.setCookie("ClearCookie", name, "", o, time.Time{})
}

// Cookies returns the raw value of the named request cookie, or "", as
// Express's req.cookies[name] with cookie-parser (URI-decoded; "j:" and
// "s:" values are returned as sent).
func (c *Context) Cookies(name string) string {
	c.live()
	v, _ := c.cookie(name)
	return v
}

func (c *Context) cookie(name string) (string, bool) {
	for _, line := range c.req.Header["Cookie"] {
		if v, ok := cookie.Get(line, name); ok {
			return v, true
		}
	}
	return "", false
}

// SignedCookie returns the value of a signed request cookie ("s:" + value +
// signature) whose signature matches any of Config.CookieSecrets, as
// Express's req.signedCookies[name]. ok is false when the cookie is
// missing, unsigned or tampered with.
func (c *Context) SignedCookie(name string) (value string, ok bool) {
	c.live()
	raw, found := c.cookie(name)
	if !found || len(raw) < 2 || raw[:2] != "s:" {
		return "", false
	}
	return cookie.Unsign(raw[2:], c.app.cfg.CookieSecrets)
}

// CookieJSON decodes a "j:" + JSON request cookie (as set by Cookie with a
// non-string value) into v, as cookie-parser's JSON cookies. A signed
// cookie is verified first. It returns [http.ErrNoCookie] when the cookie
// is missing, and an error when the signature does not match, the value has
// no "j:" prefix or the JSON does not decode into v (wrapping the
// encoding/json error).
func (c *Context) CookieJSON(name string, v any) error {
	c.live()
	raw, found := c.cookie(name)
	if !found {
		return http.ErrNoCookie
	}
	if len(raw) >= 2 && raw[:2] == "s:" {
		var ok bool
		if raw, ok = cookie.Unsign(raw[2:], c.app.cfg.CookieSecrets); !ok {
			return errors.New("expresso: CookieJSON " + strconv.Quote(name) + ": invalid signature")
		}
	}
	js, ok := cookie.JSONValue(raw)
	if !ok {
		return errors.New("expresso: CookieJSON " + strconv.Quote(name) + ": not a j: JSON cookie")
	}
	if err := json.Unmarshal([]byte(js), v); err != nil {
		return fmt.Errorf("expresso: CookieJSON %q: %w", name, err)
	}
	return nil
}
