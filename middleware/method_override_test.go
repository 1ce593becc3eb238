package middleware_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// overrideReq builds a request with an optional URL-encoded body.
func overrideReq(method, body string, headers ...string) *http.Request {
	var r *http.Request
	if body == "" {
		r = httptest.NewRequest(method, "/", nil)
	} else {
		r = httptest.NewRequest(method, "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	return r
}

func TestMethodOverrideNetHTTP(t *testing.T) {
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		_, _ = fmt.Fprintf(w, "%s %s", r.Method, b)
	})
	vary := http.Header{"Vary": {"X-Http-Method-Override"}, "Content-Type": {"text/plain; charset=utf-8"}}
	plain := http.Header{"Content-Type": {"text/plain; charset=utf-8"}}
	big := "_method=DELETE&pad=" + strings.Repeat("x", 64)
	tests := []struct {
		name   string
		opts   []middleware.MethodOverrideOptions
		req    *http.Request
		expect rtResp
	}{
		{"header overrides a POST", nil, overrideReq("POST", "", "X-HTTP-Method-Override", "DELETE"),
			rtResp{200, vary, "DELETE "}},
		{"header value is case-insensitive", nil, overrideReq("POST", "", "X-HTTP-Method-Override", " patch "),
			rtResp{200, vary, "PATCH "}},
		{"form field overrides and the body is still readable", nil, overrideReq("POST", "_method=put&a=1"),
			rtResp{200, vary, "PUT _method=put&a=1"}},
		{"header wins over the form field", nil, overrideReq("POST", "_method=PUT", "X-HTTP-Method-Override", "DELETE"),
			rtResp{200, vary, "DELETE _method=PUT"}},
		{"GET is never overridden", nil, overrideReq("GET", "", "X-HTTP-Method-Override", "DELETE"),
			rtResp{200, plain, "GET "}},
		{"a method outside the list is ignored", nil, overrideReq("POST", "", "X-HTTP-Method-Override", "CONNECT"),
			rtResp{200, vary, "POST "}},
		{"garbage is ignored", nil, overrideReq("POST", "", "X-HTTP-Method-Override", "DELETE\x00GET"),
			rtResp{200, vary, "POST "}},
		{"an unknown method is ignored", nil, overrideReq("POST", "_method=PROPFIND"),
			rtResp{200, vary, "POST _method=PROPFIND"}},
		{"a body over the limit is passed on whole, not overridden",
			[]middleware.MethodOverrideOptions{{MaxFormBytes: 32}}, overrideReq("POST", big),
			rtResp{200, vary, "POST " + big}},
		{"a JSON body is not parsed", nil, func() *http.Request {
			r := httptest.NewRequest("POST", "/", strings.NewReader(`{"_method":"DELETE"}`))
			r.Header.Set("Content-Type", "application/json")
			return r
		}(), rtResp{200, vary, `POST {"_method":"DELETE"}`}},
		{"header disabled, no Vary", []middleware.MethodOverrideOptions{{Header: "-"}},
			overrideReq("POST", "_method=DELETE", "X-HTTP-Method-Override", "PUT"),
			rtResp{200, plain, "DELETE _method=DELETE"}},
		{"form disabled", []middleware.MethodOverrideOptions{{FormField: "-"}}, overrideReq("POST", "_method=DELETE"),
			rtResp{200, vary, "POST _method=DELETE"}},
		{"custom header and methods", []middleware.MethodOverrideOptions{{Header: "x-method", Methods: []string{"purge"}}},
			overrideReq("POST", "", "X-Method", "PURGE"),
			rtResp{200, http.Header{"Vary": {"X-Method"}, "Content-Type": {"text/plain; charset=utf-8"}}, "PURGE "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := middleware.MethodOverride(tt.opts...)(echo)
			assert.Equal(t, tt.expect, rtDo(t, h, tt.req))
		})
	}
}

func TestMethodOverrideRejectsBadOptions(t *testing.T) {
	assert.PanicsWithValue(t, `middleware: MethodOverrideOptions.Methods may not contain "CONNECT"`, func() {
		middleware.MethodOverride(middleware.MethodOverrideOptions{Methods: []string{"connect"}})
	})
	assert.PanicsWithValue(t, "middleware: MethodOverrideOptions.MaxFormBytes must not be negative", func() {
		middleware.MethodOverride(middleware.MethodOverrideOptions{MaxFormBytes: -1})
	})
}

// TestMethodOverrideReroutes pins that the router dispatches on the new
// method: a POST with an override reaches the DELETE route.
func TestMethodOverrideReroutes(t *testing.T) {
	app := expresso.New()
	app.Use(middleware.MethodOverride())
	app.Post("/items/:id", func(c *expresso.Context) error { return c.Send("created " + c.Param("id")) })
	app.Delete("/items/:id", func(c *expresso.Context) error { return c.Send("deleted " + c.Param("id")) })
	app.Put("/items/:id", func(c *expresso.Context) error {
		body, err := c.Body()
		if err != nil {
			return err
		}
		return c.Send(c.Method() + " " + string(body))
	})
	tests := []struct {
		name   string
		req    *http.Request
		expect string
	}{
		{"header DELETE reaches the DELETE route",
			rtReq("POST", "/items/7", "X-HTTP-Method-Override", "DELETE"), "deleted 7"},
		{"form PUT reaches the PUT route with its body", func() *http.Request {
			r := httptest.NewRequest("POST", "/items/7", strings.NewReader("_method=PUT&name=x"))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		}(), "PUT _method=PUT&name=x"},
		{"a plain POST stays a POST", rtReq("POST", "/items/7"), "created 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rtDo(t, app, tt.req)
			assert.Equal(t, 200, got.Status)
			assert.Equal(t, tt.expect, got.Body)
			assert.Equal(t, "X-Http-Method-Override", got.Header.Get("Vary"))
		})
	}
}

func ExampleMethodOverride() {
	app := expresso.New()
	app.Use(middleware.MethodOverride())
	app.Delete("/posts/:id", func(c *expresso.Context) error { return c.Send("deleted " + c.Param("id")) })

	// An HTML form can only POST; its hidden _method field asks for DELETE.
	r := httptest.NewRequest("POST", "/posts/42", strings.NewReader("_method=DELETE"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res := app.Test(r)
	body, _ := io.ReadAll(res.Body)
	fmt.Println(res.StatusCode, string(body))
	// Output: 200 deleted 42
}
