import { randomBytes } from 'node:crypto';
import type { AuditEntry } from '../../audit/index.js';
import type { Logger } from '../../lib/log/index.js';
import { documentAuditEntry, type DocumentActor } from '../document-audit-entry.js';
import type { DocumentStore } from '../storage/index.js';

export interface DocumentSweepOptions {
  readonly store: DocumentStore;
  /** How long a document no dossier references is kept (`DOCUMENTS_UNREFERENCED_TTL_MS`). */
  readonly unreferencedTtlMs: number;
  readonly audit: (entries: readonly AuditEntry[]) => Promise<unknown>;
  readonly log: Logger;
  /** Default `Date.now`. */
  readonly clock?: () => number;
  /** Documents deleted per round at most (a round runs again at once while it finds a full batch). Default 100. */
  readonly batchSize?: number;
}

/** Guichet itself, as the audit trail names the sweep. */
const sweeper = { subject: 'guichet:documents-sweep', role: 'system', clientId: 'guichet' } as const;

/**
 * One sweep: deletes every document uploaded more than the TTL ago that no dossier references, and audits each
 * deletion. Several processes may sweep the same store (the gateway's workers, its replicas): `delete` answers true
 * to one of them only, and that one audits. The delete comes first: a deletion discloses nothing, and auditing first
 * would record deletions another sweeper then performs. Answers how many documents this call deleted.
 */
export async function sweepUnreferencedDocuments({ store, unreferencedTtlMs, audit, log, clock = Date.now, batchSize = 100 }: DocumentSweepOptions): Promise<number> {
  let deleted = 0;
  for (;;) {
    const cutoff = new Date(clock() - unreferencedTtlMs);
    const batch = await store.listUnreferencedBefore(cutoff, batchSize);
    const actor: DocumentActor = { ...sweeper, traceId: randomBytes(16).toString('hex') };
    const entries: AuditEntry[] = [];
    for (const document of batch) {
      if (await store.delete(document.id)) entries.push(documentAuditEntry('document:delete', document, actor, new Date(clock())));
    }
    if (entries.length > 0) {
      try {
        await audit(entries);
      } catch (error) {
        // The documents are gone already; say loudly which deletions the trail is missing.
        log.error({ err: error, traceId: actor.traceId, documents: entries.length }, 'unreferenced documents deleted but not audited');
      }
      log.info({ traceId: actor.traceId, documents: entries.length }, 'unreferenced documents deleted');
    }
    deleted += entries.length;
    if (batch.length < batchSize) return deleted;
  }
}

/** Runs the sweep every `intervalMs` until stopped; a failed round is logged and the next one tries again. */
export function startDocumentSweep(options: DocumentSweepOptions & { readonly intervalMs: number }): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweepUnreferencedDocuments(options).catch((error: unknown) => options.log.warn({ err: error }, 'documents sweep failed; the next round tries again'));
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
