package expresso

import (
	"net/http"
	"strconv"
	"strings"
)

// Validator checks a value that [Context.Bind] decoded, so that users plug
// in the validation library they like. See Config.Validator.
type Validator interface {
	// Validate returns nil when v, the pointer given to Bind, is valid.
	Validate(v any) error
}

// FieldError is an error about one field of a bound value. A Validator may
// return it, alone or several joined with [errors.Join], so that Bind's
// 400 names the fields.
type FieldError struct {
	// Field is the field's name as the client sent it (e.g. the JSON key).
	Field string
	// Err says what is wrong with it.
	Err error
}

// Error returns "field: reason".
func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }

// Unwrap returns the reason.
func (e *FieldError) Unwrap() error { return e.Err }

// Fields returns the field's name.
func (e *FieldError) Fields() []string { return []string{e.Field} }

// Bind decodes the request body into v by its Content-Type, as Express's
// body parsers fill req.body, then calls Config.Validator if set:
//
//   - application/json and any +json type (express.json's default type is
//     application/json alone): express.json() in strict mode. The charset
//     must be a UTF ("utf-8" by default; "latin1" is a 415 "unsupported
//     charset \"LATIN1\""), a BOM is dropped, an empty body is {}, a top
//     level other than an object or array is a 400, a syntax error is a
//     400 with V8's message ("Unexpected end of JSON input"), nesting
//     deeper than 10000 is a 400 "The input exceeded the depth", and a
//     number beyond float64 decodes as null. v is filled by encoding/json;
//     a value of the wrong Go type is a 400.
//   - application/x-www-form-urlencoded: express.urlencoded() with its
//     default extended: false (see below for the targets). Charset utf-8
//     or iso-8859-1 (else 415); more than 1000 parameters is a 413 "too
//     many parameters".
//   - multipart/form-data: the non-file fields of [Context.MultipartForm],
//     into the same targets as a urlencoded form.
//   - text/*, into a *string: express.text(), decoded from its charset
//     (utf-8 by default; iso-8859-1, us-ascii, utf-16 and utf-32 are also
//     known, others are a 415).
//   - any type (or none), into a *[]byte: express.raw(), the bytes of
//     [Context.Body].
//
// A form binds into a *url.Values, a *map[string][]string, a
// *map[string]string (first values), a *map[string]any (req.body's shape:
// a string, or a []string for a repeated key), or a pointer to a struct
// whose fields are matched by their `form` tag (else their name) and may
// be strings, bools, numbers or slices of them. Another Content-Type is a
// 415.
//
// Without a body (neither Content-Length nor Transfer-Encoding), v is left
// as it is, as Express leaves req.body undefined; the Validator still
// runs. Body's errors (413, 415, 400, 408) are returned as they are.
//
// An error from the Validator that is an [*HTTPError] is returned as it
// is; any other becomes a 400 whose message is "invalid request body: "
// followed by the error's text, or, when the error or an error it wraps
// (through Unwrap, [errors.Join] included) has a method Fields() []string,
// such as [*FieldError], `invalid field "a": ` (or `invalid fields "a",
// "b": `) followed by the error's text with newlines turned into "; ". The
// original error is wrapped. Express has no validator hook.
func (c *Context) Bind(v any) error {
	c.live()
	if err := c.decodeBody(v); err != nil {
		return err
	}
	return c.validate(v)
}

// decodeBody is Bind without the Validator.
func (c *Context) decodeBody(v any) error {
	if !c.hasBody() {
		return nil
	}
	if raw, ok := v.(*[]byte); ok {
		b, err := c.Body()
		if err == nil {
			*raw = b
		}
		return err
	}
	ct := first(c.req.Header["Content-Type"])
	switch {
	case c.Is("json", "+json") != "":
		return c.bindJSON(ct, v)
	case c.Is("urlencoded") != "":
		return c.bindURLEncoded(ct, v)
	case c.Is("multipart/form-data") != "":
		form, err := c.MultipartForm()
		if err != nil {
			return err
		}
		return bindForm(form.Value, v)
	}
	if s, ok := v.(*string); ok && c.Is("text/*") != "" {
		return c.bindText(ct, s)
	}
	if ct == "" {
		ct = "none"
	}
	return &HTTPError{Code: http.StatusUnsupportedMediaType, Message: "unsupported Content-Type: " + ct}
}

// bindText decodes a text body into s as express.text().
func (c *Context) bindText(ct string, s *string) error {
	cs := requestCharset(ct)
	if cs == "" {
		cs = "utf-8"
	}
	kind := charsetOf(cs)
	if kind == csUnknown {
		return unsupportedCharset(cs)
	}
	b, err := c.Body()
	if err != nil {
		return err
	}
	*s = decodeText(b, kind)
	return nil
}

// validate runs the Validator on v.
func (c *Context) validate(v any) error {
	val := c.app.cfg.Validator
	if val == nil {
		return nil
	}
	err := val.Validate(v)
	if err == nil {
		return nil
	}
	if he, ok := err.(*HTTPError); ok {
		return he
	}
	msg := strings.ReplaceAll(err.Error(), "\n", "; ")
	switch fields := errorFields(err, nil); len(fields) {
	case 0:
		msg = "invalid request body: " + msg
	case 1:
		msg = "invalid field " + strconv.Quote(fields[0]) + ": " + msg
	default:
		q := make([]string, len(fields))
		for i, f := range fields {
			q[i] = strconv.Quote(f)
		}
		msg = "invalid fields " + strings.Join(q, ", ") + ": " + msg
	}
	return &HTTPError{Code: http.StatusBadRequest, Message: msg, Err: err}
}

// errorFields collects the field names of err and the errors it wraps,
// without repeats.
func errorFields(err error, acc []string) []string {
	if f, ok := err.(interface{ Fields() []string }); ok {
		for _, name := range f.Fields() {
			if !contains(acc, name) {
				acc = append(acc, name)
			}
		}
		return acc
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			acc = errorFields(e, acc)
		}
	case interface{ Unwrap() error }:
		if e := u.Unwrap(); e != nil {
			acc = errorFields(e, acc)
		}
	}
	return acc
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var _ error = (*FieldError)(nil)
