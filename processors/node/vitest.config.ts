// Lets `npx vitest run` work from this folder (the manifest's test command); the repository's
// root config picks up the same files when the whole suite runs.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
