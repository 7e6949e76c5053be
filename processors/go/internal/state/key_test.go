package state

import (
	"slices"
	"testing"
)

func keyWith(values ...float64) *Key {
	var k Key
	for i, v := range values {
		k.add(int64(i), v, false)
	}
	return &k
}

func TestWindowKeepsTheLast32ValuesOldestFirst(t *testing.T) {
	values := make([]float64, 40)
	for i := range values {
		values[i] = float64(i)
	}
	var buf [WindowSize]float64
	if got := keyWith(values...).Window(&buf); !slices.Equal(got, values[8:]) {
		t.Fatalf("window %v, want %v", got, values[8:])
	}
}

func TestWindowBeforeItFillsIsEveryValue(t *testing.T) {
	var buf [WindowSize]float64
	if got := keyWith(3, 1, 2).Window(&buf); !slices.Equal(got, []float64{3, 1, 2}) {
		t.Fatalf("window %v", got)
	}
}

func TestMedianOfOddWindowIsTheMiddleValue(t *testing.T) {
	if got := keyWith(5, 1, 3).Median(); got != 3 {
		t.Fatalf("median %v, want 3", got)
	}
}

func TestMedianOfEvenWindowIsTheMeanOfTheMiddleTwo(t *testing.T) {
	if got := keyWith(4, 1, 3, 10).Median(); got != 3.5 {
		t.Fatalf("median %v, want 3.5", got)
	}
}

func TestMedianUsesOnlyTheWindow(t *testing.T) {
	values := []float64{1000, 1000, 1000}
	for range WindowSize {
		values = append(values, 1)
	}
	if got := keyWith(values...).Median(); got != 1 {
		t.Fatalf("median %v, want 1", got)
	}
}

func TestLastTSIsTheLatestTimestampNotTheLastReceived(t *testing.T) {
	var k Key
	k.add(50, 1, false)
	k.add(70, 2, false)
	k.add(60, 3, false)
	if k.LastTS != 70 || k.Last != 3 {
		t.Fatalf("last_ts %d last %v, want 70 and 3", k.LastTS, k.Last)
	}
}

func TestAggregatesCountSumMinMaxAlerts(t *testing.T) {
	var k Key
	k.add(1, 11.5, true)
	k.add(2, 12.5, false)
	k.add(3, 12.0, true)
	if k.Count != 3 || k.Sum != 36 || k.Min != 11.5 || k.Max != 12.5 || k.Mean() != 12 || k.Alerts != 2 {
		t.Fatalf("%+v", k)
	}
}

func TestSumAddsInArrivalOrder(t *testing.T) {
	// (1e16 + 1) + 1 loses both ones in float64; any other order would keep 2.
	if got := keyWith(1e16, 1, 1).Sum; got != 1e16 {
		t.Fatalf("sum %v, want 1e16", got)
	}
}

func TestAppendKeyMatchesTheSpecExample(t *testing.T) {
	var k Key
	k.add(1764144000123, 11.5, false)
	k.add(1764144000125, 12.5, true)
	k.add(1764144000124, 12.0, false)
	want := `{"key":"sensor-00042","count":3,"sum":36,"min":11.5,"max":12.5,"mean":12,"last":12,` +
		`"last_ts":1764144000125,"alerts":1,"window":[11.5,12.5,12],"median":12}`
	if got := string(AppendKey(nil, "sensor-00042", &k)); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestAppendKeyWritesOverflowedSumAsNull(t *testing.T) {
	got := string(AppendKey(nil, "a", keyWith(1.7e308, 1.7e308)))
	want := `{"key":"a","count":2,"sum":null,"min":1.7e+308,"max":1.7e+308,"mean":null,"last":1.7e+308,` +
		`"last_ts":1,"alerts":0,"window":[1.7e+308,1.7e+308],"median":null}`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}
