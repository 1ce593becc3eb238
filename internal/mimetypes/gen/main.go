// Command gen writes internal/mimetypes/table.go from mime-db's db.json.
//
// Run it from the module root:
//
//	go run ./internal/mimetypes/gen -db path/to/mime-db/db.json
//
// When several types claim one extension, the winner is picked here, once, with the
// scoring rule of mime-types 3 (see score), so the package does no resolution at run time.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	dbPath := flag.String("db", "", "path to mime-db's db.json (a package.json beside it supplies the version)")
	dir := flag.String("dir", filepath.Join("internal", "mimetypes"), "directory to write table_types.go and table_exts.go to")
	flag.Parse()
	if err := run(*dbPath, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dbPath, dir string) error {
	if dbPath == "" {
		return errors.New("missing -db flag")
	}
	f, err := os.Open(dbPath)
	if err != nil {
		return err
	}
	defer f.Close()
	db, err := readDB(f)
	if err != nil {
		return fmt.Errorf("read %s: %w", dbPath, err)
	}
	typesSrc, extsSrc, err := render(db, readVersion(filepath.Join(filepath.Dir(dbPath), "package.json")))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "table_types.go"), typesSrc, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "table_exts.go"), extsSrc, 0o644)
}

// entry is one value of db.json.
type entry struct {
	Source     string   `json:"source"`
	Charset    string   `json:"charset"`
	Extensions []string `json:"extensions"`
}

// mediaType is one key of db.json with its value.
type mediaType struct {
	name string
	entry
}

// readDB decodes db.json keeping the order of its keys, because mime-types resolves
// extension conflicts in that order.
func readDB(r io.Reader) ([]mediaType, error) {
	dec := json.NewDecoder(r)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("db is not a JSON object")
	}
	var db []mediaType
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, _ := tok.(string)
		var e entry
		if err := dec.Decode(&e); err != nil {
			return nil, fmt.Errorf("type %q: %w", name, err)
		}
		if name != strings.ToLower(name) || strings.Count(name, "/") != 1 {
			return nil, fmt.Errorf("type %q is not a lower-case type/subtype", name)
		}
		db = append(db, mediaType{name: name, entry: e})
	}
	return db, nil
}

// readVersion returns the version field of mime-db's package.json, or "unknown".
func readVersion(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "unknown"
	}
	var pkg struct {
		Version string `json:"version"`
	}
	if json.Unmarshal(b, &pkg) != nil || pkg.Version == "" {
		return "unknown"
	}
	return pkg.Version
}

// isJSObjectName reports whether n is a name every JavaScript object literal inherits.
// mime-types looks facets, sources and top-level types up in object literals, so such a
// name would make it compute nonsense; the generator refuses rather than guess.
func isJSObjectName(n string) bool {
	switch n {
	case "constructor", "__proto__", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
		"toLocaleString", "toString", "valueOf", "__defineGetter__", "__defineSetter__",
		"__lookupGetter__", "__lookupSetter__":
		return true
	}
	return false
}

// score mirrors mime-types 3 (mimeScore.js): the sum of a facet score, a source score, a
// top-level type score and a small bonus for shorter names, in that order of addition.
// application/octet-stream always scores 0.
func score(name, source string) (float64, error) {
	if name == "application/octet-stream" {
		return 0, nil
	}
	top, sub, _ := strings.Cut(name, "/")
	facet := sub
	for i := 0; i < len(sub); i++ {
		if sub[i] == '.' {
			facet = sub[:i+1]
			break
		}
		if strings.HasPrefix(sub[i:], "x-") {
			facet = sub[:i+2]
			break
		}
	}
	if source == "" {
		source = "default"
	}
	for _, n := range []string{facet, top, source} {
		if isJSObjectName(n) {
			return 0, fmt.Errorf("type %q: name %q would hit a JavaScript object property", name, n)
		}
	}
	facetScore := 900.0
	switch facet {
	case "prs.":
		facetScore = 100
	case "x-":
		facetScore = 200
	case "x.":
		facetScore = 300
	case "vnd.":
		facetScore = 400
	}
	sourceScore := 30.0
	switch source {
	case "nginx":
		sourceScore = 10
	case "apache":
		sourceScore = 20
	case "iana":
		sourceScore = 40
	}
	typeScore := 0.0
	switch top {
	case "application":
		typeScore = 1
	case "font", "audio":
		typeScore = 2
	case "video":
		typeScore = 3
	}
	lengthScore := 1 - float64(len(name))/100
	return facetScore + sourceScore + typeScore + lengthScore, nil
}

