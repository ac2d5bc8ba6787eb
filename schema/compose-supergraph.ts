import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export interface SubgraphSource {
  readonly name: string;
  readonly url: string;
  /** The subgraph's SDL, as `printSubgraphSchema` gives it. */
  readonly sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`supergraph composition failed:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  }
}

/**
 * @apollo/gateway refuses a supergraph whose access-control features (`@requiresScopes`, `@authenticated`) are
 * linked `for: SECURITY`, because it cannot enforce them itself (only Apollo Router does). Guichet enforces them in
 * every subgraph, which only the gateway can reach (internal token), so the supergraph keeps the directives — the
 * rules stay visible — but its link no longer asks the gateway to enforce them.
 */
const securityFeatureLink = /(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:requiresScopes|authenticated)\/v[\d.]+"), for: SECURITY\)/g;

/** Composes the supergraph with Apollo's own composition; any error is fatal, hints are returned. */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): { supergraphSdl: string; hints: string[] } {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return { supergraphSdl: result.supergraphSdl.replace(securityFeatureLink, '$1)'), hints: result.hints.map((h) => h.toString()) };
}
