package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// flow runs the "sent" dataflow over one function's control-flow graph.
// With report set it also reports the calls that touch a response
// already sent.
type flow struct {
	c       *checker
	tracked map[*types.Var]int // the function's Context parameters
	report  bool
}

// exit is the state at one way out of a function.
type exit struct {
	st  *state
	ret *ast.ReturnStmt // nil when the function falls off its end
}

// run computes the state at the start of every block, then walks every
// block once more with reporting as set, and returns the states at the
// exits.
func (f *flow) run(g *cfg.CFG) []exit {
	if len(g.Blocks) == 0 || len(f.tracked) == 0 {
		return nil
	}
	report := f.report
	f.report = false
	in := map[*cfg.Block]*state{g.Blocks[0]: newState()}
	work := []*cfg.Block{g.Blocks[0]}
	for steps := 0; len(work) > 0 && steps < 100*len(g.Blocks); steps++ {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for i, out := range f.block(b, in[b].clone()) {
			succ := b.Succs[i]
			if cur, ok := in[succ]; !ok {
				in[succ] = out
				work = append(work, succ)
			} else if cur.join(out) {
				work = append(work, succ)
			}
		}
	}
	f.report = report
	var exits []exit
	for _, b := range g.Blocks {
		start, ok := in[b]
		if !ok {
			continue
		}
		st := start.clone()
		f.nodes(b, st)
		if len(b.Succs) == 0 && !f.c.endsInNoReturn(b) {
			settleCalls(st)
			exits = append(exits, exit{st: st, ret: lastReturn(b)})
			f.checkDeferred(st)
		}
	}
	return exits
}

// block runs b's nodes on st and returns the state on each successor
// edge. A two-way block ends in its condition, which refines each edge.
func (f *flow) block(b *cfg.Block, st *state) []*state {
	f.nodes(b, st)
	if len(b.Succs) == 2 && len(b.Nodes) > 0 {
		if cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr); ok {
			t, e := st.clone(), st.clone()
			f.refine(t, cond, true)
			f.refine(e, cond, false)
			settleCalls(t)
			settleCalls(e)
			return []*state{t, e}
		}
	}
	settleCalls(st)
	outs := make([]*state, len(b.Succs))
	for i := range outs {
		outs[i] = st.clone()
	}
	return outs
}

// settleCalls turns pending sends of helper calls that no condition
// resolved into possible sends.
func settleCalls(st *state) {
	for k, p := range st.pend {
		if _, ok := k.(*ast.CallExpr); ok {
			st.markSent(p.v, p.ev)
			delete(st.pend, k)
		}
	}
}

func (f *flow) nodes(b *cfg.Block, st *state) {
	for _, n := range b.Nodes {
		f.node(st, n)
	}
}

// node applies one statement or expression of a block to st.
func (f *flow) node(st *state, n ast.Node) {
	switch n := n.(type) {
	case *ast.DeferStmt:
		f.deferStmt(st, n)
		return
	case *ast.GoStmt:
		return // the goroutine runs later; escape.go reports it
	}
	for _, call := range callsInOrder(n) {
		f.call(st, n, call)
	}
	f.setFlags(st, n)
}

// setFlags records the bool variables n sets to a constant where a
// Context may have been sent, and forgets those it sets otherwise.
func (f *flow) setFlags(st *state, n ast.Node) {
	info := f.c.pass.TypesInfo
	var lhs, rhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		lhs, rhs = n.Lhs, n.Rhs
	case *ast.ValueSpec:
		for _, id := range n.Names {
			lhs = append(lhs, id)
		}
		rhs = n.Values
	default:
		return
	}
	for i, l := range lhs {
		id, ok := ast.Unparen(l).(*ast.Ident)
		if !ok {
			continue
		}
		x := info.ObjectOf(id)
		delete(st.flags, x)
		if x == nil || len(rhs) != len(lhs) {
			continue
		}
		tv := info.Types[rhs[i]]
		if tv.Value == nil || tv.Value.Kind() != constant.Bool {
			continue
		}
		for v := range f.tracked {
			if st.mayBeSent(v) {
				st.flags[x] = boolFlag{v: v, value: constant.BoolVal(tv.Value)}
			}
		}
	}
}

// callsInOrder returns the calls in n, outside function literals, in the
// order they run: an inner call (an argument, or the receiver of a chain)
// ends before the call that uses it.
func callsInOrder(n ast.Node) []*ast.CallExpr {
	var calls []*ast.CallExpr
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			calls = append(calls, x)
		}
		return true
	})
	sort.SliceStable(calls, func(i, j int) bool { return calls[i].End() < calls[j].End() })
	return calls
}

