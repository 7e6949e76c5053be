// Lets `npx vitest run` work from this folder; the repository's root config picks up the same files.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
