import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export interface ComposedSubgraph {
  readonly name: string;
  readonly url: string;
  readonly typeDefs: string;
}

/** Composes subgraphs the way `npm run compose` does and writes the supergraph to a fresh temp file. */
export function writeTestSupergraph(subgraphs: readonly ComposedSubgraph[]): string {
  const result = composeServices(subgraphs.map(({ name, url, typeDefs }) => ({ name, url, typeDefs: parse(typeDefs) })));
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  const path = join(mkdtempSync(join(tmpdir(), 'guichet-gateway-')), 'supergraph.graphql');
  writeFileSync(path, result.supergraphSdl);
  return path;
}
