export { startSampler, type Sampler, type SamplerOptions, type SamplerResult, type TimedReading } from './sampler.ts';
export { readProc, type ProcReading } from './proc.ts';
export { fetchMetrics, type MetricsResponse, type ObservedPause } from './metrics.ts';
export { fetchStats, type StatsCounters } from './stats.ts';
export { CycleLog, type CycleRecord, type ObservedCycle, type ObservedPhase } from './cycle-log.ts';
