package qs_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/internal/qs"
)

func TestParse(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in, charset string
		want              url.Values
	}{
		{name: "should parse pairs", in: "a=1&b=2", want: url.Values{"a": {"1"}, "b": {"2"}}},
		{name: "should collect a repeated key", in: "a=1&a=2", want: url.Values{"a": {"1", "2"}}},
		{name: "should keep bracket keys literal", in: "x[]=1&x[]=2&user[name][first]=t&y[0]=a",
			want: url.Values{"x[]": {"1", "2"}, "user[name][first]": {"t"}, "y[0]": {"a"}}},
		{name: "should turn plus into space", in: "a+b=c+d", want: url.Values{"a b": {"c d"}}},
		{name: "should keep a semicolon", in: "a;b=1;c", want: url.Values{"a;b": {"1;c"}}},
		{name: "should keep an escape that is not UTF-8", in: "c=%E9&d=%E9+x", want: url.Values{"c": {"%E9"}, "d": {"%E9 x"}}},
		{name: "should keep an invalid escape", in: "a=%zz&b=%&c=%2", want: url.Values{"a": {"%zz"}, "b": {"%"}, "c": {"%2"}}},
		{name: "should reject a surrogate escape", in: "a=%ED%A0%80", want: url.Values{"a": {"%ED%A0%80"}}},
		{name: "should decode UTF-8 escapes", in: "a=%C3%A9%F0%9F%98%80", want: url.Values{"a": {"é😀"}}},
		{name: "should give a key without = the empty value", in: "c", want: url.Values{"c": {""}}},
		{name: "should drop an empty key", in: "=x&&b=", want: url.Values{"b": {""}}},
		{name: "should drop __proto__", in: "__proto__=1&[__proto__]=2&__proto__[x]=3",
			want: url.Values{"__proto__[x]": {"3"}}},
		{name: "should keep Object.prototype names", in: "hasOwnProperty=1&constructor=2",
			want: url.Values{"hasOwnProperty": {"1"}, "constructor": {"2"}}},
		{name: "should unwrap one bracket pair", in: "[a]=1&[]=x&[]=y", want: url.Values{"a": {"1"}, "0": {"x"}, "1": {"y"}}},
		{name: "should split at ]= before =", in: "a=b]=c", want: url.Values{"a=b]": {"c"}}},
		{name: "should read %5B and %5D as brackets", in: "%5Ba%5d=1", want: url.Values{"a": {"1"}}},
		{name: "should merge in JavaScript key order", in: "[1]=y&1=x&b=2&[b]=3", want: url.Values{"1": {"x", "y"}, "b": {"2", "3"}}},
		{name: "should not merge an empty value into a key", in: "0=b&[0]", want: url.Values{"0": {"b"}}},
		{name: "should decode Latin-1", in: "%A2=%BD&x=%zz", charset: qs.Latin1, want: url.Values{"¢": {"½"}, "x": {"%zz"}}},
		{name: "should parse an empty string", in: "", want: url.Values{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := qs.Parse(tc.in, tc.charset, 0)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseParameterLimit(t *testing.T) {
	t.Parallel()
	_, err := qs.Parse(strings.Repeat("&", 999), "", 0)
	assert.NoError(t, err)
	_, err = qs.Parse(strings.Repeat("&", 1000), "", 0)
	assert.ErrorIs(t, err, qs.ErrTooManyParameters)
	_, err = qs.Parse("a=1&b=2&c=3&", "", 3)
	assert.ErrorIs(t, err, qs.ErrTooManyParameters)
	_, err = qs.Parse(strings.Repeat("&", 5000), "", -1)
	assert.NoError(t, err)
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a=1&a=2", "a;b=%E9&=x&[]=q", "%5Ba%5d=1&[1]=y&1=x", "a=%C3%A9%F0%9F%98%80", "__proto__=1&0=b&[0]", "a=b]=c"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, latin1 bool) {
		cs := ""
		if latin1 {
			cs = qs.Latin1
		}
		got, err := qs.Parse(s, cs, -1)
		require.NoError(t, err)
		n := 0
		for k, vs := range got {
			require.NotEmpty(t, k)
			require.NotEqual(t, "__proto__", k)
			require.NotEmpty(t, vs)
			n += len(vs)
			if utf8.ValidString(s) {
				assert.True(t, utf8.ValidString(k), "key %q", k)
				for _, v := range vs {
					assert.True(t, utf8.ValidString(v), "value %q", v)
				}
			}
		}
		assert.LessOrEqual(t, n, qs.Count(s), "more values than parameters")
		if !strings.ContainsAny(s, "%+[]") {
			for k := range got {
				assert.Contains(t, s, k)
			}
		}
	})
}

func ExampleParse() {
	v, _ := qs.Parse("a;b=1&c=%E9&=x&d=x+y&d=%C3%A9", "utf-8", 0)
	fmt.Println(v["a;b"], v["c"], v["d"], len(v))
	// Output: [1] [%E9] [x y é] 3
}
