import { defaultManifestPath, readManifest } from '../gateway/trusted-documents/index.js';
import type { LegacySystem } from '../schema/index.js';
import type { ScenarioName } from './bench-options.js';
import type { BenchKeys } from './bench-world.js';
import type { Caller } from './credential-pool.js';

/** Every ministry system of the stack (the bench switches their latency together and counts their calls). */
export type LegacySystemName = LegacySystem;

/** One request body of a scenario, and the caller (index into `callers`) whose tokens go with it. */
export interface ScenarioRequest {
  readonly body: Buffer;
  readonly caller: number;
}

export interface Scenario {
  readonly name: ScenarioName;
  /** The trusted operation every gateway is sent (`clients/operations/<name>.graphql`). */
  readonly operationName: string;
  /** Every gateway gets these same bodies, in the same order. */
  readonly requests: readonly ScenarioRequest[];
  /** The subgraph that answers this scenario alone, and what it is asked for the same data, when there is one. */
  readonly direct?: { readonly subgraph: string; readonly requests: readonly ScenarioRequest[] };
  /**
   * At most this many legacy calls per operation per system (`agent-list`: one batch call per batch-size keys, the
   * issue's target). Systems not named: no bound.
   */
  readonly legacyCallBound?: Readonly<Partial<Record<LegacySystemName, number>>>;
}

/** What the electricity subgraph is asked directly for `status`: the same fields, by its own root field. */
const directStatusDocument =
  'query DossierStatusDirect($reference: ID!) {\n  electricityConnectionRequest(reference: $reference) {\n    reference\n    status\n    ministryStatus\n    updatedAt\n    nextAction\n  }\n}';

/** The pages' size in AgentDossiers.graphql, and RNEC's identity batch size (adapters/rnec: MAX_NIU_PER_CALL). */
const agentPageSize = 100;
const rnecNiusPerCall = 50;

/**
 * The four scenarios of the issue over the picked keys. Bodies are the manifest's exact document text (the
 * gateway trusts a full document by its hash, in production too), built once so the load generator only copies
 * them; the callers list (anonymous, an ENERGY agent, then one citizen per NIU) is shared by all scenarios.
 */
export function buildScenarios(keys: BenchKeys, names: readonly ScenarioName[]): { readonly scenarios: Scenario[]; readonly callers: Caller[] } {
  const manifest = readManifest(defaultManifestPath());
  const documentOf = (name: string): string => {
    const operation = manifest.operations.find((o) => o.name === name);
    if (!operation) throw new Error(`${name} is not in clients/trusted-documents.json: run npm run documents`);
    return operation.body;
  };
  const callers: Caller[] = [{ role: 'anonymous' }, { role: 'agent', ministry: 'ENERGY' }];
  const citizenIndex = new Map<string, number>();
  const citizen = (niu: string) => {
    let index = citizenIndex.get(niu);
    if (index === undefined) {
      index = callers.push({ role: 'citizen', niu }) - 1;
      citizenIndex.set(niu, index);
    }
    return index;
  };
  const body = (query: string, variables?: Record<string, unknown>) => Buffer.from(JSON.stringify(variables ? { query, variables } : { query }));
  const build = (name: ScenarioName): Scenario => {
    switch (name) {
      case 'status': {
        const query = documentOf('DossierStatus');
        return {
          name,
          operationName: 'DossierStatus',
          requests: keys.status.map((k) => ({ body: body(query, { reference: k.reference }), caller: citizen(k.niu) })),
          direct: { subgraph: 'electricity', requests: keys.status.map((k) => ({ body: body(directStatusDocument, { reference: k.reference }), caller: citizen(k.niu) })) },
        };
      }
      case 'dashboard': {
        const query = documentOf('CitizenDashboard');
        return { name, operationName: 'CitizenDashboard', requests: keys.dashboard.map((niu) => ({ body: body(query, { niu }), caller: citizen(niu) })) };
      }
      case 'agent-list': {
        const query = documentOf('AgentDossiers');
        return {
          name,
          operationName: 'AgentDossiers',
          requests: Array.from({ length: keys.agentPages }, (_, i) => ({ body: body(query, { page: i + 1 }), caller: 1 })),
          legacyCallBound: { ceet: 1, rnec: Math.ceil(agentPageSize / rnecNiusPerCall), urbanisme: 0 },
        };
      }
      case 'catalogue': {
        const requests = [{ body: body(documentOf('Procedures')), caller: 0 }];
        return { name, operationName: 'Procedures', requests, direct: { subgraph: 'dossiers', requests } };
      }
    }
  };
  return { scenarios: names.map(build), callers };
}
