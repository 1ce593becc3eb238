package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// refine narrows st to the edge on which cond evaluates to truth: a
// Context whose HeadersSent() or Finished() is false was not sent, and a
// pending send is resolved by the test of the result it hangs on.
func (f *flow) refine(st *state, cond ast.Expr, truth bool) {
	info := f.c.pass.TypesInfo
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			f.refine(st, e.X, !truth)
		}
	case *ast.BinaryExpr:
		f.refineBinary(st, e, truth)
	case *ast.CallExpr:
		if cc, ok := asContextCall(info, e); ok && (cc.name == "HeadersSent" || cc.name == "Finished") {
			if v := f.c.root(cc.recv); v != nil && !truth {
				st.clear(v)
			}
			return
		}
		// errors.Is(err, …) and errors.As(err, …) are true only for a
		// non-nil err.
		if fn := typeutil.StaticCallee(info, e); truth && fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "errors" &&
			(fn.Name() == "Is" || fn.Name() == "As") && len(e.Args) == 2 {
			if id, ok := ast.Unparen(e.Args[0]).(*ast.Ident); ok {
				if obj := info.ObjectOf(id); obj != nil {
					st.resolve(obj, true)
				}
			}
		}
		st.resolve(e, truth)
	case *ast.Ident:
		if obj := info.ObjectOf(e); obj != nil {
			st.resolve(obj, truth)
			if fl, ok := st.flags[obj]; ok && fl.value != truth {
				st.clear(fl.v)
			}
		}
	}
}

func (f *flow) refineBinary(st *state, e *ast.BinaryExpr, truth bool) {
	switch e.Op {
	case token.LAND, token.LOR:
		if (e.Op == token.LAND) == truth {
			// Both operands have the outcome.
			f.refine(st, e.X, truth)
			f.refine(st, e.Y, truth)
			return
		}
		// One operand has it: keep what either keeps.
		a, b := st.clone(), st.clone()
		f.refine(a, e.X, truth)
		f.refine(b, e.Y, truth)
		for v := range st.sent {
			if _, ok := a.sent[v]; !ok {
				if _, ok := b.sent[v]; !ok {
					delete(st.sent, v)
				}
			}
		}
		for k := range st.pend {
			if _, ok := a.pend[k]; !ok {
				if _, ok := b.pend[k]; !ok {
					delete(st.pend, k)
				}
			}
		}
	case token.EQL, token.NEQ:
		other := nilComparand(f.c.pass.TypesInfo, e)
		if other == nil {
			return
		}
		nonNil := (e.Op == token.NEQ) == truth
		switch o := ast.Unparen(other).(type) {
		case *ast.CallExpr:
			st.resolve(o, nonNil)
		case *ast.Ident:
			if obj := f.c.pass.TypesInfo.ObjectOf(o); obj != nil {
				st.resolve(obj, nonNil)
			}
		}
	}
}

// nilComparand returns x in x == nil, nil != x and the like.
func nilComparand(info *types.Info, e *ast.BinaryExpr) ast.Expr {
	switch {
	case isNil(info, e.Y):
		return e.X
	case isNil(info, e.X):
		return e.Y
	}
	return nil
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}
