import { describe, expect, it } from 'vitest';
import { differingPaths } from './differing-paths.js';

const citizen = { niu: '111111111111', lastName: 'Agbeko', birthDate: '1990-01-02', deathDate: null };
const request = (reference: string, status: string, history: string[]) => ({ reference, status, history: history.map((s, i) => ({ status: s, at: `2026-01-0${i + 1}T10:00:00Z` })) });

describe('differingPaths: where two clean answers differ, paths only', () => {
  it('finds nothing between equal answers, whatever the order of a set', () => {
    expect(differingPaths(citizen, { ...citizen })).toEqual([]);
    expect(differingPaths([request('R-1', 'A', ['A']), request('R-2', 'B', ['A', 'B'])], [request('R-2', 'B', ['A', 'B']), request('R-1', 'A', ['A'])])).toEqual([]);
    expect(differingPaths(new Map([['a', citizen]]), new Map([['a', { ...citizen }]]))).toEqual([]);
    expect(differingPaths({ personNius: ['1', '2'] }, { personNius: ['2', '1'] })).toEqual([]);
    expect(differingPaths(null, null)).toEqual([]);
  });

  it('names differing fields, never their values', () => {
    const paths = differingPaths(citizen, { ...citizen, lastName: 'Agbéko', deathDate: '2020-01-01' });
    expect(paths).toEqual(['deathDate', 'lastName']);
    expect(JSON.stringify(paths)).not.toContain('Agb');
    expect(differingPaths(citizen, { niu: citizen.niu, lastName: 'Agbeko', birthDate: '1990-01-02' })).toEqual(['deathDate']);
  });

  it('reads Maps and keyed lists as sets: `{}` for an entry one side lacks, `{}.field` inside one', () => {
    const a = new Map([
      ['111111111111', citizen],
      ['222222222222', { ...citizen, niu: '222222222222' }],
    ]);
    const b = new Map([['111111111111', { ...citizen, birthDate: '1990-01-03' }]]);
    const paths = differingPaths(a, b);
    expect(paths).toEqual(['{}', '{}.birthDate']);
    expect(paths.join()).not.toContain('1111');
    expect(differingPaths([request('R-1', 'A', ['A'])], [request('R-1', 'B', ['A'])])).toEqual(['{}.status']);
  });

  it('compares ordered lists element by element, and says when their lengths differ', () => {
    expect(differingPaths(request('R-1', 'B', ['A', 'B']), request('R-1', 'B', ['A', 'C']))).toEqual(['history[].status']);
    expect(differingPaths(request('R-1', 'B', ['A', 'B']), request('R-1', 'B', ['A']))).toEqual(['history.length']);
    expect(differingPaths({ personNius: ['1', '2'] }, { personNius: ['1', '3'] })).toEqual(['personNius']);
  });

  it('says (root) when the answers differ as a whole', () => {
    expect(differingPaths(citizen, null)).toEqual(['(root)']);
    expect(differingPaths([], new Map())).toEqual(['(root)']);
  });
});
