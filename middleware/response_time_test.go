package middleware_test

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

func TestResponseTime(t *testing.T) {
	handlers := map[string]expresso.Handler{
		"/send": func(c *expresso.Context) error { return c.Send("ok") },
		"/slow": func(c *expresso.Context) error { time.Sleep(20 * time.Millisecond); return c.Send("ok") },
		"/stream": func(c *expresso.Context) error {
			if _, err := c.Write([]byte("o")); err != nil {
				return err
			}
			return c.End("k")
		},
		"/own": func(c *expresso.Context) error { return c.Set("X-Response-Time", "mine").Send("ok") },
	}
	tests := []struct {
		name    string
		opts    []middleware.ResponseTimeOptions
		path    string
		header  string
		pattern string
	}{
		{"three digits and ms by default", nil, "/send", "X-Response-Time", `^\d+\.\d{3}ms$`},
		{"measures the handler's time", nil, "/slow", "X-Response-Time", `^(\d{3,}|[2-9]\d)\.\d{3}ms$`},
		{"set on a streamed response before the first chunk", nil, "/stream", "X-Response-Time", `^\d+\.\d{3}ms$`},
		{"keeps a value the handler set", nil, "/own", "X-Response-Time", `^mine$`},
		{"custom header, digits, no suffix",
			[]middleware.ResponseTimeOptions{{Header: "x-elapsed", Digits: 1, DisableSuffix: true}},
			"/send", "X-Elapsed", `^\d+\.\d$`},
		{"negative digits means none", []middleware.ResponseTimeOptions{{Digits: -1}},
			"/send", "X-Response-Time", `^\d+ms$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := expresso.New()
			app.Use(middleware.ResponseTime(tt.opts...))
			app.Get(tt.path, handlers[tt.path])
			got := rtDo(t, app, rtReq("GET", tt.path))
			assert.Equal(t, 200, got.Status)
			assert.Equal(t, "ok", got.Body)
			require.Len(t, got.Header[tt.header], 1)
			assert.Regexp(t, regexp.MustCompile(tt.pattern), got.Header.Get(tt.header))
		})
	}
}

func TestResponseTimeRejectsBadOptions(t *testing.T) {
	assert.PanicsWithValue(t, "middleware: ResponseTimeOptions.Digits must be at most 9, got 10", func() {
		middleware.ResponseTime(middleware.ResponseTimeOptions{Digits: 10})
	})
	assert.PanicsWithValue(t, "middleware: ResponseTime takes at most one ResponseTimeOptions", func() {
		middleware.ResponseTime(middleware.ResponseTimeOptions{}, middleware.ResponseTimeOptions{})
	})
}

func TestResponseTimePlainNetHTTPKeepsFlusher(t *testing.T) {
	h := middleware.ResponseTime()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, http.NewResponseController(w).Flush())
		_, _ = w.Write([]byte("streamed"))
	}))
	got := rtDo(t, h, rtReq("GET", "/"))
	assert.Equal(t, 200, got.Status)
	assert.Equal(t, "streamed", got.Body)
	assert.Regexp(t, `^\d+\.\d{3}ms$`, got.Header.Get("X-Response-Time"))
}

func ExampleResponseTime() {
	app := expresso.New()
	app.Use(middleware.ResponseTime(middleware.ResponseTimeOptions{Digits: -1}))
	app.Get("/", func(c *expresso.Context) error { return c.Send("hello") })
	res := app.Test(rtReq("GET", "/"))
	fmt.Println(res.StatusCode, regexp.MustCompile(`^\d+ms$`).MatchString(res.Header.Get("X-Response-Time")))
	// Output: 200 true
}

func BenchmarkResponseTime(b *testing.B) {
	b.Run("bare", func(b *testing.B) { rtBench(b, rtBareApp(), rtReq("GET", "/"), 200) })
	b.Run("ResponseTime", func(b *testing.B) {
		rtBench(b, rtBareApp(middleware.ResponseTime()), rtReq("GET", "/"), 200)
	})
}
