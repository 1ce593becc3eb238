package middleware

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/expresso-go/expresso/internal/token"
)

// predefinedFormat returns the format string of a predefined format, as
// morgan's, with :bytes where morgan logs the Content-Length header.
func predefinedFormat(name string) (string, bool) {
	switch name {
	case "combined":
		return `:remote-addr - :remote-user [:date[clf]] ":method :url HTTP/:http-version" :status :bytes ":referrer" ":user-agent"`, true
	case "common":
		return `:remote-addr - :remote-user [:date[clf]] ":method :url HTTP/:http-version" :status :bytes`, true
	case "dev":
		return `:method :url :status :response-time ms - :bytes`, true
	case "short":
		return `:remote-addr :remote-user :method :url HTTP/:http-version :status :bytes - :response-time ms`, true
	case "tiny":
		return `:method :url :status :bytes - :response-time ms`, true
	}
	return "", false
}

// logToken names a token of a log format.
type logToken uint8

const (
	tokLiteral logToken = iota
	tokMethod
	tokURL
	tokStatus
	tokResponseTime
	tokDate
	tokRemoteAddr
	tokRemoteUser
	tokHTTPVersion
	tokReferrer
	tokUserAgent
	tokReqHeader
	tokResHeader
	tokBytes
	tokID
	tokCustom
)

// lookupToken returns the built-in token called name, or tokLiteral.
func lookupToken(name string) logToken {
	switch name {
	case "method":
		return tokMethod
	case "url":
		return tokURL
	case "status":
		return tokStatus
	case "response-time", "total-time":
		return tokResponseTime
	case "date":
		return tokDate
	case "remote-addr":
		return tokRemoteAddr
	case "remote-user":
		return tokRemoteUser
	case "http-version":
		return tokHTTPVersion
	case "referrer", "referer":
		return tokReferrer
	case "user-agent":
		return tokUserAgent
	case "req":
		return tokReqHeader
	case "res":
		return tokResHeader
	case "bytes":
		return tokBytes
	case "id":
		return tokID
	}
	return tokLiteral
}

// logSegment is a literal or a token of a compiled format.
type logSegment struct {
	tok    logToken
	text   string // the literal, or the token's argument
	digits int    // for :response-time
	custom func(*http.Request) string
}

// compileLogFormat parses a format into segments, panicking on an unknown
// token or a bad argument.
func compileLogFormat(format string, custom map[string]func(*http.Request) string) []logSegment {
	var segs []logSegment
	lit := 0
	for i := 0; i < len(format); i++ {
		if format[i] != ':' {
			continue
		}
		j := i + 1
		for j < len(format) && (format[j] == '-' || format[j] == '_' || isAlnum(format[j])) {
			j++
		}
		if j-i-1 < 2 {
			continue // morgan's tokens have at least two characters
		}
		name, arg := format[i+1:j], ""
		end := j
		if j < len(format) && format[j] == '[' {
			k := strings.IndexByte(format[j:], ']')
			if k < 2 {
				panic("middleware: LoggerOptions.Format: unterminated argument of :" + name)
			}
			arg, end = format[j+1:j+k], j+k+1
		}
		seg := logSegment{tok: lookupToken(name), text: arg}
		if fn := custom[name]; fn != nil {
			seg = logSegment{tok: tokCustom, custom: fn}
		} else if err := checkLogToken(&seg, name, arg); err != "" {
			panic("middleware: LoggerOptions.Format: " + err)
		}
		if i > lit {
			segs = append(segs, logSegment{text: format[lit:i]})
		}
		segs = append(segs, seg)
		lit, i = end, end-1
	}
	if lit < len(format) {
		segs = append(segs, logSegment{text: format[lit:]})
	}
	return segs
}

