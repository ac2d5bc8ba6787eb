import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { legacyCallEvents, type LegacyCallEvent } from '../../../adapters/shared/index.js';
import { callsReportExtensionKey, type CallsReport, type LegacyCallReport } from '../../../lib/metrics/index.js';

/** The legacy calls one subgraph request made, the gateway span it was called under, and whether it answered errors. */
export interface RequestCalls {
  readonly parentSpanId: string | null;
  readonly legacy: LegacyCallReport[];
  /** Set by `callsReportPlugin` when the response carries GraphQL errors. */
  errors: boolean;
}

const storage = new AsyncLocalStorage<RequestCalls>();
let listening = false;

/**
 * Runs one subgraph request so that every legacy call made on its behalf (DataLoader batches included: they run in
 * the context of the request that scheduled them) is noted for its report to the gateway.
 */
export function collectRequestCalls<T>(calls: RequestCalls, fn: () => T): T {
  if (!listening) {
    // Once per process, whatever the number of servers in it: the request's own store sorts the calls.
    listening = true;
    legacyCallEvents.subscribe(noteCall);
  }
  return storage.run(calls, fn);
}

function noteCall({ system, operation, durationMs, outcome, code }: LegacyCallEvent): void {
  const calls = storage.getStore();
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
          const calls = storage.getStore();
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
