import { mapWithConcurrency } from '../../adapters/shared/index.js';
import type { LegacySystem } from '../../schema/index.js';
import type { LegacyRecordsByExternalReference } from './count-legacy-records.js';
import type { SubmissionOutcome } from './submit-with-retries.js';

/** One file of a submission its system holds no copy of, or more than one. */
export interface PieceFinding {
  readonly outcome: SubmissionOutcome;
  readonly legacyReference: string;
  readonly kind: string;
  readonly copies: number;
}

/** The files' counts of one system. */
export interface PiecesCount {
  /** Files filed with submissions that reached the system (each must be there once). */
  readonly expected: number;
  /** Of those, found exactly once. */
  readonly received: number;
}

export interface PiecesVerification extends PiecesCount {
  readonly lost: readonly PieceFinding[];
  readonly duplicated: readonly PieceFinding[];
  /** The same counts, for each system that takes documents (whether or not the plan gave it any). */
  readonly bySystem: Readonly<Partial<Record<LegacySystem, PiecesCount & { readonly lost: number; readonly duplicated: number }>>>;
}

/** A system's pieces as its own API lists them: each file's kind and sha256. */
interface HeldPiece {
  readonly kind: string | undefined;
  readonly sha256: string | undefined;
}

/** Where the verdict reads a system's pieces: the simulator's URL, and what a reader may need besides (CEET's key). */
export interface PiecesSources {
  readonly legacyUrls: Readonly<Record<LegacySystem, string>>;
  /** The adapters' variables the stack set (`CEET_API_KEY`…). */
  readonly adapterEnv: Readonly<Record<string, string>>;
}

type PiecesReader = (reference: string, sources: PiecesSources) => Promise<readonly HeldPiece[]>;

async function getJson(url: string, what: string, headers: Readonly<Record<string, string>> = {}): Promise<unknown> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status}`);
  return response.json();
}

/** Narrows an untrusted list of pieces to kind and sha256 under each system's own names. */
function piecesOf(list: unknown, kindKey: string, shaKey: string): readonly HeldPiece[] {
  if (!Array.isArray(list)) return [];
  return list.map((item: unknown) => {
    const piece = typeof item === 'object' && item !== null ? (item as Readonly<Record<string, unknown>>) : {};
    const kind = piece[kindKey];
    const sha256 = piece[shaKey];
    return { kind: typeof kind === 'string' ? kind : undefined, sha256: typeof sha256 === 'string' ? sha256 : undefined };
  });
}

const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Readonly<Record<string, unknown>>)[key] : undefined);

/**
 * One reader per system that takes documents, each in the system's own dialect (docs/documents.md, "Forwarding"):
 * the route an agent's screen lists a dossier's pieces from, the legacy number from Guichet's reference of the dossier.
 */
const piecesReaders: Readonly<Partial<Record<LegacySystem, PiecesReader>>> = {
  // SIGEM: MEM-2026-000123 → /api/v2/dossiers/2026/000123/pieces, { Succes, Donnees: { Pieces: [{ Nature, Empreinte }] } }.
  mines: async (reference, { legacyUrls }) => {
    const numero = reference.replace(/^MEM-(\d{4})-(\d+)$/, '$1/$2');
    const reply = await getJson(`${legacyUrls.mines}/api/v2/dossiers/${numero}/pieces`, `SIGEM's pieces of ${reference}`);
    return piecesOf(field(field(reply, 'Donnees'), 'Pieces'), 'Nature', 'Empreinte');
  },
  // CEET: CEET-2026-000123 → /v1/demandes/2026-000123/pieces (with its API key), { numero, total, pieces: [{ nature, empreinte }] }.
  ceet: async (reference, { legacyUrls, adapterEnv }) => {
    const numero = reference.replace(/^CEET-/, '');
    const reply = await getJson(`${legacyUrls.ceet}/v1/demandes/${numero}/pieces`, `CEET's pieces of ${reference}`, { 'x-api-key': adapterEnv.CEET_API_KEY ?? 'dev-ceet-key' });
    return piecesOf(field(reply, 'pieces'), 'nature', 'empreinte');
  },
  // Urbanisme: URB-2026-004321 → /api/dossiers/PC-2026-004321/pieces, { statut: "ok", numero, pieces: [{ type_piece, sha256 }] }
  // (errors come with HTTP 200 too: a reply without statut "ok" is one).
  urbanisme: async (reference, { legacyUrls }) => {
    const numero = reference.replace(/^URB-/, 'PC-');
    const reply = await getJson(`${legacyUrls.urbanisme}/api/dossiers/${numero}/pieces`, `Urbanisme's pieces of ${reference}`);
    if (field(reply, 'statut') !== 'ok') throw new Error(`Urbanisme's pieces of ${reference}: ${JSON.stringify(field(reply, 'code') ?? field(reply, 'statut'))}`);
    return piecesOf(field(reply, 'pieces'), 'type_piece', 'sha256');
  },
  // RNEC: RNEC-2026-000123 → its v2 face's /v2/demandes/DC-2026-000123/pieces, { pieces: [{ nature, empreinte }] } (one
  // store with its SOAP face's ListerPieces, whichever face the files came by).
  rnec: async (reference, { legacyUrls }) => {
    const numero = reference.replace(/^RNEC-/, 'DC-');
    const reply = await getJson(`${legacyUrls.rnec}/v2/demandes/${numero}/pieces`, `RNEC's pieces of ${reference}`);
    return piecesOf(field(reply, 'pieces'), 'nature', 'empreinte');
  },
};

