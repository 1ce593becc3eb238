package redisstore

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/expresso-go/expresso/middleware"
)

// Options configures the stores. The zero value uses the default key
// prefixes.
type Options struct {
	// Prefix is prepended to every Redis key; empty means "sess:" for
	// sessions and "rl:" for rate limits.
	Prefix string
}

// SessionStore is a [middleware.SessionStore] on Redis: each session is a
// string key holding its JSON, with the session's TTL as the key's expiry.
type SessionStore struct {
	client *redis.Client
	prefix string
}

var _ middleware.SessionStore = (*SessionStore)(nil)

// NewSessionStore returns a session store on client, connect-redis's
// RedisStore. A nil client panics.
func NewSessionStore(client *redis.Client, opts ...Options) *SessionStore {
	o := options("NewSessionStore", client, opts)
	if o.Prefix == "" {
		o.Prefix = "sess:"
	}
	return &SessionStore{client: client, prefix: o.Prefix}
}

// options checks the arguments common to both constructors.
func options(name string, client *redis.Client, opts []Options) Options {
	if client == nil {
		panic("redisstore: " + name + ": the client is nil")
	}
	switch len(opts) {
	case 0:
		return Options{}
	case 1:
		return opts[0]
	}
	panic("redisstore: " + name + " takes at most one Options")
}

// Get implements [middleware.SessionStore].
func (s *SessionStore) Get(ctx context.Context, id string) ([]byte, bool, error) {
	data, err := s.client.Get(ctx, s.prefix+id).Bytes()
	switch {
	case errors.Is(err, redis.Nil):
		return nil, false, nil
	case err != nil:
		return nil, false, wrap("get", err)
	}
	return data, true, nil
}

// Set implements [middleware.SessionStore].
func (s *SessionStore) Set(ctx context.Context, id string, data []byte, ttl time.Duration) error {
	return wrap("set", s.client.Set(ctx, s.prefix+id, data, atLeastMS(ttl)).Err())
}

// Touch implements [middleware.SessionStore].
func (s *SessionStore) Touch(ctx context.Context, id string, ttl time.Duration) error {
	return wrap("touch", s.client.PExpire(ctx, s.prefix+id, atLeastMS(ttl)).Err())
}

// Destroy implements [middleware.SessionStore].
func (s *SessionStore) Destroy(ctx context.Context, id string) error {
	return wrap("destroy", s.client.Del(ctx, s.prefix+id).Err())
}

// atLeastMS rounds a TTL up to Redis's millisecond resolution, so that a
// positive TTL never becomes 0 (which go-redis reads as "no expiry").
func atLeastMS(d time.Duration) time.Duration {
	if r := d % time.Millisecond; r != 0 {
		d += time.Millisecond - r
	}
	return max(d, time.Millisecond)
}

// wrap prefixes a Redis error with the operation, or returns nil.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Op: op, Err: err}
}

// Error is a failed Redis operation of a store.
type Error struct {
	// Op is the store operation: "get", "set", "touch", "destroy", "hit"
	// or "reset".
	Op string
	// Err is the Redis client's error.
	Err error
}

// Error returns "redisstore: <op>: <cause>".
func (e *Error) Error() string { return "redisstore: " + e.Op + ": " + e.Err.Error() }

// Unwrap returns the Redis client's error.
func (e *Error) Unwrap() error { return e.Err }
