package middleware

import (
	"container/list"
	"time"
)

// MemoryStoreOptions configures the in-memory stores
// ([NewMemorySessionStore], [NewMemoryRateLimitStore]).
type MemoryStoreOptions struct {
	// MaxEntries bounds the number of entries kept; 0 means 65536. When
	// full, expired entries go first, then the least recently used.
	MaxEntries int
	// Now is the clock; nil means [time.Now]. Tests set it to move time.
	Now func() time.Time
}

// memDefaultMax is the default MaxEntries.
const memDefaultMax = 1 << 16

// memLRU is the map with expiry and least-recently-used eviction both
// in-memory stores keep their entries in. It does no locking: the stores
// hold their own mutex around each operation.
type memLRU[V any] struct {
	max   int
	now   func() time.Time
	items map[string]*list.Element
	order list.List // of *memItem[V], most recently used first
}

// memItem is one entry of a memLRU.
type memItem[V any] struct {
	key     string
	val     V
	expires time.Time
}

// newMemLRU checks opts (naming the store in a panic) and returns an empty
// memLRU.
func newMemLRU[V any](store string, opts []MemoryStoreOptions) *memLRU[V] {
	var o MemoryStoreOptions
	switch len(opts) {
	case 0:
	case 1:
		o = opts[0]
	default:
		panic("middleware: " + store + " takes at most one MemoryStoreOptions")
	}
	if o.MaxEntries < 0 {
		panic("middleware: " + store + ": MemoryStoreOptions.MaxEntries must not be negative")
	}
	if o.MaxEntries == 0 {
		o.MaxEntries = memDefaultMax
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &memLRU[V]{max: o.MaxEntries, now: o.Now, items: make(map[string]*list.Element)}
}

// get returns the live entry for key, marking it used; an expired entry is
// removed and reported missing.
func (m *memLRU[V]) get(key string, now time.Time) (*memItem[V], bool) {
	e, ok := m.items[key]
	if !ok {
		return nil, false
	}
	it := e.Value.(*memItem[V])
	if !now.Before(it.expires) {
		m.remove(e)
		return nil, false
	}
	m.order.MoveToFront(e)
	return it, true
}

// put stores val for key until expires, evicting to stay within max.
func (m *memLRU[V]) put(key string, val V, expires, now time.Time) {
	if e, ok := m.items[key]; ok {
		it := e.Value.(*memItem[V])
		it.val, it.expires = val, expires
		m.order.MoveToFront(e)
		return
	}
	for len(m.items) >= m.max {
		m.evict(now)
	}
	m.items[key] = m.order.PushFront(&memItem[V]{key: key, val: val, expires: expires})
}

// evict makes room for one entry: it removes the expired ones among the
// few least recently used, or else the least recently used one. It looks at
// a bounded number of entries, so a full store costs O(1) per insert.
func (m *memLRU[V]) evict(now time.Time) {
	removed := false
	e := m.order.Back()
	for i := 0; i < memEvictScan && e != nil; i++ {
		prev := e.Prev()
		if !now.Before(e.Value.(*memItem[V]).expires) {
			m.remove(e)
			removed = true
		}
		e = prev
	}
	if !removed {
		m.remove(m.order.Back())
	}
}

// memEvictScan is how many least recently used entries evict looks at.
const memEvictScan = 8

// delete removes key.
func (m *memLRU[V]) delete(key string) {
	if e, ok := m.items[key]; ok {
		m.remove(e)
	}
}

func (m *memLRU[V]) remove(e *list.Element) {
	delete(m.items, e.Value.(*memItem[V]).key)
	m.order.Remove(e)
}

// len returns the number of entries, expired ones included.
func (m *memLRU[V]) len() int { return len(m.items) }
