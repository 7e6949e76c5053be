export { loadManifests } from './load.ts';
export { manifestSchema, type ProcessorManifest, type ManifestFile } from './manifest.ts';
