package middleware

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/internal/cookie"
)

// SessionOptions configures [Session]. Secret (or Secrets) is required;
// everything else defaults as express-session does.
type SessionOptions struct {
	// Secret signs the session cookie (HMAC-SHA256). It must be at least
	// 32 bytes.
	Secret string
	// Secrets, when set instead of Secret, rotate secrets: the first signs,
	// all verify. Each must be at least 32 bytes.
	Secrets []string
	// Name is the cookie name; empty means "sid".
	Name string
	// Store keeps the session data; nil means a [NewMemorySessionStore] of
	// its own.
	Store SessionStore
	// Cookie holds the cookie's attributes. Path defaults to "/"; MaxAge 0
	// makes a browser-session cookie, as express-session's default;
	// Signed is ignored (the cookie is always signed) and HttpOnly is
	// always set unless DisableHTTPOnly.
	Cookie expresso.CookieOptions
	// DisableHTTPOnly lets scripts read the session cookie. Express's
	// default, like this package's, is HttpOnly.
	DisableHTTPOnly bool
	// TTL is how long the store keeps an idle session; 0 means
	// Cookie.MaxAge when set, else 24 hours.
	TTL time.Duration
	// Rolling sends the cookie again with every response, restarting its
	// MaxAge, as express-session's rolling.
	Rolling bool
}

// sessionConfig is SessionOptions checked, with the defaults filled in.
type sessionConfig struct {
	SessionOptions
	secrets []string
	cookie  cookie.Options
}

// sessionKey is the request-context key of a request's sessionRequest.
type sessionKey struct{}

// sessionRequest is the session state of one request, shared by the two
// layers of the middleware.
type sessionRequest struct {
	hookWriter // the writer the rest of the chain writes to
	cfg        *sessionConfig
	sess       *SessionData
	hadCookie  bool
	committed  bool  // saved, touched or left alone
	commitErr  error // the commit made as the headers went out failed
	header     http.Header
	snapshot   http.Header // the headers before the chain ran
}

// Session returns middleware that gives each client a session, as the
// express-session package: a signed cookie ("s:" + id + "." + HMAC, in
// express-session's format) carries a random 256-bit id, the data lives
// in Store, and handlers reach it with [SessionFrom].
//
// An id is only ever made here: a cookie whose signature does not verify,
// whose id is malformed or whose session is not in the store (expired,
// destroyed, or invented by the client) gets a new session with a new id —
// a client-chosen id is never adopted. Call [SessionData.Regenerate] on login.
// The session is saved only when it changed (saveUninitialized and resave
// off): a visitor whose session is never written gets no cookie. An
// unchanged session is touched (its store TTL restarted) on every request,
// and with Rolling its cookie is sent again. The save happens just before
// the response's headers go out, so the cookie is on the response; a
// store failure (loading, saving) becomes a [SessionError], a 500 for the
// error handlers, and the response the handler meant to send is not sent.
//
// Unlike express-session, the default cookie name is "sid" (not
// "connect.sid"), secrets must be at least 32 bytes, values are JSON, and
// Destroy also expires the cookie. Unlike the other middleware here it
// returns an *expresso.Router holding two layers (a writer hook and a
// Context handler); mount it with Use. Options are checked here; a mistake
// panics.
func Session(o SessionOptions) *expresso.Router {
	cfg := sessionConfigure(o)
	rt := expresso.NewRouter()
	rt.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			st := &sessionRequest{cfg: cfg, header: w.Header()}
			if len(st.header) > 0 {
				st.snapshot = st.header.Clone()
			}
			st.ResponseWriter, st.hook = w, st
			next.ServeHTTP(&st.hookWriter, r.WithContext(context.WithValue(r.Context(), sessionKey{}, st)))
		})
	}, func(c *expresso.Context) error {
		st, _ := c.Request().Context().Value(sessionKey{}).(*sessionRequest)
		if st == nil {
			return errors.New("middleware: Session: the request lost its session state")
		}
		if err := st.load(c); err != nil {
			return err
		}
		err := c.Next()
		if st.commitErr != nil {
			return st.commitErr
		}
		if !st.committed {
			if cerr := st.commit(); cerr != nil {
				return cerr
			}
		}
		return err
	})
	return rt
}

// SessionFrom returns the request's [SessionData], or nil when no [Session]
// middleware ran before the handler.
func SessionFrom(c *expresso.Context) *SessionData {
	st, _ := c.Request().Context().Value(sessionKey{}).(*sessionRequest)
	if st == nil {
		return nil
	}
	return st.sess
}

