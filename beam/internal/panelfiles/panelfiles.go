// Package panelfiles makes files of the shared benchmark's trade panel for
// tests: the 100k-row file of examples/panel's test data, or a part of it,
// under the reporter code a test asks for.
//
// The SPEC's generator writes one reporter, CN; a pipeline over many files
// needs one a reporter. Rewriting the reporter column of rows the
// generator wrote gives such files, each with data of its own (the
// partners a test picks), without a second generator.
package panelfiles

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// Header is the SPEC's header line, without its newline.
const Header = "period,reporter,partner,flow,hs,value_usd,qty_kg"

// Path returns the path of examples/panel's 100k-row file (gzip).
func Path() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "examples", "panel", "testdata", "panel100k.csv.gz")
}

var rows struct {
	once sync.Once
	rows []string
	err  error
}

// Rows returns the data rows of the 100k-row file, without their newlines,
// in the file's order. The caller must not change them.
func Rows() ([]string, error) {
	rows.once.Do(func() {
		f, err := os.Open(Path())
		if err != nil {
			rows.err = err
			return
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			rows.err = err
			return
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			rows.err = err
			return
		}
		lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
		rows.rows = lines[1:]
	})
	return rows.rows, rows.err
}

// A File says what to write.
type File struct {
	Reporter string                // the reporter code of every row
	Keep     func(row string) bool // the rows to keep (all, if nil)
	CRLF     bool                  // end lines with CRLF
	Gzip     bool                  // compress
}

// Bytes returns the file's bytes: the header, then the rows of the 100k
// file that f keeps, with f's reporter.
func (f File) Bytes() ([]byte, error) {
	all, err := Rows()
	if err != nil {
		return nil, err
	}
	eol := "\n"
	if f.CRLF {
		eol = "\r\n"
	}
	var b bytes.Buffer
	b.WriteString(Header + eol)
	for _, r := range all {
		if f.Keep != nil && !f.Keep(r) {
			continue
		}
		b.WriteString(Reporter(r, f.Reporter))
		b.WriteString(eol)
	}
	if !f.Gzip {
		return b.Bytes(), nil
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(b.Bytes())
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
}

// Write writes the file to path.
func (f File) Write(path string) error {
	data, err := f.Bytes()
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// Reporter returns row with its reporter (the second field) replaced.
func Reporter(row, reporter string) string {
	i := strings.IndexByte(row, ',')
	j := i + 1 + strings.IndexByte(row[i+1:], ',')
	return row[:i+1] + reporter + row[j:]
}

// Partner returns the partner (the third field) of a row.
func Partner(row string) string {
	f := strings.SplitN(row, ",", 4)
	return f[2]
}
