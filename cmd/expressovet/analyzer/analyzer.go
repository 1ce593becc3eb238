// Package analyzer holds expressovet's [Analyzer], which finds the
// response mistakes of expresso handlers that the guarded writer can
// only refuse at run time: a second send, a header change after the
// send, a sender's or c.Next()'s error dropped, and a Context that
// outlives its handler.
//
// Load it from gopls, golangci-lint or a multichecker by importing this
// package; the command github.com/expresso-go/expresso/cmd/expressovet
// runs it alone and as a go vet tool.
package analyzer

import (
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

const doc = `check expresso handlers for responses sent twice and errors dropped

expressovet reports, for code that uses github.com/expresso-go/expresso:

  - a sender (Send, SendString, SendStatus, JSON, JSONP, Redirect, SendFile,
    Download, Render, End, Format) followed, on some control-flow path, by
    another sender or a header change (Set, Status, Cookie, Type, Write, ...)
    on the same *expresso.Context, directly or through a helper that sends;
  - a sender's error dropped by a statement call (c.JSON(x) instead of
    return c.JSON(x));
  - c.Next() called as a statement, losing the error of the rest of the chain;
  - a handler's *expresso.Context used by a goroutine, or stored where it
    outlives the handler, without c.Copy().

Code inside the expresso package itself is not checked.`

// testsFlag is the name of the flag that turns on the checking of
// _test.go files.
const testsFlag = "tests"

// Analyzer reports expresso handlers that send a response twice, change
// it after sending, drop a sender's or c.Next()'s error, or let their
// Context escape. It suggests fixes where the fix is mechanical.
var Analyzer = &analysis.Analyzer{
	Name:      "expressovet",
	Doc:       doc,
	URL:       "https://pkg.go.dev/github.com/expresso-go/expresso/cmd/expressovet",
	Requires:  []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	FactTypes: []analysis.Fact{new(sendsFact)},
	Run:       run,
	Flags:     flags(),
}

// flags returns the Analyzer's flags: -tests also checks _test.go files,
// which are skipped by default because tests send twice, or drop a
// refusal, on purpose to pin expresso's run-time guard.
func flags() flag.FlagSet {
	fs := flag.NewFlagSet("expressovet", flag.ExitOnError)
	fs.Bool(testsFlag, false, "also check _test.go files (tests often send twice on purpose, to test the run-time refusal)")
	return *fs
}

// checker holds one package's run.
type checker struct {
	pass       *analysis.Pass
	cfgs       *ctrlflow.CFGs
	local      map[*types.Func]*sendsFact  // this package's summaries
	aliases    map[*types.Var]*types.Var   // res := c: res names c
	lits       map[*types.Var]*ast.FuncLit // reply := func(…) …: reply names the literal
	litEffects map[litKey][2]bool          // closureEffect's cache
	reported   map[token.Pos]bool
	ignores    map[*token.File]map[int]bool // lines with an ignore directive
	tests      bool                         // report in _test.go files too
}

func run(pass *analysis.Pass) (any, error) {
	if pass.Pkg.Path() == expressoPath {
		return nil, nil // the senders' own implementation
	}
	c := &checker{
		pass:       pass,
		cfgs:       pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs),
		local:      map[*types.Func]*sendsFact{},
		aliases:    map[*types.Var]*types.Var{},
		lits:       map[*types.Var]*ast.FuncLit{},
		litEffects: map[litKey][2]bool{},
		reported:   map[token.Pos]bool{},
		ignores:    map[*token.File]map[int]bool{},
	}
	if g, ok := pass.Analyzer.Flags.Lookup(testsFlag).Value.(flag.Getter); ok {
		c.tests, _ = g.Get().(bool)
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c.findAliases(ins)
	var decls []*ast.FuncDecl
	for n := range ins.PreorderSeq((*ast.FuncDecl)(nil)) {
		decls = append(decls, n.(*ast.FuncDecl))
	}
	c.summarize(decls)
	for n := range ins.PreorderSeq((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		c.checkFlow(n)
	}
	c.checkStatements(ins)
	c.checkEscapes(ins)
	return nil, nil
}

// checkFlow reports the sends and header changes after a send in one
// function that takes a Context.
func (c *checker) checkFlow(n ast.Node) {
	f := &flow{c: c, report: true}
	switch n := n.(type) {
	case *ast.FuncDecl:
		if n.Body == nil {
			return
		}
		f.tracked = contextParams(c.pass.TypesInfo, n.Type)
		if len(f.tracked) > 0 {
			f.run(c.cfgs.FuncDecl(n))
		}
	case *ast.FuncLit:
		f.tracked = contextParams(c.pass.TypesInfo, n.Type)
		if len(f.tracked) > 0 {
			f.run(c.cfgs.FuncLit(n))
		}
	}
}

// effects returns what fn does to the Contexts it is given, or nil.
func (c *checker) effects(fn *types.Func) *sendsFact {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if f, ok := c.local[fn]; ok {
		if len(f.Effects) == 0 {
			return nil
		}
		return f
	}
	if fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg {
		return nil
	}
	var f sendsFact
	if c.pass.ImportObjectFact(fn, &f) {
		return &f
	}
	return nil
}

// endsInNoReturn reports whether b ends in a call that never returns
// (panic, log.Fatal, os.Exit): such an end is not a return of the
// function, and deferred calls there do not follow a normal send.
func (c *checker) endsInNoReturn(b *cfg.Block) bool {
	if len(b.Nodes) == 0 {
		return false
	}
	es, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if bi, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); ok && bi.Name() == "panic" {
			return true
		}
	}
	fn := staticFunc(c.pass.TypesInfo, call)
	return fn != nil && c.cfgs.NoReturn(fn)
}

