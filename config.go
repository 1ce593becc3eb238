package expresso

import (
	"io/fs"
	"log/slog"
	"time"
)

// ETagMode selects how [Context.Send] computes the ETag header, Express's
// "etag" setting.
type ETagMode uint8

const (
	// ETagWeak produces weak ETags (W/"len-hash"), Express's default.
	ETagWeak ETagMode = iota
	// ETagStrong produces strong ETags ("len-hash").
	ETagStrong
	// ETagOff disables ETags and with them conditional GET for Send.
	ETagOff
)

// ViewCacheMode says whether views are cached, Express's "view cache"
// setting.
type ViewCacheMode uint8

const (
	// ViewCacheAuto caches views in production and not otherwise, as
	// Express does.
	ViewCacheAuto ViewCacheMode = iota
	// ViewCacheOn caches view lookups and parsed templates: a changed file
	// is not read again until the App is restarted.
	ViewCacheOn
	// ViewCacheOff looks views up on every render and lets engines re-parse
	// templates that changed on disk.
	ViewCacheOff
)

// Config holds an application's settings. The zero value means Express's
// defaults; where Express defaults a setting to on, the field is phrased as
// its opposite so that the zero value stays the default. It replaces
// Express's string-keyed app.set.
type Config struct {
	// Env is the environment, Express's "env" setting. Empty means the
	// EXPRESSO_ENV environment variable, else "development". In
	// "production" error pages hide 5xx details and call stacks are not
	// recorded for refused sends.
	Env string

	// ETag selects weak (default), strong or no ETags for Send.
	ETag ETagMode
	// ETagFunc, when set, computes the ETag for a body instead of ETag;
	// it returns "" for none.
	ETagFunc func(body []byte) string

	// JSONIndent indents JSON and JSONP bodies with this string, Express's
	// "json spaces" (2 is "  "). Empty means compact.
	JSONIndent string
	// JSONEscape escapes <, > and & in JSON and JSONP bodies as \u003c,
	// \u003e and \u0026, Express's "json escape". Off by default, as in
	// Express (Go's encoding/json escapes them by default; we do not).
	JSONEscape bool
	// JSONPCallback is the query parameter that names the JSONP callback,
	// Express's "jsonp callback name". Empty means "callback".
	JSONPCallback string

	// TrustProxy decides which proxies are trusted for IP, IPs, Protocol
	// and Hostname, Express's "trust proxy": false or nil (default) trusts
	// none; true trusts all; an int N trusts the first N hops; a string
	// (comma-separated) or []string lists IPs, CIDRs and the names
	// loopback, linklocal and uniquelocal; a func(addr string, hop int)
	// bool decides itself. Anything else makes New panic.
	TrustProxy any

	// CaseSensitive makes routing case-sensitive ("/Foo" is not "/foo").
	CaseSensitive bool
	// StrictRouting makes routing strict about a trailing slash ("/foo/"
	// is not "/foo").
	StrictRouting bool

	// SubdomainOffset is the number of dot-separated parts removed from
	// the end of the host name for Subdomains. Zero means 2, Express's
	// default; a negative value means 0.
	SubdomainOffset int

	// CookieSecrets sign and verify signed cookies: the first signs, all
	// verify, so a secret can be rotated by putting the new one first.
	CookieSecrets []string

	// BodyLimit caps the request body read by Body and Bind, in bytes.
	// Zero means 1 MiB; a negative value means no limit.
	BodyLimit int64

	// BodyMinRate is the slowest average rate, in bytes per second, at
	// which Body, Bind and MultipartForm accept a request body once
	// BodyMinRateGrace has passed: by the time t after the read started,
	// BodyMinRate × (t − grace) bytes must have arrived, else the read
	// fails with a 408 and the connection is closed. Zero means 1024; a
	// negative value means no minimum. Real uploads, even over a poor
	// mobile link, send far faster; a client trickling a byte every few
	// seconds (slowloris) is cut at the end of the grace period instead of
	// holding the connection until ReadTimeout. While the body is read
	// the connection's read deadline follows this rate, in place of the
	// server's ReadTimeout. Express has no such limit (Node's
	// requestTimeout, 300 s, bounds the whole request).
	BodyMinRate int64
	// BodyMinRateGrace is how long a body may take before BodyMinRate
	// applies. Zero or negative means 5 seconds.
	BodyMinRateGrace time.Duration

	// Validator, when set, is called by Bind with the decoded value; an
	// error it returns becomes a 400 (see [Context.Bind]).
	Validator Validator
	// Views lists the directories views are looked up in, in order,
	// Express's "views" setting: relative to the working directory, or
	// slash-separated paths inside ViewsFS when it is set. Nil or empty
	// means ["views"].
	Views []string
	// ViewsFS, when set, is the file system views are read from (an
	// embed.FS, os.DirFS, fstest.MapFS); nil means the disk.
	ViewsFS fs.FS
	// ViewEngine is the extension given to view names that have none,
	// Express's "view engine" ("html" or ".html"). Empty means none: Render
	// of a name without an extension is then an error.
	ViewEngine string
	// ViewCache caches view lookups and parsed templates, Express's "view
	// cache": ViewCacheAuto (the zero value) turns it on in production
	// only.
	ViewCache ViewCacheMode

	// PoweredBy adds "X-Powered-By: expresso" to every response. Off by
	// default (Express turns its header on).
	PoweredBy bool

	// Logger receives errors that cannot reach the client: refused sends
	// recorded by setters, errors after a response finished, recovered
	// panics. Nil means slog.Default(). A recovered panic is logged with
	// its stack for the first five panics of each call site a minute; the
	// rest are counted and logged as one line when the minute ends.
	Logger *slog.Logger

	// ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout
	// configure the server started by Listen, ListenTLS and Serve; zero
	// means 10s, 60s, 60s and 120s. ShutdownTimeout bounds the shutdown
	// that follows SIGINT or SIGTERM (see [App.Shutdown]): zero means 10s.
	// In-flight requests get until then; a tenth of it before the end
	// (at most a second) their contexts are cancelled, and at the end the
	// connections still open are closed.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout, ShutdownTimeout time.Duration
	// MaxHeaderBytes caps the size of a request's line and headers for
	// the server; a request over it is answered 431. Zero means 64 KiB,
	// four times Node's 16 KiB and more than browsers send (net/http's
	// own default is 1 MiB, which lets each connection that sends a huge
	// unfinished header hold over a megabyte).
	MaxHeaderBytes int
	// MaxConns caps the connections the server keeps open at once: when
	// it is reached, new connections wait in the listen backlog until one
	// closes. Zero means no cap. A cap bounds memory under floods of slow
	// or oversized requests; set it well above the expected concurrency.
	// A negative MaxConns or MaxHeaderBytes makes Listen, ListenTLS and
	// Serve panic.
	MaxConns int
}

// Defaults for the server started by Listen.
const (
	defaultReadHeaderTimeout = 10 * time.Second
	defaultReadTimeout       = 60 * time.Second
	defaultWriteTimeout      = 60 * time.Second
	defaultIdleTimeout       = 120 * time.Second
	defaultShutdownTimeout   = 10 * time.Second
	defaultMaxHeaderBytes    = 64 << 10
	defaultBodyLimit         = 1 << 20
	defaultBodyMinRate       = 1024
	defaultBodyMinRateGrace  = 5 * time.Second
)

// orDuration returns d, or def when d is zero.
func orDuration(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}
