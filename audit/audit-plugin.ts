import { randomBytes } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Principal } from '../auth/index.js';
import type { Logger } from '../lib/log/index.js';
import { ErrorCode, errorMessages } from '../schema/error-codes.js';
import type { AuditEntry } from './audit-record.js';
import type { AuditStore } from './audit-store.js';
import { takeAccessLedger, type AccessLedger } from './collect-access.js';

/** What the audit needs from the gateway's request context. */
export interface AuditedContext extends BaseContext {
  /** The verified caller (absent: recorded as anonymous, which should never touch personal data). */
  readonly principal?: Principal;
  /** W3C trace id of the request. */
  readonly traceId?: string;
}

export interface AuditPluginOptions {
  readonly store: AuditStore;
  readonly log: Logger;
  /**
   * When the records cannot be written: withhold the response (`true`, default) or send it anyway (`false`).
   * Withholding is the rule "no record, no data": personal data leaves only with its trace. Mutations stay safe
   * to retry because every one takes an idempotency key.
   */
  readonly failClosed?: boolean;
  /** Clock (tests). */
  readonly now?: () => Date;
}

/**
 * Gateway plugin: once the response is ready, writes one record per (NIU, action) that the subgraphs reported
 * for this request (see `collectAccess`): who asked, whose data, which operation and systems, when, trace id.
 *
 * No record, no data: when the records cannot be written (the append fails, or the trail is not vouched for by its
 * witness) the response is replaced by `AUDIT_UNAVAILABLE` (HTTP 503). Every mutation writes personal data (an
 * application), so while the store says it accepts no records a mutation is refused before it runs: a write must
 * not reach a ministry with no record of it.
 */
export function auditPlugin<C extends AuditedContext>({ store, log, failClosed = true, now = () => new Date() }: AuditPluginOptions): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (!failClosed || operation?.operation !== 'mutation' || !store.state) return;
          const state = await store.state();
          if (state.accepting) return;
          log.error({ status: state.status, reason: state.reason }, 'mutation refused: the audit trail accepts no records');
          throw auditUnavailable();
        },
        async willSendResponse(requestContext) {
          const { contextValue, response } = requestContext;
          const operationName = requestContext.operationName ?? requestContext.request.operationName ?? null;
          const written = await auditAccess({ store, log, now }, contextValue, operationName);
          if (written || !failClosed || response.body.kind !== 'single') return;
          response.body.singleResult = { data: null, errors: [{ message: errorMessages.AUDIT_UNAVAILABLE, extensions: { code: ErrorCode.AUDIT_UNAVAILABLE } }] };
          response.http.status = 503;
        },
      };
    },
  };
}

/**
 * Writes one record per (NIU, action) that the subgraphs reported so far for the request of `context`, and forgets
 * them. `false` when they could not be written: the data they cover must not leave (a response sent in parts, as
 * `@defer` does, calls this before each part). `true` when there was nothing to write.
 */
export async function auditAccess({ store, log, now = () => new Date() }: Pick<AuditPluginOptions, 'store' | 'log' | 'now'>, context: AuditedContext, operationName: string | null): Promise<boolean> {
  const ledger = takeAccessLedger(context);
  if (!ledger) return true;
  const traceId = context.traceId ?? randomBytes(16).toString('hex');
  const entries = entriesOf(ledger, context.principal, operationName, traceId, now().toISOString());
  let written = true;
  if (ledger.malformedFrom.size > 0) {
    written = false;
    log.error({ subgraphs: [...ledger.malformedFrom], traceId, operationName }, 'unreadable access report from a subgraph: audit incomplete');
  }
  try {
    await store.append(entries);
  } catch (error) {
    written = false;
    // Never the entries themselves: they carry NIUs.
    log.error({ err: error, records: entries.length, traceId, operationName }, 'audit append failed');
  }
  return written;
}

function entriesOf(ledger: AccessLedger, principal: Principal | undefined, operationName: string | null, traceId: string, at: string): AuditEntry[] {
  return [...ledger.touched.values()].map(({ niu, action, systems, subgraphs }) => ({
    at,
    subject: principal?.subject ?? 'anonymous',
    role: principal?.role ?? 'anonymous',
    ...(principal?.ministry ? { ministry: principal.ministry } : {}),
    clientId: principal?.clientId ?? 'anonymous',
    niu,
    action,
    operationName,
    systems: [...systems].sort(),
    subgraphs: [...subgraphs].sort(),
    traceId,
  }));
}

function auditUnavailable(): GraphQLError {
  return new GraphQLError(errorMessages.AUDIT_UNAVAILABLE, { extensions: { code: ErrorCode.AUDIT_UNAVAILABLE, http: { status: 503 } } });
}
