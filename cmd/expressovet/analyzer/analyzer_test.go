package analyzer_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/expresso-go/expresso/cmd/expressovet/analyzer"
)

func TestSendAfterSend(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "sendtwice")
}

func TestHelpersThatSend(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "helpers", "usehelpers")
}

func TestDroppedErrors(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.Analyzer, "dropped")
}

func TestContextEscapes(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "escape")
}

func TestTestFilesWithTestsFlag(t *testing.T) {
	require.NoError(t, analyzer.Analyzer.Flags.Set("tests", "true"))
	defer func() { require.NoError(t, analyzer.Analyzer.Flags.Set("tests", "false")) }()
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "testfiles")
}

// TestCorpus runs the corpus of buggy handlers (every finding is a want,
// every miss is marked "missed:") and their corrected forms (no finding).
func TestCorpus(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "corpus", "corpusok")
}
