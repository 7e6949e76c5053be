import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/src/**/*.test.ts', 'processors/node/src/**/*.test.ts', 'processors/node-rust/test/**/*.test.ts', 'dashboard/src/**/*.test.{ts,tsx}', 'dashboard/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
