package expresso

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

// jsonBuf is a buffer with an encoder writing into it; each Context keeps
// one across requests.
type jsonBuf struct {
	b   bytes.Buffer
	enc *json.Encoder
}

// getJSONBuf returns c's buffer, emptied, or a new one when c has none
// (its first use, or a MarshalJSON that sends through the same Context
// while the buffer is taken).
func (c *Context) getJSONBuf() *jsonBuf {
	if c.scr == nil { // a Copy, which has no buffers
		return newJSONBuf()
	}
	if jb := c.scr.json; jb != nil {
		c.scr.json = nil
		jb.b.Reset()
		return jb
	}
	return newJSONBuf()
}

func newJSONBuf() *jsonBuf {
	jb := &jsonBuf{}
	jb.enc = json.NewEncoder(&jb.b)
	return jb
}

// putJSONBuf gives jb back to c, unless it grew past 64 KiB: a pooled
// Context keeps only a modest buffer.
func (c *Context) putJSONBuf(jb *jsonBuf) {
	if c.scr != nil && jb.b.Cap() <= 64<<10 {
		c.scr.json = jb
	}
}

// encodeJSON encodes v as Express's JSON.stringify with the App's settings:
// no trailing newline, <, > and & escaped only with JSONEscape, U+2028 and
// U+2029 left as they are.
func (c *Context) encodeJSON(jb *jsonBuf, v any) error {
	cfg := &c.app.cfg
	jb.enc.SetEscapeHTML(cfg.JSONEscape)
	jb.enc.SetIndent("", cfg.JSONIndent)
	if err := jb.enc.Encode(v); err != nil {
		return &HTTPError{Code: http.StatusInternalServerError, Message: "expresso: JSON: " + err.Error(), Err: err}
	}
	b := jb.b.Bytes()
	jb.b.Truncate(len(b) - 1) // Encode's newline
	if bytes.Contains(b, lineSepEscape) {
		unescapeLineSeparators(&jb.b)
	}
	if bytes.Contains(b, negZero) {
		dropNegativeZeros(&jb.b)
	}
	return nil
}

var negZero = []byte("-0")

// dropNegativeZeros rewrites each number -0 (encoding/json's form of
// negative zero) as 0, as JSON.stringify writes it, leaving strings and
// other numbers ("-0.5", "-0e1" never appear for zero) untouched.
func dropNegativeZeros(buf *bytes.Buffer) {
	b := buf.Bytes()
	out := b[:0]
	inString := false
	for i := 0; i < len(b); i++ {
		ch := b[i]
		switch {
		case inString && ch == '\\':
			out = append(out, ch, b[i+1])
			i++
			continue
		case ch == '"':
			inString = !inString
		case !inString && ch == '-' && i+1 < len(b) && b[i+1] == '0' && (i+2 == len(b) || !isNumberByte(b[i+2])):
			continue // drop the sign of a bare -0
		}
		out = append(out, ch)
	}
	buf.Truncate(len(out))
}

// isNumberByte reports whether c can continue a JSON number.
func isNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
}

var lineSepEscape = []byte(`\u202`)

// unescapeLineSeparators turns the \u2028 and \u2029 escapes encoding/json
// always writes back into the raw characters, as JSON.stringify leaves
// them, without touching an escaped backslash followed by "u2028".
func unescapeLineSeparators(buf *bytes.Buffer) {
	b := buf.Bytes()
	out := b[:0]
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			out = append(out, b[i])
			continue
		}
		if b[i+1] == 'u' && i+5 < len(b) && string(b[i+2:i+5]) == "202" && (b[i+5] == '8' || b[i+5] == '9') {
			out = append(out, 0xe2, 0x80, 0xa8+(b[i+5]-'8'))
			i += 5
			continue
		}
		out = append(out, b[i], b[i+1])
		i++
	}
	buf.Truncate(len(out))
}

// JSON sends v encoded as JSON, Express's res.json: Content-Type
// application/json; charset=utf-8 unless one is set (its charset is forced
// to utf-8), then as [Context.Send] (Content-Length, ETag, 304, HEAD).
// Config.JSONIndent and JSONEscape apply. Unlike encoding/json's Encoder
// there is no trailing newline, and unlike Go's default <, > and & are not
// escaped.
func (c *Context) JSON(v any) error { return c.json("JSON", v) }

func (c *Context) json(call string, v any) error {
	c.live()
	jb := c.getJSONBuf()
	defer c.putJSONBuf(jb)
	if err := c.encodeJSON(jb, v); err != nil {
		return err
	}
	return c.send(&outgoing{call: call, data: jb.b.Bytes(), mode: modeSend, ctype: ctJSON, utf8: true})
}

// JSONP sends v as JSON with JSONP support, Express's res.jsonp: when the
// query parameter named by Config.JSONPCallback ("callback") is non-empty,
// the body is `/**/ typeof cb === 'function' && cb(JSON);` as
// text/javascript, with the callback stripped to [A-Za-z0-9_$.[\]] and
// U+2028/U+2029 escaped. X-Content-Type-Options: nosniff is set whenever
// JSONP sets the Content-Type.
func (c *Context) JSONP(v any) error {
	c.live()
	name := c.app.cfg.JSONPCallback
	if name == "" {
		name = "callback"
	}
	cb := c.Query(name)
	jb := c.getJSONBuf()
	defer c.putJSONBuf(jb)
	if err := c.encodeJSON(jb, v); err != nil {
		return err
	}
	o := outgoing{call: "JSONP", data: jb.b.Bytes(), mode: modeSend, ctype: ctJSON, utf8: true}
	if c.pending != nil || c.res.state != Head {
		return c.send(&o) // refused: touch no header
	}
	h := c.res.Header()
	if len(h["Content-Type"]) == 0 {
		h["X-Content-Type-Options"] = c.hv(nosniff)
	}
	if cb == "" {
		return c.send(&o)
	}
	h["X-Content-Type-Options"] = c.hv(nosniff)
	cb = sanitizeCallback(cb)
	body := jb.b.String()
	body = strings.ReplaceAll(body, "\u2028", `\u2028`)
	body = strings.ReplaceAll(body, "\u2029", `\u2029`)
	o.data = []byte("/**/ typeof " + cb + " === 'function' && " + cb + "(" + body + ");")
	o.ctype, o.forceType, o.utf8 = ctJavaScript, true, false
	return c.send(&o)
}

// sanitizeCallback keeps only [A-Za-z0-9_$.[\]].
func sanitizeCallback(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9',
			r == '_', r == '$', r == '.', r == '[', r == ']':
			return r
		}
		return -1
	}, s)
}

// jsonString returns s as a JSON string literal.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
