// Package state holds the per-key aggregates and the global counters, shared by all requests.
package state

import "slices"

// WindowSize is how many recent values each key keeps.
const WindowSize = 32

// Key is one key's aggregates. It holds no pointers, so the slice of them that the store keeps
// is never scanned by the garbage collector, however many keys there are.
type Key struct {
	Count  int64
	Sum    float64
	Min    float64
	Max    float64
	Last   float64
	LastTS int64
	Alerts int64
	window [WindowSize]float64 // a ring: the oldest value is at head once the ring is full
	head   uint8
	filled uint8
}

func (k *Key) add(ts int64, value float64, alert bool) {
	if k.Count == 0 {
		k.Min, k.Max, k.LastTS = value, value, ts
	} else {
		// Plain comparisons, as in JavaScript's `if (v < min) min = v`: values are finite.
		if value < k.Min {
			k.Min = value
		}
		if value > k.Max {
			k.Max = value
		}
		if ts > k.LastTS {
			k.LastTS = ts
		}
	}
	k.Count++
	k.Sum += value
	k.Last = value
	if alert {
		k.Alerts++
	}
	if k.filled < WindowSize {
		k.window[k.filled] = value
		k.filled++
	} else {
		k.window[k.head] = value
		k.head = (k.head + 1) % WindowSize
	}
}

// Window copies the window, oldest value first, into dst and returns the filled part.
func (k *Key) Window(dst *[WindowSize]float64) []float64 {
	n := copy(dst[:], k.window[k.head:k.filled])
	n += copy(dst[n:], k.window[:k.head])
	return dst[:n]
}

// Mean is sum / count.
func (k *Key) Mean() float64 { return k.Sum / float64(k.Count) }

// Median is the median of the window: the middle value after sorting, or the mean of the two
// middle values when the window has an even length.
func (k *Key) Median() float64 {
	var buf [WindowSize]float64
	w := k.Window(&buf)
	slices.Sort(w)
	mid := len(w) / 2
	if len(w)%2 == 1 {
		return w[mid]
	}
	return (w[mid-1] + w[mid]) / 2
}
