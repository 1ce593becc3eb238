package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// deferStmt records the Contexts a deferred call will send on or change
// when the function returns. A deferred function that recovers, or that
// tests HeadersSent or Finished first, is taken to know what it does.
func (f *flow) deferStmt(st *state, d *ast.DeferStmt) {
	info := f.c.pass.TypesInfo
	lit, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit)
	if !ok {
		f.deferredCall(st, d.Call)
		return
	}
	if f.guarded(lit) {
		return
	}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if _, ok := asContextCall(info, n); ok || typeutil.StaticCallee(info, n) != nil {
				f.deferredCall(st, n)
			}
		}
		return true
	})
}

// deferredCall records call, run when the function returns.
func (f *flow) deferredCall(st *state, call *ast.CallExpr) {
	info := f.c.pass.TypesInfo
	record := func(v *types.Var, what string) {
		if _, tracked := f.tracked[v]; !tracked {
			return
		}
		if _, ok := st.deferred[v]; !ok {
			st.deferred[v] = &event{pos: methodPos(call), what: what}
		}
	}
	if cc, ok := asContextCall(info, call); ok {
		if k := contextKind(cc.name); k == kindSender || k == kindHeader {
			if v := f.c.root(cc.recv); v != nil {
				record(v, v.Name()+"."+cc.name)
			}
		}
		return
	}
	fn := typeutil.StaticCallee(info, call)
	fact := f.c.effects(fn)
	if fact == nil {
		return
	}
	for _, eff := range fact.Effects {
		if eff.Param < len(call.Args) && (eff.Sends || eff.Sets) {
			if v := f.c.root(call.Args[eff.Param]); v != nil {
				record(v, fn.Name())
			}
		}
	}
}

// guarded reports whether a deferred literal recovers a panic or asks
// whether the response went out before touching it.
func (f *flow) guarded(lit *ast.FuncLit) bool {
	info := f.c.pass.TypesInfo
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "recover" {
				found = true
			}
		}
		if cc, ok := asContextCall(info, call); ok && (cc.name == "HeadersSent" || cc.name == "Finished") {
			found = true
		}
		return !found
	})
	return found
}

// checkDeferred reports deferred calls that run after the response was
// sent on the path that reached this exit.
func (f *flow) checkDeferred(st *state) {
	if !f.report {
		return
	}
	for v, d := range st.deferred {
		if first, ok := st.sent[v]; ok {
			f.c.reportDeferred(d, first)
		}
	}
}
