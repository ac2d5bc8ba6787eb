import { describe, expect, it } from 'vitest';
import { classifyByCode, defaultRejectionMessage } from './classify-failure.js';

const classify = classifyByCode({ rejectCodes: ['BAD_USER_INPUT', 'NOT_FOUND'] });
const adapterError = (code: string, retryable: boolean, extra: Record<string, unknown> = {}) => Object.assign(new Error(code), { code, retryable, ...extra });

describe('classifyByCode', () => {
  it('rejects the listed codes with the ministry’s message, or a default one', () => {
    expect(classify(adapterError('BAD_USER_INPUT', false, { userMessage: 'Acte inconnu.' }))).toEqual({ kind: 'reject', message: 'Acte inconnu.' });
    expect(classify(adapterError('NOT_FOUND', false))).toEqual({ kind: 'reject', message: defaultRejectionMessage });
  });

  it.each(['BACKEND_UNAVAILABLE', 'BACKEND_TIMEOUT', 'CIRCUIT_OPEN', 'BACKEND_OVERLOADED', 'BACKEND_ERROR', 'BAD_BACKEND_RESPONSE'])('retries %s', (code) => {
    expect(classify(adapterError(code, true))).toEqual({ kind: 'retry' });
  });

  it('retries a listed code marked retryable, and anything unknown', () => {
    expect(classify(adapterError('BAD_USER_INPUT', true))).toEqual({ kind: 'retry' });
    expect(classify(new TypeError('boom'))).toEqual({ kind: 'retry' });
    expect(classify('a string')).toEqual({ kind: 'retry' });
    expect(classify(null)).toEqual({ kind: 'retry' });
  });

  it('passes Retry-After on', () => {
    expect(classify(adapterError('BACKEND_UNAVAILABLE', true, { retryAfterMs: 5_000 }))).toEqual({ kind: 'retry', retryAfterMs: 5_000 });
  });
});
