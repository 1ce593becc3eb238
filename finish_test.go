package expresso_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/expresso-go/expresso"
	"github.com/stretchr/testify/assert"
)

func TestResponseOnFinishSeesWhatTheClientGot(t *testing.T) {
	tests := []struct {
		name       string
		handler    expresso.Handler
		wantStatus int
		wantBytes  int64
	}{
		{"a plain send", func(c *expresso.Context) error { return c.Status(201).Send("hello") }, 201, 5},
		{"an error answered after the middleware returned", func(c *expresso.Context) error {
			return expresso.NewHTTPError(418, "short")
		}, 418, 5},
		{"a panic answered by the default handler", func(c *expresso.Context) error { panic("boom") }, 500, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := expresso.New(expresso.Config{Env: "production"})
			var got []int64
			app.Use(func(c *expresso.Context) error {
				res := c.Response()
				res.OnFinish(func() { got = append(got, int64(res.Status()), res.Written()) })
				res.OnFinish(func() { got = append(got, -1) })
				return c.Next()
			})
			app.Get("/", tt.handler)
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.Header.Set("Accept", "text/plain")
			rec := httptest.NewRecorder()
			app.ServeHTTP(rec, r)
			assert.Equal(t, tt.wantStatus, rec.Code)
			if tt.wantBytes == 0 {
				tt.wantBytes = int64(rec.Body.Len())
			}
			assert.Equal(t, []int64{int64(tt.wantStatus), tt.wantBytes, -1}, got)
		})
	}
}

func TestResponseOnFinishRunsWhenTheConnectionIsAborted(t *testing.T) {
	app := expresso.New(expresso.Config{Env: "production"})
	ran := false
	app.Get("/", func(c *expresso.Context) error {
		c.Response().OnFinish(func() { ran = true })
		_, _ = c.Write([]byte("partial"))
		return errors.New("late")
	})
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
		app.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	})
	assert.True(t, ran)
}
