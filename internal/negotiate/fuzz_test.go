package negotiate_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/internal/negotiate"
)

// splitOffers turns a fuzzed string into a list of offers.
func splitOffers(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func FuzzMediaType(f *testing.F) {
	f.Add("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/json|text/html")
	f.Add(`text/html;level=1;foo="a,b;c", text/*;q=0.5`, "text/html;level=1|text/plain")
	f.Add(`a/b;q="0.5\"`, "a/b|a/c")
	f.Add(`*/*;q=Infinity, a/b;q=1e400;x=*`, "a/b;x=1|a/c")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, header, offerList string) {
		offers := splitOffers(offerList)
		got := negotiate.MediaType(header, offers)
		require.GreaterOrEqual(t, got, -1)
		require.Less(t, got, len(offers))
		assert.Equal(t, got, negotiate.MediaType(header, offers), "not deterministic")
		if got >= 0 {
			assert.Equal(t, 0, negotiate.MediaType(header, offers[got:got+1]), "winner not acceptable alone")
		}
		for _, typ := range negotiate.MediaTypes(header) {
			assert.Contains(t, typ, "/")
			if header != "" {
				assert.Contains(t, header, typ)
			}
		}
	})
}

func FuzzEncoding(f *testing.F) {
	f.Add("gzip, deflate, br;q=0.9, *;q=0.1", "br|gzip|identity")
	f.Add("identity;q=0, gzip;q=-1", "identity|gzip")
	f.Add(`gzip;q="0.5, br`, "br|gzip")
	f.Add("", "gzip|identity")
	f.Fuzz(func(t *testing.T, header, offerList string) {
		offers := splitOffers(offerList)
		for _, present := range []bool{false, true} {
			got := negotiate.Encoding(header, present, offers)
			require.GreaterOrEqual(t, got, -1)
			require.Less(t, got, len(offers))
			assert.Equal(t, got, negotiate.Encoding(header, present, offers), "not deterministic")
			if got >= 0 {
				assert.NotEmpty(t, offers[got])
				assert.Equal(t, 0, negotiate.Encoding(header, present, offers[got:got+1]), "winner not acceptable alone")
			}
			for _, coding := range negotiate.Encodings(header, present) {
				assert.True(t, coding == "identity" || strings.Contains(header, coding), "coding %q", coding)
			}
			// The other header kinds share the parser; they must hold the same invariants.
			for _, idx := range []int{
				negotiate.Charset(header, present, offers),
				negotiate.Language(header, present, offers),
			} {
				require.GreaterOrEqual(t, idx, -1)
				require.Less(t, idx, len(offers))
			}
		}
	})
}
