package fixed

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randInt64 returns small values, values near the int64 limits and values
// in between, so that both the fitting and the overflowing cases occur.
func randInt64(rng *rand.Rand) int64 {
	switch rng.IntN(5) {
	case 0:
		return rng.Int64N(2001) - 1000
	case 1:
		return math.MaxInt64 - rng.Int64N(1000)
	case 2:
		return math.MinInt64 + rng.Int64N(1000)
	case 3:
		return rng.Int64N(1<<32) - 1<<31
	}
	return rng.Int64() - rng.Int64()/2
}

// checkFit checks a result against the exact one, b: ok exactly when b
// fits an int64, and then got equal to b.
func checkFit(t *testing.T, b *big.Int, got int64, ok bool, what string) {
	t.Helper()
	require.Equal(t, b.IsInt64(), ok, "%s = %v: ok", what, b)
	if ok {
		assert.Equal(t, b.Int64(), got, what)
	}
}

var minInt64 = big.NewInt(math.MinInt64)

func TestPow10(t *testing.T) {
	for k := -2; k <= 21; k++ {
		want := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(k, 0))), nil)
		p, ok := Pow10(k)
		assert.Equal(t, k >= 0 && k <= 18, ok, "Pow10(%d) ok", k)
		if ok {
			assert.Equal(t, want.Int64(), p, "Pow10(%d)", k)
		}
		u, ok := Pow10U(k)
		assert.Equal(t, k >= 0 && k <= 19, ok, "Pow10U(%d) ok", k)
		if ok {
			assert.Equal(t, want.Uint64(), u, "Pow10U(%d)", k)
		}
		if k >= 0 {
			assert.Equal(t, want.String(), BigPow10(k).String(), "BigPow10(%d)", k)
		}
	}
	// BigPow10 returns a value of the caller's own.
	BigPow10(3).SetInt64(7)
	assert.Equal(t, "1000", BigPow10(3).String())
}

func TestAddSubMulAgreeWithBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		a, b := randInt64(rng), randInt64(rng)
		ba, bb := big.NewInt(a), big.NewInt(b)
		s, ok := Add(a, b)
		checkFit(t, new(big.Int).Add(ba, bb), s, ok, fmt.Sprintf("Add(%d, %d)", a, b))
		d, ok := Sub(a, b)
		checkFit(t, new(big.Int).Sub(ba, bb), d, ok, fmt.Sprintf("Sub(%d, %d)", a, b))
		p, ok := Mul(a, b)
		want := new(big.Int).Mul(ba, bb)
		if want.Cmp(minInt64) == 0 {
			assert.False(t, ok, "Mul(%d, %d) = MinInt64 counts as an overflow", a, b)
		} else {
			checkFit(t, want, p, ok, fmt.Sprintf("Mul(%d, %d)", a, b))
		}
		k := rng.IntN(22)
		m, ok := MulPow10(a, k)
		want = new(big.Int).Mul(ba, BigPow10(k))
		if want.Cmp(minInt64) == 0 {
			assert.False(t, ok, "MulPow10(%d, %d) = MinInt64 counts as an overflow", a, k)
		} else {
			checkFit(t, want, m, ok, fmt.Sprintf("MulPow10(%d, %d)", a, k))
		}
		assert.Equal(t, new(big.Int).Abs(ba).Uint64(), Abs(a), "Abs(%d)", a)
	}
}

