package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// expressoPath is the import path of the package whose Context is checked.
const expressoPath = "github.com/expresso-go/expresso"

// callKind says what a Context method does to the response.
type callKind int

const (
	kindOther  callKind = iota
	kindSender          // completes the response
	kindHeader          // needs the response not yet sent (headers, status, a write)
	kindNext            // continues the middleware chain
)

// contextKind classifies the Context methods the analyzer knows.
func contextKind(name string) callKind {
	switch name {
	case "Send", "SendString", "SendStatus", "JSON", "JSONP", "Redirect",
		"SendFile", "Download", "Render", "End", "Format":
		return kindSender
	case "Set", "Status", "Cookie", "ClearCookie", "Type", "Append", "Vary",
		"Location", "Attachment", "Links", "WriteHead", "Write", "WriteString",
		"FlushHeaders", "WriteContinue", "WriteEarlyHints":
		return kindHeader
	case "Next":
		return kindNext
	}
	return kindOther
}

// returnsError reports whether the Context method name returns an error
// that a statement call would drop: the senders, Cookie, ClearCookie and
// WriteHead.
func returnsError(name string) bool {
	switch name {
	case "Cookie", "ClearCookie", "WriteHead":
		return true
	}
	return contextKind(name) == kindSender
}

// isContextPtr reports whether t is *expresso.Context.
func isContextPtr(t types.Type) bool { return isExpressoPtr(t, "Context") }

// ctxCall is a call of a Context method.
type ctxCall struct {
	call *ast.CallExpr
	name string
	recv ast.Expr // the receiver expression, e.g. c.Status(201) in c.Status(201).JSON(x)
}

// asContextCall returns the Context method call e is, if any.
func asContextCall(info *types.Info, e ast.Expr) (ctxCall, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return ctxCall{}, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return ctxCall{}, false
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return ctxCall{}, false
	}
	recv := fn.Signature().Recv()
	if recv == nil || !isContextPtr(recv.Type()) {
		return ctxCall{}, false
	}
	return ctxCall{call: call, name: fn.Name(), recv: sel.X}, true
}

// rootVar returns the variable a Context expression starts from: c in c,
// (c) and c.Status(201).Set("A", "b"), through chained setters only (not
// c.Copy()). It returns nil for anything else.
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		e = ast.Unparen(e)
		if id, ok := e.(*ast.Ident); ok {
			v, _ := info.Uses[id].(*types.Var)
			if v != nil && isContextPtr(v.Type()) {
				return v
			}
			return nil
		}
		cc, ok := asContextCall(info, e)
		if !ok || contextKind(cc.name) != kindHeader || !isContextPtr(info.TypeOf(cc.call)) {
			return nil
		}
		e = cc.recv
	}
}

// contextParams returns the *expresso.Context parameters of a function
// type, with their positions among the parameters.
func contextParams(info *types.Info, ft *ast.FuncType) map[*types.Var]int {
	out := map[*types.Var]int{}
	if ft.Params == nil {
		return out
	}
	i := 0
	for _, field := range ft.Params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, name := range field.Names {
			if v, ok := info.Defs[name].(*types.Var); ok && isContextPtr(v.Type()) {
				out[v] = i
			}
			i++
		}
	}
	return out
}

// responseChange returns the Context whose Response a call changes
// through net/http's side: c.Response().WriteHeader(…), .Write(…),
// .WriteString(…), .ReadFrom(…) and c.Response().Header().Set/Add/Del(…).
func responseChange(info *types.Info, call *ast.CallExpr) (v *types.Var, what string) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, ""
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Signature().Recv() == nil {
		return nil, ""
	}
	recv := fn.Signature().Recv().Type()
	switch {
	case isExpressoPtr(recv, "Response"):
		switch fn.Name() {
		case "WriteHeader", "Write", "WriteString", "ReadFrom":
		default:
			return nil, ""
		}
		v = responseOf(info, sel.X)
	case isHTTPHeader(recv):
		switch fn.Name() {
		case "Set", "Add", "Del":
		default:
			return nil, ""
		}
		hc, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return nil, ""
		}
		hs, ok := ast.Unparen(hc.Fun).(*ast.SelectorExpr)
		if !ok || hs.Sel.Name != "Header" {
			return nil, ""
		}
		if hf, ok := typeutil.Callee(info, hc).(*types.Func); !ok || hf.Signature().Recv() == nil ||
			!isExpressoPtr(hf.Signature().Recv().Type(), "Response") {
			return nil, ""
		}
		v = responseOf(info, hs.X)
	default:
		return nil, ""
	}
	if v == nil {
		return nil, ""
	}
	return v, types.ExprString(sel.X) + "." + sel.Sel.Name
}

// responseOf returns c in c.Response().
func responseOf(info *types.Info, e ast.Expr) *types.Var {
	cc, ok := asContextCall(info, e)
	if !ok || cc.name != "Response" {
		return nil
	}
	return rootVar(info, cc.recv)
}

// isExpressoPtr reports whether t is *expresso.<name>.
func isExpressoPtr(t types.Type, name string) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Name() == name && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == expressoPath
}

// isHTTPHeader reports whether t is net/http.Header.
func isHTTPHeader(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "Header" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http"
}
