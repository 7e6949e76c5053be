export { verifyProcessors, type VerifyOptions, type VerifyReport, type ProcessorVerdict, type Suite, type SuiteStatus } from './verify.ts';
export { renderVerifyReport } from './render.ts';
export { loadVectors, type VectorFile } from './load-vectors.ts';
export { runVectors, type VectorFailure, type VectorRunResult } from './run-vectors.ts';
export { compareJson, type JsonDiff } from './compare.ts';
export { vectorSchema, type Vector } from './vector-schema.ts';
export { differentialRequests, runDifferential, runStateComparison, type Disagreement, type CrossRunResult } from './differential.ts';
export { checkMetrics, metricsProblems, type MetricsFailure } from './metrics-shape.ts';
