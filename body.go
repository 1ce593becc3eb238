package expresso

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
)

// Body reads the whole request body, at most Config.BodyLimit bytes (1 MiB
// by default); a larger body is a 413 [*HTTPError]. The body is read once
// and kept, so Body and Bind can both be called; a failed read fails again
// the same way rather than returning the rest of a half-read body. It plays
// the part of Express's body-parser raw().
func (c *Context) Body() ([]byte, error) {
	c.live()
	if c.bodyRead {
		return c.body, c.bodyErr
	}
	b, err := c.readBody()
	c.body, c.bodyErr, c.bodyRead = b, err, true
	return b, err
}

// readBody reads the request body within the App's limit.
func (c *Context) readBody() ([]byte, error) {
	limit := c.app.cfg.BodyLimit
	if limit == 0 {
		limit = defaultBodyLimit
	}
	r := c.req
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	if limit > 0 && r.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	var src io.Reader = r.Body
	if limit > 0 {
		src = io.LimitReader(r.Body, limit+1)
	}
	b, err := io.ReadAll(src)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooLarge(mbe.Limit)
		}
		return nil, &HTTPError{Code: http.StatusBadRequest, Message: "request body could not be read", Err: err}
	}
	if limit > 0 && int64(len(b)) > limit {
		return nil, tooLarge(limit)
	}
	return b, nil
}

func tooLarge(limit int64) error {
	return &HTTPError{Code: http.StatusRequestEntityTooLarge,
		Message: "request entity too large: the limit is " + strconv.FormatInt(limit, 10) + " bytes"}
}

// Bind decodes the request body into v by its Content-Type, as Express's
// express.json() and express.urlencoded(): JSON into any value;
// application/x-www-form-urlencoded into a *url.Values, a
// *map[string]string, a *map[string][]string, or a pointer to a struct
// whose fields are matched by their `form` tag (else their name) and may
// be strings, bools, numbers or slices of them. A body that does not
// decode is a 400, an unsupported Content-Type a 415 [*HTTPError].
func (c *Context) Bind(v any) error {
	b, err := c.Body()
	if err != nil {
		return err
	}
	switch {
	case c.Is("json", "+json") != "":
		if len(b) == 0 {
			return &HTTPError{Code: http.StatusBadRequest, Message: "request body is empty"}
		}
		if err := json.Unmarshal(b, v); err != nil {
			return &HTTPError{Code: http.StatusBadRequest, Message: "invalid JSON body: " + err.Error(), Err: err}
		}
		return nil
	case c.Is("urlencoded") != "":
		vals, err := url.ParseQuery(string(b))
		if err != nil {
			return &HTTPError{Code: http.StatusBadRequest, Message: "invalid form body: " + err.Error(), Err: err}
		}
		return bindForm(vals, v)
	}
	ct := first(c.req.Header["Content-Type"])
	if ct == "" {
		ct = "none"
	}
	return &HTTPError{Code: http.StatusUnsupportedMediaType, Message: "unsupported Content-Type: " + ct}
}

// bindForm stores form values into v.
func bindForm(vals url.Values, v any) error {
	switch t := v.(type) {
	case *url.Values:
		*t = vals
		return nil
	case *map[string][]string:
		*t = vals
		return nil
	case *map[string]string:
		m := make(map[string]string, len(vals))
		for k, vs := range vals {
			m[k] = vs[0]
		}
		*t = m
		return nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return errors.New("expresso: Bind: a form body binds to *url.Values, *map[string]string, *map[string][]string or a pointer to a struct, not " + reflect.TypeOf(v).String())
	}
	sv := rv.Elem()
	st := sv.Type()
	for i := 0; i < st.NumField(); i++ {
		f := st.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if tag, ok := f.Tag.Lookup("form"); ok {
			name, _, _ = strings.Cut(tag, ",")
			if name == "-" {
				continue
			}
		}
		vs, ok := vals[name]
		if !ok {
			continue
		}
		if err := setField(sv.Field(i), vs); err != nil {
			return &HTTPError{Code: http.StatusBadRequest, Message: "invalid form field " + strconv.Quote(name) + ": " + err.Error(), Err: err}
		}
	}
	return nil
}

func setField(f reflect.Value, vs []string) error {
	if f.Kind() == reflect.Slice {
		s := reflect.MakeSlice(f.Type(), len(vs), len(vs))
		for i, v := range vs {
			if err := setScalar(s.Index(i), v); err != nil {
				return err
			}
		}
		f.Set(s)
		return nil
	}
	return setScalar(f, vs[0])
}

func setScalar(f reflect.Value, v string) error {
	switch f.Kind() {
	case reflect.String:
		f.SetString(v)
	case reflect.Bool:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return err
		}
		f.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(v, 10, f.Type().Bits())
		if err != nil {
			return err
		}
		f.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := strconv.ParseUint(v, 10, f.Type().Bits())
		if err != nil {
			return err
		}
		f.SetUint(n)
	case reflect.Float32, reflect.Float64:
		n, err := strconv.ParseFloat(v, f.Type().Bits())
		if err != nil {
			return err
		}
		f.SetFloat(n)
	default:
		return errors.New("unsupported field type " + f.Type().String())
	}
	return nil
}
