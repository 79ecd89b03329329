// Command tradeflow does the arithmetic of package tradeflow on files of
// customs figures, from the command line: it checks a file, prints a
// series or a month's report, draws a chart, and converts any format the
// library reads into the library's own CSV.
//
//	go install github.com/tradeflow-go/tradeflow/cmd/tradeflow@latest
//
// Usage:
//
//	tradeflow check [-keys] [file ...]
//	tradeflow series [-from month] [-to month] [-below percent] [-above percent] [-unit code] [-format text|csv] key [file]
//	tradeflow report [-month month] [-unit code] [-format text|csv|json] [-round places] [file]
//	tradeflow chart [-yoy] [-contributions month] [-below percent] [-above percent] [-from month] [-to month] [-unit code]
//		[-size web|print] [-format png|svg] [-title text] [-subtitle text] [-note text] [-credit text] [-o file.png|file.svg] key [file]
//	tradeflow convert [-o file] [file]
//
// -unit gives the unit to show levels in, as a file prints it (USD_BN); by
// default, that of the latest figure (for report, of the latest exports).
// 'tradeflow help command' lists a command's flags.
//
// A file is in any format the library reads (tradeflow.Formats), told by its
// header, gzip-compressed or not; "-", or no file, reads standard input.
// Every command that reads takes -reporter, -vintage and -source for what a
// file leaves out: the library's CSV may have no reporter column, and a UN
// Comtrade download has no release date. -unlisted accepts partner letter
// codes the tables do not list; -breakdowns keeps the rows that break a
// total down (which are otherwise skipped, and counted) under keys of their
// own; -other-codes keeps services and classifications other than HS under
// their own classification (which are otherwise errors).
//
// A key names one series: reporter, flow, partner, commodity and measure,
// in any form tradeflow.ParseKey reads, such as "CN X WLD TOTAL value"
// (China's exports to the world, all goods) or "CN X US TOTAL yoy_pct"
// (the published change of its exports to the United States).
//
// check reads each file through and prints its rows, figures, keys and the
// months they cover, the rows skipped on purpose and why; every error goes
// to standard error as file:line:column: message, and the exit status is 1
// if there was one. -keys lists the keys.
//
// series prints a series month by month: for a level, its change on a
// year earlier and its year to date (as printed, p, or summed from the
// months, c) with that total's change; for a rate, its values. Then the
// streak that ends with the latest observation: of one sign, or, with
// -below or -above, beyond a value ("below −10% for 8 observations in a
// row") and when that last happened before.
//
// report prints the monthly report of package tradeflow (MonthlyReport)
// of the file's one reporter, or of the one -reporter names, for the latest
// month or -month: as an aligned table, or as CSV or JSON with exact
// figures; -round rounds the computed figures for display.
//
// chart draws a series, its change on a year earlier (-yoy), or with
// -contributions the partners' contributions to a total's growth, as PNG or
// SVG, at the size for a web page or for print (package chart). An image is
// never written to a terminal.
//
// Text for people (the tables of series, report and check) writes numbers
// with a comma between thousands and the minus sign U+2212: 3,303.5 and
// −28.6. CSV and JSON, for programs, write plain exact decimals.
//
// Data go to standard output, errors and progress to standard error; a long
// read shows its progress there only when standard error is a terminal.
// The exit status is 0 on success, 1 when the data or a file is at fault,
// and 2 for a mistake in the command line.
package main
