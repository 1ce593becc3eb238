package cookie_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso/internal/cookie"
)

// The expected signatures were produced with Node's crypto:
// v + "." + createHmac("sha256", k).update(v).digest("base64") minus "=".
func TestSign(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		givenValue  string
		givenSecret string
		expect      string
	}{
		{"should sign a value", "hello", "tobiiscool", "hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI"},
		{"should sign an empty value with an empty secret", "", "", ".thNnmggU2ex3L5XXeMNfxf8Wl8STcVZTxscSFEKSxa0"},
		{"should sign a JSON value", `j:{"a":1}`, "keyboard cat", `j:{"a":1}.OXIDXB1qbEBn9fsUQ0t8D05a4h/kQY1mDqi8vZOcjuk`},
		{"should sign UTF-8 text with a UTF-8 secret", "héllo ☃", "sécret", "héllo ☃.IFrHkgeqYv0LtniQ8dRXdqqvWTxaDP67/nFvR9pOEaY"},
		{"should sign a value containing a dot", "foo.bar", "s3cr3t", "foo.bar.TA4TkXCR9dExG2ESaroPyB16of4cia9PpqmDHJuA9QE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, cookie.Sign(tt.givenValue, tt.givenSecret))
		})
	}
}

func TestUnsign(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		givenSigned  string
		givenSecrets []string
		expect       string
		expectOK     bool
	}{
		{"should return the value", "hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI", []string{"tobiiscool"}, "hello", true},
		{"should split at the last dot", "foo.bar.TA4TkXCR9dExG2ESaroPyB16of4cia9PpqmDHJuA9QE", []string{"s3cr3t"}, "foo.bar", true},
		{"should return an empty value", ".thNnmggU2ex3L5XXeMNfxf8Wl8STcVZTxscSFEKSxa0", []string{""}, "", true},
		{"should try every secret in turn", "hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI", []string{"new", "tobiiscool"}, "hello", true},
		{"should reject a wrong secret", "hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI", []string{"luna"}, "", false},
		{"should reject with no secrets", "hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI", nil, "", false},
		{"should reject a tampered value", "hellp.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI", []string{"tobiiscool"}, "", false},
		{"should reject a tampered signature", "hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QJ", []string{"tobiiscool"}, "", false},
		{"should reject a padded signature", "hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI=", []string{"tobiiscool"}, "", false},
		{"should reject a truncated signature", "hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5Q", []string{"tobiiscool"}, "", false},
		{"should reject a value without a dot", "hello", []string{"tobiiscool"}, "", false},
		{"should reject the s: prefix left on", "s:hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI", []string{"tobiiscool"}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := cookie.Unsign(tt.givenSigned, tt.givenSecrets)
			assert.Equal(t, tt.expectOK, ok)
			assert.Equal(t, tt.expect, got)
		})
	}
}

func BenchmarkUnsign(b *testing.B) {
	signed := cookie.Sign("abc123def", "keyboard cat")
	secrets := []string{"keyboard cat"}
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := cookie.Unsign(signed, secrets); !ok {
			b.Fatal("unsign failed")
		}
	}
}
