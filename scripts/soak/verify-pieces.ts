import { mapWithConcurrency } from '../../adapters/shared/index.js';
import type { LegacyRecordsByExternalReference } from './count-legacy-records.js';
import type { SubmissionOutcome } from './submit-with-retries.js';

/** One file of a submission SIGEM holds no copy of, or more than one. */
export interface PieceFinding {
  readonly outcome: SubmissionOutcome;
  readonly legacyReference: string;
  readonly kind: string;
  readonly copies: number;
}

export interface PiecesVerification {
  /** Files filed with submissions that reached SIGEM (each must be there once). */
  readonly expected: number;
  /** Of those, found exactly once. */
  readonly received: number;
  readonly lost: readonly PieceFinding[];
  readonly duplicated: readonly PieceFinding[];
}

interface PiecesReply {
  readonly Donnees?: { readonly Pieces?: readonly { readonly Nature?: string; readonly Empreinte?: string }[] };
}

/**
 * The files' verdict, read from SIGEM's simulator itself (its pieces route, as an agent's screen lists them): every
 * document of a submission that is in SIGEM — accepted, or abandoned yet filed — is held exactly once under its
 * kind and sha256. SIGEM keeps a file sent twice, so a second copy is Guichet's duplicate.
 */
export async function verifyPieces(outcomes: readonly SubmissionOutcome[], legacy: LegacyRecordsByExternalReference, minesUrl: string): Promise<PiecesVerification> {
  const filed = outcomes.flatMap((outcome) => {
    const references = legacy.get(outcome.planned.externalReference) ?? [];
    // None: not filed (an abandoned one), or lost, which verifySubmissions reports; several: a duplicate, reported there too.
    return outcome.documents !== undefined && outcome.documents.length > 0 && references.length === 1 && outcome.result !== 'refused' ? [{ outcome, reference: references[0]! }] : [];
  });
  const lost: PieceFinding[] = [];
  const duplicated: PieceFinding[] = [];
  let expected = 0;
  let received = 0;
  await mapWithConcurrency(filed, 4, async ({ outcome, reference }) => {
    const numero = reference.replace(/^MEM-(\d{4})-(\d+)$/, '$1/$2');
    const response = await fetch(`${minesUrl}/api/v2/dossiers/${numero}/pieces`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`SIGEM's pieces of ${reference}: HTTP ${response.status}`);
    const pieces = ((await response.json()) as PiecesReply).Donnees?.Pieces ?? [];
    for (const document of outcome.documents ?? []) {
      expected += 1;
      const copies = pieces.filter((p) => p.Nature === document.kind && p.Empreinte === document.sha256).length;
      if (copies === 1) received += 1;
      else (copies === 0 ? lost : duplicated).push({ outcome, legacyReference: reference, kind: document.kind, copies });
    }
  });
  return { expected, received, lost, duplicated };
}
