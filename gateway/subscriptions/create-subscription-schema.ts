import { GraphQLError, type GraphQLFieldConfig, type GraphQLSchema } from 'graphql';
import type { Principal } from '../../auth/index.js';
import type { AuditEntry } from '../../audit/index.js';
import type { DossierEvent } from '../../events/index.js';
import type { Logger } from '../../lib/log/index.js';
import { companyAuditSubject, connectedMinistries, ErrorCode, errorMessages, isWellFormedReference, systemOfReference } from '../../schema/index.js';
import type { DossierEventHub } from './create-dossier-event-hub.js';
import { openEventStream, type EventStream, type StreamItem } from './open-event-stream.js';
import type { Ownership, OwnershipCheck } from './ownership-check.js';
import type { SubscriptionCaller } from './subscription-caller.js';
import { streamEndError, subscriptionRefusal } from './subscription-errors.js';
import type { SubscriptionLimits } from './subscription-limits.js';
import { withSubscriptionType } from './with-subscription-type.js';

export interface SubscriptionSchemaOptions {
  readonly hub: DossierEventHub;
  readonly ownership: OwnershipCheck;
  readonly limits: SubscriptionLimits;
  /** Events waiting for one slow client, at most. */
  readonly maxQueuedEvents: number;
  /** Appends to the audit trail: every event of a citizen's dossier delivered to anyone is an access to their data. */
  readonly audit: (entries: readonly AuditEntry[]) => Promise<unknown>;
  readonly log: Logger;
}

export interface SubscriptionSchema {
  readonly schema: GraphQLSchema;
  /** Streams open now. */
  openStreams(): number;
  /** Ends every open stream with its final message (`SHUTTING_DOWN`). */
  endAll(): void;
}

interface Args {
  readonly reference?: string;
  readonly after?: string | null;
}

const maxTimerMs = 2 ** 31 - 1;

/**
 * The gateway's own executable schema for subscription operations: the API schema with `Subscription` resolvers
 * over the dossier-event hub. Authorization happens twice: at subscribe time (a clear FORBIDDEN or NOT_FOUND), and
 * per event (only the caller's own dossiers, or their ministry's), so that nothing else can ever leak.
 */
