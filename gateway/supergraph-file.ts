import { readFileSync } from 'node:fs';
import { Kind, parse, type ConstValueNode, type DocumentNode } from 'graphql';
import { envUrl } from '../lib/config/index.js';

/** A subgraph as the supergraph declares it (`join__Graph` enum value). */
export interface DeclaredSubgraph {
  /** Subgraph name as composed (`civil-registry`). */
  readonly name: string;
  /** Routing URL written into the supergraph; may be empty. */
  readonly url: string;
}

export interface SupergraphFile {
  readonly sdl: string;
  readonly subgraphs: readonly DeclaredSubgraph[];
}

/** Where one subgraph is reached. */
export interface SubgraphEndpoint {
  readonly name: string;
  /** GraphQL endpoint (`http://127.0.0.1:4101/graphql`). */
  readonly url: string;
  /** True when `SUBGRAPH_<NAME>_URL` replaced the supergraph's URL. */
  readonly overridden: boolean;
}

/** Why the supergraph file cannot be used, phrased for an operator. */
export class SupergraphFileError extends Error {
  override readonly name = 'SupergraphFileError';
}

/**
 * Reads a composed supergraph and lists the subgraphs it routes to. Checks only what start-up needs to explain
 * clearly (readable, GraphQL, has `join__Graph`); the gateway validates the rest when it loads the schema.
 */
export function readSupergraphFile(path: string): SupergraphFile {
  let sdl: string;
  try {
    sdl = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found (compose it with `npm run compose`)' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(error)})`;
    throw new SupergraphFileError(`${path}: ${reason}`);
  }
  return parseSupergraph(sdl, path);
}

/** The same checks as `readSupergraphFile` on a text already in hand; `source` names it in errors (a path, a URL). */
export function parseSupergraph(sdl: string, source: string): SupergraphFile {
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch (error) {
    throw new SupergraphFileError(`${source}: not valid GraphQL (${error instanceof Error ? error.message : String(error)})`);
  }
  const subgraphs = declaredSubgraphs(document);
  if (subgraphs.length === 0) throw new SupergraphFileError(`${source}: not a supergraph (no join__Graph enum with @join__graph values)`);
  return { sdl, subgraphs };
}

/** `civil-registry` → `SUBGRAPH_CIVIL_REGISTRY_URL`. */
export function subgraphUrlVariable(name: string): string {
  return `SUBGRAPH_${name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}_URL`;
}

/**
 * Each declared subgraph's effective URL: `SUBGRAPH_<NAME>_URL` from `env` when set, else the supergraph's own. Used
 * at start-up and again for every reloaded supergraph, so that both resolve URLs the same way.
 */
export function resolveSubgraphEndpoints(declared: readonly DeclaredSubgraph[], env: NodeJS.ProcessEnv): { readonly subgraphs: SubgraphEndpoint[]; readonly problems: string[] } {
  const problems: string[] = [];
  const subgraphs = declared.map((subgraph): SubgraphEndpoint => {
    const variable = subgraphUrlVariable(subgraph.name);
    const override = env[variable];
    if (override !== undefined) {
      const parsed = envUrl().safeParse(override);
      if (!parsed.success) problems.push(`${variable}=${JSON.stringify(override)}: ${parsed.error.issues[0]?.message ?? 'invalid URL'}`);
      return { name: subgraph.name, url: override, overridden: true };
    }
    if (!envUrl().safeParse(subgraph.url).success) {
      problems.push(`${variable}: subgraph "${subgraph.name}" has no usable URL in the supergraph (${JSON.stringify(subgraph.url)}); set ${variable}`);
    }
    return { name: subgraph.name, url: subgraph.url, overridden: false };
  });
  return { subgraphs, problems };
}

function declaredSubgraphs(document: DocumentNode): DeclaredSubgraph[] {
  const subgraphs: DeclaredSubgraph[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      if (!directive) continue;
      const argument = (name: string) => stringValue(directive.arguments?.find((a) => a.name.value === name)?.value);
      subgraphs.push({ name: argument('name') ?? value.name.value, url: argument('url') ?? '' });
    }
  }
  return subgraphs;
}

function stringValue(node: ConstValueNode | undefined): string | undefined {
  return node?.kind === Kind.STRING ? node.value : undefined;
}
