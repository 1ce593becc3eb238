package expresso

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReleaseClearsEveryRequestField guards release, which clears fields one
// by one: a field added to Context must be cleared there (or be listed here
// as reused across requests).
func TestReleaseClearsEveryRequestField(t *testing.T) {
	reused := map[string]bool{
		"app": true, "scr": true, "base": true, "released": true,
		// Slices kept for their capacity, truncated to zero length.
		"frames": true, "cands": true, "pstore": true, "allowCustom": true, "paramsDone": true, "finishers": true,
	}
	checkCleared := func(v reflect.Value, prefix string) {
		for i := 0; i < v.NumField(); i++ {
			name := v.Type().Field(i).Name
			f := v.Field(i)
			switch {
			case reused[name] && f.Kind() == reflect.Slice:
				assert.Zero(t, f.Len(), "field %s%s must be truncated", prefix, name)
			case reused[name]:
			default:
				assert.True(t, f.IsZero(), "field %s%s is not cleared by release", prefix, name)
			}
		}
	}
	app := New(Config{Env: "production"})
	var held *Context
	app.Use(func(c *Context) error {
		held = c
		c.Locals["k"] = 1
		c.Set("X", "y").Status(1000) // leaves a pending refusal
		return c.Next()
	})
	app.Get("/users/:id", func(c *Context) error { return c.Send("x") })
	app.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/users/1?q=1", nil))
	require.NotNil(t, held)

	reused["d"] = true // checked field by field below
	checkCleared(reflect.ValueOf(held).Elem(), "")
	checkCleared(reflect.ValueOf(&held.d).Elem(), "d.")
	assert.Nil(t, held.base.w, "base.w must be cleared")
	assert.Nil(t, held.base.c, "base.c must be cleared")
	assert.True(t, held.released)
}
