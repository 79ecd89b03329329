package series

// A Currency names a currency for [Money]: a type with one method, giving
// its ISO 4217 alphabetic code. A program declares the currencies it
// needs, once each, and the library need not list them:
//
//	type EUR struct{}
//
//	func (EUR) ISO4217() string { return "EUR" }
//
// Series[Money[EUR, Million]] is then a series in millions of euros.
type Currency interface {
	ISO4217() string
}

// A Scale is the power of ten a [Money] unit counts in, as tables print
// amounts: [One], [Thousand], [Million], [HundredMillion], [Billion],
// [Trillion].
type Scale interface {
	// Exponent says that one unit of the scale is 10^Exponent.
	Exponent() int
	// Word is what a figure's unit prints after the currency: "",
	// "thousand", "mn", "100 mn", "bn", "tn".
	Word() string
}

// The scales.
type (
	One            struct{} // units of the currency
	Thousand       struct{} // thousands
	Million        struct{} // millions
	HundredMillion struct{} // hundreds of millions (China's customs print USD 100 mn)
	Billion        struct{} // billions (thousands of millions)
	Trillion       struct{} // trillions (millions of millions)
)

func (One) Exponent() int            { return 0 }
func (One) Word() string             { return "" }
func (Thousand) Exponent() int       { return 3 }
func (Thousand) Word() string        { return "thousand" }
func (Million) Exponent() int        { return 6 }
func (Million) Word() string         { return "mn" }
func (HundredMillion) Exponent() int { return 8 }
func (HundredMillion) Word() string  { return "100 mn" }
func (Billion) Exponent() int        { return 9 }
func (Billion) Word() string         { return "bn" }
func (Trillion) Exponent() int       { return 12 }
func (Trillion) Word() string        { return "tn" }

// Money is the [Unit] of amounts of currency C counted in scale S: a
// Series[Money[EUR, Million]] holds millions of euros, and cannot be
// added to a Series[Money[GBP, Million]], nor to one of tonnes.
//
// Its Dimension is C's code, so it is the dimension of the package's own
// units of that currency: for a C whose code is "USD", Money[C, Million]
// and [USDMillion] are both "USD", and [Rescale] converts between them
// exactly. A dataset of the root package gives the series of any
// currency it holds in any Money unit of that currency.
type Money[C Currency, S Scale] struct{}

// Symbol returns the currency's code and the scale's word: "EUR", "EUR mn",
// "JPY bn".
func (Money[C, S]) Symbol() string {
	var c C
	var s S
	if w := s.Word(); w != "" {
		return c.ISO4217() + " " + w
	}
	return c.ISO4217()
}

// Dimension returns the currency's ISO 4217 code.
func (Money[C, S]) Dimension() string {
	var c C
	return c.ISO4217()
}

// Exponent returns the scale's exponent.
func (Money[C, S]) Exponent() int {
	var s S
	return s.Exponent()
}
