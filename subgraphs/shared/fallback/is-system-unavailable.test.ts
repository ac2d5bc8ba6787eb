import { describe, expect, it } from 'vitest';
import type { AdapterErrorCode } from '../../../adapters/shared/index.js';
import { isSystemUnavailable } from './is-system-unavailable.js';
import { adapterError } from './testing/fake-system.js';

describe('isSystemUnavailable', () => {
  it.each<[AdapterErrorCode, boolean, boolean]>([
    ['BACKEND_UNAVAILABLE', true, true],
    ['BACKEND_UNAVAILABLE', false, true],
    ['BACKEND_TIMEOUT', true, true],
    ['CIRCUIT_OPEN', false, true],
    ['BACKEND_OVERLOADED', false, true],
    ['BACKEND_ERROR', true, true],
    ['BACKEND_ERROR', false, false],
    ['BAD_BACKEND_RESPONSE', true, true],
    ['BAD_BACKEND_RESPONSE', false, false],
    ['NOT_FOUND', false, false],
    ['BAD_USER_INPUT', false, false],
    ['IDEMPOTENCY_CONFLICT', false, false],
  ])('%s (retryable: %s) → %s', (code, retryable, expected) => {
    expect(isSystemUnavailable(adapterError(code, retryable))).toBe(expected);
  });

  it('is false for anything that is not an AdapterError (a bug is not an outage)', () => {
    expect(isSystemUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isSystemUnavailable({ code: 'BACKEND_UNAVAILABLE', retryable: true })).toBe(false);
    expect(isSystemUnavailable(undefined)).toBe(false);
  });
});