// call applies one call to st: a Context method on a tracked Context, or
// a helper known to send on one of its arguments.
func (f *flow) call(st *state, n ast.Node, call *ast.CallExpr) {
	info := f.c.pass.TypesInfo
	if v, what := responseChange(info, call); v != nil {
		v = f.c.unalias(v)
		if _, tracked := f.tracked[v]; tracked {
			st.settle(v)
			f.touch(st, v, call, what, false)
		}
		return
	}
	if cc, ok := asContextCall(info, call); ok {
		v := f.c.root(cc.recv)
		if _, tracked := f.tracked[v]; !tracked {
			return
		}
		k := contextKind(cc.name)
		if k != kindSender && k != kindHeader {
			return
		}
		st.settle(v)
		what := v.Name() + "." + cc.name
		f.touch(st, v, call, what, k == kindSender)
		if k == kindSender {
			// A sender's error is nil when it sent: err := c.JSON(x)
			// leaves the send pending on err.
			f.helperSend(st, n, call, v, &event{pos: methodPos(call), what: what}, condNilErr, nil)
		}
		return
	}
	if f.closureCall(st, n, call) {
		return
	}
	fn := typeutil.StaticCallee(info, call)
	fact := f.c.effects(fn)
	if fact == nil {
		return
	}
	for _, eff := range fact.Effects {
		if eff.Param >= len(call.Args) {
			continue
		}
		v := f.c.root(call.Args[eff.Param])
		if _, tracked := f.tracked[v]; !tracked {
			continue
		}
		st.settle(v)
		f.touch(st, v, call, fn.Name(), eff.Sends)
		if eff.Sends {
			f.helperSend(st, n, call, v, &event{pos: call.Pos(), what: fn.Name()}, eff.When, eff.NilResults)
		}
	}
}

// closureCall applies a call of a local function literal that captures
// a tracked Context (reply := func(v any) error { return c.JSON(v) }).
func (f *flow) closureCall(st *state, n ast.Node, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	x, _ := f.c.pass.TypesInfo.Uses[id].(*types.Var)
	lit := f.c.lits[x]
	if lit == nil {
		return false
	}
	for v := range f.tracked {
		sends, sets := f.c.closureEffect(lit, v)
		if !sends && !sets {
			continue
		}
		st.settle(v)
		f.touch(st, v, call, id.Name, sends)
		if sends {
			f.helperSend(st, n, call, v, &event{pos: call.Pos(), what: id.Name}, condAlways, nil)
		}
	}
	return true
}

// helperSend records a send that hangs on the call's results: pending on
// each kept result that tells whether it happened (the last result, by
// when; the results nil on every sending path, by nilResults), at once
// when no kept result tells.
func (f *flow) helperSend(st *state, n ast.Node, call *ast.CallExpr, v *types.Var, ev *event, when condKind, nilResults []int) {
	st.newSend(v)
	keys := 0
	results := f.resultVars(n, call)
	if when != condAlways {
		var key any = call
		if results != nil {
			key = results[len(results)-1]
		}
		if _, isCond := n.(ast.Expr); key != nil && (results != nil || isCond) {
			st.pend[key] = pending{v: v, ev: ev, when: when}
			keys++
		}
	}
	for _, i := range nilResults {
		if i < len(results) && results[i] != nil {
			st.pend[results[i]] = pending{v: v, ev: ev, when: condNilErr}
			keys++
		}
	}
	if keys == 0 {
		st.markSent(v, ev)
	}
}

// resultVars returns the variables call's results are assigned to in n,
// nil for a result not kept in a variable; nil when call is not the sole
// right-hand side of an assignment or declaration.
func (f *flow) resultVars(n ast.Node, call *ast.CallExpr) []types.Object {
	info := f.c.pass.TypesInfo
	var lhs []ast.Expr
	var rhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		lhs, rhs = n.Lhs, n.Rhs
	case *ast.ValueSpec:
		for _, id := range n.Names {
			lhs = append(lhs, id)
		}
		rhs = n.Values
	default:
		return nil
	}
	if len(rhs) != 1 || ast.Unparen(rhs[0]) != call || len(lhs) == 0 {
		return nil
	}
	out := make([]types.Object, len(lhs))
	for i, l := range lhs {
		if id, ok := ast.Unparen(l).(*ast.Ident); ok && id.Name != "_" {
			out[i] = info.ObjectOf(id)
		}
	}
	return out
}

// touch reports a call that sends or changes the response of v when v
// may already have been sent.
func (f *flow) touch(st *state, v *types.Var, call *ast.CallExpr, what string, sends bool) {
	first, ok := st.sent[v]
	if !ok || !f.report {
		return
	}
	f.c.reportTouch(methodPos(call), call.Pos(), what, first, sends)
}

// methodPos is where a call's method name is: JSON in c.Status(201).JSON(x).
func methodPos(call *ast.CallExpr) token.Pos {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.Sel.Pos()
	}
	return call.Pos()
}

func lastReturn(b *cfg.Block) *ast.ReturnStmt {
	if len(b.Nodes) == 0 {
		return nil
	}
	r, _ := b.Nodes[len(b.Nodes)-1].(*ast.ReturnStmt)
	return r
}
