import type { ListedDossier } from './citizen.js';
import type { DossierHandle } from './dossier-interface.js';
import type { MinistryDossierType } from './ministry-dossier-types.js';

export interface DossierPageRequest {
  readonly first: number;
  readonly after: string | null;
  readonly status: string | null;
}

export interface DossierPage {
  readonly totalCount: number;
  readonly nodes: DossierHandle[];
  readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
  readonly incomplete: boolean;
  readonly unavailableSystems: string[];
  readonly staleSystems: string[];
}

export class InvalidCursorError extends Error {}

interface Entry extends ListedDossier {
  readonly __typename: string;
}

/** Cursor = position in the (updatedAt desc, reference desc) order: stable while new dossiers arrive. */
export function encodeCursor(entry: ListedDossier): string {
  return Buffer.from(JSON.stringify([entry.updatedAt, entry.reference])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // fall through
  }
  throw new InvalidCursorError(cursor);
}

const newestFirst = (a: ListedDossier, b: ListedDossier) => (a.updatedAt === b.updatedAt ? b.reference.localeCompare(a.reference) : b.updatedAt.localeCompare(a.updatedAt));

/**
 * Merges the ministries' lists into one, newest update first, filters by status and cuts one page. A list that
 * is null (its ministry did not answer) makes the page incomplete instead of failing it.
 */
export function paginateDossiers(lists: ReadonlyMap<MinistryDossierType, readonly ListedDossier[] | null | undefined>, request: DossierPageRequest): DossierPage {
  const entries: Entry[] = [];
  const unavailableSystems: string[] = [];
  const staleSystems: string[] = [];
  for (const [ministry, list] of lists) {
    if (!list) {
      unavailableSystems.push(ministry.legacySystem);
      continue;
    }
    if (list.some((item) => item.stale)) staleSystems.push(ministry.legacySystem);
    for (const item of list) {
      entries.push({
        __typename: ministry.typeName,
        reference: item.reference,
        updatedAt: normalizeInstant(item.updatedAt),
        status: item.status,
        ...(item.sealedListing ? { sealedListing: item.sealedListing } : {}),
      });
    }
  }
  const filtered = (request.status ? entries.filter((e) => e.status === request.status) : entries).sort(newestFirst);
  let start = 0;
  if (request.after) {
    const [updatedAt, reference] = decodeCursor(request.after);
    const position = { updatedAt, reference, status: '' };
    start = filtered.findIndex((e) => newestFirst(e, position) > 0);
    if (start < 0) start = filtered.length;
  }
  const page = filtered.slice(start, start + request.first);
  const last = page.at(-1);
  return {
    totalCount: filtered.length,
    // The owner's seal when its list made one (it names the same reference), else the plain reference.
    nodes: page.map((e) => ({ __typename: e.__typename, lookup: e.sealedListing ?? e.reference })),
    pageInfo: { hasNextPage: start + page.length < filtered.length, endCursor: last ? encodeCursor(last) : null },
    incomplete: unavailableSystems.length > 0,
    unavailableSystems,
    staleSystems,
  };
}

/** Instants from different subgraphs compare as text only once written alike. */
function normalizeInstant(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}
