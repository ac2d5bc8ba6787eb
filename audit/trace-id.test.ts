import { describe, expect, it } from 'vitest';
import { traceIdOf } from './trace-id.js';

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
