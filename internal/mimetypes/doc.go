// Package mimetypes maps file extensions to media types and media types to default
// charsets, the way Express 5 does through mime-types 3 over the mime-db data.
//
// The data lives in table_types.go and table_exts.go, generated from mime-db's
// db.json. When several types claim one extension (mp4, rtf, xml, wav …), the generator resolves the conflict
// once with the mime-types 3 score: a standard name beats vnd., then x., then x-, then
// prs.; an IANA source beats an unknown one, then Apache, then nginx; application, font,
// audio and video get small bonuses (so xml and rtf go to application/*, mp4 to
// video/mp4); shorter names win what is left, and a later type wins a tie.
// application/octet-stream never wins a contested extension.
//
// To regenerate after a mime-db update, fetch the package and run the generator from
// the module root (-dir changes the output directory; a package.json next to db.json supplies
// the version named in the generated header):
//
//	(cd /tmp && npm pack mime-db@1.54.0 && tar xzf mime-db-1.54.0.tgz)
//	go run ./internal/mimetypes/gen -db /tmp/package/db.json
//
// Lookups are case-insensitive and allocate nothing; [ContentType] allocates only when
// it appends a charset to a string that is not exactly a known type name (one with
// parameters, in upper case, or unknown to mime-db such as text/x-foo).
package mimetypes
