// Package htmlescape escapes text for HTML the way component/escape-html
// 1.0.3 does for Express's redirect bodies and finalhandler's error page.
//
// It differs from [html.EscapeString], which writes a double quote as
// "&#34;"; escape-html writes "&quot;".
package htmlescape
