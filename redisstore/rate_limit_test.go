package redisstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/redisstore"
)

func TestRateLimitStoreWindows(t *testing.T) {
	client := sharedRedis(t)
	s := redisstore.NewRateLimitStore(client, redisstore.Options{Prefix: uniquePrefix(t)})
	ctx := context.Background()
	const w = 300 * time.Millisecond

	h, err := s.Hit(ctx, "k", w)
	require.NoError(t, err)
	assert.Equal(t, 1, h.Count)
	assert.Equal(t, 0, h.Previous)
	assert.InDelta(t, float64(w), float64(h.ResetIn), float64(20*time.Millisecond))
	h, err = s.Hit(ctx, "k", w)
	require.NoError(t, err)
	assert.Equal(t, 2, h.Count)

	time.Sleep(w + 20*time.Millisecond)
	h, err = s.Hit(ctx, "k", w)
	require.NoError(t, err)
	assert.Equal(t, 1, h.Count, "a new window")
	assert.Equal(t, 2, h.Previous, "remembers the previous one")
	assert.Less(t, h.ResetIn, w)

	time.Sleep(2*w + 20*time.Millisecond)
	h, err = s.Hit(ctx, "k", w)
	require.NoError(t, err)
	assert.Equal(t, 1, h.Count)
	assert.Equal(t, 0, h.Previous, "an idle window forgets")

	require.NoError(t, s.Reset(ctx, "k"))
	h, err = s.Hit(ctx, "k", w)
	require.NoError(t, err)
	assert.Equal(t, 1, h.Count)

	_, err = s.Hit(ctx, "k", time.Microsecond)
	assert.EqualError(t, err, "redisstore: the rate limit window must be at least 1ms")
}

func TestRateLimitStoreCountsAtomically(t *testing.T) {
	client := sharedRedis(t)
	s := redisstore.NewRateLimitStore(client, redisstore.Options{Prefix: uniquePrefix(t)})
	var wg sync.WaitGroup
	seen := make([]bool, 401)
	var mu sync.Mutex
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				h, err := s.Hit(context.Background(), "k", time.Hour)
				if !assert.NoError(t, err) {
					return
				}
				mu.Lock()
				seen[h.Count] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for n := 1; n <= 400; n++ {
		assert.True(t, seen[n], "count %d was handed out exactly once", n)
	}
}
