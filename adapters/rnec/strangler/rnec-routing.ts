import type { RnecAdapter } from '../types.js';

/** Which API of the civil registry answers an operation: SOAP v1, REST v2, or one answering and the other shadowing. */
export type RnecMode = 'soap' | 'rest' | 'shadow';
export const rnecModes: readonly RnecMode[] = ['soap', 'rest', 'shadow'];

export type RnecAdapterOperation = keyof RnecAdapter;

/** The adapter's public operations: what `RNEC_MODE_OVERRIDES` may name. */
export const rnecAdapterOperations: readonly RnecAdapterOperation[] = [
  'getCitizen',
  'getCitizens',
  'listActs',
  'getAct',
  'getActs',
  'requestCopy',
  'getCopyRequest',
  'getCopyRequests',
  'findCopyRequestByExternalReference',
  'listCopyRequests',
  'listChangedCopyRequests',
  'listPieces',
  'sendPieces',
];

/** Writes are never shadowed: sent twice, they would file two requests (RNEC's writes are not idempotent). */
export const rnecWriteOperations: ReadonlySet<RnecAdapterOperation> = new Set(['requestCopy', 'sendPieces']);

export interface RnecRouting {
  /** Every operation's mode unless overridden. Default soap. */
  readonly mode: RnecMode;
  readonly overrides?: Readonly<Partial<Record<RnecAdapterOperation, RnecMode>>>;
  /** In shadow mode, the path whose answer is returned; the other one is only compared. Default soap. */
  readonly shadowPrimary?: 'soap' | 'rest';
  /** Longest wait for a shadow call (its own deadline; no retry). Default 2000. */
  readonly shadowTimeoutMs?: number;
  /** Shadow calls in flight at once; beyond, the comparison is skipped and counted. Default 16. */
  readonly shadowMaxInFlight?: number;
}

export const defaultRnecRouting: RnecRouting = { mode: 'soap' };

export function modeOf(routing: RnecRouting, operation: RnecAdapterOperation): RnecMode {
  return routing.overrides?.[operation] ?? routing.mode;
}

/**
 * `getCitizens:rest,listChangedCopyRequests:shadow` → overrides, or the problems found (each names the entry and
 * what is allowed), for a start-up message an operator can act on.
 */
export function parseModeOverrides(text: string): { readonly overrides: Partial<Record<RnecAdapterOperation, RnecMode>>; readonly problems: readonly string[] } {
  const overrides: Partial<Record<RnecAdapterOperation, RnecMode>> = {};
  const problems: string[] = [];
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0)) {
    const [name = '', mode = '', ...rest] = entry.split(':').map((part) => part.trim());
    if (rest.length > 0 || name === '' || mode === '') {
      problems.push(`expected operation:mode, comma-separated (at "${entry}")`);
      continue;
    }
    const operation = rnecAdapterOperations.find((op) => op === name);
    if (operation === undefined) problems.push(`unknown operation "${name}" (expected one of ${rnecAdapterOperations.join(', ')})`);
    const known = rnecModes.find((m) => m === mode);
    if (known === undefined) problems.push(`unknown mode "${mode}" for ${name} (expected soap, rest or shadow)`);
    if (operation !== undefined && known !== undefined) {
      if (operation in overrides) problems.push(`operation "${name}" given twice`);
      overrides[operation] = known;
    }
  }
  return { overrides, problems };
}
