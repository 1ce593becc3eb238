package middleware

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"time"
)

// ProxyOptions configures [Proxy]. The zero value forwards with
// [http.DefaultTransport], keeps the client's Host header and adds the
// X-Forwarded-* headers.
type ProxyOptions struct {
	// Transport makes the upstream requests; nil means
	// [http.DefaultTransport].
	Transport http.RoundTripper
	// ChangeOrigin sends the target's host as the Host header instead of
	// the client's, as http-proxy-middleware's changeOrigin.
	ChangeOrigin bool
	// ModifyResponse, when set, may change the upstream response before it
	// is copied to the client; an error answers 502.
	ModifyResponse func(*http.Response) error
	// AppendForwardedFor appends the client's address to the
	// X-Forwarded-For the request came with. Set it only when every client
	// reaches this server through proxies you trust: otherwise a client
	// can write any address it likes in front of its own.
	AppendForwardedFor bool
	// FlushInterval is how often the body is flushed while it is copied; 0
	// flushes only at the end (streamed responses, such as server-sent
	// events, are flushed at once anyway), negative after every write.
	FlushInterval time.Duration
}

// Proxy returns a handler that forwards requests to target, an http or
// https URL, over [httputil.ReverseProxy], as the http-proxy-middleware
// package. Mounted with app.Use("/api", middleware.Proxy(target)) it
// receives the path relative to the mount prefix, so /api/users goes to
// target's path + "/users" (with the query string kept). It sets
// X-Forwarded-For to the client's address (replacing the one received,
// unless AppendForwardedFor), X-Forwarded-Host and X-Forwarded-Proto, and
// drops hop-by-hop headers both ways. When the upstream cannot be reached it answers 502 "Bad
// Gateway" (504 "Gateway Timeout" on a timeout) and logs the error with
// [slog.Default], unless the client went away.
//
// Unlike http-proxy-middleware it adds the X-Forwarded-* headers by
// default (its xfwd option is off by default). It is a terminal
// [http.Handler], not a middleware: nothing runs after it. A target that is
// not an absolute http(s) URL panics here.
func Proxy(target string, opts ...ProxyOptions) http.Handler {
	var o ProxyOptions
	switch len(opts) {
	case 0:
	case 1:
		o = opts[0]
	default:
		panic("middleware: Proxy takes at most one ProxyOptions")
	}
	u, err := url.Parse(target)
	if err != nil {
		panic("middleware: Proxy: target " + `"` + target + `"` + " is not a URL: " + err.Error())
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		panic("middleware: Proxy: target " + `"` + target + `"` + " must be an absolute http or https URL")
	}
	return &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(u)
			if xff, ok := pr.In.Header["X-Forwarded-For"]; ok && o.AppendForwardedFor {
				pr.Out.Header["X-Forwarded-For"] = append([]string(nil), xff...)
			}
			pr.SetXForwarded()
			if !o.ChangeOrigin {
				pr.Out.Host = pr.In.Host
			}
		},
		Transport:      o.Transport,
		ModifyResponse: o.ModifyResponse,
		FlushInterval:  o.FlushInterval,
		ErrorHandler:   proxyError,
	}
}

// proxyError answers a failed upstream request: 504 on a timeout, else
// 502.
func proxyError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() == nil || !errors.Is(err, context.Canceled) {
		slog.Default().ErrorContext(r.Context(), "middleware: Proxy: upstream request failed", "err", err,
			"method", r.Method, "path", r.URL.Path)
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		http.Error(w, "Gateway Timeout", http.StatusGatewayTimeout)
		return
	}
	http.Error(w, "Bad Gateway", http.StatusBadGateway)
}
