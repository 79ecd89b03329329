package tfbeam

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/filter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/internal/panel"
	"github.com/tradeflow-go/tradeflow/series"
)

func early(d DeadLetter) bool   { return d.Line < 6 }
func garbage(d DeadLetter) bool { return d.Line == 10 }
func none(DeadLetter) bool      { return false }

func init() {
	beam.RegisterFunction(early)
	beam.RegisterFunction(garbage)
	beam.RegisterFunction(none)
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.csv", []byte(badRows))
	p, s := beam.NewPipelineWithRoot()
	col := create(s, []keyed[series.USD]{aa2, {us.k, us.s.Slice(series.MustParseMonth("2024-06"), series.MustParseMonth("2024-07"))}})
	WriteCSV(s, filepath.Join(dir, "series.csv"), col)
	WriteJSONL(s, filepath.Join(dir, "series.jsonl"), YoY[series.USD](s, create(s, []keyed[series.USD]{{us.k, us.s.Slice(series.MustParseMonth("2023-06"), series.MustParseMonth("2024-07"))}})))
	decs, gaps := Contributions[series.USD](s, create(s, []keyed[series.USD]{wld, us}), 0)
	WriteCSV(s, filepath.Join(dir, "contrib.csv"), decs)
	WriteCSV(s, filepath.Join(dir, "gaps.csv"), gaps)
	WriteJSONL(s, filepath.Join(dir, "gaps.jsonl"), gaps)
	files := Read[series.USD](s, bad, ReadOptions{Schema: panelSchema, BlockSize: 100})
	WriteCSV(s, filepath.Join(dir, "dead.csv"), filter.Include(s, files.Dead, early))
	WriteJSONL(s, filepath.Join(dir, "dead.jsonl"), filter.Include(s, files.Dead, garbage))
	WriteCSV(s, filepath.Join(dir, "empty.csv"), filter.Include(s, files.Dead, none))
	WriteCSV(s, filepath.Join(dir, "summaries.csv"), files.Summaries)
	require.NoError(t, ptest.Run(p))

	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		return string(b)
	}
	assert.Equal(t, `reporter,flow,partner,commodity,measure,period,value,unit
CHN,X,USA,8703,value,2023-01,1.5,USD
CHN,X,USA,8703,value,2023-02,2.5,USD
CHN,X,USA,8703,value,2023-03,3,USD
CHN,X,USA,8703,value,2023-04,4,USD
CHN,X,USA,8703,value,2023-05,5,USD
CHN,X,USA,8703,value,2023-06,6,USD
CHN,X,USA,8703,value,2023-07,7,USD
CHN,X,USA,8703,value,2023-08,8,USD
CHN,X,USA,8703,value,2023-09,9,USD
CHN,X,USA,8703,value,2023-10,10,USD
CHN,X,USA,8703,value,2023-11,11,USD
CHN,X,USA,8703,value,2023-12,12,USD
CHN,X,USA,8703,value,2024-01,1,USD
CHN,X,USA,8703,value,2024-02,2,USD
CHN,X,USA,8703,value,2024-03,3,USD
CHN,X,USA,8703,value,2024-04,4,USD
CHN,X,USA,8703,value,2024-05,5,USD
CHN,X,USA,8703,value,2024-06,6,USD
CHN,X,USA,8703,value,2024-07,7,USD
CHN,X,USA,8703,value,2024-08,8,USD
CHN,X,USA,8703,value,2024-09,9,USD
CHN,X,USA,8703,value,2024-10,10,USD
CHN,X,USA,8703,value,2024-11,11,USD
CHN,X,USA,8703,value,2024-12,12.25,USD
USA,M,CHN,TOTAL,value,2024-06,30,USD
USA,M,CHN,TOTAL,value,2024-07,45,USD
`, read("series.csv"))
	assert.Equal(t, `{"key":{"reporter":"USA","flow":"M","partner":"CHN","commodity":"TOTAL","measure":"value"},"value":{"unit":{"symbol":"%","dimension":"percent","exponent":0},"observations":[{"period":"2024-06","value":"-25.0000000000000"},{"period":"2024-07","value":"12.5000000000000"}]}}
`, read("series.jsonl"))
	assert.Equal(t, `reporter,flow,partner,commodity,measure,period,base_period,part,residual,value,base_value,diff,points,share,base_share
USA,M,WLD,TOTAL,value,2024-06,2023-06,CHN,false,30,40,-10,-10,33.3333333333333,40
USA,M,WLD,TOTAL,value,2024-06,2023-06,Rest of world,true,60,60,0,0,66.6666666666667,60
USA,M,WLD,TOTAL,value,2024-06,2023-06,total,false,90,100,-10,-10,100,100
USA,M,WLD,TOTAL,value,2024-07,2023-07,CHN,false,45,40,5,5,40.9090909090909,40
USA,M,WLD,TOTAL,value,2024-07,2023-07,Rest of world,true,65,60,5,5,59.0909090909091,60
USA,M,WLD,TOTAL,value,2024-07,2023-07,total,false,110,100,10,10,100,100
USA,M,WLD,TOTAL,value,2024-09,2023-09,CHN,false,50,40,10,10,41.6666666666667,40
USA,M,WLD,TOTAL,value,2024-09,2023-09,Rest of world,true,70,60,10,10,58.3333333333333,60
USA,M,WLD,TOTAL,value,2024-09,2023-09,total,false,120,100,20,20,100,100
`, read("contrib.csv"))
	assert.Equal(t, `reporter,flow,partner,commodity,measure,period,name,reason,cause,error
USA,M,WLD,TOTAL,value,2024-08,total,base_zero,2024-08,"partner: ""total"" is zero in 2024-08: shares and contributions are undefined"
`, read("gaps.csv"))
	assert.Equal(t, `{"key":{"reporter":"USA","flow":"M","partner":"WLD","commodity":"TOTAL","measure":"value"},"period":"2024-08","name":"total","reason":"base_zero","cause":"2024-08","error":"partner: \"total\" is zero in 2024-08: shares and contributions are undefined"}
`, read("gaps.jsonl"))
	// The dead letters as the library's reader reports the rows, read
	// whole: the CSV columns and the JSON object of each.
	_, errs := libraryLines(t, bad, panel.Schema())
	rows := lines(badRows)
	var wantCSV bytes.Buffer
	cw := csv.NewWriter(&wantCSV)
	require.NoError(t, cw.Write([]string{"file", "line", "column", "name", "value", "reason", "text"}))
	var wantJSON []byte
	for _, e := range errs {
		d := DeadLetter{File: bad, Line: e.Line, Column: e.Column, Name: e.Name, Value: e.Value, Reason: reasonOf(e), Text: rows[e.Line-1]}
		if early(d) {
			require.NoError(t, cw.Write([]string{d.File, strconv.Itoa(d.Line), strconv.Itoa(d.Column), d.Name, d.Value, d.Reason, d.Text}))
		}
		if garbage(d) {
			b, err := json.Marshal(d)
			require.NoError(t, err)
			wantJSON = append(b, '\n')
		}
	}
	cw.Flush()
	require.Equal(t, 4, strings.Count(wantCSV.String(), "\n"), "the header and lines 3 to 5")
	require.NotEmpty(t, wantJSON, "line 10")
	assert.Equal(t, wantCSV.String(), read("dead.csv"))
	assert.Equal(t, string(wantJSON), read("dead.jsonl"))
	assert.Equal(t, "file,line,column,name,value,reason,text\n", read("empty.csv"))
	// badRows has 14 rows: 5 good (lines 2, 8, 9, 11 and 13) and 9 bad
	// (lines 3 to 7, 10, 12, 14 and 15), 447 bytes in 5 blocks of 100.
	assert.Equal(t, "file,schema,blocks,bytes,rows,blank,figures,bad,skipped,left_out,summed\n"+bad+",trade panel,5,447,14,0,5,9,,,\n", read("summaries.csv"))
}
