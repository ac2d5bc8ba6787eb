import { describe, expect, it } from 'vitest';
import { boundedLabel } from './bounded-label.js';
import { parseCallsReport } from './calls-report.js';

describe('parseCallsReport', () => {
  it('keeps well-formed calls and drops the rest', () => {
    const report = parseCallsReport({
      parentSpanId: '00f067aa0ba902b7',
      legacy: [
        { system: 'ceet', operation: 'GET /v1/demandes', durationMs: 12.5, outcome: 'ok' },
        { system: 'ceet', operation: 'x', durationMs: 'slow', outcome: 'ok' },
        'junk',
        { system: 'rnec', operation: 'ConsulterPersonnes', durationMs: 3, outcome: 'error', code: 'BACKEND_TIMEOUT', extra: 'dropped' },
      ],
    });
    expect(report).toEqual({
      parentSpanId: '00f067aa0ba902b7',
      legacy: [
        { system: 'ceet', operation: 'GET /v1/demandes', durationMs: 12.5, outcome: 'ok' },
        { system: 'rnec', operation: 'ConsulterPersonnes', durationMs: 3, outcome: 'error', code: 'BACKEND_TIMEOUT' },
      ],
    });
  });

  it('refuses what is not a report', () => {
    expect(parseCallsReport(undefined)).toBeUndefined();
    expect(parseCallsReport({ legacy: 'no' })).toBeUndefined();
    expect(parseCallsReport([])).toBeUndefined();
  });
});

describe('boundedLabel', () => {
  it('keeps the first names and counts the rest as other', () => {
    const label = boundedLabel(2);
    expect([label('A'), label('B'), label('C'), label('A'), label('x'.repeat(100))]).toEqual(['A', 'B', 'other', 'A', 'other']);
  });
});
