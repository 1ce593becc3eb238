package statuses_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/internal/statuses"
)

// loadCodes reads the copy of jshttp/statuses 2.0.1 codes.json kept in testdata.
func loadCodes(t *testing.T) map[int]string {
	t.Helper()
	raw, err := os.ReadFile("testdata/codes.json")
	require.NoError(t, err)
	var byKey map[string]string
	require.NoError(t, json.Unmarshal(raw, &byKey))
	require.Len(t, byKey, 63)
	codes := make(map[int]string, len(byKey))
	for k, v := range byKey {
		code, err := strconv.Atoi(k)
		require.NoError(t, err)
		codes[code] = v
	}
	return codes
}

func TestTextMatchesCodesJSON(t *testing.T) {
	t.Parallel()
	codes := loadCodes(t)
	for code := -1; code <= 1000; code++ {
		assert.Equal(t, codes[code], statuses.Text(code), "code %d", code)
	}
}

func TestTextDiffersFromGo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		code   int
		expect string
		goText string
	}{
		{"should say Payload Too Large for 413", 413, "Payload Too Large", "Request Entity Too Large"},
		{"should say URI Too Long for 414", 414, "URI Too Long", "Request URI Too Long"},
		{"should say Range Not Satisfiable for 416", 416, "Range Not Satisfiable", "Requested Range Not Satisfiable"},
		{"should capitalise Teapot for 418", 418, "I'm a Teapot", "I'm a teapot"},
		{"should know 509 which Go does not", 509, "Bandwidth Limit Exceeded", ""},
		{"should not know 306", 306, "", ""},
		{"should not know 599", 599, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, statuses.Text(tt.code))
			assert.Equal(t, tt.goText, http.StatusText(tt.code))
		})
	}
}

func TestIsEmptyBody(t *testing.T) {
	t.Parallel()
	for code := 0; code <= 1000; code++ {
		expect := code == 204 || code == 205 || code == 304
		assert.Equal(t, expect, statuses.IsEmptyBody(code), "code %d", code)
	}
}

func TestIsRedirect(t *testing.T) {
	t.Parallel()
	redirects := map[int]bool{300: true, 301: true, 302: true, 303: true, 305: true, 307: true, 308: true}
	for code := 0; code <= 1000; code++ {
		assert.Equal(t, redirects[code], statuses.IsRedirect(code), "code %d", code)
	}
}

func BenchmarkText(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = statuses.Text(200 + i%300)
	}
}

func ExampleText() {
	fmt.Println(statuses.Text(413))
	fmt.Println(statuses.Text(599) == "")
	// Output:
	// Payload Too Large
	// true
}
