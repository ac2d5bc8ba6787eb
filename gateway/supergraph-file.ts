import { readFileSync } from 'node:fs';
import { Kind, parse, type ConstValueNode, type DocumentNode } from 'graphql';

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
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch (error) {
    throw new SupergraphFileError(`${path}: not valid GraphQL (${error instanceof Error ? error.message : String(error)})`);
  }
  const subgraphs = declaredSubgraphs(document);
  if (subgraphs.length === 0) throw new SupergraphFileError(`${path}: not a supergraph (no join__Graph enum with @join__graph values)`);
  return { sdl, subgraphs };
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
