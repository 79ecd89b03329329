package tradeflow

import "strings"

// Comext returns the schema of Eurostat's Comext detailed monthly data, as
// its bulk download facility serves them (full_v2_202402.7z, holding
// full_202402.dat): comma-separated, with the 18 columns REPORTER,
// PARTNER, TRADE_TYPE, PRODUCT_NC, PRODUCT_SITC, PRODUCT_CPA21,
// PRODUCT_CPA22, PRODUCT_BEC, PRODUCT_BEC5, PRODUCT_SECTION, FLOW,
// STAT_PROCEDURE, SUPPL_UNIT, PERIOD, VALUE_EUR, VALUE_NAC, QUANTITY_KG
// and QUANTITY_SUPPL_UNIT. (The 7z archive is for the caller to unpack.)
//
//   - REPORTER is the member state, PARTNER the partner, in Eurostat's
//     two-letter codes: ISO 3166-1 alpha-2 (Greece is GR), and Eurostat's
//     own, kept as unlisted codes ([partner.ParseUnlisted]) that a program
//     can ask for: QY and QZ (partners kept confidential, in trade within
//     the EU and with countries outside it), QU and QX (countries not
//     specified), QS (stores and provisions), and QP, QR, QV, QW, XC, XL,
//     XS, whose meanings are those of Eurostat's PARTNERS.txt (the texts
//     here come from copies of it, not from Eurostat's file itself), and
//     XI, Northern Ireland, as reporter and partner from 2021 (the
//     geonomenclature of Commission Regulation (EU) 2020/1470): GB is
//     then Great Britain, and the United Kingdom the sum of the two. Any
//     other code package partner does not list is an error (EL, Greece in
//     other Eurostat tables, is not Comext's); [Unlisted] accepts every
//     letter code.
//   - FLOW 1 is imports, 2 exports. PERIOD is a month, 202402; the annual
//     files (full_v2_202452) are not read.
//   - PRODUCT_NC is the CN8 code, whose first six digits are the HS
//     subheading of the CN year's edition; it is read as an 8-digit line
//     under its HS6 (see package commodity), with no edition on the
//     figure. A product kept confidential (PRODUCT_NC with X, such as
//     39XXXXXX, its chapter's trade that Eurostat does not allocate) is
//     skipped and counted in the [Summary]; so is a special code of the
//     CN, in chapters 98 (complete industrial plant) and 99 (stores and
//     provisions, goods of low value and the like), which are not the
//     HS's: with [KeepOtherCodes] those are kept as codes of the CN
//     ("CN:99302400"), never as HS.
//   - VALUE_EUR is the value in euros (unit EUR); QUANTITY_KG the net
//     weight in kg, whole kilograms: 0 for a small consignment is its
//     weight rounded, and is kept. VALUE_NAC (the value in the reporter's currency,
//     which the file does not name) and QUANTITY_SUPPL_UNIT (in the unit
//     SUPPL_UNIT codes, whose list is not part of this schema) are not read.
//   - STAT_PROCEDURE breaks a flow down by statistical procedure (1
//     normal, 2 inward processing, 3 outward processing, 9 not from
//     customs declarations). The file has no total rows: a read adds the
//     procedures' figures up into the total, exactly, and counts the rows
//     in [Summary.Summed]; with [KeepBreakdowns] each is kept under a key
//     whose breakdown is "procedure=1", …. A row whose STAT_PROCEDURE is
//     empty names no procedure and is no total: it is an error.
//
// Give the release date with [WithVintage]; the source is "Eurostat
// Comext". The fixture testdata/comext/full_v2_202402.dat imitates a
// monthly file: its header and first four rows are real, the other rows
// invented.
func Comext() Schema {
	return Schema{
		Name:      "Eurostat Comext",
		Period:    Column("PERIOD"),
		Reporter:  Column("REPORTER"),
		Partner:   Column("PARTNER"),
		Flow:      Column("FLOW").Map(map[string]string{"1": "M", "2": "X"}),
		Commodity: Column("PRODUCT_NC"),
		Value:     Column("VALUE_EUR"),
		Unit:      Const("EUR"),
		Vintage:   Column("vintage").Required(),
		Source:    Const("Eurostat Comext"),
		Quantities: []QuantityField{
			{Value: Column("QUANTITY_KG"), Unit: Const("KG")},
		},
		Breakdowns: []BreakdownField{
			{Column: Column("STAT_PROCEDURE"), Name: "procedure", Reason: "a breakdown by statistical procedure (STAT_PROCEDURE), added up into the total"},
		},
		Skip: []Skip{
			{Column: Column("PRODUCT_NC"), Match: func(v string) bool { return strings.ContainsAny(v, "Xx") },
				Reason: "a product kept confidential (PRODUCT_NC with X, such as 39XXXXXX)"},
			{Column: Column("PRODUCT_NC"), Match: specialCN, other: "CN",
				Reason: "a special code of the CN (PRODUCT_NC in chapter 98 or 99, such as 99302400, stores and provisions): not goods in the HS"},
		},
		Delimiter:    ',',
		unlistedOnly: eurostatPartners,
	}
}

// eurostatPartners are the partner codes of Eurostat's that package
// partner does not list (see Comext).
var eurostatPartners = []string{"QP", "QR", "QS", "QU", "QV", "QW", "QX", "QY", "QZ", "XC", "XI", "XL", "XS"}

// specialCN reports whether v is a code of the CN's chapters 98 and 99,
// which the HS does not have.
func specialCN(v string) bool {
	if len(v) < 2 || v[0] != '9' || v[1] != '8' && v[1] != '9' {
		return false
	}
	for i := range len(v) {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}