// checkLogToken validates a built-in token and its argument, returning a
// message naming the mistake, or "".
func checkLogToken(seg *logSegment, name, arg string) string {
	switch seg.tok {
	case tokLiteral:
		return "unknown token :" + name
	case tokReqHeader, tokResHeader:
		if !token.Is(arg) {
			return ":" + name + " needs a header name, as :" + name + "[user-agent]"
		}
		seg.text = http.CanonicalHeaderKey(arg)
	case tokDate:
		switch arg {
		case "", "web", "clf", "iso":
		default:
			return ":date[" + arg + "]: the format must be clf, iso or web"
		}
	case tokResponseTime:
		seg.digits = 3
		if arg != "" {
			d, err := strconv.Atoi(arg)
			if err != nil || d < 0 || d > 9 {
				return ":" + name + "[" + arg + "]: digits must be 0 to 9"
			}
			seg.digits = d
		}
	default:
		if arg != "" {
			return ":" + name + " takes no argument"
		}
	}
	return ""
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// appendLine formats e with the logger's format, adding a newline.
func (l *logger) appendLine(b []byte, e *logEntry) []byte {
	for i := range l.segs {
		s := &l.segs[i]
		if l.dev && s.tok == tokStatus {
			b = appendDevStatus(b, e.status)
			continue
		}
		b = appendLogToken(b, s, e)
	}
	if l.dev {
		if e.id != "" {
			b = append(b, ' ')
			b = appendEscaped(b, e.id)
		}
		b = append(b, "\x1b[0m"...)
	}
	return append(b, '\n')
}

// appendDevStatus writes the status in morgan dev's colours.
func appendDevStatus(b []byte, status int) []byte {
	color := "0"
	switch {
	case status >= 500:
		color = "31"
	case status >= 400:
		color = "33"
	case status >= 300:
		color = "36"
	case status >= 200:
		color = "32"
	}
	b = append(b, "\x1b["...)
	b = append(b, color...)
	b = append(b, 'm')
	b = strconv.AppendInt(b, int64(status), 10)
	return append(b, "\x1b[0m"...)
}

func appendLogToken(b []byte, s *logSegment, e *logEntry) []byte {
	switch s.tok {
	case tokLiteral:
		return append(b, s.text...)
	case tokMethod:
		return appendValue(b, e.r.Method)
	case tokURL:
		return appendValue(b, requestURL(e.first))
	case tokStatus:
		return strconv.AppendInt(b, int64(e.status), 10)
	case tokResponseTime:
		return strconv.AppendFloat(b, float64(e.d)/float64(time.Millisecond), 'f', s.digits, 64)
	case tokDate:
		return appendDate(b, s.text)
	case tokRemoteAddr:
		return appendValue(b, remoteAddr(e))
	case tokRemoteUser:
		user, _, _ := e.r.BasicAuth()
		return appendValue(b, user)
	case tokHTTPVersion:
		b = strconv.AppendInt(b, int64(e.r.ProtoMajor), 10)
		b = append(b, '.')
		return strconv.AppendInt(b, int64(e.r.ProtoMinor), 10)
	case tokReferrer:
		return appendValue(b, referrer(e.r))
	case tokUserAgent:
		return appendValue(b, e.r.Header.Get("User-Agent"))
	case tokReqHeader:
		return appendValue(b, strings.Join(e.r.Header[s.text], ", "))
	case tokResHeader:
		return appendValue(b, responseHeader(e, s.text))
	case tokBytes:
		if e.bytes == 0 {
			return append(b, '-')
		}
		return strconv.AppendInt(b, e.bytes, 10)
	case tokID:
		return appendValue(b, e.id)
	default:
		return appendValue(b, s.custom(e.r))
	}
}

func appendDate(b []byte, format string) []byte {
	now := time.Now().UTC()
	switch format {
	case "clf":
		return now.AppendFormat(b, "02/Jan/2006:15:04:05 -0700")
	case "iso":
		return now.AppendFormat(b, "2006-01-02T15:04:05.000Z07:00")
	default:
		return now.AppendFormat(b, http.TimeFormat)
	}
}

// appendValue writes a value taken from the request, "-" when empty.
func appendValue(b []byte, s string) []byte {
	if s == "" {
		return append(b, '-')
	}
	return appendEscaped(b, s)
}

// appendEscaped writes s with control bytes, invalid UTF-8, C1 control
// characters, '"' and '\' as \xHH, so that a logged value can neither end
// a line nor a quoted field, nor drive a terminal.
func appendEscaped(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			b = append(b, c)
			i++
			continue
		}
		n := 1
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && (r < 0x80 || r > 0x9f) {
				b = append(b, s[i:i+size]...)
				i += size
				continue
			}
			if r != utf8.RuneError {
				n = size
			}
		}
		for _, x := range []byte(s[i : i+n]) {
			b = append(b, '\\', 'x', hexDigits[x>>4], hexDigits[x&0x0f])
		}
		i += n
	}
	return b
}
