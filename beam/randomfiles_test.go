package tfbeam

import (
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/tradeflow-go/tradeflow/series"
)

// randomFile writes a file of the library's CSV format with rows of every
// kind a user's file has: months, combined January–February figures, the
// calendar's first and last months, values beyond an int64, two units,
// two vintages, blank lines, bad values, and rows given twice, the same or
// different, months a combined figure covers among them.
func randomFile(r *rand.Rand) []byte {
	var b strings.Builder
	b.WriteString("reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n")
	periods := []string{"2024-01", "2024-02", "2024-03", "2025-01/2025-02", "2025-01", "2025-02", "0001-01", "9999-12", "2024-03/2024-03"}
	var rows []string
	for range 20 + r.IntN(60) {
		value := fmt.Sprintf("%d.%d", r.IntN(10000), r.IntN(100))
		switch r.IntN(12) {
		case 0:
			value = "123456789012345678901234.5"
		case 1:
			value = "x"
		case 2:
			value = ""
		}
		row := fmt.Sprintf("CN,%s,%s,%s,TOTAL,value,%s,%s,%s,GACC,",
			periods[r.IntN(len(periods))], []string{"X", "M"}[r.IntN(2)], []string{"USA", "DEU", "WLD"}[r.IntN(3)],
			value, []string{"USD", "USD_100M"}[r.IntN(2)], []string{"2025-01-05", "2025-02-05"}[r.IntN(2)])
		switch n := len(rows); {
		case n > 0 && r.IntN(5) == 0:
			row = rows[r.IntN(n)] // the same row again
		case n > 0 && r.IntN(8) == 0:
			row = strings.Replace(rows[r.IntN(n)], ",GACC,", ",GACC,again", 1) // the same figure, another note
		}
		rows = append(rows, row)
		b.WriteString(row + "\n")
		if r.IntN(15) == 0 {
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}

var (
	otherPlace = regexp.MustCompile(`in \S+:([0-9]+)`)
	conflict   = regexp.MustCompile(`is \S+ here and \S+`)
	repeated   = regexp.MustCompile(`(is also|here and \?) on line [0-9]+`)
)

// sameWords rewrites a letter's reason without what may differ: the
// values of a conflict, printed in the series' unit, and which of several
// equal figures a duplicate or a conflict names (a block's reader names
// the nearest).
func sameWords(s string) string {
	return repeated.ReplaceAllString(conflict.ReplaceAllString(s, "is ? here and ?"), "$1 on line ?")
}

// TestPipelineMatchesLibraryOnRandomFiles reads random files in random
// blocks and checks the series and the bad rows against the library's read
// of each file whole. The letters may differ only in how they name the
// other line of a duplicate ("in file:3", not "on line 3", and which of
// several equal figures), print a conflict's values (in the series' unit)
// and in the letter for a series not built. Its seed is the clock's, and
// logged; TFBEAM_SEED=n replays a run.
func TestPipelineMatchesLibraryOnRandomFiles(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("TFBEAM_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("TFBEAM_SEED=%q: %v", s, err)
		}
		seed = n
	}
	t.Logf("seed %d (TFBEAM_SEED=%d replays it)", seed, seed)
	r := rand.New(rand.NewPCG(seed, 1))
	for i := range 6 {
		dir := t.TempDir()
		path := writeFile(t, dir, fmt.Sprintf("r%d.csv", i), randomFile(r))
		want, wantDead := libraryOf[series.USD](t, path)
		for j := range wantDead {
			wantDead[j] = sameWords(wantDead[j])
		}
		size := int64(40 + r.IntN(400))
		p, s := beam.NewPipelineWithRoot()
		files := Read[series.USD](s, path, ReadOptions{BlockSize: size})
		ser, dead := GroupSeries[series.USD](s, files)
		passert.Equals(s, beam.ParDo(s, usdLine, ser), strs(want)...)
		letters := beam.ParDo(s, deadPlace, beam.Flatten(s, files.Dead, dead))
		passert.Equals(s, beam.ParDo(s, likeLibrary, letters), strs(wantDead)...)
		if err := ptest.Run(p); err != nil {
			data, _ := os.ReadFile(path)
			t.Fatalf("file %s in blocks of %d bytes:\n%s\n%v", path, size, data, err)
		}
	}
}

// likeLibrary rewrites a dead letter as deadPlace prints it the way the
// library says it, and drops the letter of a series not built.
func likeLibrary(line string, emit func(string)) {
	if strings.HasPrefix(line, "0 series ") {
		return
	}
	emit(sameWords(otherPlace.ReplaceAllString(line, "on line $1")))
}

func init() { beam.RegisterFunction(likeLibrary) }
