import { RnecFault } from '../rnec-fault.js';

/** Where a page of the change feed stopped: the last change served (instant, then number) and the feed's `depuis`. */
export interface FeedCursor {
  readonly afterMs: number;
  readonly afterNumber: string;
  readonly sinceMs: number;
}

/** Opaque to clients (base64url JSON). Keyset, not offset: a change made while paging is never skipped. */
export function encodeFeedCursor(cursor: FeedCursor): string {
  return Buffer.from(JSON.stringify({ m: cursor.afterMs, n: cursor.afterNumber, d: cursor.sinceMs }), 'utf8').toString('base64url');
}

/** A cursor that is not ours, or was issued for another `depuis`, is refused (400). */
export function decodeFeedCursor(text: string, sinceMs: number): FeedCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalid();
  const { m, n, d } = parsed as { m?: unknown; n?: unknown; d?: unknown };
  if (typeof m !== 'number' || typeof n !== 'string' || typeof d !== 'number') throw invalid();
  if (d !== sinceMs) throw new RnecFault('PARAMETRE_INVALIDE', 'Le curseur ne correspond pas au paramètre depuis.');
  return { afterMs: m, afterNumber: n, sinceMs: d };
}

function invalid(): RnecFault {
  return new RnecFault('PARAMETRE_INVALIDE', 'Curseur invalide.');
}
