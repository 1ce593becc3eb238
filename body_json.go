package expresso

import (
	"encoding/json"
	"net/http"
	"strings"
	"unicode/utf16"

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
	s := decodeText(b, kind)
	if s == "" {
		s = "{}"
	}
	if i := strings.IndexFunc(s, notJSONSpace); i < 0 {
		return parseFailed(errJSONEnd)
	} else if s[i] != '{' && s[i] != '[' {
		return parseFailed(strictMessage(s, i))
	}
	spans, err := jsonsyntax.Check(s)
	if err == jsonsyntax.ErrDepth {
		return &HTTPError{Code: http.StatusBadRequest, Message: "The input exceeded the depth", Err: err}
	}
	if err != nil {
		return parseFailed(err.Error())
	}
	if len(spans) > 0 {
		s = nullify(s, spans)
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return &HTTPError{Code: http.StatusBadRequest, Message: "invalid JSON body: " + err.Error(), Err: err}
	}
	return nil
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

// nullify replaces the given spans of s with null.
func nullify(s string, spans []jsonsyntax.Span) string {
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.Start])
		b.WriteString("null")
		last = sp.End
	}
	b.WriteString(s[last:])
	return b.String()
}
