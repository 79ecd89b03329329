package tfbeam

import (
	"fmt"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/internal/panel"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestThroughShuffle sends the library's values through a GroupByKey,
// keyed by tradeflow.Key: keys that differ in one part only must stay
// apart, and values (a series with a value beyond an int64, a period, a
// code) must arrive whole. Beam's default coder would give every key and
// value here as its zero value, without an error.
func TestThroughShuffle(t *testing.T) {
	big := usd("2024-01", "100000000000000000000.01", "", "-0.000000000000000000000000000001")
	var want []string
	var in []keyed[series.USD]
	for i, k := range keys {
		s := usd("2023-01", fmt.Sprint(i+1))
		if i == 0 {
			s = big
		}
		in = append(in, keyed[series.USD]{k, s}, keyed[series.USD]{k, s})
		want = append(want, fmt.Sprintf("%v: 2 × %v", k, s))
	}
	p, s := beam.NewPipelineWithRoot()
	grouped := beam.GroupByKey(s, create(s, in))
	passert.Equals(s, beam.ParDo(s, countLine, grouped), strs(want)...)
	ptest.RunAndValidate(t, p)
}

func countLine(k tradeflow.Key, ss func(*series.Series[series.USD]) bool) (string, error) {
	var first, s series.Series[series.USD]
	n := 0
	for ss(&s) {
		if n == 0 {
			first = s
		} else if !s.Equal(first) {
			return "", fmt.Errorf("%v: %v and %v", k, first, s)
		}
		n++
	}
	return fmt.Sprintf("%v: %d × %v", k, n, first), nil
}

func init() { beam.RegisterFunction(countLine) }

// TestFailOnDead checks that FailOnDead fails a pipeline with more dead
// letters than allowed, and only then.
func TestFailOnDead(t *testing.T) {
	path := writeFile(t, t.TempDir(), "bad.csv", []byte(badRows))
	_, errs := libraryLines(t, path, panel.Schema())
	n := len(errs)
	require.Positive(t, n)
	for _, max := range []int{n, n - 1, 0} {
		t.Run(fmt.Sprint(max), func(t *testing.T) {
			p, s := beam.NewPipelineWithRoot()
			files := Read[series.USD](s, path, ReadOptions{Schema: panelSchema})
			FailOnDead(s, files.Dead, max)
			err := ptest.Run(p)
			if max >= n {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			require.Contains(t, err.Error(), fmt.Sprintf("tfbeam: %d dead letters, more than the %d allowed", n, max))
		})
	}
}
