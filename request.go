package expresso

import (
	"net"
	"net/http"
	"strings"

	"github.com/expresso-go/expresso/internal/mimetypes"
	"github.com/expresso-go/expresso/internal/negotiate"
	"github.com/expresso-go/expresso/internal/proxyaddr"
	"github.com/expresso-go/expresso/internal/typeis"
)

// Accepts returns the offered type the request's Accept header prefers, or
// "" when it accepts none, Express's req.accepts: offers are media types or
// extensions ("json", "html") and the argument is returned as given;
// without an Accept header the first offer wins. Ties on q-value go to the
// more specific match, then header order, then offer order. With no
// offers it returns the most preferred type of the header.
func (c *Context) Accepts(types ...string) string {
	c.live()
	accept, has := c.req.Header["Accept"]
	if len(types) == 0 {
		if !has {
			return "*/*"
		}
		if all := negotiate.MediaTypes(strings.Join(accept, ",")); len(all) > 0 {
			return all[0]
		}
		return ""
	}
	if !has {
		return types[0]
	}
	var buf [8]string
	full := buf[:0]
	for _, t := range types {
		if !strings.Contains(t, "/") {
			t = mimetypes.Lookup(t)
		}
		full = append(full, t)
	}
	if i := negotiate.MediaType(joined(accept), full); i >= 0 && full[i] != "" {
		return types[i]
	}
	return ""
}

// prefer returns the index of the offer (full media types) the Accept
// header prefers: the first when there is no Accept header, -1 when none
// is acceptable.
func (c *Context) prefer(offers []string) int {
	accept, has := c.req.Header["Accept"]
	if !has {
		return 0
	}
	return negotiate.MediaType(joined(accept), offers)
}

// joined returns the header lines as one comma list, without allocating
// for the usual single line.
func joined(vs []string) string {
	if len(vs) == 1 {
		return vs[0]
	}
	return strings.Join(vs, ",")
}

// AcceptsCharsets returns the offered charset Accept-Charset prefers, or
// "", Express's req.acceptsCharsets. A missing header accepts any.
func (c *Context) AcceptsCharsets(charsets ...string) string {
	return c.acceptsSimple("Accept-Charset", charsets, negotiate.Charset, negotiate.Charsets)
}

// AcceptsEncodings returns the offered encoding Accept-Encoding prefers,
// or "", Express's req.acceptsEncodings. A missing header accepts only
// identity, which is acceptable unless excluded.
func (c *Context) AcceptsEncodings(encodings ...string) string {
	return c.acceptsSimple("Accept-Encoding", encodings, negotiate.Encoding, negotiate.Encodings)
}

// AcceptsLanguages returns the offered language Accept-Language prefers,
// or "", Express's req.acceptsLanguages. A missing header accepts any.
func (c *Context) AcceptsLanguages(langs ...string) string {
	return c.acceptsSimple("Accept-Language", langs, negotiate.Language, negotiate.Languages)
}

func (c *Context) acceptsSimple(field string, offers []string,
	best func(string, bool, []string) int, all func(string, bool) []string) string {
	c.live()
	vs, has := c.req.Header[field]
	h := ""
	if has {
		h = joined(vs)
	}
	if len(offers) == 0 {
		if l := all(h, has); len(l) > 0 {
			return l[0]
		}
		return ""
	}
	if i := best(h, has, offers); i >= 0 {
		return offers[i]
	}
	return ""
}

// Is returns the first of types that matches the request's Content-Type,
// or "" when none does or the request has no body, Express's req.is: an
// extension or type given is returned as given, one with "*" or starting
// with "+" yields the actual media type.
func (c *Context) Is(types ...string) string {
	c.live()
	if !c.hasBody() {
		return ""
	}
	ct := first(c.req.Header["Content-Type"])
	if len(types) == 0 {
		t, _, _ := strings.Cut(ct, ";")
		return strings.ToLower(strings.TrimSpace(t))
	}
	m, _ := typeis.Is(ct, types...)
	return m
}

// hasBody reports whether the request has a body, as type-is decides it.
func (c *Context) hasBody() bool {
	r := c.req
	return len(r.TransferEncoding) > 0 || r.ContentLength > 0 ||
		r.ContentLength == 0 && len(r.Header["Content-Length"]) > 0
}

