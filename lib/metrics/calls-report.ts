/**
 * What a subgraph tells the gateway about the legacy calls one request made, in a response extension the gateway
 * removes (as it does with the audit's access report): the operational record of the request lists them. The
 * gateway's span id the subgraph was called under comes back with it: an answer served to another request (a shared
 * read, a cached one) names another span, so its calls are not counted twice.
 */
export const callsReportExtensionKey = 'guichetCalls';

export interface LegacyCallReport {
  readonly system: string;
  readonly operation: string;
  readonly durationMs: number;
  readonly outcome: 'ok' | 'error';
  readonly code?: string;
}

export interface CallsReport {
  /** The span id of the `traceparent` the subgraph request came with. */
  readonly parentSpanId: string | null;
  readonly legacy: readonly LegacyCallReport[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a report defensively: whatever does not fit the shape is left out, never trusted. */
export function parseCallsReport(value: unknown): CallsReport | undefined {
  if (!isRecord(value) || !Array.isArray(value.legacy)) return undefined;
  const legacy: LegacyCallReport[] = [];
  for (const item of value.legacy.slice(0, 1_000)) {
    if (!isRecord(item)) continue;
    const { system, operation, durationMs, outcome, code } = item;
    if (typeof system !== 'string' || typeof operation !== 'string' || typeof durationMs !== 'number' || (outcome !== 'ok' && outcome !== 'error')) continue;
    legacy.push({ system: system.slice(0, 32), operation: operation.slice(0, 128), durationMs, outcome, ...(typeof code === 'string' ? { code: code.slice(0, 64) } : {}) });
  }
  return { parentSpanId: typeof value.parentSpanId === 'string' ? value.parentSpanId : null, legacy };
}
