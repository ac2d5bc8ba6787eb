// Prints vitest's JSON report as one plain closing line ("N passed, N failed") that any CI can read.
import { existsSync, readFileSync } from 'node:fs';

const path = process.argv[2] ?? '.data/test-results.json';
if (!existsSync(path)) {
  process.stdout.write(`\ntests: no report at ${path}: vitest did not finish\n`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(path, 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
process.stdout.write(`\ntests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(report.numFailedTests > 0 || report.numTotalTests === 0 || !report.success ? 1 : 0);