export function createSubscriptionSchema(api: GraphQLSchema, { hub, ownership, limits, maxQueuedEvents, audit, log }: SubscriptionSchemaOptions): SubscriptionSchema {
  const schema = withSubscriptionType(api);
  const fields = schema.getSubscriptionType()?.getFields();
  const mine = fields?.myDossierEvents;
  const one = fields?.dossierEvents;
  if (!mine || !one) throw new Error('the API schema has no Subscription.myDossierEvents / dossierEvents');
  const open = new Set<EventStream>();

  const start = async (caller: SubscriptionCaller, after: string | undefined, accepts: (event: DossierEvent) => boolean, operationName: string) => {
    const release = await limits.acquire(caller.principal);
    const { principal } = caller;
    let expiry: NodeJS.Timeout | undefined;
    const stream = openEventStream({
      hub,
      after,
      accepts,
      maxQueued: maxQueuedEvents,
      onDelivered: (event) => {
        const entry: AuditEntry = {
          at: new Date().toISOString(),
          subject: principal.subject,
          role: principal.role,
          ...(principal.ministry ? { ministry: principal.ministry } : {}),
          clientId: principal.clientId,
          niu: event.ownerNiu,
          action: 'read',
          operationName,
          systems: [event.system],
          traceId: caller.traceId,
        };
        audit([entry]).catch((error: unknown) => log.error({ err: error, traceId: caller.traceId }, 'audit of a delivered dossier event failed'));
      },
      onEnd: (reason) => caller.ended.abort(reason),
      onClosed: () => {
        clearTimeout(expiry);
        open.delete(stream);
        release();
      },
    });
    open.add(stream);
    if (caller.expiresAtMs !== undefined) expiry = setTimeout(() => stream.end('TOKEN_EXPIRED'), Math.min(maxTimerMs, Math.max(0, caller.expiresAtMs - Date.now())));
    return stream;
  };

  const resolveItem = (item: StreamItem, _args: Args, caller: SubscriptionCaller) => {
    if (item.kind === 'end') throw streamEndError(item.reason);
    // SSE: the transport writes this cursor as the message's `id:` line (whatever the operation selects).
    caller.sentCursors?.push(item.event.cursor);
    return item.event;
  };
  const afterOf = (args: Args, caller: SubscriptionCaller) => {
    const after = args.after ?? caller.lastEventId;
    if (after !== undefined && !/^\d{1,40}$/.test(after)) throw subscriptionRefusal('BAD_USER_INPUT', 'INVALID_CURSOR');
    return after;
  };

  const mineConfig: Partial<GraphQLFieldConfig<StreamItem, SubscriptionCaller, Args>> = {
    subscribe: async (_root, args, caller) => {
      const { principal } = caller;
      if (principal.role === 'anonymous') throw subscriptionRefusal('UNAUTHENTICATED');
      if (principal.role !== 'citizen' || principal.niu === undefined) throw subscriptionRefusal('FORBIDDEN');
      const owners = dataOwnersOf(principal);
      return start(caller, afterOf(args, caller), (event) => owners.has(event.ownerNiu), 'myDossierEvents');
    },
    resolve: resolveItem,
  };
  const oneConfig: Partial<GraphQLFieldConfig<StreamItem, SubscriptionCaller, Args>> = {
    subscribe: async (_root, args, caller) => {
      const { principal } = caller;
      const reference = args.reference ?? '';
      if (principal.role === 'anonymous') throw subscriptionRefusal('UNAUTHENTICATED');
      const after = afterOf(args, caller);
      const system = systemOfReference(reference);
      if (!isWellFormedReference(reference) || system === undefined) throw subscriptionRefusal('NOT_FOUND');
      if (principal.role === 'agent') {
        const ministry = ministryOfPrefix(system);
        if (principal.ministry === undefined || ministry !== principal.ministry) throw subscriptionRefusal('FORBIDDEN');
        return start(caller, after, (event) => event.reference === reference && event.ministry === principal.ministry, 'dossierEvents');
      }
      if (principal.role !== 'citizen' || principal.niu === undefined) throw subscriptionRefusal('FORBIDDEN');
      let verdict: Ownership;
      try {
        verdict = await ownership(reference, caller);
      } catch (error) {
        log.warn({ err: error, traceId: caller.traceId }, 'dossier ownership check failed');
        verdict = { kind: 'failure', code: ErrorCode.BACKEND_UNAVAILABLE };
      }
      if (verdict.kind === 'refused') throw subscriptionRefusal(verdict.code);
      if (verdict.kind === 'failure') {
        // The caller's own rate limit, met by the read made on their behalf: theirs to see, as on /graphql.
        if (verdict.code === 'RATE_LIMITED') throw subscriptionRefusal('RATE_LIMITED');
        log.warn({ code: verdict.code, traceId: caller.traceId }, 'dossier ownership check: the graph could not say');
        throw new GraphQLError(errorMessages.BACKEND_UNAVAILABLE, { extensions: { code: ErrorCode.BACKEND_UNAVAILABLE } });
      }
      const owners = dataOwnersOf(principal);
      // The graph said yes; each event is still checked against whose data the caller may read.
      return start(caller, after, (event) => event.reference === reference && owners.has(event.ownerNiu), 'dossierEvents');
    },
    resolve: resolveItem,
  };
  Object.assign(mine, mineConfig);
  Object.assign(one, oneConfig);

  return {
    schema,
    openStreams: () => open.size,
    endAll: () => {
      for (const stream of open) stream.end('SHUTTING_DOWN');
    },
  };
}

/**
 * Whose dossiers a citizen follows, as events name their owner: their own NIU, and each company their token says they
 * represent (`company:<NIF>`, the signed `companies` claim) — the graph's rule for reading a company's dossier.
 */
function dataOwnersOf(principal: Principal): ReadonlySet<string> {
  return new Set([...(principal.niu === undefined ? [] : [principal.niu]), ...(principal.companies ?? []).map(companyAuditSubject)]);
}

/** A reference's prefix (`CEET`) names its system; the registry names the system's ministry. */
function ministryOfPrefix(prefix: string): string | undefined {
  return connectedMinistries.find((m) => m.system.referencePrefix === prefix)?.code;
}
