export { loadManifests } from './load.ts';
export {
  manifestSchema,
  type ProcessorManifest,
  type ManifestFile,
  type TradeoffsSection,
  type DependencySource,
  type SafetySection,
} from './manifest.ts';