// emit reports d unless it is in a _test.go file and -tests is off, or
// the line (or the line above) carries an ignore directive.
func (c *checker) emit(d analysis.Diagnostic) {
	if !c.tests && strings.HasSuffix(c.pass.Fset.File(d.Pos).Name(), "_test.go") {
		return
	}
	if c.ignored(d.Pos) {
		return
	}
	c.pass.Report(d)
}

// ignoreDirective, in a line comment on the reported line or the line
// above, silences the diagnostics of that line: for code that sends twice
// on purpose (a test of the run-time refusal). A reason should follow it.
const ignoreDirective = "//expressovet:ignore"

// ignored reports whether pos is on a line an ignore directive covers.
func (c *checker) ignored(pos token.Pos) bool {
	tf := c.pass.Fset.File(pos)
	if tf == nil {
		return false
	}
	lines, ok := c.ignores[tf]
	if !ok {
		lines = map[int]bool{}
		for _, f := range c.pass.Files {
			if c.pass.Fset.File(f.Pos()) != tf {
				continue
			}
			for _, cg := range f.Comments {
				for _, cm := range cg.List {
					if strings.HasPrefix(cm.Text, ignoreDirective) {
						l := tf.Line(cm.Pos())
						lines[l], lines[l+1] = true, true
					}
				}
			}
		}
		c.ignores[tf] = lines
	}
	return lines[tf.Line(pos)]
}

func (c *checker) emitf(pos token.Pos, format string, args ...any) {
	c.emit(analysis.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// line returns pos's line number.
func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

// reportTouch reports a send or header change after a send.
func (c *checker) reportTouch(pos, key token.Pos, what string, first *event, sends bool) {
	if c.reported[key] {
		return
	}
	c.reported[key] = true
	var msg string
	switch {
	case first.pos == pos:
		msg = fmt.Sprintf("%s may run again after it sent the response (a loop): every later call is refused at run time "+
			"(ErrHeadersSent) and the client keeps the first response; send once, after the loop, or return after sending", what)
	case sends:
		msg = fmt.Sprintf("%s after %s (line %d) sent the response: this second send is refused at run time (ErrHeadersSent) "+
			"and the client keeps the first response; return right after sending: return %s(…)", what, first.what, c.line(first.pos), first.what)
	default:
		msg = fmt.Sprintf("%s after %s (line %d) sent the response: the change is refused at run time (ErrHeadersSent) "+
			"and never reaches the client; make it before sending, or return right after sending", what, first.what, c.line(first.pos))
	}
	c.emit(analysis.Diagnostic{Pos: pos, Message: msg})
}

// reportDeferred reports a deferred call that runs after a send.
func (c *checker) reportDeferred(d, first *event) {
	if c.reported[d.pos] {
		return
	}
	c.reported[d.pos] = true
	c.emitf(d.pos, "deferred %s runs when the function returns, after %s (line %d) sent the response: "+
		"it is refused at run time (ErrHeadersSent); do it before sending, or guard it with HeadersSent()",
		d.what, first.what, c.line(first.pos))
}

// staticFunc returns the function call calls, if it is known statically.
func staticFunc(info *types.Info, call *ast.CallExpr) *types.Func {
	fn := typeutil.StaticCallee(info, call)
	return fn
}
