// Totals every vitest JSON report in a folder into the closing line "N passed, N failed".
// Steps that are not test runners (typecheck, lint, build, packaging) count as one failed test when they fail.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir = 'test-results/ci', failedSteps = '0'] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;
for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  reports += 1;
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A suite that failed to load (syntax error, missing import) has no test results: count it as a failure.
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
}
// A failed non-test step must never print "0 failed".
const nonTestFailures = Number(failedSteps);
if (failed === 0 && nonTestFailures > 0) failed = nonTestFailures;
if (reports === 0) failed = Math.max(1, failed);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
