package main

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzParseFast checks parseFast against parseLine, the general parser: a
// line parseFast takes must be one parseLine takes, with the same record.
// The seeds are the generator's form and its near misses; go test runs
// them, and go test -fuzz FuzzParseFast ./examples/panel looks for more.
func FuzzParseFast(f *testing.F) {
	for _, s := range []string{
		"2023-01,CN,AA,X,207814,48374.78,2435",
		"2023-01,CN,ZZ,M,000000,0.00,0",
		"2023-01,CN,AA,X,207814,48374.78,",
		"2023-01,CN,AA,X,207814,48374.78,2435\r",
		"2023-01,CN,AA,X,207814,-48374.78,2435",
		"2023-01,CN,AA,X,207814,48374.7,2435",
		"2023-01,CN,AA,X,207814,.78,2435",
		"2023-01,CN,AA,X,207814,1234567890123456.78,2435",
		"2023-01,CN,AA,X,207814,12345678901234567.78,2435",
		"2023-01,CN,A,X,207814,1.00,1",
		"2023-01,CN,AAA,X,207814,1.00,1",
		"2023-01,CN,Aa,X,207814,1.00,1",
		"2023-01,CN,AA,E,207814,1.00,1",
		"2023-01,CN,AA,X,20781,1.00,1",
		"2023-01,CN,AA,X,207814,1.00,1,1",
		"2023-01,,AA,X,207814,1.00,1",
		"2023-01,CN,AA,X,207814,1.00,1e3",
		"2023-02,CN,AA,X,207814,1.00,1",
		"2023M01,CN,AA,X,207814,1.00,1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if bytes.IndexByte([]byte(line), '\n') >= 0 {
			return // one line
		}
		// The cache holds the period of a line parsed before, as in a file.
		var pc periodCache
		if _, msg := parseLine([]byte("2023-01,CN,AA,X,000000,1.00,1"), &pc); msg != "" {
			t.Fatal(msg)
		}
		pc.head = binary.LittleEndian.Uint64([]byte("2023-01,"))
		fast, next, ok := parseFast([]byte(line+"\n"), 0, &pc)
		if !ok {
			return
		}
		require.Equal(t, len(line)+1, next, "the index after the line")
		slow, msg := parseLine([]byte(line), &pc)
		require.Empty(t, msg, "parseFast took %q, which parseLine refuses", line)
		assert.Equal(t, slow, fast, "%q", line)
	})
}

// TestParseFastTakesTheGeneratorsRows checks that the fast path does read
// the rows of the SPEC's generator: all but the first of each month.
func TestParseFastTakesTheGeneratorsRows(t *testing.T) {
	data := testInput(t)
	data = data[bytes.IndexByte(data, '\n')+1:]
	var pc periodCache
	fast, slow := 0, 0
	for i := 0; i < len(data); {
		if _, next, ok := parseFast(data, i, &pc); ok {
			fast++
			i = next
			continue
		}
		end := i + bytes.IndexByte(data[i:], '\n')
		_, msg := parseLine(data[i:end], &pc)
		require.Empty(t, msg)
		pc.head = binary.LittleEndian.Uint64(data[i:]) // as parseBlock does
		slow++
		i = end + 1
	}
	assert.Equal(t, 36, slow, "one row a month for parseLine: the first of the month")
	assert.Equal(t, bytes.Count(data, []byte("\n"))-36, fast)
}
