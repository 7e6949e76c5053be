module latency-harness/processors/go

go 1.26
