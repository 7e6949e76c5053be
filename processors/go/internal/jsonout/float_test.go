package jsonout

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

func TestAppendFloatMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	values := []float64{0, math.Copysign(0, -1), 1, -1, 12.5, 0.1, 1e-6, 1e-7, 9.99e-7, 1e20, 1e21,
		-1e21, 123456789012345680000, math.MaxFloat64, math.SmallestNonzeroFloat64, 5e-324}
	for range 10000 {
		values = append(values, math.Float64frombits(r.Uint64()))
	}
	for _, v := range values {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			continue
		}
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendFloat(nil, v); string(got) != string(want) {
			t.Fatalf("AppendFloat(%v) = %s, encoding/json prints %s", v, got, want)
		}
	}
}

func TestAppendFloatWritesNullForNonFinite(t *testing.T) {
	for _, v := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
		if got := string(AppendFloat(nil, v)); got != "null" {
			t.Fatalf("AppendFloat(%v) = %s, want null", v, got)
		}
	}
}
