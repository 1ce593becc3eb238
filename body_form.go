package expresso

import (
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"github.com/expresso-go/expresso/internal/qs"
)

// bindURLEncoded decodes an application/x-www-form-urlencoded body into v
// as express.urlencoded() (extended: false) parses it.
func (c *Context) bindURLEncoded(ct string, v any) error {
	cs := requestCharset(ct)
	if cs == "" {
		cs = "utf-8"
	}
	if cs != "utf-8" && cs != qs.Latin1 {
		return unsupportedCharset(cs)
	}
	b, err := c.Body()
	if err != nil {
		return err
	}
	vals, err := qs.Parse(decodeText(b, charsetOf(cs)), cs, 0)
	if err != nil {
		return &HTTPError{Code: http.StatusRequestEntityTooLarge, Message: "too many parameters", Err: err}
	}
	return bindForm(vals, v)
}

// bindForm stores form values into v.
// The targets are listed in the doc of Bind.
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
	case *map[string]any:
		// req.body's shape: a string, or an array for a repeated key.
		m := make(map[string]any, len(vals))
		for k, vs := range vals {
			if len(vs) == 1 {
				m[k] = vs[0]
			} else {
				m[k] = vs
			}
		}
		*t = m
		return nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return errors.New("expresso: Bind: a form body binds to *url.Values, *map[string]string, *map[string][]string, *map[string]any or a pointer to a struct, not " + reflect.TypeOf(v).String())
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
