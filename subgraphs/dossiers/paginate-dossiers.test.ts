import { describe, expect, it } from 'vitest';
import type { ListedDossier } from './citizen.js';
import { ministryDossierTypes } from './ministry-dossier-types.js';
import { InvalidCursorError, paginateDossiers } from './paginate-dossiers.js';

const [ceet, urb, rnec] = ministryDossierTypes as [(typeof ministryDossierTypes)[0], (typeof ministryDossierTypes)[0], (typeof ministryDossierTypes)[0]];
const lists = new Map([
  [
    ceet,
    [
      { reference: 'CEET-2026-000002', updatedAt: '2026-03-01T10:00:00Z', status: 'IN_PROGRESS' },
      { reference: 'CEET-2025-000009', updatedAt: '2025-12-01T10:00:00.000Z', status: 'COMPLETED' },
    ],
  ],
  [urb, [{ reference: 'URB-2026-000001', updatedAt: '2026-03-01T10:00:00.000Z', status: 'ACTION_REQUIRED' }]],
  [rnec, [{ reference: 'RNEC-2026-000100', updatedAt: '2026-04-02T08:00:00Z', status: 'COMPLETED' }]],
]);

describe('paginateDossiers', () => {
  it('merges every ministry, newest update first, ties broken by reference', () => {
    const page = paginateDossiers(lists, { first: 10, after: null, status: null });
    expect(page.nodes.map((n) => n.lookup)).toEqual(['RNEC-2026-000100', 'URB-2026-000001', 'CEET-2026-000002', 'CEET-2025-000009']);
    expect(page.nodes[0]).toEqual({ __typename: 'CivilActCopyRequest', lookup: 'RNEC-2026-000100' });
    expect(page).toMatchObject({ totalCount: 4, incomplete: false, unavailableSystems: [], staleSystems: [], pageInfo: { hasNextPage: false } });
  });

  it('walks pages with the cursor, without gaps or repeats', () => {
    const first = paginateDossiers(lists, { first: 3, after: null, status: null });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = paginateDossiers(lists, { first: 3, after: first.pageInfo.endCursor, status: null });
    expect([...first.nodes, ...second.nodes].map((n) => n.lookup)).toHaveLength(4);
    expect(second.nodes.map((n) => n.lookup)).toEqual(['CEET-2025-000009']);
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: second.pageInfo.endCursor });
  });

  it('filters by status before counting', () => {
    const page = paginateDossiers(lists, { first: 10, after: null, status: 'COMPLETED' });
    expect(page.totalCount).toBe(2);
    expect(page.nodes.map((n) => n.lookup)).toEqual(['RNEC-2026-000100', 'CEET-2025-000009']);
  });

  it('marks the page incomplete and names the system whose list is missing', () => {
    const partial = new Map(lists);
    partial.set(urb, null as never);
    const page = paginateDossiers(partial, { first: 10, after: null, status: null });
    expect(page).toMatchObject({ totalCount: 3, incomplete: true, unavailableSystems: ['urbanisme'] });
  });

  it('hands an owner’s sealed listing back as the lookup, the plain reference where the list sealed none', () => {
    const sealed = new Map<(typeof ministryDossierTypes)[0], readonly ListedDossier[]>(lists);
    sealed.set(urb, [{ reference: 'URB-2026-000001', updatedAt: '2026-03-01T10:00:00.000Z', status: 'ACTION_REQUIRED', sealedListing: 'URB-2026-000001~box' }]);
    const page = paginateDossiers(sealed, { first: 10, after: null, status: null });
    expect(page.nodes.map((n) => n.lookup)).toEqual(['RNEC-2026-000100', 'URB-2026-000001~box', 'CEET-2026-000002', 'CEET-2025-000009']);
    // The cursor names the reference, never the seal.
    const next = paginateDossiers(sealed, { first: 1, after: paginateDossiers(sealed, { first: 2, after: null, status: null }).pageInfo.endCursor, status: null });
    expect(next.nodes.map((n) => n.lookup)).toEqual(['CEET-2026-000002']);
  });

  it('refuses a cursor it did not make', () => {
    expect(() => paginateDossiers(lists, { first: 1, after: 'bm90LWEtY3Vyc29y', status: null })).toThrow(InvalidCursorError);
  });
});
