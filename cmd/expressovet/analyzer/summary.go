package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// effect is what a function may do to the response of one of its
// *expresso.Context parameters.
type effect struct {
	Param int      // the parameter's position, receiver not counted
	Name  string   // the parameter's name, for messages
	Sends bool     // it may send the response
	Sets  bool     // it may change headers or the status, or write
	When  condKind // the result it sends on, when it sends on one result only
	// NilResults are the results, the last one aside, that are nil on
	// every path that sends: a non-nil one means nothing was sent.
	NilResults []int
}

// sendsFact is exported for a package-level function or method that
// sends on, or changes the response of, a Context it is given, so that
// callers in this and other packages see the send.
type sendsFact struct{ Effects []effect }

// AFact marks sendsFact as an analysis fact.
func (*sendsFact) AFact() {}

// String describes the effects, e.g. "c: sends if err == nil, sets".
func (f *sendsFact) String() string {
	var parts []string
	for _, e := range f.Effects {
		var what []string
		if e.Sends {
			what = append(what, "sends"+e.When.String())
		}
		if e.Sets {
			what = append(what, "sets")
		}
		parts = append(parts, e.Name+": "+strings.Join(what, ", "))
	}
	return strings.Join(parts, "; ")
}

// summarize computes the facts of the package's functions that take a
// Context, repeating until helpers that call helpers settle, and exports
// them.
func (c *checker) summarize(decls []*ast.FuncDecl) {
	for round := 0; round < 8; round++ {
		changed := false
		for _, d := range decls {
			fn, _ := c.pass.TypesInfo.Defs[d.Name].(*types.Func)
			params := contextParams(c.pass.TypesInfo, d.Type)
			if fn == nil || d.Body == nil || len(params) == 0 {
				continue
			}
			fact := c.summary(d, params)
			if old, ok := c.local[fn]; !ok || !slices.EqualFunc(old.Effects, fact.Effects, equalEffect) {
				c.local[fn] = fact
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for fn, fact := range c.local {
		if len(fact.Effects) > 0 {
			c.pass.ExportObjectFact(fn, fact)
		}
	}
}

// summary runs the flow over d and says, for each Context parameter,
// whether some way out of d has sent it, and on which result.
func (c *checker) summary(d *ast.FuncDecl, params map[*types.Var]int) *sendsFact {
	f := &flow{c: c, tracked: params}
	exits := f.run(c.cfgs.FuncDecl(d))
	fact := &sendsFact{}
	for v, i := range params {
		eff := effect{Param: i, Name: v.Name(), Sets: c.setsIn(d.Body, v)}
		classes := map[resultClass]bool{}
		for _, ex := range exits {
			ex.st.settle(v)
			if _, sent := ex.st.sent[v]; !sent {
				continue
			}
			eff.Sends = true
			classes[c.classify(d, ex.ret)] = true
		}
		if len(classes) == 1 {
			for cl := range classes {
				eff.When = cl.when()
			}
		}
		if eff.Sends {
			eff.NilResults = c.nilResults(d, exits, v)
		}
		if eff.Sends || eff.Sets {
			fact.Effects = append(fact.Effects, eff)
		}
	}
	slices.SortFunc(fact.Effects, func(a, b effect) int { return a.Param - b.Param })
	return fact
}

func equalEffect(a, b effect) bool {
	return a.Param == b.Param && a.Sends == b.Sends && a.Sets == b.Sets && a.When == b.When &&
		slices.Equal(a.NilResults, b.NilResults)
}

// nilResults returns the results of d, the last one aside, that are the
// literal nil on every exit where v was sent.
func (c *checker) nilResults(d *ast.FuncDecl, exits []exit, v *types.Var) []int {
	sig, _ := c.pass.TypesInfo.TypeOf(d.Name).(*types.Signature)
	if sig == nil || sig.Results().Len() < 2 {
		return nil
	}
	var out []int
	for i := 0; i < sig.Results().Len()-1; i++ {
		all := true
		for _, ex := range exits {
			if _, sent := ex.st.sent[v]; !sent {
				continue
			}
			if ex.ret == nil || len(ex.ret.Results) != sig.Results().Len() || !isNil(c.pass.TypesInfo, ex.ret.Results[i]) {
				all = false
			}
		}
		if all {
			out = append(out, i)
		}
	}
	return out
}

// resultClass is what a return statement returns as its last result.
type resultClass int

const (
	classUnknown resultClass = iota
	classTrue
	classFalse
	classNil
	classNonNil
)

func (cl resultClass) when() condKind {
	switch cl {
	case classTrue:
		return condTrue
	case classFalse:
		return condFalse
	case classNil:
		return condNilErr
	case classNonNil:
		return condErr
	}
	return condAlways
}

// classify says what ret returns as d's last result: a constant bool, a
// nil error (also a sender's result, nil when the send succeeds), or some
// other error, taken as non-nil.
func (c *checker) classify(d *ast.FuncDecl, ret *ast.ReturnStmt) resultClass {
	info := c.pass.TypesInfo
	sig, _ := info.TypeOf(d.Name).(*types.Signature)
	if ret == nil || sig == nil || sig.Results().Len() == 0 || len(ret.Results) != sig.Results().Len() {
		return classUnknown
	}
	last := ast.Unparen(ret.Results[len(ret.Results)-1])
	rt := sig.Results().At(sig.Results().Len() - 1).Type()
	if types.Identical(rt, types.Typ[types.Bool]) {
		if tv := info.Types[last]; tv.Value != nil && tv.Value.Kind() == constant.Bool {
			if constant.BoolVal(tv.Value) {
				return classTrue
			}
			return classFalse
		}
		return classUnknown
	}
	if !types.Identical(rt, types.Universe.Lookup("error").Type()) {
		return classUnknown
	}
	return c.classifyError(d, last)
}

// classifyError classifies an error result: nil, a call that returns nil
// when it succeeds (a Context method, a helper that sends, or a variable
// assigned from one), a constructed error, or unknown.
func (c *checker) classifyError(d *ast.FuncDecl, e ast.Expr) resultClass {
	info := c.pass.TypesInfo
	switch e := e.(type) {
	case *ast.Ident:
		if isNil(info, e) {
			return classNil
		}
		if v, ok := info.Uses[e].(*types.Var); ok && c.assignedFromSend(d.Body, v) {
			return classNil
		}
		return classNonNil
	case *ast.CallExpr:
		if c.succeedsNil(e) {
			return classNil
		}
		if fn := typeutil.StaticCallee(info, e); fn != nil && fn.Pkg() != nil {
			if p := fn.Pkg().Path(); p == "errors" || p == "fmt" || strings.HasPrefix(fn.Name(), "New") {
				return classNonNil
			}
		}
	case *ast.UnaryExpr, *ast.CompositeLit:
		return classNonNil
	}
	return classUnknown
}

// succeedsNil reports whether call is a Context method or a helper that
// sends: its error is nil when the send succeeds.
func (c *checker) succeedsNil(call *ast.CallExpr) bool {
	if _, ok := asContextCall(c.pass.TypesInfo, call); ok {
		return true
	}
	return c.effects(typeutil.StaticCallee(c.pass.TypesInfo, call)) != nil
}

// assignedFromSend reports whether body assigns v the result of a call
// that succeeds with nil (err = c.JSON(x), err := render(c)).
func (c *checker) assignedFromSend(body *ast.BlockStmt, v *types.Var) bool {
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || found || len(as.Rhs) != 1 {
			return !found
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok || !c.succeedsNil(call) {
			return true
		}
		if id, ok := ast.Unparen(as.Lhs[len(as.Lhs)-1]).(*ast.Ident); ok && info.ObjectOf(id) == v {
			found = true
		}
		return !found
	})
	return found
}

// setsIn reports whether body changes v's headers, status or body other
// than by a sender, directly or through a helper.
func (c *checker) setsIn(body *ast.BlockStmt, v *types.Var) bool {
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if rv, _ := responseChange(info, call); rv != nil {
			found = c.unalias(rv) == v
			return !found
		}
		if cc, ok := asContextCall(info, call); ok {
			found = contextKind(cc.name) == kindHeader && c.root(cc.recv) == v
			return !found
		}
		fn := typeutil.StaticCallee(info, call)
		if fact := c.effects(fn); fact != nil {
			for _, e := range fact.Effects {
				if e.Param < len(call.Args) && e.Sets && c.root(call.Args[e.Param]) == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