// toOdd is the specification of rounding to odd: the exact quotient
// truncated toward zero, with 1 added away from zero when that is even and
// something was cut off.
func toOdd(n, d *big.Int, e int) *big.Int {
	r := new(big.Rat).SetFrac(n, d)
	if e >= 0 {
		r.Mul(r, new(big.Rat).SetInt(BigPow10(e)))
	} else {
		r.Quo(r, new(big.Rat).SetInt(BigPow10(-e)))
	}
	q := new(big.Int).Quo(r.Num(), r.Denom()) // truncates toward zero
	if new(big.Rat).SetInt(q).Cmp(r) != 0 && q.Bit(0) == 0 {
		if r.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

func TestQuoToOdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	fast := 0
	for range 20000 {
		n, d := randInt64(rng), randInt64(rng)
		if d == 0 {
			continue
		}
		e := rng.IntN(24) - 3
		want := toOdd(big.NewInt(n), big.NewInt(d), e)
		got := QuoToOddBig(big.NewInt(n), big.NewInt(d), e)
		require.Equal(t, want.String(), got.String(), "QuoToOddBig(%d, %d, %d)", n, d, e)
		// The int64 path answers when its one 128-by-64 division fits and
		// the quotient is within ±MaxInt64.
		wantOK := e >= 0 && e <= 18 && fitsHi(n, pow(e), Abs(d)) && new(big.Int).Abs(want).Cmp(big.NewInt(math.MaxInt64)) <= 0
		q, ok := QuoToOdd(n, d, e)
		require.Equal(t, wantOK, ok, "QuoToOdd(%d, %d, %d) = %v: ok", n, d, e, want)
		if ok {
			fast++
			assert.Equal(t, want.String(), big.NewInt(q).String(), "QuoToOdd(%d, %d, %d)", n, d, e)
		}
	}
	assert.Greater(t, fast, 2000, "the trials exercise the int64 path")

	// The operands are not changed.
	n, d := big.NewInt(7), big.NewInt(3)
	QuoToOddBig(n, d, 2)
	QuoToOddBig(n, d, -2)
	assert.Equal(t, "7 3", n.String()+" "+d.String())
}

func pow(e int) uint64 {
	p, _ := Pow10U(e)
	return p
}

func TestFloorMulDiv(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	fast := 0
	for range 20000 {
		c := randInt64(rng)
		m := rng.Uint64() >> uint(rng.IntN(64))
		d := Abs(randInt64(rng))
		if d == 0 {
			continue
		}
		bd := new(big.Int).SetUint64(d)
		wantQ, wantR := new(big.Int).DivMod(new(big.Int).Mul(big.NewInt(c), new(big.Int).SetUint64(m)), bd, new(big.Int))
		// The floor of |c| × m ÷ d, which the function computes first.
		absQ := new(big.Int).Quo(new(big.Int).Mul(new(big.Int).SetUint64(Abs(c)), new(big.Int).SetUint64(m)), bd)
		wantOK := fitsHi(c, m, d) && absQ.Cmp(big.NewInt(math.MaxInt64)) < 0
		q, r, ok := FloorMulDiv(c, m, d)
		require.Equal(t, wantOK, ok, "FloorMulDiv(%d, %d, %d) = %v: ok", c, m, d, wantQ)
		if !ok {
			continue
		}
		fast++
		assert.Equal(t, wantQ.String(), big.NewInt(q).String(), "FloorMulDiv(%d, %d, %d) quotient", c, m, d)
		assert.Equal(t, wantR.Uint64(), r, "FloorMulDiv(%d, %d, %d) remainder", c, m, d)
	}
	assert.Greater(t, fast, 2000, "the trials exercise the int64 path")
}

// fitsHi reports whether the high 64 bits of |c| × m are below d, so that
// one 128-by-64 division gives the quotient.
func fitsHi(c int64, m, d uint64) bool {
	p := new(big.Int).Mul(new(big.Int).SetUint64(Abs(c)), new(big.Int).SetUint64(m))
	return new(big.Int).Rsh(p, 64).Cmp(new(big.Int).SetUint64(d)) < 0
}

func TestRoundHalfAway(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		c := randInt64(rng)
		scale := int32(rng.IntN(20))
		places := int32(rng.IntN(26) - 4)
		want := decimal.New(c, -scale).Round(places)
		got, ok := RoundHalfAway(c, scale, places)
		wc := want.Coefficient()
		if k := int(want.Exponent()) + int(max(places, 0)); k > 0 {
			wc.Mul(wc, BigPow10(k))
		} else if k < 0 {
			wc.Quo(wc, BigPow10(-k))
		}
		// It answers when the power it divides by fits (or c is zero) and
		// the result fits, MinInt64 counting as an overflow.
		wantOK := (places >= scale || scale-places <= 18 || c == 0) && wc.IsInt64() && wc.Cmp(minInt64) != 0
		require.Equal(t, wantOK, ok, "RoundHalfAway(%d, %d, %d) = %v: ok", c, scale, places, want)
		if !ok {
			continue
		}
		assert.Equal(t, wc.String(), big.NewInt(got).String(), "RoundHalfAway(%d, %d, %d) = %v", c, scale, places, want)
	}
	// Ties go away from zero.
	for _, tt := range []struct {
		c           int64
		scale, plcs int32
		want        int64
	}{{245, 2, 1, 25}, {-245, 2, 1, -25}, {244, 2, 1, 24}, {150, 0, -2, 200}, {-149, 0, -2, -100}} {
		got, ok := RoundHalfAway(tt.c, tt.scale, tt.plcs)
		require.True(t, ok)
		assert.Equal(t, tt.want, got, "RoundHalfAway(%d, %d, %d)", tt.c, tt.scale, tt.plcs)
	}
}

func TestCoef(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		v := decimal.New(randInt64(rng), -int32(rng.IntN(6)))
		scale := -v.Exponent() + int32(rng.IntN(20))
		want := new(big.Int).Mul(v.Coefficient(), BigPow10(int(v.Exponent()+scale)))
		got, ok := Coef(v, scale)
		// Coefficients of more than 18 digits take the big path even when
		// they would fit: that keeps the check one comparison.
		wantOK := want.IsInt64() && want.Cmp(minInt64) != 0 && v.NumDigits() <= 18
		require.Equal(t, wantOK, ok, "Coef(%v, %d) = %v: ok", v, scale, want)
		if ok {
			assert.Equal(t, want.Int64(), got, "Coef(%v, %d)", v, scale)
		}
	}
}
