// Package qs parses an application/x-www-form-urlencoded body the way
// Express 5's express.urlencoded() does by default (body-parser 2.x with
// extended: false, which calls qs 6.17 with depth 0 and allowPrototypes).
//
// What that means, pinned by the tests:
//
//   - pairs are separated by '&' only; ';' is part of a key or value;
//   - '+' is a space; a key or value whose escapes do not decode as UTF-8
//     (a lone "%E9", "%zz", a trailing "%") is kept as written, with only
//     '+' turned into spaces;
//   - a pair without '=' has the value ""; a pair whose key is empty ("=x")
//     and the key "__proto__" are dropped;
//   - keys are literal ("a[b]" stays "a[b]"), except that one pair of
//     brackets around a whole key is removed ("[a]" is "a", "[]" numbers its
//     values "0", "1", …);
//   - a repeated key collects its values in order; keys are merged in the
//     order of a JavaScript object (array-index keys first, ascending);
//   - the number of parameters ('&' count + 1) is capped before parsing.
//
// The iso-8859-1 charset decodes each %XX as the byte's Latin-1 character.
// The charsetSentinel and interpretNumericEntities options of
// body-parser, both off by default, and extended mode are not offered.
package qs
