package middleware

import (
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/expresso-go/expresso"
)

// RateLimitOptions configures [RateLimit]. The zero value is
// express-rate-limit's default: 100 requests per minute per client IP,
// counted in memory.
type RateLimitOptions struct {
	// Limit is the number of requests a key may make per Window; 0 means
	// 100. A negative value panics.
	Limit int
	// Window is the length of a window; 0 means one minute. Windows are
	// counted in whole milliseconds; anything below one millisecond panics.
	Window time.Duration
	// Key returns the key a request is counted under; nil means the client
	// address, [expresso.Context.IP] (which honours Config.TrustProxy),
	// with IPv6 addresses reduced to their IPv6Subnet. An empty key is
	// counted like any other.
	Key func(c *expresso.Context) string
	// IPv6Subnet is the prefix length the default Key counts IPv6 clients
	// by, since one client usually holds a whole /64 or more; 0 means 56,
	// as express-rate-limit's ipv6Subnet. 128 counts each address. Values
	// outside 1–128 panic.
	IPv6Subnet int
	// Store keeps the counts; nil means a [NewMemoryRateLimitStore] of its
	// own. Share one store (such as redisstore's) between processes to
	// share one budget.
	Store RateLimitStore
	// Prefix is prepended to every key, so that limiters with different
	// windows can share one store.
	Prefix string
	// Sliding estimates a sliding window from the current and previous
	// fixed windows (the previous count weighted by the share of it still
	// inside the last Window), instead of resetting at each window's end.
	Sliding bool
	// PassOnStoreError lets requests through when the store fails (fail
	// open), logging the error with [slog.Default]; false answers them 500
	// through the error handlers (fail closed), as express-rate-limit's
	// passOnStoreError.
	PassOnStoreError bool
	// Message is the body of the 429 answer, sent through the error
	// handlers; empty means "Too many requests, please try again later."
	Message string
}

// RateLimit returns middleware that limits how many requests each key
// (by default each client IP) may make per window, as the
// express-rate-limit package. Every response it passes gets the draft-6
// IETF headers RateLimit-Policy ("100;w=60"), RateLimit-Limit,
// RateLimit-Remaining and RateLimit-Reset (seconds until the window ends);
// a request over the limit gets, in addition, Retry-After (seconds) and a
// 429 [expresso.HTTPError] carrying Message, which the error handlers
// answer. Refused requests count too, as in express-rate-limit.
//
// By default IPv6 clients are counted by their /56, as in express-rate-limit
// 8. Unlike express-rate-limit it does not send the legacy X-RateLimit-*
// headers, its windows start at each key's first request rather than at
// one global timer, and a Limit of 0 means the default rather than
// refusing everything. With Sliding, Retry-After is the estimated time
// until a request would pass. Options are checked here; a mistake panics.
func RateLimit(o RateLimitOptions) expresso.Handler {
	o = rateLimitConfig(o)
	limit := strconv.Itoa(o.Limit)
	policy := limit + ";w=" + strconv.FormatInt(ceilSeconds(o.Window), 10)
	return func(c *expresso.Context) error {
		hit, err := o.Store.Hit(c.Request().Context(), o.Prefix+o.Key(c), o.Window)
		if err != nil {
			if o.PassOnStoreError {
				slog.Default().ErrorContext(c.Request().Context(), "middleware: RateLimit store failed; letting the request through",
					"err", err, "method", c.Method(), "path", c.Path())
				return c.Next()
			}
			return &RateLimitStoreError{err}
		}
		used := hit.Count
		if o.Sliding && hit.Previous > 0 {
			used += int(float64(hit.Previous) * float64(hit.ResetIn) / float64(o.Window))
		}
		// One allocation for the values; each header gets its own
		// full-capacity slice of it, so an append cannot reach another.
		v := &[5]string{policy, limit, strconv.Itoa(max(0, o.Limit-used)),
			strconv.FormatInt(ceilSeconds(hit.ResetIn), 10)}
		h := c.Response().Header()
		h["Ratelimit-Policy"] = v[0:1:1]
		h["Ratelimit-Limit"] = v[1:2:2]
		h["Ratelimit-Remaining"] = v[2:3:3]
		h["Ratelimit-Reset"] = v[3:4:4]
		if used <= o.Limit {
			return c.Next()
		}
		v[4] = strconv.FormatInt(ceilSeconds(o.retryAfter(hit)), 10)
		h["Retry-After"] = v[4:5:5]
		return &expresso.HTTPError{Code: http.StatusTooManyRequests, Message: o.Message}
	}
}

