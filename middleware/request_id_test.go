package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
	"github.com/stretchr/testify/assert"
)

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestRequestID(t *testing.T) {
	const made = "MADE"
	tests := []struct {
		name     string
		opts     []middleware.RequestIDOptions
		header   string
		incoming []string
		want     string // made means a fresh UUID
	}{
		{"keeps a well-formed incoming id", nil, "X-Request-Id", []string{"abc-123_x.y:z+/="}, "abc-123_x.y:z+/="},
		{"keeps a UUID", nil, "X-Request-Id", []string{"9b2c4a8e-1f0d-4c3b-9a7e-5d6f8e9a0b1c"}, "9b2c4a8e-1f0d-4c3b-9a7e-5d6f8e9a0b1c"},
		{"makes one when there is none", nil, "X-Request-Id", nil, made},
		{"replaces an empty id", nil, "X-Request-Id", []string{""}, made},
		{"replaces an id with a space", nil, "X-Request-Id", []string{"a b"}, made},
		{"replaces an id with CR LF", nil, "X-Request-Id", []string{"a\r\nSet-Cookie: x=1"}, made},
		{"replaces an id with a quote", nil, "X-Request-Id", []string{`a"b`}, made},
		{"replaces an id of 129 bytes", nil, "X-Request-Id", []string{strings.Repeat("a", 129)}, made},
		{"keeps an id of 128 bytes", nil, "X-Request-Id", []string{strings.Repeat("a", 128)}, strings.Repeat("a", 128)},
		{"replaces a repeated header", nil, "X-Request-Id", []string{"a", "b"}, made},
		{"reads a configured header", []middleware.RequestIDOptions{{Header: "x-correlation-id"}}, "X-Correlation-Id", []string{"corr-1"}, "corr-1"},
		{"ignores the incoming id when told", []middleware.RequestIDOptions{{DisableIncoming: true}}, "X-Request-Id", []string{"client-chosen"}, made},
		{"uses the generator", []middleware.RequestIDOptions{{Generator: func() string { return "gen-1" }}}, "X-Request-Id", nil, "gen-1"},
		{"replaces an ill-formed generated id", []middleware.RequestIDOptions{{Generator: func() string { return "bad id" }}}, "X-Request-Id", nil, made},
	}
	for _, tt := range tests {
		for _, inApp := range []bool{false, true} {
			t.Run(tt.name+map[bool]string{false: " (net/http)", true: " (App)"}[inApp], func(t *testing.T) {
				var seen string
				var h http.Handler
				if inApp {
					app := expresso.New(expresso.Config{Env: "production"})
					app.Use(middleware.RequestID(tt.opts...))
					app.Get("/", func(c *expresso.Context) error {
						return c.Send(middleware.RequestIDFrom(c.Request().Context()))
					})
					h = app
				} else {
					h = middleware.RequestID(tt.opts...)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						_, _ = w.Write([]byte(middleware.RequestIDFrom(r.Context())))
					}))
				}
				r := httptest.NewRequest("GET", "/", nil)
				for _, v := range tt.incoming {
					r.Header.Add(tt.header, v)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, r)
				seen = rec.Body.String()
				assert.Equal(t, 200, rec.Code)
				assert.Equal(t, []string{seen}, rec.Header()[tt.header])
				if tt.want == made {
					assert.Regexp(t, uuidV4, seen)
				} else {
					assert.Equal(t, tt.want, seen)
				}
			})
		}
	}
}

func TestRequestIDMakesDistinctIDs(t *testing.T) {
	h := middleware.RequestID()(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	seen := map[string]bool{}
	for range 100 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		seen[rec.Header().Get("X-Request-Id")] = true
	}
	assert.Len(t, seen, 100)
}

func TestRequestIDFromAContextWithoutOne(t *testing.T) {
	assert.Equal(t, "", middleware.RequestIDFrom(httptest.NewRequest("GET", "/", nil).Context()))
}

func TestRequestIDSetupPanics(t *testing.T) {
	assert.PanicsWithValue(t, `middleware: RequestIDOptions.Header: invalid header name "X Bad"`, func() {
		middleware.RequestID(middleware.RequestIDOptions{Header: "X Bad"})
	})
	assert.PanicsWithValue(t, "middleware: RequestID takes at most one RequestIDOptions", func() {
		middleware.RequestID(middleware.RequestIDOptions{}, middleware.RequestIDOptions{})
	})
}
