package benchmarks

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// newGin returns a bare Gin engine in release mode: no logger, no
// recovery, no debug output.
func newGin() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	return gin.New()
}

// LoadGin registers routes on a Gin engine.
func LoadGin(routes []Route, hits *int) http.Handler {
	r := newGin()
	h := func(*gin.Context) { *hits++ }
	for _, rt := range routes {
		r.Handle(rt.Method, rt.Path, h)
	}
	return r
}

// GinApp builds the scenario app on a Gin engine in release mode.
func GinApp(n int) http.Handler {
	r := newGin()
	for range n {
		r.Use(func(c *gin.Context) { c.Next() })
	}
	items := Items(100)
	r.GET(PathPlainText, func(c *gin.Context) {
		c.String(http.StatusOK, Hello)
	})
	r.GET(PathJSON, func(c *gin.Context) {
		c.JSON(http.StatusOK, Message{Message: Hello})
	})
	r.GET(PathJSONList, func(c *gin.Context) {
		c.JSON(http.StatusOK, items)
	})
	r.GET(PathParam, func(c *gin.Context) {
		c.String(http.StatusOK, c.Param("id"))
	})
	return r
}
