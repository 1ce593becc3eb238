// Package vary merges field names into a Vary header value the way
// jshttp/vary 1.1 does for Express's res.vary.
package vary
