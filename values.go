package expresso

import (
	"strconv"
	"unsafe"
)

// Header values the framework sets. They are strings: every response gets
// its own one-element slice for them from [Context.hv], never a slice
// shared with another response.
const (
	ctHTML               = "text/html; charset=utf-8"
	ctTextPlain          = "text/plain; charset=utf-8"
	ctTextPlainNoCharset = "text/plain"
	ctJSON               = "application/json; charset=utf-8"
	ctJavaScript         = "text/javascript; charset=utf-8"
	ctOctetStream        = "application/octet-stream"
	nosniff              = "nosniff"
	cspNone              = "default-src 'none'"
)

// slabSlots and slabBytes size the blocks header values are carved from.
const (
	slabSlots = 128
	slabBytes = 4096
)

// slab hands out header values that are never shared and never reused:
// each value takes the next slot of a block, and a used-up block is left
// to the garbage collector (it lives as long as a header map holds one of
// its values) and replaced by a new one. A user's header map may therefore
// be mutated or kept after the request without touching any other
// response, and setting a header allocates once per block, not per value.
type slab struct {
	slots []string
	bytes []byte
}

// hv returns a one-element header value holding v, valid for ever.
func (c *Context) hv(v string) []string {
	if c.scr == nil { // a Copy has no slab
		return []string{v}
	}
	s := &c.scr.slab
	if len(s.slots) == cap(s.slots) {
		s.slots = make([]string, 0, slabSlots)
	}
	s.slots = append(s.slots, v)
	n := len(s.slots)
	return s.slots[n-1 : n : n]
}

// hvBytes is hv for a value built in b, which is copied into the slab's
// bytes (never overwritten afterwards).
func (c *Context) hvBytes(b []byte) []string {
	if c.scr == nil || len(b) > slabBytes/8 {
		return []string{string(b)}
	}
	s := &c.scr.slab
	if cap(s.bytes)-len(s.bytes) < len(b) {
		s.bytes = make([]byte, 0, slabBytes)
	}
	start := len(s.bytes)
	s.bytes = append(s.bytes, b...)
	return c.hv(unsafe.String(&s.bytes[start], len(b)))
}

// lengthValue returns the Content-Length header value for n.
func (c *Context) lengthValue(n int) []string {
	if n < numLengths {
		return c.hv(c.app.lengths.str(n))
	}
	var buf [20]byte
	return c.hvBytes(strconv.AppendInt(buf[:0], int64(n), 10))
}
