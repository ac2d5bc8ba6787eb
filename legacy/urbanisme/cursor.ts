import { ErreurUrbanisme } from './replies.js';

/** What a cursor remembers: the rank of the last dossier served and the filter it was served for. */
export interface CursorState {
  readonly afterRank: number;
  readonly niu: string | null;
}

/** Opaque to clients (base64url JSON), like the real system's. */
export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify({ r: state.afterRank, n: state.niu }), 'utf8').toString('base64url');
}

/** A cursor that is not ours, or was issued for another filter, is PARAMETRE_INVALIDE. */
export function decodeCursor(cursor: string, niu: string | null): CursorState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalid();
  const { r, n } = parsed as { r?: unknown; n?: unknown };
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || (n !== null && typeof n !== 'string')) throw invalid();
  if (n !== niu) throw new ErreurUrbanisme('PARAMETRE_INVALIDE', 'Le curseur ne correspond pas aux critères de la recherche.');
  return { afterRank: r, niu: n };
}

function invalid(): ErreurUrbanisme {
  return new ErreurUrbanisme('PARAMETRE_INVALIDE', 'Curseur invalide.');
}
