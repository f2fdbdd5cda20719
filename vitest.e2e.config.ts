import { defineConfig } from 'vitest/config';

// End-to-end tests: the built renderer (out/renderer) served on 127.0.0.1 and driven in Debian's Chromium.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
