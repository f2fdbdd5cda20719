// Suites too slow or too heavy for `npm test`, run by CI in their own steps: the 2,000,000-trial streaming exports
// under a memory budget (`npm run test:slow`, tests/slow/) and the spreadsheet round trip of every CSV export
// (.ci/steps/spreadsheet.sh, tests/spreadsheet/).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'slow',
    environment: 'node',
    include: ['tests/slow/**/*.slow.ts', 'tests/spreadsheet/**/*.sheet.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
    setupFiles: ['tests/setup/fastCheck.ts'],
    fileParallelism: false,
  },
});
