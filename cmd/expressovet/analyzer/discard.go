package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// checkStatements reports calls whose error a statement drops: senders,
// Cookie, ClearCookie, WriteHead, helpers that send, and c.Next().
// An explicit `_ =` is a decision and is left alone.
func (c *checker) checkStatements(ins *inspector.Inspector) {
	info := c.pass.TypesInfo
	ins.WithStack([]ast.Node{(*ast.ExprStmt)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		es := n.(*ast.ExprStmt)
		if cc, ok := asContextCall(info, es.X); ok {
			what := types.ExprString(cc.recv) + "." + cc.name
			switch {
			case cc.name == "Next":
				c.report(es, stack, fmt.Sprintf("the error of %s() is dropped: an error from the rest of the chain never reaches "+
					"the error handler, and the request ends as if it succeeded (an empty 200 when nothing was sent); write return %s(), "+
					"or keep err := %s() and return it", what, what, what))
			case contextKind(cc.name) == kindSender:
				c.report(es, stack, fmt.Sprintf("the error of %s is dropped and the handler runs on past the send: "+
					"a failed or refused send (ErrHeadersSent) goes unreported and any later send is refused; "+
					"write return %s(…)", what, what))
			case returnsError(cc.name):
				c.emitf(es.Pos(), "the error of %s is dropped: a refused or invalid %s is silently lost; "+
					"check it: if err := %s(…); err != nil { return err }", what, cc.name, what)
			}
			return true
		}
		call, ok := ast.Unparen(es.X).(*ast.CallExpr)
		if !ok {
			return true
		}
		if fn := staticFunc(info, call); fn != nil && c.sendsOnArg(fn, call) && lastIsError(fn) {
			c.report(es, stack, fmt.Sprintf("the error of %s is dropped: it sends the response, so a failed or refused "+
				"send goes unreported and the handler runs on past it; write return %s(…)", fn.Name(), fn.Name()))
		}
		return true
	})
}

// sendsOnArg reports whether fn may send on a Context argument of call.
func (c *checker) sendsOnArg(fn *types.Func, call *ast.CallExpr) bool {
	fact := c.effects(fn)
	if fact == nil {
		return false
	}
	for _, e := range fact.Effects {
		if e.Sends && e.Param < len(call.Args) {
			return true
		}
	}
	return false
}

func lastIsError(fn *types.Func) bool {
	res := fn.Signature().Results()
	return res.Len() > 0 && types.Identical(res.At(res.Len()-1).Type(), types.Universe.Lookup("error").Type())
}

// report reports a dropped error at es, with the fix of returning it when
// that is mechanical.
func (c *checker) report(es *ast.ExprStmt, stack []ast.Node, msg string) {
	d := analysis.Diagnostic{Pos: es.Pos(), End: es.End(), Message: msg}
	if edits := c.returnEdits(es, stack); edits != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: "return the error", TextEdits: edits}}
	}
	c.emit(d)
}

// returnEdits returns the edits that turn the statement es into a return
// of its error: when the enclosing function returns just an error, and es
// ends its block (not a loop body) or is followed only by `return nil`.
func (c *checker) returnEdits(es *ast.ExprStmt, stack []ast.Node) []analysis.TextEdit {
	if len(stack) < 3 || !c.returnsOnlyError(stack) {
		return nil
	}
	var list []ast.Stmt
	switch p := stack[len(stack)-2].(type) {
	case *ast.BlockStmt:
		switch stack[len(stack)-3].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return nil
		}
		list = p.List
	case *ast.CaseClause:
		list = p.Body
	case *ast.CommClause:
		list = p.Body
	default:
		return nil
	}
	i := 0
	for i < len(list) && list[i] != ast.Stmt(es) {
		i++
	}
	insert := analysis.TextEdit{Pos: es.Pos(), End: es.Pos(), NewText: []byte("return ")}
	switch {
	case i == len(list)-1:
		return []analysis.TextEdit{insert}
	case i == len(list)-2 && c.isReturnNil(list[i+1]):
		// Delete the next line's return nil, keeping a comment after es.
		tf := c.pass.Fset.File(es.Pos())
		line := tf.Line(es.End())
		if tf.Line(list[i+1].Pos()) != line+1 {
			return nil
		}
		eol := tf.LineStart(line+1) - 1
		return []analysis.TextEdit{insert, {Pos: eol, End: list[i+1].End()}}
	}
	return nil
}

// returnsOnlyError reports whether the innermost function in stack has
// exactly one result, of type error.
func (c *checker) returnsOnlyError(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		var ft *ast.FuncType
		switch f := stack[i].(type) {
		case *ast.FuncLit:
			ft = f.Type
		case *ast.FuncDecl:
			ft = f.Type
		default:
			continue
		}
		if ft.Results == nil || len(ft.Results.List) != 1 || len(ft.Results.List[0].Names) > 1 {
			return false
		}
		return types.Identical(c.pass.TypesInfo.TypeOf(ft.Results.List[0].Type), types.Universe.Lookup("error").Type())
	}
	return false
}

func (c *checker) isReturnNil(s ast.Stmt) bool {
	r, ok := s.(*ast.ReturnStmt)
	return ok && len(r.Results) == 1 && isNil(c.pass.TypesInfo, r.Results[0])
}
