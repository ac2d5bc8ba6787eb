import type { IncomingMessage } from 'node:http';
import type { GraphQLResponse } from '@apollo/server';
import type { Principal } from '../../auth/index.js';
import type { ActiveSpan } from '../../lib/trace/index.js';
import type { LegacyCallRecord, SubgraphCallRecord } from './request-record.js';

/** What is learnt about one gateway request while it is served, gathered into its record at the end. */
export interface RequestObservation {
  readonly startedAtMs: number;
  /** `performance.now()` at arrival. */
  readonly startedAt: number;
  readonly traceId: string;
  readonly span: ActiveSpan;
  /** Span ids this request named as parent in its subgraph calls (see `watchSentSpans`). */
  readonly sentSpans: ReadonlySet<string>;
  principal?: Principal;
  operationName: string | null;
  operationType: string | null;
  /** The response as the plugins leave it (read at the end: a later plugin may still replace it). */
  response?: GraphQLResponse;
  readonly subgraphs: SubgraphCallRecord[];
  readonly legacyCalls: LegacyCallRecord[];
}

/**
 * Found from the HTTP request (the route) and from the request's context (plugins, data sources). Apollo Server
 * hands plugins and data sources a shallow copy of the context the factory built, so the observation travels in the
 * context itself, under a symbol (copied with it, invisible to anything else). Weak: nothing outlives a request.
 */
const byRequest = new WeakMap<IncomingMessage, RequestObservation>();
const observationKey = Symbol('guichet.requestObservation');

interface ObservationCarrier {
  [observationKey]?: RequestObservation;
}

export function observeRequest(req: IncomingMessage, observation: RequestObservation): void {
  byRequest.set(req, observation);
}

/** Called by the context factory's wrapper once the request's context exists. */
export function bindObservation(req: IncomingMessage, context: object): void {
  const observation = byRequest.get(req);
  if (observation !== undefined) (context as ObservationCarrier)[observationKey] = observation;
}

export function observationOf(context: object): RequestObservation | undefined {
  return (context as ObservationCarrier)[observationKey];
}
