// Package commodity names traded goods and measures them: Harmonized
// System (HS) codes and their hierarchy, named product groups, unit values,
// and the split of a value's growth into price and volume. It builds on
// package series, whose typed monthly series carry the units.
//
// # HS codes
//
// A [Code] is an HS code of 2, 4 or 6 digits (chapter, heading,
// subheading) or a national line of 8 or 10 digits that extends a
// subheading, such as China's tariff lines. [ParseCode] reads "2846.90",
// "284690" and "28 46 90" alike; [Code.String] prints the canonical
// "2846.90". [Code.Contains] follows the hierarchy: the heading 2846
// contains 2846.90 and every line under it.
//
// The nomenclature of the 2022 edition (HS 2022) is embedded, each table
// with its source (data/README.md): the 21 sections and 97 chapters with
// the World Customs Organization's titles ([Sections], [SectionOf]), and
// the descriptions of the 1,228 headings and 5,612 subheadings from UN
// Comtrade ([Description]). Chapter 77 is reserved and is not a valid
// code. A Code is checked for form, not looked up: a code [Description]
// does not know is not in HS 2022, which does not make it invalid (an HS
// 2017 file holds codes that HS 2022 split or deleted).
//
// # Product groups
//
// A [Group] is a named set of codes, each standing for itself and every
// code under it. [Soybeans] is HS 1201; [RareEarths] is the "rare earths"
// of China's customs export figures, whose documentation says which codes
// it uses and how sure that is. [NewGroup] and [ParseGroup] make others.
// [Group.Contains] tells whether a record's code is wholly in a group,
// [Group.Overlaps] whether part of it is.
//
// # Quantities
//
// Physical quantities are series of package series in a physical unit:
// [series.Kilograms], [series.Tonnes], [series.MillionTonnes] (mass),
// [series.Items] (a count) and [series.Litres] (volume). [series.Rescale]
// converts exactly within a dimension (kg ↔ t ↔ Mt), and panics across
// dimensions; a Series[series.Tonnes] cannot be added to a
// Series[series.Litres] or a Series[series.USD]: that does not compile.
//
// [UnitValue] divides a value by a quantity (USD per tonne, say), which is
// undefined, and reported, for a zero quantity. [SplitPriceVolume] splits a
// value's percent change into a price effect, a volume effect and their
// interaction, which add up to the value's change exactly.
//
// # Missing is not zero
//
// A month reported as zero is a figure; a missing month is not.
// Month-by-month results list the months they could not compute in
// [series.Gaps], as the series package does. Division is the only inexact
// step; it rounds as [series.DivisionRounding] says to
// [series.DivisionPlaces] places, like every quotient of the library.
package commodity