// rateLimitConfig checks the options and fills in the defaults.
func rateLimitConfig(o RateLimitOptions) RateLimitOptions {
	switch {
	case o.Limit < 0:
		panic("middleware: RateLimitOptions.Limit must not be negative, got " + strconv.Itoa(o.Limit))
	case o.Limit == 0:
		o.Limit = 100
	}
	switch {
	case o.Window == 0:
		o.Window = time.Minute
	case o.Window < time.Millisecond:
		panic("middleware: RateLimitOptions.Window must be at least 1ms, got " + o.Window.String())
	}
	o.Window = o.Window.Truncate(time.Millisecond)
	switch {
	case o.IPv6Subnet == 0:
		o.IPv6Subnet = 56
	case o.IPv6Subnet < 1 || o.IPv6Subnet > 128:
		panic("middleware: RateLimitOptions.IPv6Subnet must be within 1–128, got " + strconv.Itoa(o.IPv6Subnet))
	}
	if o.Key == nil {
		bits := o.IPv6Subnet
		o.Key = func(c *expresso.Context) string { return clientKey(c.IP(), bits) }
	}
	if o.Store == nil {
		o.Store = NewMemoryRateLimitStore()
	}
	if o.Message == "" {
		o.Message = "Too many requests, please try again later."
	}
	return o
}

// clientKey returns ip, or for an IPv6 address its /bits network.
func clientKey(ip string, bits int) string {
	if bits == 128 || strings.IndexByte(ip, ':') < 0 {
		return ip
	}
	a, err := netip.ParseAddr(ip)
	if err != nil || a.Is4In6() {
		return ip
	}
	p, err := a.Prefix(bits)
	if err != nil {
		return ip
	}
	return p.String()
}

// retryAfter returns how long a refused client should wait. For a fixed
// window that is the end of the window; for a sliding one, the moment the
// weighted count of the next request drops to the limit.
func (o *RateLimitOptions) retryAfter(hit RateLimitHit) time.Duration {
	if !o.Sliding {
		return hit.ResetIn
	}
	// In float64: durations in nanoseconds times counts overflow int64.
	w, reset := float64(o.Window), float64(hit.ResetIn)
	if hit.Count < o.Limit && hit.Previous > 0 {
		// Previous·(ResetIn−t)/W + Count + 1 ≤ Limit
		t := reset - w*float64(o.Limit-hit.Count-1)/float64(hit.Previous)
		return time.Duration(max(t, 0))
	}
	// Wait for the next window, where this window's count is the
	// previous one: Count·(W−t)/W + 1 ≤ Limit.
	t := w - w*float64(o.Limit-1)/float64(hit.Count)
	return hit.ResetIn + time.Duration(max(t, 0))
}

// ceilSeconds returns d in whole seconds, rounded up.
func ceilSeconds(d time.Duration) int64 {
	return int64((d + time.Second - 1) / time.Second)
}

// RateLimitStoreError is the error [RateLimit] returns when its store
// fails and PassOnStoreError is off: a 500 for the error handlers, which
// in production show only the status text.
type RateLimitStoreError struct {
	// Err is the store's error.
	Err error
}

// StatusCode returns 500.
func (e *RateLimitStoreError) StatusCode() int { return http.StatusInternalServerError }

// Error returns the store's error with a prefix naming the middleware.
func (e *RateLimitStoreError) Error() string { return "middleware: RateLimit store: " + e.Err.Error() }

// Unwrap returns the store's error.
func (e *RateLimitStoreError) Unwrap() error { return e.Err }
