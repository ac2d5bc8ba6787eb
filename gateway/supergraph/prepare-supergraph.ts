import type { GraphQLSchema } from 'graphql';
import { variablesDepthProblems } from '../config.js';
import { parseSupergraph, resolveSubgraphEndpoints, SupergraphFileError, type SubgraphEndpoint } from '../supergraph-file.js';
import { apiSchemaOf, validateManifest, type ManifestOperation } from '../trusted-documents/index.js';
import { supergraphHash } from './supergraph-hash.js';

/** A supergraph checked for this gateway, ready to be built. */
export interface LoadedSupergraph {
  readonly sdl: string;
  readonly hash: string;
  /** Every subgraph it declares, with its effective URL (`SUBGRAPH_<NAME>_URL` applied). */
  readonly subgraphs: readonly SubgraphEndpoint[];
  /** Trusted documents this supergraph does not validate (names), as start-up warns of them. */
  readonly brokenDocuments: ReadonlySet<string>;
}

/** What a supergraph must satisfy besides composing: the same rules start-up applies. */
export interface SupergraphRules {
  /** `SUBGRAPH_<NAME>_URL` variables. */
  readonly urlOverrides: Readonly<Record<string, string>>;
  /** `LIMIT_MAX_VARIABLES_DEPTH`. */
  readonly maxVariablesDepth: number;
  /** The trusted documents' manifest (empty when off). */
  readonly documents: ReadonlyMap<string, Pick<ManifestOperation, 'name' | 'body'>>;
}

/** Why a new supergraph is not used, phrased for an operator; the gateway keeps serving the previous one. */
export class SupergraphRefusedError extends Error {
  override readonly name = 'SupergraphRefusedError';
}

/**
 * Checks a supergraph text the way start-up does (GraphQL, `join__Graph`, usable subgraph URLs, a buildable API
 * schema, variables depth) and lists the trusted documents it breaks. With `current`, a supergraph that breaks a
 * document the current one validates is refused: a reload must not take a shipped client down, a restart may.
 * Throws SupergraphRefusedError; `problems` are warnings (documents already broken, as start-up reports them).
 */
export function prepareSupergraph(sdl: string, source: string, rules: SupergraphRules, current?: LoadedSupergraph): { readonly supergraph: LoadedSupergraph; readonly problems: readonly string[] } {
  let declared: ReturnType<typeof parseSupergraph>;
  try {
    declared = parseSupergraph(sdl, source);
  } catch (error) {
    if (error instanceof SupergraphFileError) throw new SupergraphRefusedError(error.message);
    throw error;
  }
  const { subgraphs, problems: urlProblems } = resolveSubgraphEndpoints(declared.subgraphs, rules.urlOverrides);
  if (urlProblems.length > 0) throw new SupergraphRefusedError(`${source}: ${urlProblems.join('; ')}`);
  let apiSchema: GraphQLSchema;
  try {
    apiSchema = apiSchemaOf(sdl);
  } catch (error) {
    throw new SupergraphRefusedError(`${source}: not a supergraph the gateway can build (${error instanceof Error ? error.message : String(error)})`);
  }
  const depthProblems = variablesDepthProblems(rules.maxVariablesDepth, sdl);
  if (depthProblems.length > 0) throw new SupergraphRefusedError(`${source}: ${depthProblems.join('; ')}`);
  const problems: string[] = [];
  const broken = new Set<string>();
  for (const document of rules.documents.values()) {
    const documentProblems = validateManifest([document], apiSchema);
    if (documentProblems.length === 0) continue;
    broken.add(document.name);
    problems.push(...documentProblems);
  }
  if (current !== undefined) {
    const newlyBroken = [...broken].filter((name) => !current.brokenDocuments.has(name));
    if (newlyBroken.length > 0) {
      const shown = newlyBroken.slice(0, 10).join(', ') + (newlyBroken.length > 10 ? `, and ${newlyBroken.length - 10} more` : '');
      throw new SupergraphRefusedError(`${source}: would break ${newlyBroken.length} trusted document(s) the served supergraph validates (${shown})`);
    }
  }
  return { supergraph: { sdl, hash: supergraphHash(sdl), subgraphs, brokenDocuments: broken }, problems };
}
