package expresso_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
)

// apPage is the header of a default error page with Content-Type ct and
// body, plus extra.
func apPage(ct, body string, extra http.Header) http.Header {
	h := http.Header{
		"Content-Type":            {ct},
		"Content-Security-Policy": {"default-src 'none'"},
		"X-Content-Type-Options":  {"nosniff"},
		"Content-Length":          {strconv.Itoa(len(body))},
	}
	for k, vs := range extra {
		h[k] = vs
	}
	return h
}

const (
	apHTML = "text/html; charset=utf-8"
	apText = "text/plain; charset=utf-8"
	apJSON = "application/json; charset=utf-8"
)

// apCoded is an error that is not an *HTTPError but carries a status.
type apCoded struct{}

func (apCoded) Error() string   { return "short and stout" }
func (apCoded) StatusCode() int { return http.StatusTeapot }

func apFail(err error) expresso.Handler {
	return func(*expresso.Context) error { return err }
}

func TestDefaultErrorHandler(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		env     string
		method  string
		target  string
		accept  string
		handler expresso.Handler // on GET /fail (any method)
		status  int
		ct      string
		body    string
		extra   http.Header
	}{
		{name: "should answer 404 Cannot GET /path in HTML without Accept", target: "/foo%20bar?x=1",
			status: 404, ct: apHTML, body: rsFinalHTML("Cannot GET /foo%20bar")},
		{name: "should HTML-escape the path in the 404 page", target: "/a&b'c",
			status: 404, ct: apHTML, body: rsFinalHTML("Cannot GET /a&b'c")},
		{name: "should keep the path percent-encoded in the 404 page", target: "/%3Cscript%3E",
			status: 404, ct: apHTML, body: rsFinalHTML("Cannot GET /%3Cscript%3E")},
		{name: "should name the method in the 404 page", method: http.MethodPost, target: "/nope",
			status: 404, ct: apHTML, body: rsFinalHTML("Cannot POST /nope")},
		{name: "should answer JSON when the client prefers JSON", target: "/nope", accept: "application/json",
			status: 404, ct: apJSON, body: `{"status":404,"message":"Cannot GET /nope"}`},
		{name: "should answer text for text/plain", target: "/nope", accept: "text/plain",
			status: 404, ct: apText, body: "Cannot GET /nope"},
		{name: "should answer text when neither HTML nor JSON is acceptable", target: "/nope", accept: "image/png",
			status: 404, ct: apText, body: "Cannot GET /nope"},
		{name: "should answer HTML when HTML is preferred", target: "/nope", accept: "text/html, application/json;q=0.9",
			status: 404, ct: apHTML, body: rsFinalHTML("Cannot GET /nope")},
		{name: "should answer 405 with Allow for a path of other methods", method: http.MethodPost, target: "/only-get",
			status: 405, ct: apHTML, body: rsFinalHTML("Cannot POST /only-get"), extra: http.Header{"Allow": {"GET, HEAD"}}},
		{name: "should send an HTTPError's status, headers and message",
			handler: apFail(&expresso.HTTPError{Code: 401, Message: "login required",
				Header: http.Header{"WWW-Authenticate": {`Basic realm="admin"`}}}),
			status: 401, ct: apHTML, body: rsFinalHTML("login required"),
			extra: http.Header{"Www-Authenticate": {`Basic realm="admin"`}}},
		{name: "should use the status text of an HTTPError without a message", handler: apFail(expresso.NewHTTPError(403)),
			status: 403, ct: apHTML, body: rsFinalHTML("Forbidden")},
		{name: "should show a 4xx message in production", env: "production",
			handler: apFail(expresso.NewHTTPError(400, "bad", "input")), status: 400, ct: apHTML, body: rsFinalHTML("bad input")},
		{name: "should find an HTTPError wrapped in another error",
			handler: apFail(fmt.Errorf("loading: %w", expresso.NewHTTPError(404, "no such user"))),
			status:  404, ct: apHTML, body: rsFinalHTML("no such user")},
		{name: "should answer 500 with the message in development", env: "development",
			handler: apFail(errors.New("boom")), status: 500, ct: apHTML, body: rsFinalHTML("boom")},
		{name: "should hide a plain error's message in production", env: "production",
			handler: apFail(errors.New("boom")), status: 500, ct: apHTML, body: rsFinalHTML("Internal Server Error")},
		{name: "should show a 5xx HTTPError's message and cause in development", env: "development",
			handler: apFail(expresso.NewHTTPError(503, "db down").WithCause(errors.New("dial tcp: refused"))),
			status:  503, ct: apText, accept: "text/plain", body: "db down: dial tcp: refused"},
		{name: "should hide a 5xx HTTPError's message in production", env: "production",
			handler: apFail(expresso.NewHTTPError(503, "db down")), status: 503, ct: apHTML,
			body: rsFinalHTML("Service Unavailable")},
		{name: "should use the status of an error with StatusCode", env: "development",
			handler: apFail(apCoded{}), status: 418, ct: apHTML, body: rsFinalHTML("short and stout")},
		{name: "should hide the message of a non-HTTPError in production", env: "production",
			handler: apFail(apCoded{}), status: 418, ct: apHTML, body: rsFinalHTML("I'm a Teapot")},
		{name: "should keep a 4xx status set before a plain error", env: "development",
			handler: func(c *expresso.Context) error { c.Status(404); return errors.New("gone") },
			status:  404, ct: apHTML, body: rsFinalHTML("gone")},
		{name: "should show the status text for a set 4xx status in production", env: "production",
			handler: func(c *expresso.Context) error { c.Status(404); return errors.New("gone") },
			status:  404, ct: apHTML, body: rsFinalHTML("Not Found")},
		{name: "should answer 500 for a plain error after a 2xx status", env: "development",
			handler: func(c *expresso.Context) error { c.Status(201); return errors.New("oops") },
			status:  500, ct: apHTML, body: rsFinalHTML("oops")},
		{name: "should turn newlines and double spaces into <br> and &nbsp;", env: "development",
			handler: apFail(errors.New("line1\nline2  x <y>")), status: 500, ct: apHTML,
			body: "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n" +
				"<pre>line1<br>line2 &nbsp;x &lt;y&gt;</pre>\n</body>\n</html>\n"},
		{name: "should encode the message as JSON with <, > and & escaped", env: "development", accept: "application/json",
			handler: apFail(errors.New(`say "hi" <b>&`)), status: 500, ct: apJSON,
			body: `{"status":500,"message":"say \"hi\" \u003cb\u003e\u0026"}`},
		{name: "should keep headers set before the error and drop the body's", env: "development",
			handler: func(c *expresso.Context) error {
				c.Set("X-Custom", "kept").Set("Content-Encoding", "gzip").Set("Content-Language", "en").
					Set("Content-Range", "bytes 0-1/2").Set("ETag", `"x"`)
				if err := c.Cookie("sid", "1"); err != nil {
					return err
				}
				return errors.New("late failure")
			},
			status: 500, ct: apHTML, body: rsFinalHTML("late failure"),
			extra: http.Header{"X-Custom": {"kept"}, "Set-Cookie": {"sid=1; Path=/"}}},
		{name: "should recover a panic into a 500 in development", env: "development",
			handler: func(*expresso.Context) error { panic("kaboom") }, status: 500, ct: apHTML,
			body: rsFinalHTML("expresso: panic: kaboom")},
		{name: "should recover a panic into a bare 500 in production", env: "production",
			handler: func(*expresso.Context) error { panic(errors.New("kaboom")) }, status: 500, ct: apHTML,
			body: rsFinalHTML("Internal Server Error")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, _ := rsApp(expresso.Config{Env: tc.env})
			app.Get("/only-get", func(c *expresso.Context) error { return c.Send("ok") })
			if tc.handler != nil {
				app.All("/fail", tc.handler)
			}
			method, target := tc.method, tc.target
			if method == "" {
				method = http.MethodGet
			}
			if target == "" {
				target = "/fail"
			}
			r := httptest.NewRequest(method, target, nil)
			if tc.accept != "" {
				r.Header.Set("Accept", tc.accept)
			}
			res, body := rsDo(t, app, r)
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, apPage(tc.ct, tc.body, tc.extra), rsHeader(res.Header))
			assert.Equal(t, tc.body, body)
		})
	}
}

