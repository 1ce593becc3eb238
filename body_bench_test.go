package expresso_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/expresso-go/expresso"
)

const bbJSON = `{"id":1,"name":"Tobi Ferret","email":"tobi@example.com","admin":true}`

// benchBind serves POSTs of body with Content-Type ct to a route that
// binds into a smallStruct (through Bind, or encoding/json directly).
func benchBind(b *testing.B, ct, body string, direct bool) {
	app := expresso.New(expresso.Config{Env: "production"})
	app.Post("/", func(c *expresso.Context) error {
		var v smallStruct
		if direct {
			if err := json.NewDecoder(c.Request().Body).Decode(&v); err != nil {
				return err
			}
		} else if err := c.Bind(&v); err != nil {
			return err
		}
		return c.SendStatus(204)
	})
	w := &nullWriter{h: http.Header{}}
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("Content-Type", ct)
	rd := strings.NewReader(body)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rd.Reset(body)
		r.Body, r.ContentLength = nopCloser{rd}, int64(len(body))
		w.reset()
		app.ServeHTTP(w, r)
		if w.status != 204 {
			b.Fatalf("status %d", w.status)
		}
	}
}

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

func BenchmarkBindJSON(b *testing.B)         { benchBind(b, "application/json", bbJSON, false) }
func BenchmarkDecodeJSONDirect(b *testing.B) { benchBind(b, "application/json", bbJSON, true) }
func BenchmarkBindForm(b *testing.B) {
	benchBind(b, "application/x-www-form-urlencoded", "id=1&name=Tobi+Ferret&email=tobi%40example.com&admin=true", false)
}
