package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// escapes finds a handler's Context where it outlives the handler. A
// handler's Context is a *expresso.Context parameter of a function in
// the package; c.Copy() and Contexts received from elsewhere are not one.
type escapes struct {
	c      *checker
	params map[*types.Var]bool
}

// checkEscapes reports a handler's Context used by a goroutine, sent on a
// channel, given to time.AfterFunc, or stored in a package variable, a
// field or an element.
func (c *checker) checkEscapes(ins *inspector.Inspector) {
	e := &escapes{c: c, params: map[*types.Var]bool{}}
	for n := range ins.PreorderSeq((*ast.FuncType)(nil)) {
		for v := range contextParams(c.pass.TypesInfo, n.(*ast.FuncType)) {
			e.params[v] = true
		}
	}
	if len(e.params) == 0 {
		return
	}
	types := []ast.Node{(*ast.GoStmt)(nil), (*ast.AssignStmt)(nil), (*ast.SendStmt)(nil), (*ast.CallExpr)(nil)}
	ins.WithStack(types, func(n ast.Node, push bool, stack []ast.Node) bool {
		if push {
			e.node(n, stack)
		}
		return true
	})
}

func (e *escapes) node(n ast.Node, stack []ast.Node) {
	pass := e.c.pass
	switch n := n.(type) {
	case *ast.GoStmt:
		if v := e.goUses(n); v != nil && !e.joined(n, stack) {
			e.c.emitf(n.Pos(), "the goroutine uses %s, the handler's Context, after the handler may have returned: "+
				"the Context is then reused for another request (development mode panics); "+
				"take cp := %s.Copy() before the go statement and use cp in the goroutine", v.Name(), v.Name())
		}
	case *ast.AssignStmt:
		if len(n.Lhs) != len(n.Rhs) {
			return
		}
		for i, lhs := range n.Lhs {
			if v := e.holds(n.Rhs[i]); v != nil {
				if where := e.outlives(lhs); where != "" {
					e.c.emitf(n.Rhs[i].Pos(), "%s, the handler's Context, is stored in %s, which outlives the handler: "+
						"after the handler returns the Context is reused for another request; "+
						"store %s.Copy() instead, or copy out the values you need", v.Name(), where, v.Name())
				}
			}
		}
	case *ast.SendStmt:
		if v := e.holds(n.Value); v != nil {
			e.c.emitf(n.Value.Pos(), "%s, the handler's Context, is sent on a channel: the receiver may use it after "+
				"the handler returned, when it is reused for another request; send %s.Copy() instead", v.Name(), v.Name())
		}
	case *ast.CallExpr:
		fn := staticFunc(pass.TypesInfo, n)
		if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "time" || fn.Name() != "AfterFunc" || len(n.Args) != 2 {
			return
		}
		if v := e.holds(n.Args[1]); v != nil {
			e.c.emitf(n.Args[1].Pos(), "the function given to time.AfterFunc uses %s, the handler's Context, after the "+
				"handler returned, when it is reused for another request; take cp := %s.Copy() first and use cp",
				v.Name(), v.Name())
		}
	}
}

// goUses returns the handler's Context a go statement hands to the new
// goroutine: captured by its function literal, passed as an argument, or
// the receiver of the method it runs.
func (e *escapes) goUses(g *ast.GoStmt) *types.Var {
	for _, a := range g.Call.Args {
		if v := e.holds(a); v != nil {
			return v
		}
	}
	if cc, ok := asContextCall(e.c.pass.TypesInfo, g.Call); ok {
		if v := e.c.root(cc.recv); e.params[v] {
			return v
		}
	}
	return e.holds(g.Call.Fun)
}

// holds returns the handler's Context x is, contains, or captures.
func (e *escapes) holds(x ast.Expr) *types.Var {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		if v := e.c.root(x); e.params[v] {
			return v
		}
	case *ast.CallExpr:
		if v := e.c.root(x); e.params[v] {
			return v
		}
		if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok && id.Name == "append" {
			for _, a := range x.Args[1:] {
				if v := e.holds(a); v != nil {
					return v
				}
			}
		}
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return e.holds(x.X)
		}
	case *ast.CompositeLit:
		for _, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			if v := e.holds(el); v != nil {
				return v
			}
		}
	case *ast.FuncLit:
		return e.captured(x)
	}
	return nil
}

// captured returns a handler's Context declared outside lit and used in it.
func (e *escapes) captured(lit *ast.FuncLit) *types.Var {
	var found *types.Var
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || found != nil {
			return found == nil
		}
		if v, ok := e.c.pass.TypesInfo.Uses[id].(*types.Var); ok && e.params[e.c.unalias(v)] && (v.Pos() < lit.Pos() || v.Pos() > lit.End()) {
			found = v
		}
		return true
	})
	return found
}

// outlives describes where an assignment to lhs keeps a value past the
// handler: a package variable, a field or an element. A local of an
// enclosing function is not counted: whether it outlives the request is
// not visible here.
func (e *escapes) outlives(lhs ast.Expr) string {
	info := e.c.pass.TypesInfo
	switch l := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		if v, ok := info.ObjectOf(l).(*types.Var); ok && v.Parent() == e.c.pass.Pkg.Scope() {
			return "the package variable " + l.Name
		}
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[l]; ok && sel.Kind() == types.FieldVal {
			return "the field " + types.ExprString(l)
		}
		if v, ok := info.Uses[l.Sel].(*types.Var); ok && v.Parent() == v.Pkg().Scope() {
			return "the package variable " + types.ExprString(l)
		}
	case *ast.IndexExpr:
		return "an element of " + types.ExprString(l.X)
	case *ast.StarExpr:
		return "*" + types.ExprString(l.X)
	}
	return ""
}

// joined reports whether the function holding g waits after it, by a
// Wait() call or a channel receive: the goroutine then ends before the
// handler returns.
func (e *escapes) joined(g *ast.GoStmt, stack []ast.Node) bool {
	var body *ast.BlockStmt
	for i := len(stack) - 1; i >= 0 && body == nil; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncLit:
			body = f.Body
		case *ast.FuncDecl:
			body = f.Body
		}
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if n.Pos() < g.End() {
			return n.End() > g.End() // only descend into nodes that reach past g
		}
		switch n := n.(type) {
		case *ast.UnaryExpr:
			found = n.Op == token.ARROW
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Wait" {
				found = true
			}
		}
		return !found
	})
	return found
}
