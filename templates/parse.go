package templates

import (
	"fmt"
	"html/template"
	"strings"
)

// parsed is one parse of a page with its layout and partials: the template
// to execute and the stamps of what it was parsed from.
type parsed struct {
	exec   *template.Template
	stamps []stamp
}

// stale reports whether a file or directory the set was parsed from
// changed.
func (p *parsed) stale(f files) bool {
	for _, s := range p.stamps {
		if f.changed(s) {
			return true
		}
	}
	return false
}

// parse parses the partials, then the layout (if any), then the page, into
// one template set named after the page.
func (e *Engine) parse(cfg config, page, layout string) (*parsed, error) {
	f := cfg.files
	p := &parsed{}
	t := template.New(page)
	if e.funcs != nil {
		t.Funcs(e.funcs)
	}
	ext := f.ext(page)
	if err := e.parsePartials(cfg, t, p, ext); err != nil {
		return nil, err
	}
	entry := page
	if layout != "" {
		lp, err := findLayout(cfg, layout, ext)
		if err != nil {
			return nil, err
		}
		if err := parseFile(f, t.New(lp), lp, p); err != nil {
			return nil, err
		}
		entry = lp
	}
	if err := parseFile(f, t, page, p); err != nil {
		return nil, err
	}
	p.exec = t.Lookup(entry)
	return p, nil
}

// parseFile reads name into t, stamping it first so that a write during the
// read shows as a change later.
func parseFile(f files, t *template.Template, name string, p *parsed) error {
	p.stamps = append(p.stamps, f.stampOf(name))
	b, err := f.read(name)
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	if _, err := t.Parse(string(b)); err != nil {
		return err
	}
	return nil
}

// parsePartials parses the partials of every directory into t, each named
// after its file name without extension; the first directory's wins.
func (e *Engine) parsePartials(cfg config, t *template.Template, p *parsed, ext string) error {
	f := cfg.files
	patterns := e.partials
	if patterns == nil {
		patterns = []string{"partials/*" + ext}
	}
	seen := map[string]bool{}
	for _, dir := range cfg.dirs {
		for _, pat := range patterns {
			full := f.join(dir, pat)
			if d := f.dir(full); !hasMeta(d) {
				p.stamps = append(p.stamps, f.stampOf(d))
			}
			matches, err := f.glob(full)
			if err != nil {
				return fmt.Errorf("templates: partials %q: %w", full, err)
			}
			for _, m := range matches {
				name := strings.TrimSuffix(f.base(m), f.ext(m))
				if seen[name] {
					continue
				}
				seen[name] = true
				if err := parseFile(f, t.New(name), m, p); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// findLayout looks layout up in the view directories, adding ext when it
// has no extension.
func findLayout(cfg config, layout, ext string) (string, error) {
	f := cfg.files
	if f.ext(layout) == "" {
		layout += ext
	}
	if f.abs(layout) {
		if isFile(f, layout) {
			return layout, nil
		}
		return "", fmt.Errorf("templates: layout %q not found", layout)
	}
	for _, dir := range cfg.dirs {
		if lp := f.join(dir, layout); isFile(f, lp) {
			return lp, nil
		}
	}
	return "", fmt.Errorf("templates: layout %q not found in %q", layout, cfg.dirs)
}

func isFile(f files, name string) bool {
	fi, err := f.stat(name)
	return err == nil && fi.Mode().IsRegular()
}

// hasMeta reports whether s has glob metacharacters.
func hasMeta(s string) bool { return strings.ContainsAny(s, "*?[") }
