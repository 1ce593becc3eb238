package expresso

import (
	"net/http"

	"github.com/expresso-go/expresso/internal/etag"
	"github.com/expresso-go/expresso/internal/fresh"
)

// etagOn reports whether Send computes ETags.
func (c *Context) etagOn() bool {
	return c.app.cfg.ETagFunc != nil || c.app.cfg.ETag != ETagOff
}

// setETag sets the ETag of body per the App's settings: Config.ETagFunc's
// tag (none when it returns ""), else jshttp/etag's.
func (c *Context) setETag(h http.Header, body []byte) {
	cfg := &c.app.cfg
	if cfg.ETagFunc != nil {
		if t := cfg.ETagFunc(body); t != "" {
			h["Etag"] = c.hv(t)
		}
		return
	}
	var buf [etag.MaxLen]byte
	h["Etag"] = c.hvBytes(etag.Append(buf[:0], body, cfg.ETag == ETagWeak))
}

// fresh reports whether the request is fresh for a response with status,
// Express's req.fresh.
func (c *Context) fresh(status int) bool {
	if c.mi != mGet && c.mi != mHead && c.mi != mQuery {
		return false
	}
	if (status < 200 || status > 299) && status != http.StatusNotModified {
		return false
	}
	rh := c.req.Header
	inm, ims := rh["If-None-Match"], rh["If-Modified-Since"]
	if len(inm) == 0 && len(ims) == 0 {
		return false
	}
	return fresh.Fresh(first(inm), first(ims), first(rh["Cache-Control"]), c.res.get("Etag"), c.res.get("Last-Modified"))
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}
