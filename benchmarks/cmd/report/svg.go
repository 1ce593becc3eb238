package main

import (
	"fmt"
	"html"
	"io"
	"strings"
)

// bar is one bar of the chart.
type bar struct {
	Label string
	Value float64
	Text  string // the value as printed at the bar's end
}

// chartGroup is one small multiple: bars on their own scale.
type chartGroup struct {
	Title string
	Bars  []bar
}

// chartPanel is a titled row of groups.
type chartPanel struct {
	Title  string
	Groups []chartGroup
}

// colors gives each framework the same color in every group; expresso's
// two rows are the red ones.
var colors = map[string]string{
	"Expresso": "#d62728", "ExpressoDefaults": "#f4a6a6", "HttpRouter": "#1f77b4", "Gin": "#2ca02c",
	"Echo": "#9467bd", "Chi": "#8c564b", "ServeMux": "#7f7f7f", "Fiber": "#17becf",
}

// Chart geometry, in pixels.
const (
	chartWidth  = 980
	chartMargin = 20
	chartCols   = 2
	labelWidth  = 120
	valueWidth  = 90
	barHeight   = 14
	barGap      = 4
	groupTitleH = 22
	groupGap    = 18
	panelTitleH = 34
)

// chartPanels builds the chart's panels from the results: ns/op of each
// handler benchmark and req/s of each end-to-end endpoint.
func chartPanels(r report) []chartPanel {
	var panels []chartPanel
	if cases := r.Bench.Cases["Handler"]; len(cases) > 0 {
		p := chartPanel{Title: "Handler benchmarks: ns/op, median (lower is better)"}
		for _, c := range cases {
			g := chartGroup{Title: c}
			for _, f := range columns(frameworksOf(r.Bench, "Handler")) {
				if s, ok := r.Bench.Stats[benchID{"Handler", c, f}]; ok {
					g.Bars = append(g.Bars, bar{Label: f, Value: s.NsOp.Center, Text: number(s.NsOp.Center) + " ns"})
				}
			}
			p.Groups = append(p.Groups, g)
		}
		panels = append(panels, p)
	}
	if r.E2E != nil && len(r.E2E.Endpoints) > 0 {
		p := chartPanel{Title: "End to end: req/s, median (higher is better)"}
		var names []string
		for _, s := range r.E2E.Servers {
			names = append(names, serverName(s))
		}
		for _, ep := range r.E2E.Endpoints {
			g := chartGroup{Title: "GET /" + ep}
			for _, name := range columns(names) {
				if s, ok := r.E2E.Stats[e2eID{serverOf(name, r.E2E), ep}]; ok {
					g.Bars = append(g.Bars, bar{Label: name, Value: s.RPS, Text: grouped(int64(s.RPS))})
				}
			}
			p.Groups = append(p.Groups, g)
		}
		panels = append(panels, p)
	}
	return panels
}

// writeSVG draws panels as a hand-written SVG: each group is scaled to its
// own largest bar, and every bar carries its value.
func writeSVG(w io.Writer, panels []chartPanel) {
	var body strings.Builder
	colWidth := (chartWidth - 2*chartMargin) / chartCols
	barArea := colWidth - labelWidth - valueWidth - 10
	y := chartMargin
	for _, p := range panels {
		fmt.Fprintf(&body, "<text x=\"%d\" y=\"%d\" font-size=\"15\" font-weight=\"bold\">%s</text>\n", chartMargin, y+16, esc(p.Title))
		y += panelTitleH
		for i := 0; i < len(p.Groups); i += chartCols {
			rowH := 0
			for col := 0; col < chartCols && i+col < len(p.Groups); col++ {
				g := p.Groups[i+col]
				x := chartMargin + col*colWidth
				h := drawGroup(&body, g, x, y, barArea)
				rowH = max(rowH, h)
			}
			y += rowH + groupGap
		}
	}
	height := y + chartMargin
	fmt.Fprintf(w, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "+
		"font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n", chartWidth, height, chartWidth, height)
	fmt.Fprintf(w, "<title>expresso benchmarks</title>\n<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", chartWidth, height)
	_, _ = io.WriteString(w, body.String())
	_, _ = io.WriteString(w, "</svg>\n")
}

// drawGroup draws one group at (x, y) and returns its height.
func drawGroup(b *strings.Builder, g chartGroup, x, y, barArea int) int {
	fmt.Fprintf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" font-weight=\"bold\">%s</text>\n", x, y+14, esc(g.Title))
	top := 0.0
	for _, br := range g.Bars {
		top = max(top, br.Value)
	}
	by := y + groupTitleH
	for _, br := range g.Bars {
		width := 0
		if top > 0 {
			width = max(1, int(float64(barArea)*br.Value/top+0.5))
		}
		color, ok := colors[br.Label]
		if !ok {
			color = "#bbbbbb"
		}
		weight := ""
		if strings.HasPrefix(br.Label, "Expresso") {
			weight = " font-weight=\"bold\""
		}
		fmt.Fprintf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>%s</text>\n", x+labelWidth-6, by+11, weight, esc(br.Label))
		fmt.Fprintf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", x+labelWidth, by, width, barHeight, color)
		fmt.Fprintf(b, "<text x=\"%d\" y=\"%d\">%s</text>\n", x+labelWidth+width+4, by+11, esc(br.Text))
		by += barHeight + barGap
	}
	return by - y
}

func esc(s string) string { return html.EscapeString(s) }
