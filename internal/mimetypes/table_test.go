package mimetypes

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTablesAreSortedForBinarySearch(t *testing.T) {
	t.Parallel()
	require.NotEmpty(t, types)
	require.NotEmpty(t, extensions)
	for i := 1; i < len(types); i++ {
		assert.Less(t, types[i-1].name, types[i].name)
	}
	for i := 1; i < len(extensions); i++ {
		assert.Less(t, extensions[i-1].ext, extensions[i].ext)
	}
	for _, e := range extensions {
		require.Less(t, int(e.typ), len(types), "extension %q", e.ext)
		assert.Equal(t, strings.ToLower(e.ext), e.ext)
	}
	for _, ti := range types {
		assert.Equal(t, strings.ToLower(ti.name), ti.name)
		if ti.charset != "" && !strings.Contains(ti.name, "charset") {
			assert.Equal(t, ti.name+"; charset="+strings.ToLower(ti.charset), ti.contentType)
		} else {
			assert.Empty(t, ti.contentType, "type %q", ti.name)
		}
	}
}
