import 'reflect-metadata';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeSupergraph } from '../schema/compose-supergraph.js';
import { subgraphDefinitions } from '../subgraphs/index.js';

/** Builds every subgraph schema from the code and composes the supergraph (default subgraph URLs). */
export async function buildSupergraph(): Promise<{ supergraphSdl: string; hints: string[] }> {
  const sources = [];
  for (const definition of subgraphDefinitions) {
    sources.push({ name: definition.name, url: definition.defaultUrl, sdl: printSubgraphSchema(await definition.buildSchema()) });
  }
  return composeSupergraph(sources);
}
