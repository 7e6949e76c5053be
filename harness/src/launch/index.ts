export { launchProcessor, LaunchError, type LaunchOptions, type RunningProcessor, type ExitStatus } from './launch.ts';
export { runningChildCount, deferSignals } from './registry.ts';
export { freePort } from './port.ts';
