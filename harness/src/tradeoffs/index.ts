export { runTradeoffs, type TradeoffsRunOptions } from './tradeoffs.ts';
export { renderTradeoffsMarkdown, renderTradeoffsText, tradeoffsTable } from './render.ts';
export { restoreTouchedFiles } from './touch.ts';
