import { describe, expect, it } from 'vitest';
import { traceIdFromTraceparent, traceIdOf, traceparentFor } from './traceparent.js';

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
