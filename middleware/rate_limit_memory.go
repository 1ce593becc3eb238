package middleware

import (
	"context"
	"errors"
	"sync"
	"time"
)

// RateLimitStore counts requests per key in consecutive windows of a fixed
// length, for [RateLimit]. Implementations must be safe for concurrent use
// and count atomically: two instances of an App sharing a store must never
// both see the same count. The in-memory store is
// [NewMemoryRateLimitStore]; redisstore.NewRateLimitStore shares the counts
// between processes.
type RateLimitStore interface {
	// Hit counts one request for key and returns the counts of its current
	// window (which starts at the key's first hit and is followed by
	// windows of the same length) and of the window before it.
	Hit(ctx context.Context, key string, window time.Duration) (RateLimitHit, error)
	// Reset forgets key's counts, as express-rate-limit's resetKey.
	Reset(ctx context.Context, key string) error
}

// RateLimitHit is what [RateLimitStore.Hit] counted.
type RateLimitHit struct {
	// Count is the number of requests in the current window, this one
	// included.
	Count int
	// Previous is the number of requests in the window just before the
	// current one (0 when that window saw none), for the sliding estimate.
	Previous int
	// ResetIn is the time left until the current window ends.
	ResetIn time.Duration
}

// MemoryRateLimitStore is the in-memory [RateLimitStore]: counts live in
// the process, bounded by MemoryStoreOptions.MaxEntries (an evicted key
// starts over). Use a shared store such as redisstore when several
// processes serve the same clients.
type MemoryRateLimitStore struct {
	mu  sync.Mutex
	lru *memLRU[rateWindow]
}

// rateWindow is a key's current window in the memory store.
type rateWindow struct {
	start           time.Time
	count, previous int
}

// NewMemoryRateLimitStore returns an empty in-memory [RateLimitStore].
func NewMemoryRateLimitStore(opts ...MemoryStoreOptions) *MemoryRateLimitStore {
	return &MemoryRateLimitStore{lru: newMemLRU[rateWindow]("NewMemoryRateLimitStore", opts)}
}

// errWindow is returned by the stores for a window that is not positive.
var errWindow = errors.New("middleware: rate limit window must be positive")

// Hit implements [RateLimitStore].
func (s *MemoryRateLimitStore) Hit(_ context.Context, key string, window time.Duration) (RateLimitHit, error) {
	if window <= 0 {
		return RateLimitHit{}, errWindow
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.lru.now()
	w := rateWindow{start: now}
	if it, ok := s.lru.get(key, now); ok {
		w = it.val
	}
	if elapsed := now.Sub(w.start); elapsed >= window {
		n := elapsed / window
		w.previous = 0
		if n == 1 {
			w.previous = w.count
		}
		w.start, w.count = w.start.Add(n*window), 0
	}
	w.count++
	end := w.start.Add(window)
	s.lru.put(key, w, end.Add(window), now) // kept one more window for Previous
	return RateLimitHit{Count: w.count, Previous: w.previous, ResetIn: end.Sub(now)}, nil
}

// Reset implements [RateLimitStore].
func (s *MemoryRateLimitStore) Reset(_ context.Context, key string) error {
	s.mu.Lock()
	s.lru.delete(key)
	s.mu.Unlock()
	return nil
}

// Len returns the number of keys held, for metrics and tests.
func (s *MemoryRateLimitStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lru.len()
}
