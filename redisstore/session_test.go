package redisstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/redisstore"
)

func TestSessionStore(t *testing.T) {
	client := sharedRedis(t)
	prefix := uniquePrefix(t)
	s := redisstore.NewSessionStore(client, redisstore.Options{Prefix: prefix})
	ctx := context.Background()

	_, ok, err := s.Get(ctx, "nobody")
	require.NoError(t, err)
	assert.False(t, ok)

	require.NoError(t, s.Set(ctx, "a", []byte(`{"v":{"n":1}}`), 10*time.Second))
	data, ok, err := s.Get(ctx, "a")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, `{"v":{"n":1}}`, string(data))
	ttl, err := client.PTTL(ctx, prefix+"a").Result()
	require.NoError(t, err)
	assert.InDelta(t, float64(10*time.Second), float64(ttl), float64(time.Second), "the key expires with the TTL")

	require.NoError(t, s.Touch(ctx, "a", time.Hour))
	ttl, err = client.PTTL(ctx, prefix+"a").Result()
	require.NoError(t, err)
	assert.InDelta(t, float64(time.Hour), float64(ttl), float64(time.Second), "Touch restarts it")
	require.NoError(t, s.Touch(ctx, "unknown", time.Hour))

	require.NoError(t, s.Destroy(ctx, "a"))
	_, ok, err = s.Get(ctx, "a")
	require.NoError(t, err)
	assert.False(t, ok)
	require.NoError(t, s.Destroy(ctx, "a"))

	require.NoError(t, s.Set(ctx, "short", []byte("x"), 50*time.Millisecond))
	time.Sleep(120 * time.Millisecond)
	_, ok, err = s.Get(ctx, "short")
	require.NoError(t, err)
	assert.False(t, ok, "expired")

	require.NoError(t, s.Set(ctx, "tiny", []byte("x"), time.Microsecond))
	ttl, err = client.PTTL(ctx, prefix+"tiny").Result()
	require.NoError(t, err)
	assert.LessOrEqual(t, ttl, time.Millisecond, "a sub-millisecond TTL still expires")
}

func TestStoresRejectANilClient(t *testing.T) {
	assert.PanicsWithValue(t, "redisstore: NewSessionStore: the client is nil", func() { redisstore.NewSessionStore(nil) })
	assert.PanicsWithValue(t, "redisstore: NewRateLimitStore: the client is nil", func() { redisstore.NewRateLimitStore(nil) })
	c := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	defer c.Close()
	assert.PanicsWithValue(t, "redisstore: NewSessionStore takes at most one Options", func() {
		redisstore.NewSessionStore(c, redisstore.Options{}, redisstore.Options{})
	})
}
