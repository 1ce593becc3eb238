package middleware_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func TestNoCache(t *testing.T) {
	app := expresso.New()
	app.Use(middleware.NoCache())
	app.Get("/", func(c *expresso.Context) error { return c.Send("fresh") })
	app.Get("/own", func(c *expresso.Context) error {
		return c.Set("Cache-Control", "private").Send("mine")
	})
	etag := rtDo(t, app, rtReq("GET", "/")).Header.Get("Etag")
	noCache := func(extra http.Header) http.Header {
		h := http.Header{
			"Cache-Control":     {"no-store, no-cache, must-revalidate, proxy-revalidate"},
			"Pragma":            {"no-cache"},
			"Expires":           {"0"},
			"Surrogate-Control": {"no-store"},
			"Content-Type":      {"text/html; charset=utf-8"},
			"Etag":              {etag},
		}
		for k, v := range extra {
			h[k] = v
		}
		return h
	}
	tests := []struct {
		name   string
		req    *http.Request
		expect rtResp
	}{
		{"sets the four headers", rtReq("GET", "/"),
			rtResp{200, noCache(http.Header{"Content-Length": {"5"}}), "fresh"}},
		{"a matching If-None-Match still gets the full body", rtReq("GET", "/", "If-None-Match", etag),
			rtResp{200, noCache(http.Header{"Content-Length": {"5"}}), "fresh"}},
		{"If-Modified-Since is ignored", rtReq("GET", "/", "If-Modified-Since", "Fri, 04 Dec 2099 00:00:00 GMT"),
			rtResp{200, noCache(http.Header{"Content-Length": {"5"}}), "fresh"}},
		{"the handler may override Cache-Control", rtReq("GET", "/own"),
			rtResp{200, noCache(http.Header{"Content-Length": {"4"}, "Cache-Control": {"private"},
				"Etag": {etagFor("mine")}}), "mine"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.expect, rtDo(t, app, tt.req))
		})
	}
}

func TestNoCachePlainNetHTTP(t *testing.T) {
	h := middleware.NoCache()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = fmt.Fprint(w, r.Header.Get("If-None-Match") == "")
	}))
	got := rtDo(t, h, rtReq("GET", "/", "If-None-Match", `"x"`))
	assert.Equal(t, rtResp{200, http.Header{
		"Cache-Control":     {"no-store, no-cache, must-revalidate, proxy-revalidate"},
		"Pragma":            {"no-cache"},
		"Expires":           {"0"},
		"Surrogate-Control": {"no-store"},
		"Content-Type":      {"text/plain; charset=utf-8"},
	}, "true"}, got)
}

func ExampleNoCache() {
	app := expresso.New()
	app.Use(middleware.NoCache())
	app.Get("/", func(c *expresso.Context) error { return c.Send("always fresh") })
	res := app.Test(rtReq("GET", "/"))
	fmt.Println(res.StatusCode, res.Header.Get("Cache-Control"))
	// Output: 200 no-store, no-cache, must-revalidate, proxy-revalidate
}

func BenchmarkNoCache(b *testing.B) {
	b.Run("bare", func(b *testing.B) { rtBench(b, rtBareApp(), rtReq("GET", "/"), 200) })
	b.Run("NoCache", func(b *testing.B) { rtBench(b, rtBareApp(middleware.NoCache()), rtReq("GET", "/"), 200) })
}
