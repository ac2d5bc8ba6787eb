// Prints vitest's JSON report as one plain closing line ("N passed, N failed") that any CI can read.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? '.data/test-results.json', 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
process.stdout.write(`\ntests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(report.numFailedTests > 0 || report.numTotalTests === 0 ? 1 : 0);
