package series

// MaxDigits bounds the values that enter the library from text or from a
// caller: at most MaxDigits digits before the decimal point and MaxDigits
// after it (1e39 and 1e-40 enter; 1e40 and 1e-41 do not). Every real trade
// figure fits with room to spare; the bound keeps one value from making
// every operation on its series work with numbers of thousands of digits.
// Results of operations are not bounded by it.
const MaxDigits = 40
