package main

import "github.com/expresso-go/expresso"

// post is one entry of the fake posts database.
type post struct {
	Title, Body string
}

func newPosts() []post {
	return []post{
		{Title: "Foo", Body: "some foo bar"},
		{Title: "Foo bar", Body: "more foo bar"},
		{Title: "Foo bar baz", Body: "more foo bar baz"},
	}
}

// postList renders the posts; "posts" is found as views/posts/index.html.
func postList(posts []post) expresso.Handler {
	return func(c *expresso.Context) error {
		return c.Render("posts", map[string]any{"title": "Posts", "posts": posts})
	}
}
