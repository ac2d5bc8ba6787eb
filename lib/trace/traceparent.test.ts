import { describe, expect, it } from 'vitest';
import { runInTrace } from './trace-scope.js';
import { parseTraceparent, traceIdFromTraceparent, traceIdOf, traceparentFor } from './traceparent.js';

describe('traceIdOf', () => {
  it('takes the trace id of a valid traceparent', () => {
    expect(traceIdOf('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceIdOf(['00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'])).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('makes a fresh one otherwise', () => {
    for (const header of [undefined, '', 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01', '00-4bf92f35"77b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01']) {
      const id = traceIdOf(header);
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(id).not.toBe('0'.repeat(32));
    }
    expect(traceIdOf(undefined)).not.toBe(traceIdOf(undefined));
  });
});

describe('traceparentFor', () => {
  it('continues the trace with a fresh span id that reads back as the same trace', () => {
    const id = '4bf92f3577b34da6a3ce929d0e0e4736';
    const first = traceparentFor(id);
    expect(first).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(traceparentFor(id)).not.toBe(first);
    expect(traceIdFromTraceparent(first)).toBe(id);
  });

  it('reads no trace id from a missing or malformed header', () => {
    expect(traceIdFromTraceparent(undefined)).toBeUndefined();
    expect(traceIdFromTraceparent('00-zz-00f067aa0ba902b7-01')).toBeUndefined();
  });
});

describe('parseTraceparent', () => {
  it('reads the trace, the parent span and the sampled flag', () => {
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true });
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00')?.sampled).toBe(false);
  });

  it('refuses an all-zero span id', () => {
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01')).toBeUndefined();
  });
});

describe('traceparentFor inside a span', () => {
  it("names the current span as the parent when the trace is the scope's", () => {
    const scope = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
    expect(runInTrace(scope, () => traceparentFor(scope.traceId))).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    // Another trace than the scope's: a fresh span id, never the scope's.
    const other = runInTrace(scope, () => traceparentFor('11111111111111111111111111111111'));
    expect(other).toMatch(/^00-11111111111111111111111111111111-[0-9a-f]{16}-01$/);
    expect(other).not.toContain(scope.spanId);
  });
});
