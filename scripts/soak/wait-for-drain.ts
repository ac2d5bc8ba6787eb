import { setTimeout as sleep } from 'node:timers/promises';
import { mapWithConcurrency } from '../../adapters/shared/index.js';
import { postGraphQL } from './post-graphql.js';
import type { TokenSource } from './create-token-source.js';

/** A dossier to watch until it leaves QUEUED: its Guichet reference and whose it is. */
export interface DrainTarget {
  readonly reference: string;
  readonly applicantNiu: string;
}

export interface DrainResult {
  /** Every target left QUEUED (or is unknown) before the deadline. */
  readonly drained: boolean;
  /** Still QUEUED, or unreadable, at the deadline. */
  readonly pending: readonly string[];
  /** Last status read per reference (`SUBMITTED`, `REJECTED`…, or `NOT_FOUND`). */
  readonly finalStatus: ReadonlyMap<string, string>;
  readonly durationMs: number;
}

export interface DrainOptions {
  readonly gatewayUrl: string;
  readonly tokens: TokenSource;
  readonly query: string;
  readonly deadline: number;
  readonly requestTimeoutMs: number;
  readonly log: (line: string) => void;
}

/**
 * Polls each target's status through the graph, as the citizen's app would, until none is QUEUED: the outboxes
 * have then delivered (or refused) everything they held. A target unknown to the graph (`NOT_FOUND`) is final:
 * never stored, nothing to wait for (the legacy check decides whether that is a loss).
 */
export async function waitForDrain(targets: readonly DrainTarget[], { gatewayUrl, tokens, query, deadline, requestTimeoutMs, log }: DrainOptions): Promise<DrainResult> {
  const startedAt = Date.now();
  const finalStatus = new Map<string, string>();
  let pending = [...targets];
  let lastLog = 0;
  while (pending.length > 0 && Date.now() < deadline) {
    const still = await mapWithConcurrency(pending, 8, async (target) => {
      const token = await tokens.citizen(target.applicantNiu).catch(() => undefined);
      if (!token) return target;
      const result = await postGraphQL(gatewayUrl, query, { reference: target.reference }, token, Math.min(requestTimeoutMs, Math.max(1, deadline - Date.now())));
      if (result.kind !== 'graphql') return target;
      const dossier = result.data?.dossier;
      const status = typeof dossier === 'object' && dossier !== null && 'status' in dossier && typeof dossier.status === 'string' ? dossier.status : undefined;
      const code = result.errors[0]?.extensions?.code;
      if (status) finalStatus.set(target.reference, status);
      else if (code === 'NOT_FOUND') finalStatus.set(target.reference, 'NOT_FOUND');
      return status === 'QUEUED' || (!status && code !== 'NOT_FOUND') ? target : undefined;
    });
    pending = still.filter((t): t is DrainTarget => t !== undefined);
    if (Date.now() - lastLog > 5_000) {
      log(`drain: ${pending.length}/${targets.length} still queued`);
      lastLog = Date.now();
    }
    if (pending.length > 0) await sleep(Math.min(1_000, Math.max(0, deadline - Date.now())));
  }
  return { drained: pending.length === 0, pending: pending.map((t) => t.reference), finalStatus, durationMs: Date.now() - startedAt };
}
