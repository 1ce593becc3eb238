package middleware

import (
	"context"
	"sync"
	"time"
)

// SessionStore keeps session data by id, for [Session]: express-session's
// store interface (get, set, destroy, touch). Data is opaque bytes (the
// session's JSON); ids are random 256-bit strings the middleware made.
// Implementations must be safe for concurrent use and must return their
// own copy of the data. The in-memory store is [NewMemorySessionStore];
// redisstore.NewSessionStore shares sessions between processes.
type SessionStore interface {
	// Get returns the data stored for id; ok is false when there is none
	// or it expired.
	Get(ctx context.Context, id string) (data []byte, ok bool, err error)
	// Set stores data for id, to expire after ttl without a Set or Touch.
	Set(ctx context.Context, id string, data []byte, ttl time.Duration) error
	// Touch moves id's expiry to ttl from now; an unknown id is not an
	// error.
	Touch(ctx context.Context, id string, ttl time.Duration) error
	// Destroy removes id; an unknown id is not an error.
	Destroy(ctx context.Context, id string) error
}

// MemorySessionStore is the in-memory [SessionStore]: sessions live in the
// process, expire after their TTL and are bounded by
// MemoryStoreOptions.MaxEntries (the least recently used go first). Use a
// shared store such as redisstore when several processes serve the same
// users, and whenever sessions must survive a restart.
type MemorySessionStore struct {
	mu  sync.Mutex
	lru *memLRU[[]byte]
}

// NewMemorySessionStore returns an empty in-memory [SessionStore].
func NewMemorySessionStore(opts ...MemoryStoreOptions) *MemorySessionStore {
	return &MemorySessionStore{lru: newMemLRU[[]byte]("NewMemorySessionStore", opts)}
}

// Get implements [SessionStore].
func (s *MemorySessionStore) Get(_ context.Context, id string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.lru.get(id, s.lru.now())
	if !ok {
		return nil, false, nil
	}
	return append([]byte(nil), it.val...), true, nil
}

// Set implements [SessionStore].
func (s *MemorySessionStore) Set(_ context.Context, id string, data []byte, ttl time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.lru.now()
	s.lru.put(id, append([]byte(nil), data...), now.Add(ttl), now)
	return nil
}

// Touch implements [SessionStore].
func (s *MemorySessionStore) Touch(_ context.Context, id string, ttl time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.lru.now()
	if it, ok := s.lru.get(id, now); ok {
		it.expires = now.Add(ttl)
	}
	return nil
}

// Destroy implements [SessionStore].
func (s *MemorySessionStore) Destroy(_ context.Context, id string) error {
	s.mu.Lock()
	s.lru.delete(id)
	s.mu.Unlock()
	return nil
}

// Len returns the number of sessions held (expired ones not yet evicted
// included), for metrics and tests.
func (s *MemorySessionStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lru.len()
}
