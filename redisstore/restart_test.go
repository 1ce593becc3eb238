package redisstore_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/middleware"
)

// TestRedisRestartMidTest stops the Redis both instances use and starts it
// again: while it is down, sessions answer 500 and the rate limit fails
// closed (500) or open (the request passes) as configured; nothing
// panics, and once it is back the instances recover on their own.
func TestRedisRestartMidTest(t *testing.T) {
	srv := startRedis(t) // always a private server: this test stops it
	client := newClient(srv.addr)
	t.Cleanup(func() { _ = client.Close() })
	prefix := uniquePrefix(t)
	closed := instance(t, client, prefix, middleware.RateLimitOptions{Limit: 100})
	open := instance(t, client, prefix, middleware.RateLimitOptions{Limit: 100, PassOnStoreError: true})

	status, h, _ := call(t, "POST", closed+"/login?name=ann", "", "c1")
	require.Equal(t, http.StatusNoContent, status)
	cookie, _, _ := strings.Cut(h.Get("Set-Cookie"), ";")
	status, _, body := call(t, "GET", open+"/me", cookie, "c1")
	require.Equal(t, 200, status)
	require.Equal(t, "hello ann", body)

	srv.stop()
	status, h, body = call(t, "GET", closed+"/me", cookie, "c1")
	assert.Equal(t, 500, status, "fail closed: the rate limit cannot count")
	assert.Equal(t, "Internal Server Error", body, "production shows no internals")
	assert.Empty(t, h.Get("RateLimit-Remaining"))
	status, _, body = call(t, "GET", open+"/me", cookie, "c1")
	assert.Equal(t, 500, status, "fail open passes the rate limit, then the session cannot load")
	assert.Equal(t, "Internal Server Error", body)
	status, h, _ = call(t, "POST", open+"/login?name=bob", "", "c1")
	assert.Equal(t, 500, status, "a session cannot be saved")
	assert.Empty(t, h.Values("Set-Cookie"), "and no cookie names a session that does not exist")

	srv.restart()
	deadline := time.Now().Add(5 * time.Second)
	for {
		status, _, body = call(t, "GET", closed+"/me", cookie, "c1")
		if status != 500 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	assert.Equal(t, 401, status, "back up; the session did not survive a Redis without persistence")
	assert.Equal(t, "anonymous", body)
	status, h, _ = call(t, "POST", open+"/login?name=bob", "", "c1")
	assert.Equal(t, http.StatusNoContent, status)
	assert.NotEmpty(t, h.Values("Set-Cookie"))
}
