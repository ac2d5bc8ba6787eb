import { Directive } from 'type-graphql';

/**
 * Declares in the SDL who may read a field or type — Federation's own `@requiresScopes` (alternatives of
 * all-of lists) — and `applyAuthorization` enforces exactly what is declared. The rule is written once.
 */
export function RequiresScopes(...alternatives: (readonly string[])[]): MethodDecorator & PropertyDecorator & ClassDecorator {
  const scopes = alternatives.map((all) => `[${all.map((s) => JSON.stringify(s)).join(', ')}]`).join(', ');
  return Directive(`@requiresScopes(scopes: [${scopes}])`);
}

/** Any authenticated caller (Federation's `@authenticated`). */
export function Authenticated(): MethodDecorator & PropertyDecorator & ClassDecorator {
  return Directive('@authenticated');
}

/** Scope sets used across subgraphs, named once. */
export const Scopes = {
  citizenSelf: ['citizen'],
  anyAgent: ['agent'],
  supervisor: ['supervisor'],
  readCitizens: ['citizens:read'],
  readDossiers: ['dossiers:read'],
  writeDossiers: ['dossiers:write'],
  manageWebhooks: ['webhooks:manage'],
  agentOf: (ministry: string) => [`agent:${ministry}`],
} as const;

/**
 * Scopes that grant, below the root, only the receipt of the caller's own filing in the same request: an
 * integrator that may file (`dossiers:write`) but not read sees the dossier it just filed, and no other.
 */
export const receiptOnlyScopes: ReadonlySet<string> = new Set(Scopes.writeDossiers);
