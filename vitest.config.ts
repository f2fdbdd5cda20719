import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

const configFile = resolve(import.meta.dirname, 'svelte.config.js');

// Timeouts are hang bounds, never performance checks: generous, because the machine may be busy.
const node = {
  environment: 'node' as const,
  testTimeout: 120_000,
  hookTimeout: 120_000,
  setupFiles: ['tests/setup/fastCheck.ts'],
};

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores (a single worker on a two-core machine, so the suite ran
    // serially); the main process only schedules and reports, so every core runs test files.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        test: {
          ...node,
          // Pure model tests (no mocks, no globals, no processes): one module graph per worker instead of one per
          // file, so models/ and its dependencies (mathjs, zod) are imported once per worker.
          name: 'models',
          include: ['tests/models/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        test: {
          ...node,
          name: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/models/**', 'tests/e2e/**', 'tests/renderer/**', '**/node_modules/**'],
        },
      },
      {
        plugins: [svelte({ configFile }), svelteTesting()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['tests/renderer/**/*.test.ts', 'tests/**/*.test.svelte.ts'],
          setupFiles: ['tests/setup/fastCheck.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
