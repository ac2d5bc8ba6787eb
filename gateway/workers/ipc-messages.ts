import type { AuditEntry, AuditRecord, AuditState, AuditVerification, ChainTip, ListForNiuOptions } from '../../audit/index.js';
import type { RequestRecord } from '../request-records/index.js';
import type { RateDecision, RateRule } from '../rate-limit/index.js';
import type { SupergraphChange } from '../supergraph/index.js';

/** What a worker asks the primary, which owns the state all workers must share (the audit chain, rate limits). */
export type WorkerCall =
  | { readonly method: 'audit.open' }
  | { readonly method: 'audit.append'; readonly entries: readonly AuditEntry[] }
  | { readonly method: 'audit.listForNiu'; readonly niu: string; readonly options?: ListForNiuOptions }
  | { readonly method: 'audit.verify' }
  /** Where the trail stands with its witness (for /ready, and before a mutation). */
  | { readonly method: 'audit.state' }
  | { readonly method: 'rateLimit.hit'; readonly key: string; readonly rule: RateRule; readonly nowMs: number }
  /** A batch of operational records for the primary, their one writer. */
  | { readonly method: 'records.append'; readonly records: readonly RequestRecord[] }
  /** The whole gateway's metrics (every worker's and the primary's), as Prometheus text. */
  | { readonly method: 'metrics.cluster' };

/** The result type of each call. */
export interface WorkerCallResults {
  'audit.open': ChainTip;
  'audit.append': readonly AuditRecord[];
  'audit.listForNiu': readonly AuditRecord[];
  'audit.verify': AuditVerification;
  'audit.state': AuditState;
  'rateLimit.hit': RateDecision;
  'records.append': null;
  'metrics.cluster': string;
}

export interface Call {
  readonly id: number;
  readonly call: WorkerCall;
}

export interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly result?: unknown;
  /** The primary's error message; the worker fails the request with it. */
  readonly error?: string;
}

/** Calls and replies travel in batches: one IPC message per event-loop turn, not one per request. */
export interface CallMessage {
  readonly kind: 'guichet.calls';
  readonly calls: readonly Call[];
}

export interface ReplyMessage {
  readonly kind: 'guichet.replies';
  readonly replies: readonly Reply[];
}

/** A worker is serving (url), or the primary asks it to stop. */
export type LifecycleMessage = { readonly kind: 'guichet.listening'; readonly url: string } | { readonly kind: 'guichet.shutdown' };

export function isCallMessage(message: unknown): message is CallMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'guichet.calls';
}

export function isReplyMessage(message: unknown): message is ReplyMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'guichet.replies';
}

export function isLifecycleMessage(message: unknown): message is LifecycleMessage {
  const kind = typeof message === 'object' && message !== null ? (message as { kind?: unknown }).kind : undefined;
  return kind === 'guichet.listening' || kind === 'guichet.shutdown';
}

/** The primary asks a worker for its metrics registry (prom-client JSON), for a scrape that reached any worker. */
export interface MetricsRequestMessage {
  readonly kind: 'guichet.metrics-request';
  readonly id: number;
}

export interface MetricsReplyMessage {
  readonly kind: 'guichet.metrics-reply';
  readonly id: number;
  readonly metrics: unknown[];
}

export function isMetricsRequest(message: unknown): message is MetricsRequestMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'guichet.metrics-request';
}

export function isMetricsReply(message: unknown): message is MetricsReplyMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'guichet.metrics-reply' && Array.isArray((message as { metrics?: unknown }).metrics);
}

/** The primary relays a supergraph change (SIGHUP, the file, a polled URL's text) to every worker, which reloads. */
export interface SupergraphReloadMessage {
  readonly kind: 'guichet.supergraph-reload';
  readonly change: SupergraphChange;
}

export function isSupergraphReloadMessage(message: unknown): message is SupergraphReloadMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'guichet.supergraph-reload';
}
