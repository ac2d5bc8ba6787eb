import { describe, expect, it } from 'vitest';
import { companyAuditSubject, isWellFormedNif, isWellFormedRccm, luhnCheckDigit, nifProblem, rccmProblem } from './company-identifiers.js';

describe('company identifiers', () => {
  it('computes the Luhn check digit of a NIF and accepts only a NIF that carries it', () => {
    expect(luhnCheckDigit('100000001')).toBe(6);
    // The textbook Luhn example: 7992739871 → 3.
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(isWellFormedNif('1000000016')).toBe(true);
    expect(isWellFormedNif('1000000017')).toBe(false);
    // Two adjacent digits swapped: caught by the check digit.
    expect(isWellFormedNif('1000000106')).toBe(false);
    expect(isWellFormedNif('100000001')).toBe(false);
    expect(isWellFormedNif('10000000160')).toBe(false);
    expect(isWellFormedNif('100000001a')).toBe(false);
  });

  it('says in French why a NIF is refused', () => {
    expect(nifProblem('1000000016')).toBeUndefined();
    expect(nifProblem('12345')).toMatch(/10 chiffres/);
    expect(nifProblem('1000000017')).toMatch(/clé de contrôle/);
  });

  it('accepts a company’s RCCM of a Togolese registry office, section B, and nothing else', () => {
    expect(isWellFormedRccm('TG-LOM-2019-B-01234')).toBe(true);
    expect(isWellFormedRccm('TG-KAR-1998-B-00007')).toBe(true);
    for (const bad of ['TG-LOM-2019-A-01234', 'TG-XYZ-2019-B-01234', 'TG-LOM-19-B-01234', 'TG-LOM-2019-B-1234', 'tg-lom-2019-b-01234', 'CI-ABJ-2019-B-01234', ' TG-LOM-2019-B-01234'])
      expect(isWellFormedRccm(bad), bad).toBe(false);
    expect(rccmProblem('TG-LOM-2019-A-01234')).toMatch(/section A/);
    expect(rccmProblem('RC-1234')).toMatch(/TG-LOM-2019-B-01234/);
    expect(rccmProblem('TG-LOM-2019-B-01234')).toBeUndefined();
  });

  it('names a company on the audit trail apart from any citizen', () => {
    expect(companyAuditSubject('1000000016')).toBe('company:1000000016');
    expect(companyAuditSubject('1000000016')).not.toMatch(/^\d{12}$/);
  });
});
