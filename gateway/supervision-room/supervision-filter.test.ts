import { describe, expect, it } from 'vitest';
import { filterKey, parseSupervisionFilter, SupervisionFilterError } from './supervision-filter.js';

const parse = (query: string) => parseSupervisionFilter(new URLSearchParams(query));

describe('parseSupervisionFilter', () => {
  it('reads every field of the contract and skips empty ones', () => {
    expect(parse('ministry=ENERGY&procedure=CEET-RACCORDEMENT-BT&from=2026-10-01&to=2026-11-01&commune=Golfe 1&')).toEqual({
      ministry: 'ENERGY',
      procedure: 'CEET-RACCORDEMENT-BT',
      from: '2026-10-01',
      to: '2026-11-01',
      commune: 'Golfe 1',
    });
    expect(parse('ministry=&commune=')).toEqual({});
    expect(parse('commune=Lomé')).toEqual({ commune: 'Lomé' });
  });

  it.each([
    ['an unknown parameter', 'access_token=abc'],
    ['a repeated parameter', 'ministry=ENERGY&ministry=JUSTICE'],
    ['a lower-case enum value', 'ministry=energy'],
    ['an injection attempt', 'procedure=X"){__typename}'],
    ['an impossible month', 'from=2026-13-01'],
    ['a date with a time', 'to=2026-11-01T00:00:00Z'],
    ['a period backwards', 'from=2026-11-02&to=2026-11-01'],
    ['a commune too long', `commune=${'a'.repeat(81)}`],
  ])('refuses %s', (_case, query) => {
    expect(() => parse(query)).toThrow(SupervisionFilterError);
  });

  it('gives one key per filter, whatever the parameter order', () => {
    expect(filterKey(parse('ministry=ENERGY&from=2026-10-01'))).toBe(filterKey(parse('from=2026-10-01&ministry=ENERGY')));
    expect(filterKey(parse('ministry=ENERGY'))).not.toBe(filterKey(parse('procedure=ENERGY')));
  });
});
