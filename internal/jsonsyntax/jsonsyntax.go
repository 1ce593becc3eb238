package jsonsyntax

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of the input.
type Span struct{ Start, End int }

// Error is a syntax error with V8's message.
type Error struct {
	// Message is V8's message.
	Message string
	// Offset is the byte offset in the input where the error was found.
	Offset int
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// V8's messages; "%" is the position.
const (
	msgEnd           = "Unexpected end of JSON input"
	msgPropOrBrace   = "Expected property name or '}' in JSON at position %"
	msgCommaOrBrace  = "Expected ',' or '}' after property value in JSON at position %"
	msgCommaOrBrack  = "Expected ',' or ']' after array element in JSON at position %"
	msgColon         = "Expected ':' after property name in JSON at position %"
	msgQuotedProp    = "Expected double-quoted property name in JSON at position %"
	msgUnterminated  = "Unterminated string in JSON at position %"
	msgControl       = "Bad control character in string literal in JSON at position %"
	msgEscape        = "Bad escaped character in JSON at position %"
	msgUnicodeEscape = "Bad Unicode escape in JSON at position %"
	msgMinus         = "No number after minus sign in JSON at position %"
	msgExponent      = "Exponent part is missing a number in JSON at position %"
	msgFraction      = "Unterminated fractional number in JSON at position %"
	msgNumber        = "Unexpected number in JSON at position %"
	msgString        = "Unexpected string in JSON at position %"
	msgAfterJSON     = "Unexpected non-whitespace character after JSON at position %"
)

// MaxDepth is how deeply Check lets arrays and objects nest: the limit of
// Go's encoding/json, which decodes what Check accepts. V8 has none.
const MaxDepth = 10000

// ErrDepth is the error of Check for JSON nested deeper than [MaxDepth].
var ErrDepth = errors.New("jsonsyntax: nesting exceeds the maximum depth")

// Check parses s, valid UTF-8, as JSON.parse would. It returns the numbers
// that overflow float64, in order, or the error JSON.parse would throw, or
// [ErrDepth].
func Check[T string | []byte](s T) ([]Span, error) {
	var stack [64]byte
	p := parser[T]{s: s, stack: stack[:0]}
	if err := p.run(); err != nil {
		return nil, err
	}
	return p.overflow, nil
}

// parser is an iterative JSON checker; stack holds '{' or '[' per open
// container.
type parser[T string | []byte] struct {
	s        T
	i        int
	stack    []byte
	overflow []Span
}

// run checks the whole input.
func (p *parser[T]) run() error {
	if err := p.value(); err != nil {
		return err
	}
	for {
		p.ws()
		if len(p.stack) == 0 {
			if p.i < len(p.s) {
				return p.at(msgAfterJSON)
			}
			return nil
		}
		more, err := p.afterMember()
		if err != nil {
			return err
		}
		if more {
			if err := p.value(); err != nil {
				return err
			}
		}
	}
}

// afterMember handles what follows a value inside the innermost container:
// a ',' (then the next member's start), or the closing bracket. It reports
// whether a value follows.
func (p *parser[T]) afterMember() (bool, error) {
	obj := p.stack[len(p.stack)-1] == '{'
	c, ok := p.peek()
	switch {
	case ok && c == ',':
		p.i++
		if obj {
			return true, p.propName(msgQuotedProp)
		}
		return true, nil
	case ok && obj && c == '}', ok && !obj && c == ']':
		p.i++
		p.stack = p.stack[:len(p.stack)-1]
		return false, nil
	case obj:
		return false, p.at(msgCommaOrBrace)
	}
	return false, p.at(msgCommaOrBrack)
}

// propName reads `"name" :` after '{' or ','; msg is the error when no
// '"' comes.
func (p *parser[T]) propName(msg string) error {
	p.ws()
	if c, ok := p.peek(); !ok || c != '"' {
		return p.at(msg)
	}
	if err := p.str(); err != nil {
		return err
	}
	p.ws()
	if c, ok := p.peek(); !ok || c != ':' {
		switch {
		case msg == msgPropOrBrace:
			return p.at(msgColon)
		case !ok:
			return &Error{Message: msgEnd, Offset: p.i}
		}
		return p.unexpected() // V8 words a later member's missing ':' so
	}
	p.i++
	return nil
}

// value reads a value, or opens a container and reads up to its first
// member's value position.
func (p *parser[T]) value() error {
	for {
		p.ws()
		c, ok := p.peek()
		if !ok {
			return &Error{Message: msgEnd, Offset: p.i}
		}
		if (c == '{' || c == '[') && len(p.stack) == MaxDepth {
			return ErrDepth // an empty container counts too, as in encoding/json
		}
		switch {
		case c == '"':
			return p.str()
		case c == '-' || '0' <= c && c <= '9':
			return p.number()
		case c == 't':
			return p.literal("true")
		case c == 'f':
			return p.literal("false")
		case c == 'n':
			return p.literal("null")
		case c == '{':
			p.i++
			p.ws()
			if c, ok := p.peek(); ok && c == '}' {
				p.i++
				return nil
			}
			if err := p.propName(msgPropOrBrace); err != nil {
				return err
			}
			p.stack = append(p.stack, '{')
		case c == '[':
			p.i++
			p.ws()
			if c, ok := p.peek(); ok && c == ']' {
				p.i++
				return nil
			}
			p.stack = append(p.stack, '[')
		default:
			return p.unexpected()
		}
	}
}

func (p *parser[T]) peek() (byte, bool) {
	if p.i < len(p.s) {
		return p.s[p.i], true
	}
	return 0, false
}

// ws skips JSON whitespace.
func (p *parser[T]) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// literal reads true, false or null.
func (p *parser[T]) literal(word string) error {
	for k := 0; k < len(word); k++ {
		if p.i >= len(p.s) {
			return &Error{Message: msgEnd, Offset: p.i}
		}
		if p.s[p.i] != word[k] {
			return p.unexpected()
		}
		p.i++
	}
	return nil
}

// str reads a string starting at its opening quote.
func (p *parser[T]) str() error {
	p.i++
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return nil
		case c < 0x20:
			return p.at(msgControl)
		case c == '\\':
			p.i++
			if p.i >= len(p.s) {
				return &Error{Message: msgEnd, Offset: p.i}
			}
			if err := p.escape(); err != nil {
				return err
			}
		default:
			p.i++
		}
	}
	return p.at(msgUnterminated)
}

