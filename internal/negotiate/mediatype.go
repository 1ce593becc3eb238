package negotiate

import (
	"github.com/expresso-go/expresso/internal/token"
	"strings"
)

// MediaType returns the index in offers of the offer the Accept header prefers, or -1
// if none is acceptable. It mirrors req.accepts(offers) (accepts 2 over negotiator 1.1)
// once the caller has mapped extension names to media types.
//
// offers are full media types such as "application/json", optionally with parameters;
// an offer without '/' (pass "" for an unknown extension) is never acceptable. An empty
// header is treated as absent, as accepts does, and picks offer 0. Otherwise each offer
// takes its best-matching header element by specificity (type 4, subtype 2, parameters
// 1), then q, then the later element; offers with q <= 0 (or an unparsable q) are
// dropped, and the rest are ranked by q, specificity, header position and offer order.
// Parameters of an element other than q must all have the same value on the offer
// (ignoring case; "*" matches anything; a missing offer parameter counts as empty).
// Identical offers resolve to the first.
//
// MediaType does not allocate for headers of up to 16 elements.
func MediaType(header string, offers []string) int {
	if header == "" {
		if len(offers) > 0 {
			return 0
		}
		return -1
	}
	var buf [maxStack]entry
	list, _ := parseHeader(buf[:0], header)
	best, bestPri := -1, priority{}
	for i, offer := range offers {
		pri := mediaPriority(list, offer)
		if pri.q > 0 && (best < 0 || pri.before(bestPri)) {
			best, bestPri = i, pri
		}
	}
	return best
}

// MediaTypes returns the media ranges of the Accept header with q > 0, most preferred
// first: by q, then header order. Parameters are dropped and the original case is kept.
// It mirrors req.accepts() with no arguments. An empty header is treated as absent and
// gives ["*/*"]; Express gives [] for a header that is present but empty.
func MediaTypes(header string) []string {
	if header == "" {
		return []string{"*/*"}
	}
	var buf [maxStack]entry
	list, _ := parseHeader(buf[:0], header)
	return sorted(list, func(e entry) bool { return e.slash >= 0 })
}

// mediaPriority returns how the header elements rank offer: the priority of the element
// that matches it best, or a zero priority if none does.
func mediaPriority(list []entry, offer string) priority {
	pri := priority{o: -1}
	// content-type parse of the offer: no comma stop, type lower-cased.
	start := skipOWS(offer, 0)
	end := skipValue(offer, start, false)
	otype, osub, ok := strings.Cut(offer[start:trimOWS(offer, start, end)], "/")
	if !ok {
		return pri
	}
	oparams := offer[end:]
	for _, e := range list {
		if e.slash < 0 {
			continue
		}
		stype, ssub := e.value[:e.slash], e.value[e.slash+1:]
		s := 0
		switch {
		case token.EqualFold(stype, otype):
			s |= 4
		case stype != "*":
			continue
		}
		switch {
		case token.EqualFold(ssub, osub):
			s |= 2
		case ssub != "*":
			continue
		}
		switch paramsMatch(e.params, oparams) {
		case matchNone:
			continue
		case matchAll:
			s |= 1
		}
		if pri.beatenBy(s, e.q, e.index) {
			pri = priority{q: e.q, s: s, o: e.index}
		}
	}
	return pri
}

// Results of paramsMatch.
const (
	matchNoParams = iota // the element has no parameters besides q
	matchAll             // every parameter of the element matches the offer
	matchNone            // some parameter does not match
)

// paramsMatch compares the parameters of a header element (except q; the first of
// repeated names counts) with those of an offer. A missing offer parameter reads as "".
func paramsMatch(hparams, oparams string) int {
	result := matchNoParams
	it := params{h: hparams, comma: true}
	for {
		key, value, quoted, ok := it.next()
		if !ok {
			return result
		}
		if token.EqualFold(key, "q") || !firstParam(hparams, it, key) {
			continue
		}
		result = matchAll
		if valueEqualFold(value, quoted, "*", false) {
			continue
		}
		ovalue, oquoted, _ := lookup(oparams, 0, false, key)
		if !valueEqualFold(value, quoted, ovalue, oquoted) {
			return matchNone
		}
	}
}

// firstParam reports whether the parameter just returned by cur is the first one named
// key among the parameters in h.
func firstParam(h string, cur params, key string) bool {
	it := params{h: h, comma: true}
	for {
		k, _, _, ok := it.next()
		if !ok || it.i >= cur.i {
			return true
		}
		if token.EqualFold(k, key) {
			return false
		}
	}
}
