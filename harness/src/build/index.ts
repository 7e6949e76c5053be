export { buildProcessor, type BuildResult, type BuildOptions } from './build.ts';
