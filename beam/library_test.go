package tfbeam

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestPipelineMatchesLibraryOnFixtures reads the core module's sample
// files of every format, whole and in small blocks, and checks that the
// pipeline gives the series and the bad rows the library's reader gives.
func TestPipelineMatchesLibraryOnFixtures(t *testing.T) {
	files, err := filepath.Glob("../testdata/*/*")
	require.NoError(t, err)
	more, _ := filepath.Glob("../testdata/*.csv")
	files = append(files, more...)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".golden") || strings.Contains(f, "country_codes") || strings.Contains(f, "fuzz") {
			continue
		}
		if _, err := tradeflow.ReadAnyFile(context.Background(), f, tradeflow.CollectErrors(), tradeflow.WithVintage("2025-01")); err != nil {
			var list *tradeflow.ErrorList
			if !errors.As(err, &list) {
				t.Logf("%s: not read whole by the library: %v", f, err)
				continue
			}
		}
		n++
		for _, size := range []int64{-1, 97} {
			t.Run(fmt.Sprintf("%s/%d", filepath.Base(f), size), func(t *testing.T) {
				o := ReadOptions{BlockSize: size, Vintage: "2025-01"}
				pipelineMatches[series.USD](t, f, o, usdLine, tradeflow.WithVintage(o.Vintage))
				pipelineMatches[series.Kilograms](t, f, o, kgLine, tradeflow.WithVintage(o.Vintage))
			})
		}
	}
	require.Greater(t, n, 5)
}
