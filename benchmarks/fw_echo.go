package benchmarks

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// LoadEcho registers routes on an Echo instance.
func LoadEcho(routes []Route, hits *int) http.Handler {
	e := echo.New()
	h := func(echo.Context) error {
		*hits++
		return nil
	}
	for _, r := range routes {
		e.Add(r.Method, r.Path, h)
	}
	return e
}

// EchoApp builds the scenario app on an Echo instance.
func EchoApp(n int) http.Handler {
	e := echo.New()
	for range n {
		e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error { return next(c) }
		})
	}
	items := Items(100)
	e.GET(PathPlainText, func(c echo.Context) error {
		return c.String(http.StatusOK, Hello)
	})
	e.GET(PathJSON, func(c echo.Context) error {
		return c.JSON(http.StatusOK, Message{Message: Hello})
	})
	e.GET(PathJSONList, func(c echo.Context) error {
		return c.JSON(http.StatusOK, items)
	})
	e.GET(PathParam, func(c echo.Context) error {
		return c.String(http.StatusOK, c.Param("id"))
	})
	return e
}