// resolve maps every extension to its type. Types are visited in db order; a later
// type takes an extension unless the current holder scores strictly higher.
func resolve(db []mediaType) (map[string]string, error) {
	source := make(map[string]string, len(db))
	for _, mt := range db {
		source[mt.name] = mt.Source
	}
	byExt := make(map[string]string)
	for _, mt := range db {
		newScore, err := score(mt.name, mt.Source)
		if err != nil {
			return nil, err
		}
		for _, ext := range mt.Extensions {
			cur, ok := byExt[ext]
			if ok {
				curScore, err := score(cur, source[cur])
				if err != nil {
					return nil, err
				}
				if curScore > newScore {
					continue
				}
			}
			byExt[ext] = mt.name
		}
	}
	return byExt, nil
}

// typeRow is one row of the generated types table.
type typeRow struct {
	name, ext, charset, contentType string
}

// rows lists the types the package needs to know: those with an extension and those
// with a default charset, sorted by name.
func rows(db []mediaType) []typeRow {
	var out []typeRow
	for _, mt := range db {
		charset := mt.Charset
		if charset == "" && strings.HasPrefix(mt.name, "text/") {
			charset = "UTF-8"
		}
		if len(mt.Extensions) == 0 && mt.Charset == "" {
			continue
		}
		r := typeRow{name: mt.name, charset: charset}
		if len(mt.Extensions) > 0 {
			r.ext = mt.Extensions[0]
		}
		if charset != "" && !strings.Contains(mt.name, "charset") {
			r.contentType = mt.name + "; charset=" + strings.ToLower(charset)
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// render returns the gofmt'ed sources of table_types.go and table_exts.go.
// Entries are packed several to a line so that each file stays short.
func render(db []mediaType, version string) (typesSrc, extsSrc []byte, err error) {
	byExt, err := resolve(db)
	if err != nil {
		return nil, nil, err
	}
	types := rows(db)
	if len(types) > 1<<16 {
		return nil, nil, errors.New("too many types for a uint16 index")
	}
	index := make(map[string]int, len(types))
	for i, r := range types {
		index[r.name] = i
	}
	exts := make([]string, 0, len(byExt))
	for ext := range byExt {
		if ext != strings.ToLower(ext) {
			return nil, nil, fmt.Errorf("extension %q is not lower case", ext)
		}
		exts = append(exts, ext)
	}
	sort.Strings(exts)

	header := func(b *bytes.Buffer) {
		b.WriteString("// Code generated by \"go run ./internal/mimetypes/gen\"; DO NOT EDIT.\n")
		fmt.Fprintf(b, "// Source: mime-db %s (db.json), extension conflicts resolved with the mime-types 3 score.\n\n", version)
		b.WriteString("package mimetypes\n\n")
	}
	var t bytes.Buffer
	header(&t)
	t.WriteString("// types lists every type with an extension or a default charset, sorted by name.\n")
	t.WriteString("var types = [...]typeInfo{\n")
	for i, r := range types {
		sep := " "
		if i%2 == 0 {
			sep = "\t"
		}
		fmt.Fprintf(&t, "%s{%q, %q, %q, %q},", sep, r.name, r.ext, r.charset, r.contentType)
		if i%2 == 1 || i == len(types)-1 {
			t.WriteString("\n")
		}
	}
	t.WriteString("}\n")
	var e bytes.Buffer
	header(&e)
	e.WriteString("// extensions maps every extension to its preferred type (an index into types), sorted by extension.\n")
	e.WriteString("var extensions = [...]extInfo{\n")
	for i, ext := range exts {
		sep := " "
		if i%4 == 0 {
			sep = "\t"
		}
		fmt.Fprintf(&e, "%s{%q, %d},", sep, ext, index[byExt[ext]])
		if i%4 == 3 || i == len(exts)-1 {
			e.WriteString("\n")
		}
	}
	e.WriteString("}\n")
	if typesSrc, err = format.Source(t.Bytes()); err != nil {
		return nil, nil, err
	}
	if extsSrc, err = format.Source(e.Bytes()); err != nil {
		return nil, nil, err
	}
	return typesSrc, extsSrc, nil
}
