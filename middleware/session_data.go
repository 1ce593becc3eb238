package middleware

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
)

// SessionData is one client's session, express-session's req.session, got
// with [SessionFrom]. Values are kept as JSON from the moment they are
// Set, so what a handler reads back is exactly what the next request will
// read from the store: read them typed with [SessionValue], or as decoded
// JSON (maps, float64 numbers) with Get. A SessionData belongs to its request
// and is not safe for concurrent use.
type SessionData struct {
	id      string
	ctx     context.Context
	store   SessionStore
	loaded  bool // id exists in the store
	values  map[string]json.RawMessage
	flashes map[string][]json.RawMessage
	changed bool  // must be saved
	cleared bool  // the client's cookie must be expired
	err     error // a Set whose value could not be encoded
}

// sessionData is the JSON a store holds for a session.
type sessionData struct {
	Values  map[string]json.RawMessage   `json:"v,omitempty"`
	Flashes map[string][]json.RawMessage `json:"f,omitempty"`
}

// newSessionID returns a random 256-bit id, unpadded base64url (43 bytes).
func newSessionID() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (it panics instead)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// validSessionID reports whether id has the form newSessionID makes.
func validSessionID(id string) bool {
	if len(id) != 43 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// ID returns the session id, express-session's req.sessionID. It changes
// with [SessionData.Regenerate] and [SessionData.Destroy].
func (s *SessionData) ID() string { return s.id }

// IsNew reports whether the session was created for this request (no valid
// session cookie came with it, or its session had expired).
func (s *SessionData) IsNew() bool { return !s.loaded }

// Get returns the value stored under key decoded from JSON into an any
// (objects as map[string]any, numbers as float64), or nil. Use
// [SessionValue] to read it as a Go type.
func (s *SessionData) Get(key string) any {
	raw, ok := s.values[key]
	if !ok {
		return nil
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	return v
}

// SessionValue returns the value stored under key decoded into a T, and
// whether there was one that decodes into a T. It is the typed form of
// [SessionData.Get]: SessionValue[User](s, "user"). A nil s (no Session
// middleware) has no values.
func SessionValue[T any](s *SessionData, key string) (T, bool) {
	var v T
	if s == nil {
		return v, false
	}
	raw, ok := s.values[key]
	if !ok || json.Unmarshal(raw, &v) != nil {
		var zero T
		return zero, false
	}
	return v, true
}

// Set stores v under key, encoded as JSON now: changing v afterwards does
// not change the session. A value JSON cannot encode makes the request
// fail with a 500 when the session is saved.
func (s *SessionData) Set(key string, v any) {
	raw, err := json.Marshal(v)
	if err != nil {
		if s.err == nil {
			s.err = &SessionError{Op: "encode " + key, Err: err}
		}
		return
	}
	if s.values == nil {
		s.values = make(map[string]json.RawMessage)
	}
	s.values[key] = raw
	s.changed = true
}

// Delete removes key.
func (s *SessionData) Delete(key string) {
	if _, ok := s.values[key]; ok {
		delete(s.values, key)
		s.changed = true
	}
}

// Keys returns the keys with values, in no particular order.
func (s *SessionData) Keys() []string {
	keys := make([]string, 0, len(s.values))
	for k := range s.values {
		keys = append(keys, k)
	}
	return keys
}

// Flash adds v to the flash messages under key, kept until read with
// [SessionData.Flashes] (connect-flash's req.flash(type, msg)).
func (s *SessionData) Flash(key string, v any) {
	raw, err := json.Marshal(v)
	if err != nil {
		if s.err == nil {
			s.err = &SessionError{Op: "encode flash " + key, Err: err}
		}
		return
	}
	if s.flashes == nil {
		s.flashes = make(map[string][]json.RawMessage)
	}
	s.flashes[key] = append(s.flashes[key], raw)
	s.changed = true
}

// Flashes returns and removes the flash messages under key, decoded as in
// [SessionData.Get] (connect-flash's req.flash(type)); nil when there are none.
func (s *SessionData) Flashes(key string) []any {
	raws, ok := s.flashes[key]
	if !ok {
		return nil
	}
	delete(s.flashes, key)
	s.changed = true
	out := make([]any, 0, len(raws))
	for _, raw := range raws {
		var v any
		if json.Unmarshal(raw, &v) == nil {
			out = append(out, v)
		}
	}
	return out
}

// Regenerate replaces the session with a new, empty one under a new id,
// removing the old one from the store now: call it when the user logs in
// (or their privileges change), so that an id an attacker planted before
// the login (session fixation) is worthless after it. The new session is
// saved and its cookie sent with the response. It mirrors
// express-session's req.session.regenerate.
func (s *SessionData) Regenerate() error {
	if err := s.dropFromStore(); err != nil {
		return err
	}
	s.id = newSessionID()
	s.values, s.flashes = nil, nil
	s.changed = true
	return nil
}

// Destroy removes the session from the store now and expires the client's
// cookie with the response (logout), as express-session's
// req.session.destroy. The SessionData stays usable: values set afterwards
// start a new session under a new id.
func (s *SessionData) Destroy() error {
	if err := s.dropFromStore(); err != nil {
		return err
	}
	s.id = newSessionID()
	s.values, s.flashes = nil, nil
	s.changed, s.cleared = false, true
	return nil
}

// dropFromStore destroys the stored session, if there is one.
func (s *SessionData) dropFromStore() error {
	if !s.loaded {
		return nil
	}
	if err := s.store.Destroy(s.ctx, s.id); err != nil {
		return &SessionError{Op: "destroy", Err: err}
	}
	s.loaded = false
	return nil
}

// encode returns the JSON the store keeps.
func (s *SessionData) encode() ([]byte, error) {
	return json.Marshal(sessionData{Values: s.values, Flashes: s.flashes})
}

// decode fills s from the JSON the store kept.
func (s *SessionData) decode(data []byte) error {
	var d sessionData
	if err := json.Unmarshal(data, &d); err != nil {
		return err
	}
	s.values, s.flashes = d.Values, d.Flashes
	return nil
}

// SessionError is the error [Session] and [SessionData] return (or the request fails with,
// as a 500) when its store fails or a value cannot be encoded.
type SessionError struct {
	// Op is what failed: "load", "save", "touch", "destroy", "decode",
	// "cookie" or "encode <key>".
	Op string
	// Err is the store's or the encoder's error.
	Err error
}

// Error returns "middleware: session <op>: <cause>".
func (e *SessionError) Error() string { return "middleware: session " + e.Op + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *SessionError) Unwrap() error { return e.Err }

// StatusCode returns 500: the error handlers answer it as a server error.
func (e *SessionError) StatusCode() int { return 500 }
