package analyzer_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCorpusCounts pins the corpus's size and what the analyzer finds in
// it: each buggy handler either carries a want (TestCorpus checks it is
// reported) or a "missed:" line saying why it is not.
func TestCorpusCounts(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join("testdata", "src", "corpus", "corpus.go"), nil, parser.ParseComments)
	require.NoError(t, err)
	wants := map[int]bool{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "// want `") {
				wants[fset.Position(c.Pos()).Line] = true
			}
		}
	}
	var found, missed int
	for _, d := range f.Decls {
		var doc *ast.CommentGroup
		var from, to token.Pos
		switch d := d.(type) {
		case *ast.GenDecl:
			vs, ok := d.Specs[0].(*ast.ValueSpec)
			if !ok || d.Tok != token.VAR || !strings.HasPrefix(vs.Names[0].Name, "bug") {
				continue
			}
			doc, from, to = d.Doc, d.Pos(), d.End()
		case *ast.FuncDecl:
			if d.Recv == nil {
				continue // helpers and register
			}
			doc, from, to = d.Doc, d.Pos(), d.End()
		}
		reported := false
		for l := fset.Position(from).Line; l <= fset.Position(to).Line; l++ {
			reported = reported || wants[l]
		}
		isMissed := doc != nil && strings.Contains(doc.Text(), "missed:")
		assert.NotEqual(t, reported, isMissed, "handler at line %d must be either reported or marked missed", fset.Position(from).Line)
		if reported {
			found++
		} else {
			missed++
		}
	}
	t.Logf("corpus: %d buggy handlers, %d found, %d missed", found+missed, found, missed)
	assert.Equal(t, 41, found+missed)
	assert.Equal(t, 39, found)
	assert.Equal(t, 2, missed)
}
