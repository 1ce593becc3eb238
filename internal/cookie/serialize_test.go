package cookie_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/internal/cookie"
)

func int64p(n int64) *int64 { return &n }

func TestSerialize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		givenName string
		givenVal  string
		given     cookie.Options
		expect    string
	}{
		{"should write name=value with no options", "foo", "bar", cookie.Options{}, "foo=bar"},
		{"should encode the value with encodeURIComponent", "foo", "bar baz;+é", cookie.Options{}, "foo=bar%20baz%3B%2B%C3%A9"},
		{"should allow an empty value", "foo", "", cookie.Options{}, "foo="},
		{"should allow token punctuation in the name", "!#$%&'*+-.^_`|~09AZaz", "v", cookie.Options{}, "!#$%&'*+-.^_`|~09AZaz=v"},
		{"should use a custom encoder", "foo", "a b", cookie.Options{Encode: func(s string) string { return strings.ReplaceAll(s, " ", "_") }}, "foo=a_b"},
		{"should allow a quoted value from the encoder", "foo", `"bar"`, cookie.Options{Encode: func(s string) string { return s }}, `foo="bar"`},
		{"should write Max-Age", "foo", "bar", cookie.Options{MaxAge: int64p(1000)}, "foo=bar; Max-Age=1000"},
		{"should write a zero Max-Age", "foo", "bar", cookie.Options{MaxAge: int64p(0)}, "foo=bar; Max-Age=0"},
		{"should write a negative Max-Age", "foo", "bar", cookie.Options{MaxAge: int64p(-1)}, "foo=bar; Max-Age=-1"},
		{"should write the smallest Max-Age", "foo", "bar", cookie.Options{MaxAge: int64p(-9223372036854775808)}, "foo=bar; Max-Age=-9223372036854775808"},
		{"should write Domain", "foo", "bar", cookie.Options{Domain: "example.com"}, "foo=bar; Domain=example.com"},
		{"should keep a leading dot in Domain", "foo", "bar", cookie.Options{Domain: ".Example.COM"}, "foo=bar; Domain=.Example.COM"},
		{"should write Path", "foo", "bar", cookie.Options{Path: "/"}, "foo=bar; Path=/"},
		{"should allow spaces and '=' in Path", "foo", "bar", cookie.Options{Path: "/a b=c>"}, "foo=bar; Path=/a b=c>"},
		{"should write Expires in UTC", "foo", "bar", cookie.Options{Expires: time.Date(2000, 1, 2, 4, 4, 5, 999, time.FixedZone("x", 3600))}, "foo=bar; Expires=Sun, 02 Jan 2000 03:04:05 GMT"},
		{"should write the epoch plus one millisecond as the epoch", "foo", "", cookie.Options{Expires: time.UnixMilli(1)}, "foo=; Expires=Thu, 01 Jan 1970 00:00:00 GMT"},
		{"should floor a time before the epoch", "foo", "", cookie.Options{Expires: time.UnixMilli(-500)}, "foo=; Expires=Wed, 31 Dec 1969 23:59:59 GMT"},
		{"should write a five-digit year", "foo", "", cookie.Options{Expires: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, "foo=; Expires=Sat, 01 Jan 10000 00:00:00 GMT"},
		{"should write a negative year", "foo", "", cookie.Options{Expires: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}, "foo=; Expires=Fri, 01 Jan -0001 00:00:00 GMT"},
		{"should write the last JavaScript date", "foo", "", cookie.Options{Expires: time.UnixMilli(8_640_000_000_000_000)}, "foo=; Expires=Sat, 13 Sep 275760 00:00:00 GMT"},
		{"should write the first JavaScript date", "foo", "", cookie.Options{Expires: time.UnixMilli(-8_640_000_000_000_000)}, "foo=; Expires=Tue, 20 Apr -271821 00:00:00 GMT"},
		{"should write HttpOnly", "foo", "bar", cookie.Options{HTTPOnly: true}, "foo=bar; HttpOnly"},
		{"should write Secure", "foo", "bar", cookie.Options{Secure: true}, "foo=bar; Secure"},
		{"should write Partitioned", "foo", "bar", cookie.Options{Partitioned: true}, "foo=bar; Partitioned"},
		{"should write Priority=Low", "foo", "bar", cookie.Options{Priority: "low"}, "foo=bar; Priority=Low"},
		{"should write Priority=Medium in any case", "foo", "bar", cookie.Options{Priority: "MeDiUm"}, "foo=bar; Priority=Medium"},
		{"should write Priority=High", "foo", "bar", cookie.Options{Priority: "HIGH"}, "foo=bar; Priority=High"},
		{"should write SameSite=Strict", "foo", "bar", cookie.Options{SameSite: "Strict"}, "foo=bar; SameSite=Strict"},
		{"should write SameSite=Lax", "foo", "bar", cookie.Options{SameSite: "lax"}, "foo=bar; SameSite=Lax"},
		{"should write SameSite=None", "foo", "bar", cookie.Options{SameSite: "NONE"}, "foo=bar; SameSite=None"},
		{
			"should write every attribute in jshttp/cookie's order",
			"foo", "bar",
			cookie.Options{
				MaxAge: int64p(-1), Domain: ".Example.com", Path: "/a b",
				Expires:  time.Date(2000, 1, 2, 3, 4, 5, 0, time.UTC),
				HTTPOnly: true, Secure: true, Partitioned: true, Priority: "HIGH", SameSite: "NONE",
			},
			"foo=bar; Max-Age=-1; Domain=.Example.com; Path=/a b; Expires=Sun, 02 Jan 2000 03:04:05 GMT; HttpOnly; Secure; Partitioned; Priority=High; SameSite=None",
		},
		{
			"should match Express's clearCookie output",
			"sid", "",
			cookie.Options{Path: "/", Expires: time.UnixMilli(1)},
			"sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
		},
		{
			"should encode the colon of a signed value",
			"s", "s:" + cookie.Sign("tobi", "keyboard cat"), cookie.Options{},
			"s=s%3Atobi.k%2FMBGA3LV%2FDe%2B0YTROxcLuurjbOQXyaa2veNodQBZc4",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := cookie.Serialize(tt.givenName, tt.givenVal, tt.given)
			require.NoError(t, err)
			assert.Equal(t, tt.expect, got)
		})
	}
}