// IP returns the client address, Express's req.ip: the socket address, or
// with Config.TrustProxy the nearest untrusted X-Forwarded-For entry.
func (c *Context) IP() string {
	c.live()
	return proxyaddr.Addr(proxyaddr.StripPort(c.req.RemoteAddr), c.req.Header["X-Forwarded-For"], c.app.trust)
}

// IPs returns the X-Forwarded-For addresses from the farthest to the
// nearest trusted one, Express's req.ips; empty without trusted proxies.
func (c *Context) IPs() []string {
	c.live()
	return proxyaddr.IPs(proxyaddr.StripPort(c.req.RemoteAddr), c.req.Header["X-Forwarded-For"], c.app.trust)
}

// trusted reports whether the socket peer is a trusted proxy.
func (c *Context) trusted() bool {
	return c.app.trust(proxyaddr.StripPort(c.req.RemoteAddr), 0)
}

// Protocol returns "https" or "http", Express's req.protocol: from the TLS
// state, or from X-Forwarded-Proto when the peer is a trusted proxy.
func (c *Context) Protocol() string {
	c.live()
	proto := "http"
	if c.req.TLS != nil {
		proto = "https"
	}
	if !c.trusted() {
		return proto
	}
	if xfp := first(c.req.Header["X-Forwarded-Proto"]); xfp != "" {
		p, _, _ := strings.Cut(xfp, ",")
		return strings.TrimSpace(p)
	}
	return proto
}

// Secure reports whether Protocol is "https", Express's req.secure.
func (c *Context) Secure() bool { return c.Protocol() == "https" }

// Host returns the host with its port, Express 5's req.host: the Host
// header, or X-Forwarded-Host's first entry when the peer is trusted.
func (c *Context) Host() string {
	c.live()
	h := c.req.Host
	if c.trusted() {
		if xfh := first(c.req.Header["X-Forwarded-Host"]); xfh != "" {
			h, _, _ = strings.Cut(xfh, ",")
			h = strings.TrimRight(h, " \t")
		}
	}
	return h
}

// Hostname returns Host without its port (IPv6 keeps its brackets),
// Express's req.hostname.
func (c *Context) Hostname() string {
	h := c.Host()
	if h == "" {
		return ""
	}
	start := 0
	if h[0] == '[' {
		if i := strings.IndexByte(h, ']'); i >= 0 {
			start = i
		}
	}
	if i := strings.IndexByte(h[start:], ':'); i >= 0 {
		return h[:start+i]
	}
	return h
}

// Subdomains returns the host name's subdomains, nearest last removed by
// Config.SubdomainOffset (2): "tobi.ferrets.example.com" gives
// ["ferrets", "tobi"], Express's req.subdomains.
func (c *Context) Subdomains() []string {
	host := c.Hostname()
	if host == "" {
		return []string{}
	}
	offset := c.app.cfg.SubdomainOffset
	if offset == 0 {
		offset = 2
	} else if offset < 0 {
		offset = 0
	}
	var parts []string
	if net.ParseIP(strings.Trim(host, "[]")) != nil {
		parts = []string{host}
	} else {
		parts = strings.Split(host, ".")
		for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
			parts[i], parts[j] = parts[j], parts[i]
		}
	}
	if offset >= len(parts) {
		return []string{}
	}
	return parts[offset:]
}

// XHR reports whether X-Requested-With is XMLHttpRequest (any case),
// Express's req.xhr.
func (c *Context) XHR() bool {
	c.live()
	return strings.EqualFold(first(c.req.Header["X-Requested-With"]), "xmlhttprequest")
}

// Fresh reports whether the client's cached copy is still valid for the
// response as it stands (its ETag and Last-Modified), Express's req.fresh:
// only for GET, HEAD and QUERY with a 2xx or 304 status.
func (c *Context) Fresh() bool { c.live(); return c.fresh(c.res.status) }

// Stale is !Fresh, Express's req.stale.
func (c *Context) Stale() bool { return !c.Fresh() }

var _ http.Handler = (*App)(nil)
