import type { IncomingMessage } from 'node:http';
import { sendJson, type RouteHandler } from '../../../lib/http/index.js';
import type { Logger } from '../../../lib/log/index.js';
import { isOutboxUnavailableError, type OutboxSystem, type SubmissionOutcome, type SubmissionStore } from '../../../outbox/index.js';
import { companyAuditSubject, errorMessages, type MinistryCode } from '../../../schema/index.js';
import type { OutboxOutcomeItem, OutboxOutcomesAnswer } from './outbox-outcome-answer.js';

export interface OutboxOutcomesRouteOptions {
  readonly store: SubmissionStore;
  /** The subgraph's system: a PostgreSQL outbox may hold other ministries' rows too. */
  readonly system: OutboxSystem;
  readonly ministry: MinistryCode;
  /** The gateway's internal token, as on `/graphql`: anything it rejects gets 401. */
  readonly authenticate: (req: IncomingMessage) => Promise<unknown>;
  readonly log: Logger;
}

export const OUTBOX_OUTCOMES_PATH = '/internal/outbox-outcomes';
export const OUTBOX_OUTCOMES_DEFAULT_LIMIT = 100;
export const OUTBOX_OUTCOMES_MAX_LIMIT = 1_000;

const noStore = { 'cache-control': 'no-store' };

/**
 * `GET /internal/outbox-outcomes?after=<cursor>&limit=N`: the ministry's outbox as a feed of outcomes (each queued
 * submission delivered or rejected), for the supervision subgraph, which turns them into dossier events. Without
 * `after`: no outcome, and `next` is the head (a reader that starts now wants only new ones). A cursor beyond the
 * head (another outbox's) gets no outcome and `next` = the head.
 */
export function createOutboxOutcomesRoute(options: OutboxOutcomesRouteOptions): RouteHandler {
  const { store, system, ministry, authenticate, log } = options;
  const item = (o: SubmissionOutcome): OutboxOutcomeItem => ({
    cursor: String(o.sequence),
    reference: o.outcome === 'delivered' && o.legacyReference !== null ? o.legacyReference : o.externalReference,
    submissionReference: o.externalReference,
    // Whose dossier it is, as its feed events say it: a company's is its own (`company:<NIF>`), not the filer's.
    ownerNiu: o.companyNif === null ? o.applicantNiu : companyAuditSubject(o.companyNif),
    ministry,
    system: o.system,
    procedure: o.procedureCode,
    outcome: o.outcome === 'delivered' ? 'DELIVERED' : 'REJECTED',
    at: new Date(o.at).toISOString(),
    ...(o.outcome === 'rejected' && o.rejectionMessage !== null ? { reason: o.rejectionMessage } : {}),
  });

  return async (req, res, url) => {
    try {
      await authenticate(req);
    } catch (error) {
      log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'outbox outcomes: refused, not from a Guichet service');
      return sendJson(res, 401, { errors: [{ message: errorMessages.UNAUTHENTICATED, extensions: { code: 'UNAUTHENTICATED' } }] }, { 'www-authenticate': 'Bearer', ...noStore });
    }
    const after = url.searchParams.get('after');
    const limitText = url.searchParams.get('limit');
    if (after !== null && !/^\d{1,15}$/.test(after)) return sendJson(res, 400, { error: '?after= must be a cursor (decimal digits)' }, noStore);
    const limit = limitText === null ? OUTBOX_OUTCOMES_DEFAULT_LIMIT : /^\d{1,5}$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!(limit >= 1 && limit <= OUTBOX_OUTCOMES_MAX_LIMIT)) return sendJson(res, 400, { error: `?limit= must be a whole number from 1 to ${OUTBOX_OUTCOMES_MAX_LIMIT}` }, noStore);
    try {
      let answer: OutboxOutcomesAnswer;
      if (after === null) answer = { outcomes: [], next: String(await store.outcomeHead({ system })) };
      else {
        const page = await store.outcomesAfter(Number(after), limit, { system });
        // Nothing after a cursor beyond the head: the outbox is not the one the reader was reading (a new file or
        // database). `next` is then the head, below the cursor asked for, so the reader can tell and start over.
        const next = page.outcomes.length === 0 ? Math.min(page.next, await store.outcomeHead({ system })) : page.next;
        answer = { outcomes: page.outcomes.map(item), next: String(next) };
      }
      return sendJson(res, 200, answer, noStore);
    } catch (error) {
      if (!isOutboxUnavailableError(error)) throw error;
      log.warn({ err: error }, 'outbox outcomes: the outbox store is unavailable');
      return sendJson(res, 503, { error: 'outbox store unavailable' }, { 'retry-after': '1', ...noStore });
    }
  };
}