func TestSerializeErrors(t *testing.T) {
	t.Parallel()
	identity := func(s string) string { return s }
	tests := []struct {
		name      string
		givenName string
		givenVal  string
		given     cookie.Options
		expectErr error
		expectMsg string
	}{
		{"should reject an empty name", "", "v", cookie.Options{}, cookie.ErrName, "argument name is invalid"},
		{"should reject a name with a space", "foo bar", "v", cookie.Options{}, cookie.ErrName, "argument name is invalid"},
		{"should reject a name with '='", "foo=", "v", cookie.Options{}, cookie.ErrName, "argument name is invalid"},
		{"should reject a name with a newline", "foo\n", "v", cookie.Options{}, cookie.ErrName, "argument name is invalid"},
		{"should reject a non-ASCII name", "fé", "v", cookie.Options{}, cookie.ErrName, "argument name is invalid"},
		{"should reject an encoded value with ';'", "foo", "a;b", cookie.Options{Encode: identity}, cookie.ErrValue, "argument val is invalid"},
		{"should reject an encoded value with a space", "foo", "a b", cookie.Options{Encode: identity}, cookie.ErrValue, "argument val is invalid"},
		{"should reject an encoded value with a backslash", "foo", `a\b`, cookie.Options{Encode: identity}, cookie.ErrValue, "argument val is invalid"},
		{"should reject an encoded value with a comma", "foo", "a,b", cookie.Options{Encode: identity}, cookie.ErrValue, "argument val is invalid"},
		{"should reject a lone double quote", "foo", `"`, cookie.Options{Encode: identity}, cookie.ErrValue, "argument val is invalid"},
		{"should reject an unbalanced quote", "foo", `"abc`, cookie.Options{Encode: identity}, cookie.ErrValue, "argument val is invalid"},
		{"should reject a quote inside quotes", "foo", `""a""`, cookie.Options{Encode: identity}, cookie.ErrValue, "argument val is invalid"},
		{"should reject a non-ASCII encoded value", "foo", "é", cookie.Options{Encode: identity}, cookie.ErrValue, "argument val is invalid"},
		{"should reject a domain with a trailing dot", "foo", "v", cookie.Options{Domain: "example.com."}, cookie.ErrDomain, "option domain is invalid"},
		{"should reject a domain with two leading dots", "foo", "v", cookie.Options{Domain: "..example.com"}, cookie.ErrDomain, "option domain is invalid"},
		{"should reject a domain label starting with a hyphen", "foo", "v", cookie.Options{Domain: "-a.com"}, cookie.ErrDomain, "option domain is invalid"},
		{"should reject a domain label ending with a hyphen", "foo", "v", cookie.Options{Domain: "a-.com"}, cookie.ErrDomain, "option domain is invalid"},
		{"should reject a domain label of 64 characters", "foo", "v", cookie.Options{Domain: strings.Repeat("a", 64) + ".com"}, cookie.ErrDomain, "option domain is invalid"},
		{"should reject a domain with a port", "foo", "v", cookie.Options{Domain: "example.com:80"}, cookie.ErrDomain, "option domain is invalid"},
		{"should reject a domain that is only a dot", "foo", "v", cookie.Options{Domain: "."}, cookie.ErrDomain, "option domain is invalid"},
		{"should reject a path with ';'", "foo", "v", cookie.Options{Path: "/;x"}, cookie.ErrPath, "option path is invalid"},
		{"should reject a path with '<'", "foo", "v", cookie.Options{Path: "/<x"}, cookie.ErrPath, "option path is invalid"},
		{"should reject a path with a newline", "foo", "v", cookie.Options{Path: "/\n"}, cookie.ErrPath, "option path is invalid"},
		{"should reject a path with DEL", "foo", "v", cookie.Options{Path: "/\x7f"}, cookie.ErrPath, "option path is invalid"},
		{"should reject a non-ASCII path", "foo", "v", cookie.Options{Path: "/é"}, cookie.ErrPath, "option path is invalid"},
		{"should reject an expiry after the last JavaScript date", "foo", "v", cookie.Options{Expires: time.UnixMilli(8_640_000_000_000_001)}, cookie.ErrExpires, "option expires is invalid"},
		{"should reject an expiry before the first JavaScript date", "foo", "v", cookie.Options{Expires: time.UnixMilli(-8_640_000_000_000_001)}, cookie.ErrExpires, "option expires is invalid"},
		{"should reject an unknown priority", "foo", "v", cookie.Options{Priority: "foo"}, cookie.ErrPriority, "option priority is invalid"},
		{"should reject a non-ASCII case fold of the priority", "foo", "v", cookie.Options{Priority: "hıgh"}, cookie.ErrPriority, "option priority is invalid"},
		{"should reject an unknown sameSite", "foo", "v", cookie.Options{SameSite: "foo"}, cookie.ErrSameSite, "option sameSite is invalid"},
		{"should reject the string true as sameSite", "foo", "v", cookie.Options{SameSite: "true"}, cookie.ErrSameSite, "option sameSite is invalid"},
		{"should reject a long s in sameSite", "foo", "v", cookie.Options{SameSite: "ſtrict"}, cookie.ErrSameSite, "option sameSite is invalid"},
		{"should check the name before the value", "a b", "c d", cookie.Options{Encode: identity}, cookie.ErrName, "argument name is invalid"},
		{"should check the domain before the path", "foo", "v", cookie.Options{Domain: "-", Path: ";"}, cookie.ErrDomain, "option domain is invalid"},
		{"should check the priority before sameSite", "foo", "v", cookie.Options{Priority: "x", SameSite: "x"}, cookie.ErrPriority, "option priority is invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := cookie.Serialize(tt.givenName, tt.givenVal, tt.given)
			require.Error(t, err)
			assert.Equal(t, "", got)
			assert.Equal(t, tt.expectMsg, err.Error())
			assert.ErrorIs(t, err, tt.expectErr)
			assert.ErrorIs(t, err, cookie.ErrInvalid)
		})
	}
}

func TestErrMaxAge(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "option maxAge is invalid", cookie.ErrMaxAge.Error())
	assert.True(t, errors.Is(cookie.ErrMaxAge, cookie.ErrInvalid))
	assert.False(t, errors.Is(cookie.ErrMaxAge, cookie.ErrName))
}

func TestSerializeDomains(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		given  string
		expect bool
	}{
		{"should accept a single label", "localhost", true},
		{"should accept digits", "127.0.0.1", true},
		{"should accept inner hyphens", "a-b.c--d.com", true},
		{"should accept a 63-character label", strings.Repeat("a", 63) + ".com", true},
		{"should accept a one-character label", "a.b.c", true},
		{"should reject an underscore", "a_b.com", false},
		{"should reject an empty label", "a..b", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := cookie.Serialize("a", "b", cookie.Options{Domain: tt.given})
			assert.Equal(t, tt.expect, err == nil)
		})
	}
}

func BenchmarkSerialize(b *testing.B) {
	o := cookie.Options{MaxAge: int64p(3600), Path: "/", Expires: time.Unix(1e9, 0), HTTPOnly: true, SameSite: "lax"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cookie.Serialize("sid", "abc123", o); err != nil {
			b.Fatal(err)
		}
	}
}
