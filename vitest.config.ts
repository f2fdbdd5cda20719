import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { resolve } from 'node:path';

const configFile = resolve(import.meta.dirname, 'svelte.config.js');

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/renderer/**', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          setupFiles: ['tests/setup/fastCheck.ts'],
        },
      },
      {
        plugins: [svelte({ configFile }), svelteTesting()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['tests/renderer/**/*.test.ts', 'tests/**/*.test.svelte.ts'],
          setupFiles: ['tests/setup/fastCheck.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
