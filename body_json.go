package expresso

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/expresso-go/expresso/internal/jsonsyntax"
)

// bindJSON decodes a JSON body into v as express.json() (strict) parses
// it: the charset must be a UTF ("utf-8" by default), a BOM is dropped, an
// empty body is {}, the top level must be an object or an array, syntax
// errors carry V8's message, and numbers beyond float64 (which JSON.parse
// makes ±Infinity, sent back by Express as null) decode as null. Nesting
// deeper than 10000 levels is a 400 "The input exceeded the depth" (the
// message body-parser gives a form nested too deeply; V8 has no limit).
func (c *Context) bindJSON(ct string, v any) error {
	cs := requestCharset(ct)
	if cs == "" {
		cs = "utf-8"
	}
	if !strings.HasPrefix(cs, "utf-") {
		return unsupportedCharset(cs)
	}
	kind := charsetOf(cs)
	if kind == csUnknown {
		return unsupportedCharset(cs)
	}
	b, err := c.Body()
	if err != nil {
		return err
	}
	b = jsonText(b, kind)
	if i := bytes.IndexFunc(b, notJSONSpace); i < 0 {
		return parseFailed(errJSONEnd)
	} else if b[i] != '{' && b[i] != '[' {
		return parseFailed(strictMessage(string(b), i))
	}
	spans, err := jsonsyntax.Check(b)
	if err == jsonsyntax.ErrDepth {
		return &HTTPError{Code: http.StatusBadRequest, Message: "The input exceeded the depth", Err: err}
	}
	if err != nil {
		return parseFailed(err.Error())
	}
	if len(spans) > 0 {
		b = nullify(b, spans)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return &HTTPError{Code: http.StatusBadRequest, Message: "invalid JSON body: " + err.Error(), Err: err}
	}
	return nil
}

// jsonText returns the body as UTF-8 text for JSON.parse, {} when empty.
// A valid UTF-8 body is used in place (without its BOM); b is not
// modified.
func jsonText(b []byte, kind charsetKind) []byte {
	if kind == csUTF8 {
		b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
		if !utf8.Valid(b) {
			b = []byte(toValidUTF8(b))
		}
	} else {
		b = []byte(decodeText(b, kind))
	}
	if len(b) == 0 {
		return []byte("{}")
	}
	return b
}

// errJSONEnd is V8's message for JSON text without a value.
const errJSONEnd = "Unexpected end of JSON input"

// parseFailed is body-parser's 400 entity.parse.failed.
func parseFailed(msg string) error {
	return &HTTPError{Code: http.StatusBadRequest, Message: msg}
}

func notJSONSpace(r rune) bool { return r != ' ' && r != '\t' && r != '\n' && r != '\r' }

// strictMessage is the message body-parser gives a strict-mode body whose
// first character, at s[i], is not '{' or '[': JSON.parse's error for s
// with that character replaced by '#', after which every run of '#' in the
// message is replaced by as many characters of s from i on.
func strictMessage(s string, i int) string {
	_, size := firstRune(s[i:])
	msg := jsonsyntax.UnexpectedToken(s[:i]+"#"+s[i+size:], i)
	orig := utf16.Encode([]rune(s[i:]))
	var b strings.Builder
	for k := 0; k < len(msg); {
		if msg[k] != '#' {
			b.WriteByte(msg[k])
			k++
			continue
		}
		n := 0
		for k < len(msg) && msg[k] == '#' {
			k++
			n++
		}
		b.WriteString(string(utf16.Decode(orig[:min(n, len(orig))])))
	}
	return b.String()
}

// firstRune returns the first rune of s and its size.
func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// nullify returns a copy of b with the given spans replaced by null.
func nullify(b []byte, spans []jsonsyntax.Span) []byte {
	out := make([]byte, 0, len(b))
	last := 0
	for _, sp := range spans {
		out = append(out, b[last:sp.Start]...)
		out = append(out, "null"...)
		last = sp.End
	}
	return append(out, b[last:]...)
}
