import { describe, expect, it } from 'vitest';
import { isEnglish, isFrench } from '../tests/support/language.js';
import { ErrorCode, errorAudience, errorMessages } from './error-codes.js';

describe('error messages speak to their reader', () => {
  it.each(Object.values(ErrorCode))('%s: its default message is in its audience’s language', (code) => {
    const message = errorMessages[code];
    if (errorAudience[code] === 'user') expect(isFrench(message), message).toBe(true);
    else expect(isEnglish(message), message).toBe(true);
  });

  it('the detectors tell the two apart', () => {
    expect(isFrench('Élément introuvable.')).toBe(true);
    expect(isFrench('Trop de requêtes. Réessayez dans quelques instants.')).toBe(true);
    expect(isFrench('Cannot query field "x" on type "Query".')).toBe(false);
    expect(isEnglish('Malformed request.')).toBe(true);
    expect(isEnglish('Requête mal formée.')).toBe(false);
    expect(isFrench("L'accès est refusé.")).toBe(false);
  });
});
