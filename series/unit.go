package series

// A Unit is the unit of a series' values. It is used only as a type
// parameter, so that the unit is part of a series' Go type: a Series[Tonnes]
// cannot be added to a Series[USD], nor converted into one with a plain
// conversion. Units are empty structs; their methods describe them.
//
// Two units with the same Dimension differ by a power of ten and convert
// exactly with [Rescale]. Programs may define their own units.
type Unit interface {
	// Symbol is the unit as printed after a figure: "USD", "USD mn", "t", "%".
	Symbol() string
	// Dimension names what the unit measures: a currency code ("USD",
	// "CNY"), "mass", "percent", "percentage points", "index", ….
	Dimension() string
	// Exponent says that one unit is 10^Exponent of the dimension's base
	// unit: USD100M has Exponent 8, Tonnes 3 (the base unit of mass is the kg).
	Exponent() int
}

// Currency amounts. The base unit of each currency is one unit of it; the scaled
// units are the ones customs tables print in.
type (
	USD         struct{} // US dollars.
	USDThousand struct{} // Thousands of US dollars (GACC's detailed tables).
	USDMillion  struct{} // Millions of US dollars.
	USD100M     struct{} // Hundreds of millions of US dollars (GACC's summary tables).
	USDBillion  struct{} // Billions of US dollars.
	CNY         struct{} // Chinese yuan.
	CNY100M     struct{} // Hundreds of millions of yuan.
	CNYBillion  struct{} // Billions of yuan.
	CNYTrillion struct{} // Trillions of yuan.
)

// Physical quantities.
type (
	Kilograms     struct{} // Kilograms, the base unit of mass.
	Tonnes        struct{} // Metric tonnes: 1,000 kg.
	MillionTonnes struct{} // Millions of metric tonnes.
	Items         struct{} // A count of items (pieces, head, sets).
	Litres        struct{} // Litres.
)

// Rates and indices.
type (
	Percent          struct{} // A rate or share, in percent.
	PercentagePoints struct{} // A difference of two rates or shares.
	Index            struct{} // An index level, such as a PMI (50 = no change).
)

func (USD) Symbol() string            { return "USD" }
func (USD) Dimension() string         { return "USD" }
func (USD) Exponent() int             { return 0 }
func (USDThousand) Symbol() string    { return "USD thousand" }
func (USDThousand) Dimension() string { return "USD" }
func (USDThousand) Exponent() int     { return 3 }
func (USDMillion) Symbol() string     { return "USD mn" }
func (USDMillion) Dimension() string  { return "USD" }
func (USDMillion) Exponent() int      { return 6 }
func (USD100M) Symbol() string        { return "USD 100 mn" }
func (USD100M) Dimension() string     { return "USD" }
func (USD100M) Exponent() int         { return 8 }
func (USDBillion) Symbol() string     { return "USD bn" }
func (USDBillion) Dimension() string  { return "USD" }
func (USDBillion) Exponent() int      { return 9 }
func (CNY) Symbol() string            { return "CNY" }
func (CNY) Dimension() string         { return "CNY" }
func (CNY) Exponent() int             { return 0 }
func (CNY100M) Symbol() string        { return "CNY 100 mn" }
func (CNY100M) Dimension() string     { return "CNY" }
func (CNY100M) Exponent() int         { return 8 }
func (CNYBillion) Symbol() string     { return "CNY bn" }
func (CNYBillion) Dimension() string  { return "CNY" }
func (CNYBillion) Exponent() int      { return 9 }
func (CNYTrillion) Symbol() string    { return "CNY tn" }
func (CNYTrillion) Dimension() string { return "CNY" }
func (CNYTrillion) Exponent() int     { return 12 }

func (Kilograms) Symbol() string        { return "kg" }
func (Kilograms) Dimension() string     { return "mass" }
func (Kilograms) Exponent() int         { return 0 }
func (Tonnes) Symbol() string           { return "t" }
func (Tonnes) Dimension() string        { return "mass" }
func (Tonnes) Exponent() int            { return 3 }
func (MillionTonnes) Symbol() string    { return "Mt" }
func (MillionTonnes) Dimension() string { return "mass" }
func (MillionTonnes) Exponent() int     { return 9 }
func (Items) Symbol() string            { return "items" }
func (Items) Dimension() string         { return "count" }
func (Items) Exponent() int             { return 0 }
func (Litres) Symbol() string           { return "l" }
func (Litres) Dimension() string        { return "volume" }
func (Litres) Exponent() int            { return 0 }
func (Percent) Symbol() string          { return "%" }
func (Percent) Dimension() string       { return "percent" }
func (Percent) Exponent() int           { return 0 }
func (PercentagePoints) Symbol() string { return "pp" }
func (PercentagePoints) Dimension() string {
	return "percentage points"
}
func (PercentagePoints) Exponent() int { return 0 }
func (Index) Symbol() string           { return "index" }
func (Index) Dimension() string        { return "index" }
func (Index) Exponent() int            { return 0 }

// Per is the unit N per D, such as USD per tonne (a unit value) or CNY per
// USD (an exchange rate). [Divide] makes such series and [Convert] uses an
// exchange rate.
type Per[N, D Unit] struct{}

// Symbol returns "N/D", such as "USD/t".
func (Per[N, D]) Symbol() string {
	var n N
	var d D
	return n.Symbol() + "/" + d.Symbol()
}

// Dimension returns "N/D" of the two dimensions, such as "USD/mass".
func (Per[N, D]) Dimension() string {
	var n N
	var d D
	return n.Dimension() + "/" + d.Dimension()
}

// Exponent returns N's exponent less D's.
func (Per[N, D]) Exponent() int {
	var n N
	var d D
	return n.Exponent() - d.Exponent()
}
