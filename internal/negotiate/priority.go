package negotiate

import "slices"

// priority is how well the header ranks one offer: the q and position of the element
// that matched it, and how specific the match was.
type priority struct {
	q float64
	s int // specificity
	o int // index of the matching element in the header
}

// beatenBy reports whether an element matching with specificity s, quality q at header
// position o replaces p as the offer's best match: more specific first, then higher q,
// then later in the header. As in negotiator, a q difference that is not a number (NaN
// or Infinity minus Infinity) counts as a tie.
func (p priority) beatenBy(s int, q float64, o int) bool {
	if d := p.s - s; d != 0 {
		return d < 0
	}
	if d := p.q - q; d != 0 && d == d {
		return d < 0
	}
	return p.o < o
}

// before reports whether an offer ranked p comes before an earlier offer ranked other:
// higher q, then more specific, then an earlier header element.
func (p priority) before(other priority) bool {
	if d := other.q - p.q; d != 0 && d == d {
		return d < 0
	}
	if p.s != other.s {
		return p.s > other.s
	}
	return p.o < other.o
}

// sorted returns the values of the elements that keep selects and that have q > 0,
// highest q first and in header order among equal q.
func sorted(list []entry, keep func(entry) bool) []string {
	kept := make([]entry, 0, len(list))
	for _, e := range list {
		if e.q > 0 && keep(e) {
			kept = append(kept, e)
		}
	}
	slices.SortStableFunc(kept, func(a, b entry) int {
		switch d := b.q - a.q; {
		case d < 0:
			return -1
		case d > 0:
			return 1
		}
		return 0
	})
	out := make([]string, len(kept))
	for i, e := range kept {
		out[i] = e.value
	}
	return out
}