func TestDefaultErrorHandlerShouldSendNoBodyToHEAD(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{Env: "development"})
	app.Head("/fail", apFail(errors.New("boom")))
	cases := []struct {
		name, target string
		status       int
		page         string
	}{
		{name: "should answer a HEAD 404 without a body", target: "/nope", status: 404, page: rsFinalHTML("Cannot HEAD /nope")},
		{name: "should answer a HEAD error without a body", target: "/fail", status: 500, page: rsFinalHTML("boom")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, body := rsDo(t, app, httptest.NewRequest(http.MethodHead, tc.target, nil))
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, apPage(apHTML, tc.page, nil), rsHeader(res.Header))
			assert.Equal(t, "", body)
		})
	}
}

func TestDefaultErrorHandlerShouldLogServerErrors(t *testing.T) {
	t.Parallel()
	app, logs := rsApp(expresso.Config{Env: "production"})
	app.Get("/", apFail(errors.New("secret detail")))
	app.Get("/bad", apFail(expresso.NewHTTPError(400)))
	res, body := rsDo(t, app, httptest.NewRequest(http.MethodGet, "/", nil))
	assert.Equal(t, http.StatusInternalServerError, res.StatusCode)
	assert.Equal(t, rsFinalHTML("Internal Server Error"), body)
	assert.Contains(t, logs.String(), `msg="expresso: request failed" status=500 err="secret detail" method=GET path=/`)
	res, _ = rsDo(t, app, httptest.NewRequest(http.MethodGet, "/bad", nil))
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	assert.NotContains(t, logs.String(), "status=400", "client errors are not logged")
}
