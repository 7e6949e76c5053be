export { summarize, median, type ScenarioSummary, type SummaryRow, type SummaryRatios } from './summary.ts';
export { renderSummaryText, renderSummaryMarkdown } from './render-summary.ts';
export { formatBytes, formatMicros, formatRate, formatRatio, formatSeconds } from './format.ts';
