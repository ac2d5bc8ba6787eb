import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeSupergraph } from '../schema/compose-supergraph.js';
import { nestedWorld, nestedWorldOptions } from './nested-data.js';
import { nestedSubgraphNames, nestedSubgraphSchemas } from './nested-subgraphs.js';

/**
 * The nested scenario's supergraph, composed by Apollo's composition (as `schema:update` composes Guichet's) from the
 * bench-only subgraphs' SDL, with the URLs they listen on; written to `dir`, its path returned. Every gateway of the
 * figure (Guichet's with `SUPERGRAPH_PATH`, the stock gateway, Hive Gateway) runs this same file.
 */
export function writeNestedSupergraph(urls: Readonly<Record<string, string>>, dir: string): string {
  const schemas = nestedSubgraphSchemas(nestedWorld(nestedWorldOptions));
  const { supergraphSdl } = composeSupergraph(
    nestedSubgraphNames.map((name) => {
      const url = urls[name];
      if (url === undefined) throw new Error(`no URL for the nested subgraph ${name}`);
      return { name, url, sdl: printSubgraphSchema(schemas[name]) };
    }),
  );
  const path = join(dir, 'nested-supergraph.graphql');
  writeFileSync(path, supergraphSdl);
  return path;
}
