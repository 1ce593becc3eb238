package analyzer_test

import (
	"testing"

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
