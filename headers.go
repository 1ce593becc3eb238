package expresso

import (
	"errors"
	htoken "github.com/expresso-go/expresso/internal/token"
	"net/http"
	"net/textproto"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/expresso-go/expresso/internal/contentdisposition"
	"github.com/expresso-go/expresso/internal/encodeurl"
	"github.com/expresso-go/expresso/internal/mimetypes"
	"github.com/expresso-go/expresso/internal/vary"
)

// setter checks that headers may still change; otherwise it records the
// refusal and reports false.
func (c *Context) setter(call string) bool {
	c.live()
	if c.res.state != Head {
		c.record(c.res.refuse(call, ErrHeadersSent))
		return false
	}
	return true
}

// Status sets the response status, Express's res.status. A code outside
// 100–999 is refused: the status is unchanged and the error is returned by
// the next sender (Express throws).
func (c *Context) Status(code int) *Context {
	if !c.setter("Status") {
		return c
	}
	if code < 100 || code > 999 {
		c.record(invalidStatus(code))
		return c
	}
	c.res.status = code
	return c
}

// Set sets a response header, replacing any value, Express's res.set. For
// Content-Type a value without "/" is a file extension ("json"), and a
// charset is added to text types that have none. Invalid names or values
// (control characters) are refused like a change after the headers went out.
func (c *Context) Set(field, value string) *Context {
	if !c.setter("Set") {
		return c
	}
	key := field
	if key != "Content-Type" {
		key = textproto.CanonicalMIMEHeaderKey(field)
	}
	if key == "Content-Type" {
		value = contentType(value)
		switch value {
		case ctHTML, ctTextPlain, ctJSON, ctJavaScript, ctOctetStream:
			// The common types, known valid: no checks to run.
			c.res.Header()[key] = c.hv(value)
			return c
		}
		if err := checkMediaType(value); err != nil {
			c.record(err)
			return c
		}
	}
	if err := checkHeader(field, value); err != nil {
		c.record(err)
		return c
	}
	c.res.Header()[key] = c.hv(value)
	return c
}

// contentType is mime.contentType: an extension is looked up, a charset is
// added where the type has a default one.
func contentType(v string) string {
	if ct := mimetypes.ContentType(v); ct != "" {
		return ct
	}
	if !strings.Contains(v, "/") {
		return "application/octet-stream"
	}
	return v
}

// Append adds values to a response header, Express's res.append. Appending
// to Content-Type is refused: it cannot hold several values.
func (c *Context) Append(field string, values ...string) *Context {
	if !c.setter("Append") {
		return c
	}
	key := textproto.CanonicalMIMEHeaderKey(field)
	if key == "Content-Type" {
		if len(values) > 1 || len(c.res.Header()[key]) > 0 {
			c.record(errors.New("expresso: Append refused: Content-Type cannot hold several values"))
			return c
		}
		if len(values) == 1 {
			// The first Content-Type follows Set's rules, as Express's
			// res.append writes through res.set.
			return c.Set(key, values[0])
		}
	}
	for _, v := range values {
		if err := checkHeader(field, v); err != nil {
			c.record(err)
			return c
		}
	}
	h := c.res.Header()
	h[key] = append(h[key], values...)
	return c
}

// Type sets the Content-Type, Express's res.type: a value without "/" is a
// file extension or name ("json", ".html", "foo.js"); unknown ones are
// application/octet-stream. Text types get "; charset=utf-8".
func (c *Context) Type(t string) *Context {
	if !c.setter("Type") {
		return c
	}
	if !strings.Contains(t, "/") {
		t = mimetypes.ContentType(t)
		if t == "" {
			t = "application/octet-stream"
		}
	} else {
		t = contentType(t)
	}
	if err := checkMediaType(t); err != nil {
		c.record(err)
		return c
	}
	if err := checkHeader("Content-Type", t); err != nil {
		c.record(err)
		return c
	}
	c.res.Header()["Content-Type"] = c.hv(t)
	return c
}

// Vary adds fields to the Vary header unless present, Express's res.vary.
// With no fields it does nothing; an empty field is refused as Express
// throws "field argument is required".
func (c *Context) Vary(fields ...string) *Context {
	if !c.setter("Vary") || len(fields) == 0 {
		return c
	}
	for _, f := range fields {
		if f == "" {
			c.record(errors.New("expresso: Vary: field argument is required"))
			return c
		}
	}
	h := c.res.Header()
	v, err := vary.Append(strings.Join(h["Vary"], ", "), fields...)
	if err != nil {
		c.record(errors.New("expresso: Vary: " + err.Error()))
		return c
	}
	if v != "" {
		h["Vary"] = c.hv(v)
	}
	return c
}

