import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { z } from 'zod';
import { accessExtensionKey } from './access-report-plugin.js';
import type { AccessAction } from './audit-record.js';

/** A subgraph's response as the gateway's data source receives it (taken from the gateway's own declarations). */
export type SubgraphResponse = Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]['response'];

/** Everything one gateway request touched, per (NIU, action). */
export interface AccessLedger {
  readonly touched: Map<string, { readonly niu: string; readonly action: AccessAction; readonly systems: Set<string>; readonly subgraphs: Set<string> }>;
  /** Subgraphs whose report could not be read: the request's audit is incomplete. */
  readonly malformedFrom: Set<string>;
}

const accessReport = z.array(z.object({ niu: z.string().min(1), system: z.string().min(1), action: z.enum(['read', 'write']) }));

/**
 * Keyed by the request's context object: Apollo Server hands the same object to the gateway's data sources and to
 * plugins, so the data source and `auditPlugin` meet here without a field of their own in the context type. Weak:
 * a request whose response never reaches the plugin leaves nothing behind.
 */
const ledgers = new WeakMap<object, AccessLedger>();

function ledgerOf(context: object): AccessLedger {
  let ledger = ledgers.get(context);
  if (!ledger) ledgers.set(context, (ledger = { touched: new Map(), malformedFrom: new Set() }));
  return ledger;
}

/** Hands over (and forgets) what a request touched; `undefined` when it touched nothing. */
export function takeAccessLedger(context: object): AccessLedger | undefined {
  const ledger = ledgers.get(context);
  ledgers.delete(context);
  return ledger;
}

/**
 * Gateway side, for each subgraph response (`RemoteGraphQLDataSource.didReceiveResponse`): notes the subgraph's
 * access report against the request's context and returns the response without it.
 */
export function collectAccess(context: object, response: SubgraphResponse, subgraph = 'unknown'): SubgraphResponse {
  const extensions = response.extensions;
  if (!extensions || !(accessExtensionKey in extensions)) return response;
  const { [accessExtensionKey]: report, ...rest } = extensions;
  const ledger = ledgerOf(context);
  const parsed = accessReport.safeParse(report);
  if (!parsed.success) ledger.malformedFrom.add(subgraph);
  for (const { niu, system, action } of parsed.success ? parsed.data : []) {
    const key = `${niu}\u0000${action}`;
    let touched = ledger.touched.get(key);
    if (!touched) ledger.touched.set(key, (touched = { niu, action, systems: new Set(), subgraphs: new Set() }));
    touched.systems.add(system);
    touched.subgraphs.add(subgraph);
  }
  const { extensions: _removed, ...withoutExtensions } = response;
  return Object.keys(rest).length > 0 ? { ...withoutExtensions, extensions: rest } : withoutExtensions;
}

/** What a request touched, as a copy that outlives it: replayed for a later request served the same answer. */
export type AccessSnapshot = readonly { readonly niu: string; readonly action: AccessAction; readonly systems: readonly string[]; readonly subgraphs: readonly string[] }[];

/** A copy of what the request of `context` touched so far; `undefined` when a subgraph's report could not be read. */
export function snapshotAccess(context: object): AccessSnapshot | undefined {
  const ledger = ledgers.get(context);
  if (ledger === undefined) return [];
  if (ledger.malformedFrom.size > 0) return undefined;
  return [...ledger.touched.values()].map(({ niu, action, systems, subgraphs }) => ({ niu, action, systems: [...systems], subgraphs: [...subgraphs] }));
}

/**
 * Notes against the request of `context` the access another request made for the same answer: a response served
 * again (the gateway's private response cache) shows the same personal data, so it leaves with the same records.
 */
export function replayAccess(context: object, snapshot: AccessSnapshot): void {
  const ledger = ledgerOf(context);
  for (const { niu, action, systems, subgraphs } of snapshot) {
    const key = `${niu}\u0000${action}`;
    let touched = ledger.touched.get(key);
    if (!touched) ledger.touched.set(key, (touched = { niu, action, systems: new Set(), subgraphs: new Set() }));
    for (const system of systems) touched.systems.add(system);
    for (const subgraph of subgraphs) touched.subgraphs.add(subgraph);
  }
}
