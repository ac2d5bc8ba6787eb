import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { supergraphPath } from '../gateway/trusted-documents/index.js';

/**
 * The committed supergraph with each `@join__graph(name: …, url: …)` pointing at the subgraph the stack actually
 * started (ephemeral ports), for the peers, which take their subgraph URLs from the supergraph itself. Throws if a
 * subgraph of the supergraph has no running counterpart.
 */
export function writePeerSupergraph(subgraphUrls: ReadonlyMap<string, string>, dir: string): string {
  const sdl = readFileSync(supergraphPath(), 'utf8');
  const missing: string[] = [];
  const rewritten = sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (_whole, name: string) => {
    const url = subgraphUrls.get(name);
    if (url === undefined) missing.push(name);
    return `@join__graph(name: "${name}", url: "${url ?? ''}")`;
  });
  if (missing.length > 0) throw new Error(`no running subgraph for ${missing.join(', ')} of the supergraph`);
  const path = join(dir, 'peer-supergraph.graphql');
  writeFileSync(path, rewritten);
  return path;
}
