package negotiate

import (
	"github.com/expresso-go/expresso/internal/token"
	"strings"
)

// Charset returns the index in offers of the charset the Accept-Charset header prefers,
// or -1. It mirrors req.acceptsCharsets(offers). present tells whether the request has
// the header at all: a missing header means "*", so offer 0 wins, while a present but
// empty one accepts nothing. Names match case-insensitively and "*" matches any; an exact
// match beats "*". Offers are ranked by q, then exactness, then header order, then offer
// order. As in accepts, a winning offer that is the empty string yields -1.
//
// Charset does not allocate for headers of up to 16 elements.
func Charset(header string, present bool, offers []string) int {
	if !present {
		header = "*"
	}
	var buf [maxStack]entry
	list, _ := parseHeader(buf[:0], header)
	return choose(list, offers, false)
}

// Encoding returns the index in offers of the content coding the Accept-Encoding header
// prefers, or -1. It mirrors req.acceptsEncodings(offers). Unlike the other headers, a
// missing or empty Accept-Encoding accepts only "identity", so present is ignored.
// "identity" stays acceptable unless the header names it or "*" (with any q, so
// "identity;q=0" and "*;q=0" exclude it); otherwise it is added after the header's
// elements with the lowest q among them (elements with q=0 or an unparsable q count as
// 1). Matching and ranking are as for [Charset].
//
// Encoding does not allocate for headers of up to 16 elements.
func Encoding(header string, present bool, offers []string) int {
	var buf [maxStack + 1]entry // room for the implicit identity
	return choose(encodingList(buf[:0], header), offers, false)
}

// Language returns the index in offers of the language the Accept-Language header
// prefers, or -1. It mirrors req.acceptsLanguages(offers); present works as for
// [Charset]. An element matches an offer exactly (most specific), by the element's
// prefix ("en-US" accepts "en"), by the offer's prefix ("en" accepts "en-US", least
// specific), or as "*"; case is ignored and the offer's parameters are dropped. Offers
// are ranked by q, then specificity, then header order, then offer order. As in accepts,
// a winning offer that is the empty string yields -1.
//
// Language does not allocate for headers of up to 16 elements.
func Language(header string, present bool, offers []string) int {
	if !present {
		header = "*"
	}
	var buf [maxStack]entry
	list, _ := parseHeader(buf[:0], header)
	return choose(list, offers, true)
}

// Charsets returns the charsets of the Accept-Charset header with q > 0, most preferred
// first (by q, then header order), as req.acceptsCharsets() does. A missing header
// gives ["*"].
func Charsets(header string, present bool) []string {
	if !present {
		header = "*"
	}
	list, _ := parseHeader(nil, header)
	return sorted(list, nonEmpty)
}

// Encodings returns the codings of the Accept-Encoding header with q > 0, most preferred
// first (by q, then header order), including the implicit "identity" described at
// [Encoding], as req.acceptsEncodings() does. present is ignored: a missing header gives
// ["identity"].
func Encodings(header string, present bool) []string {
	return sorted(encodingList(nil, header), nonEmpty)
}

// Languages returns the language tags of the Accept-Language header with q > 0, most
// preferred first (by q, then header order), as req.acceptsLanguages() does. A missing
// header gives ["*"].
func Languages(header string, present bool) []string {
	if !present {
		header = "*"
	}
	list, _ := parseHeader(nil, header)
	return sorted(list, nonEmpty)
}

// nonEmpty reports whether an element names something; empty ones are ignored.
func nonEmpty(e entry) bool { return e.value != "" }

// encodingList parses an Accept-Encoding header and adds the implicit identity element.
func encodingList(dst []entry, header string) []entry {
	list, n := parseHeader(dst, header)
	minQ := 1.0
	for _, e := range list {
		if e.value == "" {
			continue
		}
		if e.value == "*" || token.EqualFold(e.value, "identity") {
			return list
		}
		if q := e.q; q != 0 && q == q && q < minQ {
			minQ = q
		}
	}
	return append(list, entry{value: "identity", q: minQ, index: n})
}

// choose returns the index of the best offer for a charset, coding or language list.
func choose(list []entry, offers []string, language bool) int {
	best, bestPri := -1, priority{}
	for i, offer := range offers {
		pri := simplePriority(list, offer, language)
		if pri.q > 0 && (best < 0 || pri.before(bestPri)) {
			best, bestPri = i, pri
		}
	}
	if best >= 0 && offers[best] == "" {
		return -1
	}
	return best
}

// simplePriority returns how the elements rank one charset, coding or language offer.
func simplePriority(list []entry, offer string, language bool) priority {
	pri := priority{o: -1}
	full, prefix := offer, ""
	if language {
		// content-type parse of the offer: parameters dropped, OWS trimmed.
		start := skipOWS(offer, 0)
		full = offer[start:trimOWS(offer, start, skipValue(offer, start, false))]
		if full == "" {
			return pri
		}
		prefix, _, _ = strings.Cut(full, "-")
	}
	for _, e := range list {
		if e.value == "" {
			continue
		}
		s := 0
		if language {
			ePrefix, _, _ := strings.Cut(e.value, "-")
			switch {
			case token.EqualFold(e.value, full):
				s = 4
			case token.EqualFold(ePrefix, full):
				s = 2
			case token.EqualFold(e.value, prefix):
				s = 1
			case e.value != "*":
				continue
			}
		} else {
			switch {
			case token.EqualFold(e.value, full):
				s = 1
			case e.value != "*":
				continue
			}
		}
		if pri.beatenBy(s, e.q, e.index) {
			pri = priority{q: e.q, s: s, o: e.index}
		}
	}
	return pri
}
