package expresso_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// gwOrigWire is the response of Send("orig").
const gwOrigWire = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nContent-Type: text/html; charset=utf-8\r\n" +
	"Etag: W/\"4-3IlJCMDqwCmjHwHjK38N9ZbHOZw\"\r\nConnection: close\r\n\r\norig"

func TestCopyRefusesToRespond(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, call string
		run        func(cp *expresso.Context) error
	}{
		{"Send", "Send", func(cp *expresso.Context) error { return cp.Send("late") }},
		{"JSON", "JSON", func(cp *expresso.Context) error { return cp.JSON(1) }},
		{"JSONP", "JSONP", func(cp *expresso.Context) error { return cp.JSONP(1) }},
		{"Redirect", "Redirect", func(cp *expresso.Context) error { return cp.Redirect("/x") }},
		{"SendStatus", "SendStatus", func(cp *expresso.Context) error { return cp.SendStatus(204) }},
		{"End", "End", func(cp *expresso.Context) error { return cp.End("late") }},
		{"Write", "Write", func(cp *expresso.Context) error { return gwErr(cp.Write([]byte("late"))) }},
		{"WriteHead", "WriteHead", func(cp *expresso.Context) error { return cp.WriteHead(200) }},
		{"Flush", "Flush", func(cp *expresso.Context) error { return cp.Flush() }},
		{"Cookie", "Cookie", func(cp *expresso.Context) error { return cp.Cookie("a", "b") }},
		{"ClearCookie", "ClearCookie", func(cp *expresso.Context) error { return cp.ClearCookie("a") }},
		{"Set then Send", "Set", func(cp *expresso.Context) error { return cp.Set("X-A", "1").Send("late") }},
		{"Response.Write", "Write", func(cp *expresso.Context) error {
			return gwErr(cp.Response().Write([]byte("late")))
		}},
	}
	for _, tc := range cases {
		t.Run("should refuse "+tc.name+" on a detached copy with ErrWriteAfterEnd", func(t *testing.T) {
			t.Parallel()
			app, logs := gwApp(expresso.Config{})
			type result struct {
				during, after error
				header        http.Header
			}
			got := make(chan result, 1)
			copies := make(chan *expresso.Context, 1)
			app.Get("/", func(c *expresso.Context) error {
				cp := c.Copy()
				copies <- cp
				got <- result{during: tc.run(cp), header: cp.Response().Header()}
				return c.Send("orig")
			})
			assert.Equal(t, gwOrigWire, gwWire(t, app, gwGet("/")))
			r := <-got
			cp := <-copies
			r.after = tc.run(cp)
			want := "expresso: " + tc.call + " refused: write after end (the Context is a detached copy made by Copy, which cannot respond)"
			for _, err := range []error{r.during, r.after} {
				require.ErrorIs(t, err, expresso.ErrWriteAfterEnd)
				assert.NotErrorIs(t, err, expresso.ErrHeadersSent)
				assert.Equal(t, want, err.Error())
			}
			assert.Empty(t, r.header)
			assert.Equal(t, gwStates{expresso.Finished, true, true}, gwSnap(cp))
			assert.Empty(t, logs.records(t))
		})
	}
}

func TestCopyOutlivesTheHandler(t *testing.T) {
	t.Parallel()
	// Production mode puts released Contexts straight back in the pool.
	app, logs := gwApp(expresso.Config{Env: "production"})
	type result struct {
		id, q, method, path string
		user, extra         any
		err                 error
	}
	release := make(chan struct{})
	got := make(chan result, 1)
	originalExtra := make(chan any, 1)
	app.Get("/items/:id", func(c *expresso.Context) error {
		c.Locals["user"] = "tobi"
		cp := c.Copy()
		cp.Locals["extra"] = 1
		originalExtra <- c.Locals["extra"]
		go func() {
			<-release
			got <- result{cp.Param("id"), cp.Query("q"), cp.Method(), cp.Path(),
				cp.Locals["user"], cp.Locals["extra"], cp.Send("late")}
		}()
		return c.Send("orig")
	})
	app.Get("/other/:id", func(c *expresso.Context) error { return c.Send(c.Param("id")) })
	res := app.Test(gwGet("/items/7?q=1"))
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, "orig", gwBody(t, res))
	// Reuse the pooled Contexts before the goroutine reads its copy.
	for range 3 {
		assert.Equal(t, "8", gwBody(t, app.Test(gwGet("/other/8?q=2"))))
	}
	close(release)
	r := <-got
	assert.Nil(t, <-originalExtra, "the copy's Locals must be its own")
	assert.Equal(t, "7", r.id)
	assert.Equal(t, "1", r.q)
	assert.Equal(t, http.MethodGet, r.method)
	assert.Equal(t, "/items/7", r.path)
	assert.Equal(t, "tobi", r.user)
	assert.Equal(t, 1, r.extra)
	require.ErrorIs(t, r.err, expresso.ErrWriteAfterEnd)
	assert.Equal(t, "expresso: Send refused: write after end (the Context is a detached copy made by Copy, which cannot respond)", r.err.Error())
	assert.Empty(t, logs.records(t))
}

func TestUseAfterReleasePanics(t *testing.T) {
	t.Parallel()
	app := expresso.New(expresso.Config{Env: "development"})
	var stored *expresso.Context
	app.Get("/", func(c *expresso.Context) error {
		stored = c
		return c.Send("ok")
	})
	res := app.Test(gwGet("/"))
	require.Equal(t, 200, res.StatusCode)
	require.NotNil(t, stored)
	const msg = "expresso: Context used after its handler returned; a goroutine that outlives the handler must use c.Copy()"
	cases := []struct {
		name string
		use  func(c *expresso.Context)
	}{
		{"Send", func(c *expresso.Context) { _ = c.Send("late") }},
		{"JSON", func(c *expresso.Context) { _ = c.JSON(1) }},
		{"Redirect", func(c *expresso.Context) { _ = c.Redirect("/x") }},
		{"End", func(c *expresso.Context) { _ = c.End() }},
		{"Write", func(c *expresso.Context) { _, _ = c.Write([]byte("late")) }},
		{"Set", func(c *expresso.Context) { c.Set("X-A", "1") }},
		{"Status", func(c *expresso.Context) { c.Status(500) }},
		{"Response", func(c *expresso.Context) { c.Response() }},
		{"Param", func(c *expresso.Context) { c.Param("id") }},
		{"Next", func(c *expresso.Context) { _ = c.Next() }},
		{"Copy", func(c *expresso.Context) { c.Copy() }},
	}
	for _, tc := range cases {
		t.Run("should panic on "+tc.name+" after the handler returned", func(t *testing.T) {
			assert.PanicsWithValue(t, msg, func() { tc.use(stored) })
		})
	}
}