/** The systems whose pieces the verdict can read. */
export const piecesSystems = Object.keys(piecesReaders) as LegacySystem[];

/**
 * The files' verdict, read from each system's simulator itself (its pieces route, as an agent's screen lists them):
 * every document of a submission that is in its system — accepted, or abandoned yet filed — is held exactly once under
 * its kind and sha256. The systems keep a file sent twice, so a second copy is Guichet's duplicate. A submission with
 * documents for a system without a reader is an error of the soak, not a pass.
 */
export async function verifyPieces(outcomes: readonly SubmissionOutcome[], legacy: LegacyRecordsByExternalReference, sources: PiecesSources): Promise<PiecesVerification> {
  const filed = outcomes.flatMap((outcome) => {
    const references = legacy.get(outcome.planned.externalReference) ?? [];
    // None: not filed (an abandoned one), or lost, which verifySubmissions reports; several: a duplicate, reported there too.
    return outcome.documents !== undefined && outcome.documents.length > 0 && references.length === 1 && outcome.result !== 'refused' ? [{ outcome, reference: references[0]! }] : [];
  });
  const lost: PieceFinding[] = [];
  const duplicated: PieceFinding[] = [];
  const bySystem = new Map(piecesSystems.map((system) => [system, { expected: 0, received: 0, lost: 0, duplicated: 0 }]));
  await mapWithConcurrency(filed, 4, async ({ outcome, reference }) => {
    const { system } = outcome.planned;
    const read = piecesReaders[system];
    const counts = bySystem.get(system);
    if (read === undefined || counts === undefined) throw new Error(`the soak filed documents with ${system}, whose pieces it cannot read: add a reader to piecesReaders`);
    const pieces = await read(reference, sources);
    for (const document of outcome.documents ?? []) {
      counts.expected += 1;
      const copies = pieces.filter((p) => p.kind === document.kind && p.sha256 === document.sha256).length;
      if (copies === 1) counts.received += 1;
      else {
        (copies === 0 ? lost : duplicated).push({ outcome, legacyReference: reference, kind: document.kind, copies });
        counts[copies === 0 ? 'lost' : 'duplicated'] += 1;
      }
    }
  });
  const totals = [...bySystem.values()];
  return {
    expected: totals.reduce((n, c) => n + c.expected, 0),
    received: totals.reduce((n, c) => n + c.received, 0),
    lost,
    duplicated,
    bySystem: Object.fromEntries(bySystem),
  };
}
