import type { GraphQLSchema } from 'graphql';
import { connectedMinistries } from '../schema/index.js';
import { DOSSIERS_DEFAULT_PORT, buildDossiersSchema } from './dossiers/index.js';
import { SUPERVISION_DEFAULT_PORT, buildSupervisionSchema } from './supervision/index.js';
import { WEBHOOKS_DEFAULT_PORT, buildWebhooksSchema } from './webhooks/index.js';

/** Every subgraph of the graph: its name in the supergraph, its default URL and how its schema is built. */
export interface SubgraphDefinition {
  readonly name: string;
  readonly defaultUrl: string;
  readonly buildSchema: () => Promise<GraphQLSchema>;
}

const local = (port: number) => `http://127.0.0.1:${port}/graphql`;

/**
 * A ministry subgraph's schema, from its own folder: every `subgraphs/<name>/index.ts` exports `buildSchema`. Loaded
 * when asked for, so that this list needs no import per ministry. The specifier is a plain relative path in a
 * variable: node resolves it from dist/, vitest from the sources (`.js` → `.ts`); a template literal would be turned by
 * Vite into a glob of existing `.js` files, and find none.
 */
async function ministrySchema(name: string): Promise<GraphQLSchema> {
  const specifier = `./${name}/index.js`;
  const module: unknown = await import(/* @vite-ignore */ specifier);
  const build = typeof module === 'object' && module !== null && 'buildSchema' in module ? module.buildSchema : undefined;
  if (typeof build !== 'function') throw new Error(`subgraphs/${name}/index.ts does not export buildSchema(): Promise<GraphQLSchema>`);
  return (await build()) as GraphQLSchema;
}

/** The ministry subgraphs (one per connected row of the ministry registry, in its order), then dossiers, supervision and webhooks. */
export const subgraphDefinitions: readonly SubgraphDefinition[] = [
  ...connectedMinistries.map(({ subgraph }) => ({ name: subgraph.name, defaultUrl: local(subgraph.port), buildSchema: () => ministrySchema(subgraph.name) })),
  { name: 'dossiers', defaultUrl: local(DOSSIERS_DEFAULT_PORT), buildSchema: buildDossiersSchema },
  { name: 'supervision', defaultUrl: local(SUPERVISION_DEFAULT_PORT), buildSchema: buildSupervisionSchema },
  { name: 'webhooks', defaultUrl: local(WEBHOOKS_DEFAULT_PORT), buildSchema: buildWebhooksSchema },
];
