package expresso

import (
	"net/http"
	"strings"

	"github.com/expresso-go/expresso/internal/mimetypes"
)

// Offer is one representation for [Context.Format]: a media type or file
// extension ("json", "text/html"), or "default" for the fallback, and the
// handler that sends it.
type Offer struct {
	// Type is a media type ("text/html"), an extension ("json") or
	// "default".
	Type string
	// Handler sends the representation; Format sets the Content-Type
	// before it runs (except for "default").
	Handler Handler
}

// Format runs the handler of the offer the request accepts best, Express's
// res.format: offers are tried in order of the client's preference (q-value,
// then specificity, then their order); without an Accept header the first
// wins. The chosen type becomes the Content-Type (with charset for text
// types) before its handler runs; a "default" offer runs when nothing
// matches, without setting a Content-Type. Vary: Accept is always added.
// When nothing matches and there is no default, Format returns a 406
// [*HTTPError] whose Offered lists the types.
func (c *Context) Format(offers ...Offer) error {
	c.live()
	c.Vary("Accept")
	var def Handler
	types := make([]string, 0, len(offers))
	keys := make([]*Offer, 0, len(offers))
	for i := range offers {
		o := &offers[i]
		if o.Handler == nil {
			panic("expresso: Format: offer " + quote(o.Type) + " has a nil Handler")
		}
		if o.Type == "default" {
			def = o.Handler
			continue
		}
		types = append(types, normalizeType(o.Type))
		keys = append(keys, o)
	}
	best := -1
	if len(types) > 0 {
		best = c.prefer(negotiable(keys))
	}
	if best >= 0 {
		c.Set("Content-Type", types[best])
		return keys[best].Handler(c)
	}
	if def != nil {
		return def(c)
	}
	return &HTTPError{Code: http.StatusNotAcceptable, Offered: types}
}

// negotiable returns the offers as Express's req.accepts negotiates them:
// a full type as given (parameters included), an extension as its media
// type, and "" (never acceptable) for an extension with no known type,
// which still wins when there is no Accept header.
func negotiable(keys []*Offer) []string {
	out := make([]string, len(keys))
	for i, o := range keys {
		if strings.Contains(o.Type, "/") {
			out[i] = o.Type
		} else {
			out[i] = mimetypes.Lookup(o.Type)
		}
	}
	return out
}

// normalizeType turns an extension into its media type and strips
// parameters from a full type, as Express's normalizeType.
func normalizeType(t string) string {
	if !strings.Contains(t, "/") {
		if m := mimetypes.Lookup(t); m != "" {
			return m
		}
		return "application/octet-stream"
	}
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	return strings.TrimSpace(t)
}
