package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// findAliases records the local variables that only ever name one thing:
// another Context variable (res := c), or a function literal
// (reply := func(v any) error { return c.JSON(v) }), defined once and
// never assigned again.
func (c *checker) findAliases(ins *inspector.Inspector) {
	info := c.pass.TypesInfo
	assigned := map[*types.Var]int{}
	source := map[*types.Var]*types.Var{}
	lits := map[*types.Var]*ast.FuncLit{}
	note := func(lhs, rhs ast.Expr, define bool) {
		id, ok := ast.Unparen(lhs).(*ast.Ident)
		if !ok {
			return
		}
		x, ok := info.ObjectOf(id).(*types.Var)
		if !ok {
			return
		}
		assigned[x]++
		if !define || rhs == nil {
			return
		}
		switch r := ast.Unparen(rhs).(type) {
		case *ast.Ident:
			if v, ok := info.Uses[r].(*types.Var); ok && isContextPtr(v.Type()) && isContextPtr(x.Type()) {
				source[x] = v
			}
		case *ast.FuncLit:
			lits[x] = r
		}
	}
	for n := range ins.PreorderSeq((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				var r ast.Expr
				if len(n.Rhs) == len(n.Lhs) {
					r = n.Rhs[i]
				}
				id, _ := ast.Unparen(l).(*ast.Ident)
				note(l, r, id != nil && info.Defs[id] != nil)
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				var r ast.Expr
				if len(n.Values) == len(n.Names) {
					r = n.Values[i]
				}
				note(id, r, true)
			}
		}
	}
	for x, src := range source {
		if assigned[x] == 1 {
			c.aliases[x] = src
		}
	}
	for x, lit := range lits {
		if assigned[x] == 1 {
			c.lits[x] = lit
		}
	}
}

// root is rootVar with aliases resolved to the variable they name.
func (c *checker) root(e ast.Expr) *types.Var {
	return c.unalias(rootVar(c.pass.TypesInfo, e))
}

// unalias returns the variable v is another name for, or v.
func (c *checker) unalias(v *types.Var) *types.Var {
	for i := 0; i < 8; i++ { // res := c; r := res
		a, ok := c.aliases[v]
		if !ok {
			break
		}
		v = a
	}
	return v
}

// closureEffect says whether the function literal lit may send on, or
// change, the Context v it captures. Results are cached per literal.
func (c *checker) closureEffect(lit *ast.FuncLit, v *types.Var) (sends, sets bool) {
	key := litKey{lit, v}
	if e, ok := c.litEffects[key]; ok {
		return e[0], e[1]
	}
	c.litEffects[key] = [2]bool{} // a literal that reaches itself adds nothing
	f := &flow{c: c, tracked: map[*types.Var]int{v: 0}}
	for _, ex := range f.run(c.cfgs.FuncLit(lit)) {
		sends = sends || ex.st.mayBeSent(v)
	}
	sets = c.setsIn(lit.Body, v)
	c.litEffects[key] = [2]bool{sends, sets}
	return sends, sets
}

// litKey is a function literal and a Context it captures.
type litKey struct {
	lit *ast.FuncLit
	v   *types.Var
}
