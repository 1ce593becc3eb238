package cookie_test

import (
	"strings"
	"testing"

	"github.com/expresso-go/expresso/internal/cookie"
)

func FuzzGet(f *testing.F) {
	seeds := [][2]string{
		{"foo=bar; baz=qux", "baz"},
		{`a="%41"; a=2`, "a"},
		{"==", ""},
		{"=", ""},
		{`x="`, "x"},
		{"k=%C3(; j=%F0%9F%98%80", "j"},
		{"__proto__=1", "__proto__"},
		{" \tn \t=\t v ;", "n"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, header, name string) {
		got, ok := cookie.Get(header, name)
		pairs := cookie.All(header)
		var want string
		found := false
		for _, p := range pairs {
			if p.Name == name {
				want, found = p.Value, true
				break
			}
		}
		if ok != found || got != want {
			t.Fatalf("Get(%q, %q) = %q, %v; All has %q, %v", header, name, got, ok, want, found)
		}
		for i, p := range pairs {
			if strings.Contains(p.Name, ";") || strings.Contains(p.Name, "=") {
				t.Fatalf("name %q holds a separator", p.Name)
			}
			for _, q := range pairs[:i] {
				if q.Name == p.Name {
					t.Fatalf("name %q repeated", p.Name)
				}
			}
			if v, ok := cookie.Get(header, p.Name); !ok || v != p.Value {
				t.Fatalf("Get(%q, %q) = %q, %v; want %q", header, p.Name, v, ok, p.Value)
			}
		}
	})
}

func FuzzUnsign(f *testing.F) {
	f.Add("hello", "tobiiscool", 0)
	f.Add("", "", 3)
	f.Add("a.b.c", "k", 50)
	f.Fuzz(func(t *testing.T, value, secret string, flip int) {
		signed := cookie.Sign(value, secret)
		got, ok := cookie.Unsign(signed, []string{secret})
		if !ok || got != value {
			t.Fatalf("Unsign(Sign(%q, %q)) = %q, %v", value, secret, got, ok)
		}
		if _, ok := cookie.Unsign(signed, []string{secret + "x"}); ok {
			t.Fatalf("another secret accepted for %q", signed)
		}
		// Tampering with any one byte of the signed string must fail.
		b := []byte(signed)
		i := flip % len(b)
		if i < 0 {
			i = -i
		}
		b[i] ^= 1
		if v, ok := cookie.Unsign(string(b), []string{secret}); ok {
			t.Fatalf("tampered %q accepted as %q", b, v)
		}
	})
}

func FuzzDecodeRoundTrip(f *testing.F) {
	f.Add("a b;é\xff")
	f.Fuzz(func(t *testing.T, s string) {
		enc := cookie.EncodeURIComponent(s)
		for i := 0; i < len(enc); i++ {
			if enc[i] >= 0x80 || enc[i] <= 0x20 || enc[i] == ';' || enc[i] == ',' {
				t.Fatalf("EncodeURIComponent(%q) = %q holds byte %#x", s, enc, enc[i])
			}
		}
		dec, ok := cookie.DecodeURIComponent(enc)
		if !ok {
			t.Fatalf("DecodeURIComponent(%q) failed", enc)
		}
		if want := replaceEachInvalid(s); dec != want {
			t.Fatalf("round trip of %q gave %q, want %q", s, dec, want)
		}
	})
}

// replaceEachInvalid replaces every invalid UTF-8 byte of s with U+FFFD.
func replaceEachInvalid(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
	}
	return b.String()
}
