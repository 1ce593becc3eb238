package expresso

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
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
	c.live()
	if len(opts) > 1 {
		return errors.New("expresso: Cookie takes at most one CookieOptions")
	}
	if c.res.state != Head {
		return c.res.refuse("Cookie", ErrHeadersSent)
	}
	var o CookieOptions
	if len(opts) == 1 {
		o = opts[0]
	}
	val, err := cookieValue(value)
	if err != nil {
		return err
	}
	return c.setCookie("Cookie", name, val, o, time.Now())
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

// cookieValue formats a cookie value as Express does.
func cookieValue(v any) (string, error) {
	switch t := v.(type) {
	case string:
		return t, nil
	case []byte:
		return string(t), nil
	case bool:
		return strconv.FormatBool(t), nil
	case int:
		return strconv.Itoa(t), nil
	case int64:
		return strconv.FormatInt(t, 10), nil
	case int32:
		return strconv.FormatInt(int64(t), 10), nil
	case uint:
		return strconv.FormatUint(uint64(t), 10), nil
	case uint64:
		return strconv.FormatUint(t, 10), nil
	case uint32:
		return strconv.FormatUint(uint64(t), 10), nil
	case float64:
		return strconv.FormatFloat(t, 'g', -1, 64), nil
	case float32:
		return strconv.FormatFloat(float64(t), 'g', -1, 32), nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", &cookieError{call: "Cookie", msg: "value cannot be encoded as JSON: " + err.Error()}
	}
	return "j:" + string(bytes.TrimSuffix(b.Bytes(), []byte("\n"))), nil
}

// ClearCookie expires the cookie, Express 5's res.clearCookie: the value is
// empty and Expires is the epoch; opts' MaxAge and Expires are ignored, its
// Path (default "/") and Domain must match the cookie's.
func (c *Context) ClearCookie(name string, opts ...CookieOptions) error {
	c.live()
	if len(opts) > 1 {
		return errors.New("expresso: ClearCookie takes at most one CookieOptions")
	}
	if c.res.state != Head {
		return c.res.refuse("ClearCookie", ErrHeadersSent)
	}
	var o CookieOptions
	if len(opts) == 1 {
		o = opts[0]
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
// cookie is verified first. It returns http.ErrNoCookie when the cookie is
// missing.
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
	return json.Unmarshal([]byte(js), v)
}