// escape reads the character after a backslash.
func (p *parser[T]) escape() error {
	switch p.s[p.i] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		p.i++
		return nil
	case 'u':
		p.i++
		for k := 0; k < 4; k++ {
			if p.i >= len(p.s) || !isHex(p.s[p.i]) {
				return p.at(msgUnicodeEscape)
			}
			p.i++
		}
		return nil
	}
	if p.s[p.i] >= 0xF0 {
		return p.unexpected() // V8 sees half of a surrogate pair
	}
	return p.at(msgEscape)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func (p *parser[T]) digits() int {
	n := 0
	for p.i < len(p.s) && '0' <= p.s[p.i] && p.s[p.i] <= '9' {
		p.i++
		n++
	}
	return n
}

// number reads a number and records it when it overflows float64.
func (p *parser[T]) number() error {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	switch c, ok := p.peek(); {
	case ok && c == '0':
		p.i++
		if c, ok := p.peek(); ok && '0' <= c && c <= '9' {
			return p.at(msgNumber)
		}
	case ok && '1' <= c && c <= '9':
		p.digits()
	default:
		return p.at(msgMinus)
	}
	exp := false
	if c, ok := p.peek(); ok && c == '.' {
		p.i++
		if p.digits() == 0 {
			return p.at(msgFraction)
		}
	}
	if c, ok := p.peek(); ok && (c == 'e' || c == 'E') {
		exp = true
		p.i++
		if c, ok := p.peek(); ok && (c == '+' || c == '-') {
			p.i++
		}
		if p.digits() == 0 {
			return p.at(msgExponent)
		}
	}
	if exp || p.i-start > 300 {
		if _, err := strconv.ParseFloat(string(p.s[start:p.i]), 64); err != nil {
			p.overflow = append(p.overflow, Span{start, p.i})
		}
	}
	return nil
}

// at returns the error msg at the current position.
func (p *parser[T]) at(msg string) error {
	return &Error{Message: strings.Replace(msg, "%", strconv.Itoa(units(string(p.s[:p.i]))), 1), Offset: p.i}
}

// unexpected returns V8's error for the unexpected character at the
// current position: a number or a string where none may be, or any other
// token.
func (p *parser[T]) unexpected() error {
	switch c := p.s[p.i]; {
	case c == '"':
		return p.at(msgString)
	case c == '-' || '0' <= c && c <= '9':
		return p.at(msgNumber)
	}
	return &Error{Message: UnexpectedToken(string(p.s), p.i), Offset: p.i}
}

// units counts the UTF-16 code units of s.
func units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// UnexpectedToken returns V8's message for the unexpected character at
// byte offset i of s, with the source, or up to 10 UTF-16 code units of
// context on each side of it when s is longer than 20.
func UnexpectedToken(s string, i int) string {
	u := utf16.Encode([]rune(s))
	r, _ := utf8.DecodeRuneInString(s[i:])
	if utf16.IsSurrogate(r) || r > 0xFFFF {
		r = utf8.RuneError // V8 shows one code unit: half of the pair
	}
	pos, n := units(s[:i]), len(u)
	var ctx string
	switch {
	case n <= 20:
		ctx = `"` + s + `"`
	case pos < 10:
		ctx = `"` + string(utf16.Decode(u[:pos+10])) + `"...`
	case pos >= n-10:
		ctx = `..."` + string(utf16.Decode(u[pos-10:])) + `"`
	default:
		ctx = `..."` + string(utf16.Decode(u[pos-10:pos+10])) + `"...`
	}
	return "Unexpected token '" + string(r) + "', " + ctx + " is not valid JSON"
}
