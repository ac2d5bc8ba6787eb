import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { legacyCallEvents, type LegacyCallEvent } from '../../../adapters/shared/index.js';
import { callsReportExtensionKey, type CallsReport, type LegacyCallReport } from '../../../lib/metrics/index.js';
import { currentTrace } from '../../../lib/trace/index.js';

/** The legacy calls one subgraph request made, the gateway span it was called under, and whether it answered errors. */
export interface RequestCalls {
  readonly parentSpanId: string | null;
  readonly legacy: LegacyCallReport[];
  /** Set by `callsReportPlugin` when the response carries GraphQL errors. */
  errors: boolean;
}

/**
 * Requests being served, by the marker their trace scope carries (`TraceScope.request`): the scope already follows
 * the request everywhere (DataLoader batches included: they run in the context of the request that scheduled them),
 * and a second AsyncLocalStorage would cost every promise of the process once more.
 */
const collecting = new WeakMap<object, RequestCalls>();
let listening = false;

/** Starts collecting a request's legacy calls; run the request under a span whose `request` is the marker returned. */
export function collectRequestCalls(calls: RequestCalls): object {
  if (!listening) {
    // Once per process, whatever the number of servers in it: the request's own scope sorts the calls.
    listening = true;
    legacyCallEvents.subscribe(noteCall);
  }
  const marker = {};
  collecting.set(marker, calls);
  return marker;
}

function callsOfCurrentRequest(): RequestCalls | undefined {
  const marker = currentTrace()?.request;
  return marker === undefined ? undefined : collecting.get(marker);
}

function noteCall({ system, operation, durationMs, outcome, code }: LegacyCallEvent): void {
  const calls = callsOfCurrentRequest();
  if (calls === undefined || calls.legacy.length >= 1_000) return;
  calls.legacy.push({ system, operation, durationMs: Math.round(durationMs * 100) / 100, outcome, ...(code !== undefined ? { code } : {}) });
}

/**
 * Subgraph plugin: adds `extensions.guichetCalls: { parentSpanId, legacy: [...] }` to a response whose request called
 * a legacy system. The gateway removes it and lists the calls in the request's operational record.
 */
export function callsReportPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const calls = callsOfCurrentRequest();
          if (calls === undefined || response.body.kind !== 'single') return;
          if ((response.body.singleResult.errors?.length ?? 0) > 0) calls.errors = true;
          if (calls.legacy.length === 0) return;
          const report: CallsReport = { parentSpanId: calls.parentSpanId, legacy: calls.legacy };
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [callsReportExtensionKey]: report };
        },
      };
    },
  };
}
