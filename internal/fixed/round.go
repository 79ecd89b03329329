package fixed

// RoundHalfAway rounds c × 10^-scale half away from zero to places decimal
// places and returns the result as a coefficient at scale max(places, 0),
// or false if that needs more than an int64. places may be negative
// (rounding to tens, hundreds, …); scale must not be.
func RoundHalfAway(c int64, scale, places int32) (int64, bool) {
	if places >= scale {
		return MulPow10(c, int(max(places, 0)-scale))
	}
	p, ok := Pow10(int(scale - places))
	if !ok {
		return 0, c == 0
	}
	u := Abs(c)
	q, r := u/uint64(p), u%uint64(p)
	if r >= uint64(p)-r { // r ≥ p/2: a half or more rounds away from zero
		q++
	}
	if q > 1<<63-1 {
		return 0, false
	}
	v := int64(q)
	if c < 0 {
		v = -v
	}
	if places < 0 {
		return MulPow10(v, int(-places))
	}
	return v, true
}