// Links appends to the Link header, Express's res.links: arguments are
// rel, URL pairs, each becoming <URL>; rel="rel".
func (c *Context) Links(relURL ...string) *Context {
	if !c.setter("Links") {
		return c
	}
	if len(relURL)%2 != 0 {
		c.record(errors.New("expresso: Links takes rel, URL pairs; got an odd number of arguments"))
		return c
	}
	h := c.res.Header()
	var b strings.Builder
	b.WriteString(strings.Join(h["Link"], ", "))
	for i := 0; i < len(relURL); i += 2 {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString("<" + relURL[i+1] + ">; rel=\"" + relURL[i] + "\"")
	}
	if err := checkHeader("Link", b.String()); err != nil {
		c.record(err)
		return c
	}
	h["Link"] = c.hv(b.String())
	return c
}

// Location sets the Location header to url, percent-encoded as Express's
// res.location (existing escapes kept, never resolved; "back" is not
// special).
func (c *Context) Location(url string) *Context {
	if !c.setter("Location") {
		return c
	}
	c.res.Header()["Location"] = c.hv(encodeurl.Encode(url))
	return c
}

// Attachment sets Content-Disposition to attachment, with the base name of
// filename if given, and then the Content-Type from its extension, as
// Express's res.attachment.
func (c *Context) Attachment(filename ...string) *Context {
	if !c.setter("Attachment") {
		return c
	}
	if len(filename) == 0 {
		c.res.Header()["Content-Disposition"] = c.hv("attachment")
		return c
	}
	name := basename(filename[0])
	if name != "" {
		c.Type(extname(name))
	}
	c.res.Header()["Content-Disposition"] = c.hv(contentdisposition.Attachment(name, true))
	return c
}

// basename returns the last element of p as Node's path.basename does:
// trailing slashes are dropped, and "/" (or "") gives "".
func basename(p string) string {
	p = strings.TrimRight(p, "/")
	if p == "" {
		return ""
	}
	return path.Base(p)
}

// extname returns the extension of the file name base as Node's
// path.extname does: from the last dot, except that a dot at the start
// (".json") or the name ".." gives none.
func extname(base string) string {
	i := strings.LastIndexByte(base, '.')
	if i <= 0 || base == ".." {
		return ""
	}
	return base[i:]
}

// checkMediaType rejects a Content-Type whose type or subtype is not a
// token ("pdf/", "/json", "a b/c"), which Express refuses with a TypeError.
func checkMediaType(v string) error {
	mt, _, _ := strings.Cut(v, ";")
	typ, sub, ok := strings.Cut(strings.TrimSpace(mt), "/")
	if ok && htoken.Is(typ) && htoken.Is(sub) {
		return nil
	}
	return errors.New("expresso: invalid media type " + strconv.Quote(v))
}

// checkHeader rejects names that are not tokens and values with control
// characters or characters beyond Latin-1, which Node refuses
// (ERR_INVALID_CHAR) and net/http would rewrite. A value with characters
// U+0080 to U+00FF is sent as Go's UTF-8 bytes, where Node sends one
// Latin-1 byte each.
func checkHeader(name, value string) error {
	if name == "" {
		return errors.New("expresso: invalid header name \"\"")
	}
	for i := 0; i < len(name); i++ {
		if !htoken.IsChar(name[i]) {
			return errors.New("expresso: invalid header name " + strconv.Quote(name))
		}
	}
	for i := 0; i < len(value); i++ {
		if b := value[i]; b < ' ' && b != '\t' || b == 0x7f {
			return errors.New("expresso: invalid character in header " + name + ": " + strconv.Quote(value))
		}
		if value[i] >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(value[i:])
			if r > 0xff {
				return errors.New("expresso: invalid character beyond Latin-1 in header " + name + ": " + strconv.Quote(value))
			}
			i += n - 1
		}
	}
	return nil
}

// header returns the first value of a response header.
func (r *Response) get(key string) string {
	if v := r.w.Header()[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

var _ http.ResponseWriter = (*Response)(nil)
