package redisstore

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/expresso-go/expresso/middleware"
)

// hitScript counts one hit for KEYS[1] in windows of ARGV[1] milliseconds,
// atomically, on the Redis server's clock. The hash holds the current
// window's start (s), its count (c) and the previous window's count (p);
// it expires one window after the current one ends. It returns {count,
// previous, milliseconds until the window ends}.
const hitScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local w = tonumber(ARGV[1])
local v = redis.call('HMGET', KEYS[1], 's', 'c', 'p')
local start, count, prev = tonumber(v[1]), tonumber(v[2]), tonumber(v[3])
if not start or not count or not prev or start > now then
  start, count, prev = now, 0, 0
end
local elapsed = now - start
if elapsed >= w then
  local n = math.floor(elapsed / w)
  if n == 1 then prev = count else prev = 0 end
  start = start + n * w
  count = 0
end
count = count + 1
local left = start + w - now
redis.call('HSET', KEYS[1], 's', string.format('%d', start), 'c', count, 'p', prev)
redis.call('PEXPIRE', KEYS[1], left + w)
return {count, prev, left}
`

// RateLimitStore is a [middleware.RateLimitStore] on Redis: each key is a
// hash counted by one Lua script, so concurrent hits from any number of
// instances are counted exactly once.
type RateLimitStore struct {
	client *redis.Client
	prefix string
	script *redis.Script
}

var _ middleware.RateLimitStore = (*RateLimitStore)(nil)

// NewRateLimitStore returns a rate-limit store on client, as
// rate-limit-redis. A nil client panics.
func NewRateLimitStore(client *redis.Client, opts ...Options) *RateLimitStore {
	o := options("NewRateLimitStore", client, opts)
	if o.Prefix == "" {
		o.Prefix = "rl:"
	}
	return &RateLimitStore{client: client, prefix: o.Prefix, script: redis.NewScript(hitScript)}
}

// errWindow is returned for a window under one millisecond.
var errWindow = errors.New("redisstore: the rate limit window must be at least 1ms")

// Hit implements [middleware.RateLimitStore].
func (s *RateLimitStore) Hit(ctx context.Context, key string, window time.Duration) (middleware.RateLimitHit, error) {
	ms := window.Milliseconds()
	if ms < 1 {
		return middleware.RateLimitHit{}, errWindow
	}
	vals, err := s.script.Run(ctx, s.client, []string{s.prefix + key}, ms).Int64Slice()
	if err != nil {
		return middleware.RateLimitHit{}, wrap("hit", err)
	}
	if len(vals) != 3 {
		return middleware.RateLimitHit{}, wrap("hit", errors.New("unexpected script result"))
	}
	return middleware.RateLimitHit{Count: int(vals[0]), Previous: int(vals[1]),
		ResetIn: time.Duration(vals[2]) * time.Millisecond}, nil
}

// Reset implements [middleware.RateLimitStore].
func (s *RateLimitStore) Reset(ctx context.Context, key string) error {
	return wrap("reset", s.client.Del(ctx, s.prefix+key).Err())
}
