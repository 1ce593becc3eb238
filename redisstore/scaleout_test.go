package redisstore_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
	"github.com/expresso-go/expresso/redisstore"
)

const secret = "a session secret of 32 bytes ...."

// instance starts one App instance on its own port, with sessions and a
// rate limit in Redis, and returns its URL.
func instance(t *testing.T, client *redis.Client, prefix string, limit middleware.RateLimitOptions) string {
	app := expresso.New(expresso.Config{Env: "production"})
	limit.Store = redisstore.NewRateLimitStore(client, redisstore.Options{Prefix: prefix + "rl:"})
	limit.Key = func(c *expresso.Context) string { return c.Get("X-Client") }
	app.Use(middleware.RateLimit(limit))
	app.Use(middleware.Session(middleware.SessionOptions{Secret: secret,
		Store: redisstore.NewSessionStore(client, redisstore.Options{Prefix: prefix + "sess:"})}))
	app.Post("/login", func(c *expresso.Context) error {
		s := middleware.SessionFrom(c)
		if err := s.Regenerate(); err != nil {
			return err
		}
		s.Set("user", c.Query("name"))
		return c.SendStatus(http.StatusNoContent)
	})
	app.Get("/me", func(c *expresso.Context) error {
		name, ok := middleware.SessionValue[string](middleware.SessionFrom(c), "user")
		if !ok {
			return c.Status(http.StatusUnauthorized).Send("anonymous")
		}
		return c.Send("hello " + name)
	})
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return srv.URL
}

// call makes a request and returns the status, the headers and the body.
func call(t *testing.T, method, url, cookie, client string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	require.NoError(t, err)
	req.Header.Set("Accept", "text/plain")
	req.Header.Set("X-Client", client)
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, res.Header, string(body)
}

func TestTwoInstancesShareOneSessionAndOneBudget(t *testing.T) {
	client := sharedRedis(t)
	prefix := uniquePrefix(t)
	a := instance(t, client, prefix, middleware.RateLimitOptions{Limit: 5, Window: time.Minute})
	b := instance(t, client, prefix, middleware.RateLimitOptions{Limit: 5, Window: time.Minute})

	status, h, _ := call(t, "POST", a+"/login?name=ann", "", "c1")
	require.Equal(t, http.StatusNoContent, status)
	cookie, _, _ := strings.Cut(h.Get("Set-Cookie"), ";")
	require.True(t, strings.HasPrefix(cookie, "sid=s%3A"), cookie)

	status, h, body := call(t, "GET", b+"/me", cookie, "c1")
	assert.Equal(t, 200, status)
	assert.Equal(t, "hello ann", body, "instance B sees the login made on A")
	assert.Equal(t, "3", h.Get("RateLimit-Remaining"), "and counts in the same budget")

	status, _, _ = call(t, "GET", a+"/me", cookie, "c1")
	assert.Equal(t, 200, status)
	status, _, _ = call(t, "GET", b+"/me", cookie, "c1")
	assert.Equal(t, 200, status)
	status, h, _ = call(t, "GET", a+"/me", cookie, "c1")
	assert.Equal(t, 200, status)
	assert.Equal(t, "0", h.Get("RateLimit-Remaining"))

	status, h, body = call(t, "GET", b+"/me", cookie, "c1")
	assert.Equal(t, http.StatusTooManyRequests, status, "the sixth request, on either instance, is refused")
	assert.Equal(t, "Too many requests, please try again later.", body)
	assert.Equal(t, "5;w=60", h.Get("RateLimit-Policy"))
	assert.NotEmpty(t, h.Get("Retry-After"))

	status, _, _ = call(t, "GET", b+"/me", cookie, "c2")
	assert.Equal(t, 200, status, "another client has its own budget")
}
