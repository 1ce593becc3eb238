package cookie_test

import (
	"fmt"
	"time"

	"github.com/expresso-go/expresso/internal/cookie"
)

func ExampleSerialize() {
	maxAge := int64(3600)
	s, err := cookie.Serialize("session", "a b", cookie.Options{
		MaxAge:   &maxAge,
		Path:     "/",
		Expires:  time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC),
		HTTPOnly: true,
		SameSite: "lax",
	})
	fmt.Println(s, err)
	// Output: session=a%20b; Max-Age=3600; Path=/; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; SameSite=Lax <nil>
}

func ExampleUnsign() {
	signed := cookie.Sign("tobi", "new secret")
	header := "theme=dark; sid=s%3A" + cookie.EncodeURIComponent(signed)

	raw, _ := cookie.Get(header, "sid") // "s:tobi.<signature>"
	value, ok := cookie.Unsign(raw[len("s:"):], []string{"new secret", "old secret"})
	fmt.Println(value, ok)
	// Output: tobi true
}
