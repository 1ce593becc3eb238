package negotiate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso/internal/negotiate"
)

func TestCharset(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		header  string
		present bool
		offers  []string
		want    int
	}{
		{"should pick the first offer without a header", "", false, []string{"utf-7", "utf-8"}, 0},
		{"should pick nothing for an empty header", "", true, []string{"utf-8"}, -1},
		{"should pick the first offer for *", "*", true, []string{"utf-7", "utf-8"}, 0},
		{"should prefer higher q", "utf-8, iso-8859-1;q=0.2, utf-7;q=0.5", true, []string{"iso-8859-1", "utf-7", "utf-8"}, 2},
		{"should ignore case", "UTF-8", true, []string{"utf-8"}, 0},
		{"should prefer header order on equal q", "utf-8, iso-8859-1", true, []string{"iso-8859-1", "utf-8"}, 1},
		{"should prefer an exact match over *", "*, utf-8", true, []string{"iso-8859-1", "utf-8"}, 1},
		{"should exclude q=0", "*, utf-8;q=0", true, []string{"utf-8"}, -1},
		{"should pick nothing unacceptable", "utf-8", true, []string{"iso-8859-1"}, -1},
		{"should not trim offers", "utf-8", true, []string{" utf-8"}, -1},
		{"should turn a winning empty offer into no match", "*", true, []string{"", "utf-8"}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, negotiate.Charset(tt.header, tt.present, tt.offers))
		})
	}
}

func TestEncoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		header  string
		present bool
		offers  []string
		want    int
	}{
		{"should accept only identity without a header", "", false, []string{"gzip", "identity"}, 1},
		{"should reject gzip without a header", "", false, []string{"gzip"}, -1},
		{"should accept only identity for an empty header", "", true, []string{"gzip", "identity"}, 1},
		{"should prefer the listed coding over the implicit identity", "gzip", true, []string{"identity", "gzip"}, 1},
		{"should add identity at the lowest q", "gzip;q=0.8, deflate;q=0.5", true, []string{"identity", "gzip"}, 1},
		{"should rank the implicit identity after codings of equal q", "gzip;q=0.8, deflate;q=0.5", true, []string{"identity", "deflate"}, 1},
		{"should count q=0 as 1 for the implicit identity", "br;q=0", true, []string{"br", "identity"}, 1},
		{"should exclude identity with identity;q=0", "gzip, identity;q=0", true, []string{"identity"}, -1},
		{"should exclude identity with *;q=0", "gzip, *;q=0", true, []string{"identity"}, -1},
		{"should accept anything for *", "*", true, []string{"br", "gzip"}, 0},
		{"should prefer an exact match over *", "*, gzip", true, []string{"br", "gzip"}, 1},
		{"should ignore case", "GZIP", true, []string{"gzip"}, 0},
		{"should prefer higher q", "gzip;q=0.5, br", true, []string{"gzip", "br"}, 1},
		{"should prefer header order on equal q", "br, gzip", true, []string{"gzip", "br"}, 1},
		{"should drop identity after a negative q", "gzip;q=-1", true, []string{"identity"}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, negotiate.Encoding(tt.header, tt.present, tt.offers))
		})
	}
}

func TestLanguage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		header  string
		present bool
		offers  []string
		want    int
	}{
		{"should pick the first offer without a header", "", false, []string{"fr", "en"}, 0},
		{"should pick nothing for an empty header", "", true, []string{"en"}, -1},
		{"should match exactly ignoring case", "en-us", true, []string{"en-US"}, 0},
		{"should accept a base offer for a regional element", "en-US", true, []string{"en"}, 0},
		{"should accept a regional offer for a base element", "en", true, []string{"en-US"}, 0},
		{"should prefer an exact match", "en", true, []string{"en-US", "en"}, 1},
		{"should rank an element-prefix match above an offer-prefix match", "fr, en-US", true, []string{"fr-CA", "en"}, 1},
		{"should not match a different region", "en-US", true, []string{"en-GB"}, -1},
		{"should prefer higher q", "en;q=0.8, es, pt", true, []string{"en", "pt"}, 1},
		{"should prefer header order on equal q", "es, pt", true, []string{"pt", "es"}, 1},
		{"should prefer q over specificity", "en-US;q=0.5, fr", true, []string{"en-US", "fr-CA"}, 1},
		{"should accept anything for *", "*", true, []string{"de", "en"}, 0},
		{"should exclude q=0", "*, de;q=0", true, []string{"de"}, -1},
		{"should drop offer parameters", "en", true, []string{" en ;q=1"}, 0},
		{"should turn a winning empty offer into no match", "*", true, []string{""}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, negotiate.Language(tt.header, tt.present, tt.offers))
		})
	}
}

func TestLists(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		fn      func(string, bool) []string
		header  string
		present bool
		want    []string
	}{
		{"Charsets should return * without a header", negotiate.Charsets, "", false, []string{"*"}},
		{"Charsets should return nothing for an empty header", negotiate.Charsets, "", true, []string{}},
		{"Charsets should sort by q", negotiate.Charsets, "utf-8, iso-8859-1;q=0.2, utf-7;q=0.5", true, []string{"utf-8", "utf-7", "iso-8859-1"}},
		{"Charsets should leave out q=0 and empty elements", negotiate.Charsets, "utf-8;q=0, ,UTF-7", true, []string{"UTF-7"}},
		{"Encodings should return identity without a header", negotiate.Encodings, "", false, []string{"identity"}},
		{"Encodings should append identity", negotiate.Encodings, "gzip, deflate", true, []string{"gzip", "deflate", "identity"}},
		{"Encodings should sort identity by its q", negotiate.Encodings, "gzip;q=0.5, br;q=0.9", true, []string{"br", "gzip", "identity"}},
		{"Encodings should keep an explicit identity", negotiate.Encodings, "identity;q=0.1, gzip", true, []string{"gzip", "identity"}},
		{"Encodings should leave identity out when excluded", negotiate.Encodings, "gzip, *;q=0", true, []string{"gzip"}},
		{"Languages should return * without a header", negotiate.Languages, "", false, []string{"*"}},
		{"Languages should sort by q", negotiate.Languages, "en;q=0.8, es, pt", true, []string{"es", "pt", "en"}},
		{"Languages should keep case", negotiate.Languages, "en-US, fr-CA;q=0.5", true, []string{"en-US", "fr-CA"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, tt.fn(tt.header, tt.present))
		})
	}
}
