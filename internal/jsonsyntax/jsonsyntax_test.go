package jsonsyntax_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/internal/jsonsyntax"
)

// The messages below were read from Node 20.20.2's JSON.parse.
func TestCheckMessages(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, msg string }{
		{`{"a":1`, "Expected ',' or '}' after property value in JSON at position 6"},
		{`{:`, "Expected property name or '}' in JSON at position 1"},
		{`{`, "Expected property name or '}' in JSON at position 1"},
		{"  \n", "Unexpected end of JSON input"},
		{"", "Unexpected end of JSON input"},
		{`{"a":1,}`, "Expected double-quoted property name in JSON at position 7"},
		{`[1,]`, `Unexpected token ']', "[1,]" is not valid JSON`},
		{`[1 2]`, "Expected ',' or ']' after array element in JSON at position 3"},
		{`{"a" 1}`, "Expected ':' after property name in JSON at position 5"},
		{`{"k":1,"a" 1}`, "Unexpected number in JSON at position 11"},
		{`{"k":1,"a"`, "Unexpected end of JSON input"},
		{`{"a":}`, `Unexpected token '}', "{"a":}" is not valid JSON`},
		{`{"a":1}x`, "Unexpected non-whitespace character after JSON at position 7"},
		{`{"a":"\x"}`, "Bad escaped character in JSON at position 7"},
		{`{"a":"\u12G4"}`, "Bad Unicode escape in JSON at position 10"},
		{"{\"a\":\"\x01\"}", "Bad control character in string literal in JSON at position 6"},
		{`{"a":"abc`, "Unterminated string in JSON at position 9"},
		{`"\`, "Unexpected end of JSON input"},
		{`[-]`, "No number after minus sign in JSON at position 2"},
		{`[1e+]`, "Exponent part is missing a number in JSON at position 4"},
		{`[1.e5]`, "Unterminated fractional number in JSON at position 3"},
		{`[01]`, "Unexpected number in JSON at position 2"},
		{`t"a"`, "Unexpected string in JSON at position 1"},
		{`[tru]`, `Unexpected token ']', "[tru]" is not valid JSON`},
		{`[tru`, "Unexpected end of JSON input"},
		{`[truex]`, "Expected ',' or ']' after array element in JSON at position 5"},
		{`["é",x]`, `Unexpected token 'x', "["é",x]" is not valid JSON`},
		{`["😀",x]`, `Unexpected token 'x', "["😀",x]" is not valid JSON`},
		{`😀`, `Unexpected token '` + "\uFFFD" + `', "😀" is not valid JSON`},
		{`x2345678901234567890`, `Unexpected token 'x', "x2345678901234567890" is not valid JSON`},
		{`x23456789012345678901`, `Unexpected token 'x', "x234567890"... is not valid JSON`},
		{`[1,2,3,4,5,6,7,8,9,10,x,123456789]`, `Unexpected token 'x', ...",7,8,9,10,x,12345678"... is not valid JSON`},
		{`[1,2,3,4,5,6,7,8,9,10,11,12,x]`, `Unexpected token 'x', ...",10,11,12,x]" is not valid JSON`},
		{`{"a":1} `, ""},
		{`[1e400, -1e400, 1e-400, "\ud800"]`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			_, err := jsonsyntax.Check(tc.in)
			if tc.msg == "" {
				assert.NoError(t, err)
				return
			}
			assert.EqualError(t, err, tc.msg)
		})
	}
}

func TestCheckShouldReportOverflowingNumbers(t *testing.T) {
	t.Parallel()
	in := `{"a":1e400,"b":[-1E+999,1e-400,1.5e308],"c":` + "1" + fmt.Sprintf("%0400d", 0) + `}`
	spans, err := jsonsyntax.Check(in)
	require.NoError(t, err)
	var got []string
	for _, s := range spans {
		got = append(got, in[s.Start:min(s.End, s.Start+6)])
	}
	assert.Equal(t, []string{"1e400", "-1E+99", "100000"}, got)
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":null}],"c":"\u00e9"}`, `[1e400]`, `{"a":1`, `"\`, `[-01]`, ` [true, false] `} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // the caller decodes to valid UTF-8 first
		}
		spans, err := jsonsyntax.Check(s)
		if (err == nil) != json.Valid([]byte(s)) {
			t.Fatalf("Check says %v, encoding/json says valid=%v", err, json.Valid([]byte(s)))
		}
		if err != nil {
			assert.NotEmpty(t, err.Error())
			return
		}
		for _, sp := range spans {
			require.True(t, 0 <= sp.Start && sp.Start < sp.End && sp.End <= len(s))
		}
	})
}

func ExampleCheck() {
	_, err := jsonsyntax.Check(`{"a":1`)
	fmt.Println(err)
	spans, _ := jsonsyntax.Check(`[1e400]`)
	fmt.Println(spans)
	// Output:
	// Expected ',' or '}' after property value in JSON at position 6
	// [{1 6}]
}

func TestCheckShouldLimitTheDepth(t *testing.T) {
	t.Parallel()
	_, err := jsonsyntax.Check(strings.Repeat("[", jsonsyntax.MaxDepth) + strings.Repeat("]", jsonsyntax.MaxDepth))
	assert.NoError(t, err)
	_, err = jsonsyntax.Check(strings.Repeat(`{"a":`, jsonsyntax.MaxDepth) + "{}" + strings.Repeat("}", jsonsyntax.MaxDepth))
	assert.ErrorIs(t, err, jsonsyntax.ErrDepth)
}