// sessionConfigure checks o and fills in the defaults.
func sessionConfigure(o SessionOptions) *sessionConfig {
	cfg := &sessionConfig{SessionOptions: o}
	switch {
	case o.Secret != "" && len(o.Secrets) > 0:
		panic("middleware: SessionOptions: set Secret or Secrets, not both")
	case o.Secret != "":
		cfg.secrets = []string{o.Secret}
	case len(o.Secrets) > 0:
		cfg.secrets = append([]string(nil), o.Secrets...)
	default:
		panic("middleware: SessionOptions.Secret is required (or Secrets)")
	}
	for _, s := range cfg.secrets {
		if len(s) < 32 {
			panic("middleware: SessionOptions.Secret must be at least 32 bytes")
		}
	}
	if cfg.Name == "" {
		cfg.Name = "sid"
	}
	if cfg.Store == nil {
		cfg.Store = NewMemorySessionStore()
	}
	if o.TTL < 0 || o.Cookie.MaxAge < 0 {
		panic("middleware: SessionOptions.TTL and Cookie.MaxAge must not be negative")
	}
	if cfg.TTL == 0 {
		cfg.TTL = 24 * time.Hour
		if o.Cookie.MaxAge > 0 {
			cfg.TTL = o.Cookie.MaxAge
		}
	}
	if strings.EqualFold(o.Cookie.SameSite, "none") && !o.Cookie.Secure {
		panic("middleware: SessionOptions.Cookie: SameSite None requires Secure")
	}
	cfg.cookie = cookie.Options{Domain: o.Cookie.Domain, Path: o.Cookie.Path, HTTPOnly: !o.DisableHTTPOnly,
		Secure: o.Cookie.Secure, Partitioned: o.Cookie.Partitioned, Priority: o.Cookie.Priority,
		SameSite: o.Cookie.SameSite, Encode: o.Cookie.Encode, Expires: o.Cookie.Expires}
	if cfg.cookie.Path == "" {
		cfg.cookie.Path = "/"
	}
	if _, err := cookie.Serialize(cfg.Name, "s:"+cookie.Sign(newSessionID(), cfg.secrets[0]), cfg.cookie); err != nil {
		panic("middleware: SessionOptions: the session cookie cannot be sent: " + err.Error())
	}
	return cfg
}

// load reads the session the request's cookie names, or starts a new one.
func (st *sessionRequest) load(c *expresso.Context) error {
	ctx := c.Request().Context()
	s := &SessionData{ctx: ctx, store: st.cfg.Store}
	st.sess = s
	raw := c.Cookies(st.cfg.Name)
	st.hadCookie = raw != ""
	if id, ok := st.cfg.unsign(raw); ok {
		data, found, err := st.cfg.Store.Get(ctx, id)
		if err != nil {
			return &SessionError{Op: "load", Err: err}
		}
		if found {
			if err := s.decode(data); err != nil {
				return &SessionError{Op: "decode", Err: err}
			}
			s.id, s.loaded = id, true
			return nil
		}
	}
	s.id = newSessionID()
	return nil
}

// unsign returns the id in a session cookie value when its signature
// verifies and it has the form of an id this middleware makes.
func (cfg *sessionConfig) unsign(raw string) (string, bool) {
	if len(raw) < 2 || raw[:2] != "s:" {
		return "", false
	}
	id, ok := cookie.Unsign(raw[2:], cfg.secrets)
	return id, ok && validSessionID(id)
}

// beforeHeaders is the writer hook: it commits the session while the
// headers can still change. A failure withholds the response.
func (st *sessionRequest) beforeHeaders(int) error {
	if st.committed || st.sess == nil {
		return nil
	}
	if err := st.commit(); err != nil {
		st.commitErr = err
		// Back to the headers from before the chain, for the error page.
		clear(st.header)
		for k, v := range st.snapshot {
			st.header[k] = v
		}
		return err
	}
	return nil
}

// commit saves a changed session, touches an unchanged stored one, and
// sets or clears the cookie.
func (st *sessionRequest) commit() error {
	st.committed = true
	s, cfg := st.sess, st.cfg
	if s.err != nil {
		return s.err
	}
	switch {
	case s.changed:
		data, err := s.encode()
		if err != nil {
			return &SessionError{Op: "encode", Err: err}
		}
		if err := cfg.Store.Set(s.ctx, s.id, data, cfg.TTL); err != nil {
			return &SessionError{Op: "save", Err: err}
		}
		s.loaded = true
		return st.setCookie(false)
	case s.loaded:
		if err := cfg.Store.Touch(s.ctx, s.id, cfg.TTL); err != nil {
			return &SessionError{Op: "touch", Err: err}
		}
		if cfg.Rolling {
			return st.setCookie(false)
		}
	case s.cleared && st.hadCookie:
		return st.setCookie(true)
	}
	return nil
}

// setCookie adds the Set-Cookie header for the session, or one expiring
// the cookie.
func (st *sessionRequest) setCookie(expire bool) error {
	cfg := st.cfg
	o := cfg.cookie
	val := ""
	if expire {
		o.Expires = time.UnixMilli(1)
	} else {
		val = "s:" + cookie.Sign(st.sess.id, cfg.secrets[0])
		if cfg.Cookie.MaxAge > 0 {
			secs := int64(cfg.Cookie.MaxAge / time.Second)
			o.MaxAge = &secs
			o.Expires = time.Now().Add(cfg.Cookie.MaxAge)
		}
	}
	line, err := cookie.Serialize(cfg.Name, val, o)
	if err != nil {
		return &SessionError{Op: "cookie", Err: err}
	}
	st.header["Set-Cookie"] = append(st.header["Set-Cookie"], line)
	return nil
}
