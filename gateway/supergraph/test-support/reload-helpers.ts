import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { TestStack } from '../../test-support/start-test-stack.js';
import { supergraphHash } from '../supergraph-hash.js';

export interface SupergraphVariants {
  /** The stack's own supergraph. */
  readonly a: string;
  /** The same subgraphs, civil-registry without its `boom` field: `{ boom }` stops validating. */
  readonly b: string;
  readonly hashA: string;
  readonly hashB: string;
}

/** Two valid supergraphs over the test stack's subgraphs, told apart by `boom`. */
export function supergraphVariants(stack: Pick<TestStack, 'supergraphPath' | 'civilRegistry' | 'electricity'>): SupergraphVariants {
  const a = readFileSync(stack.supergraphPath, 'utf8');
  const subgraphs = [stack.civilRegistry, stack.electricity].map(({ name, url, typeDefs }) => ({ name, url, typeDefs: parse(typeDefs.replace(' boom: String', '')) }));
  const result = composeServices(subgraphs);
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return { a, b: result.supergraphSdl, hashA: supergraphHash(a), hashB: supergraphHash(result.supergraphSdl) };
}

/** Writes a new file beside `path` and renames it over it, as deployment tools and many editors do. */
export function replaceFile(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** The supergraph hash the gateway at `baseUrl` says it serves (`x-guichet-supergraph` on /ready). */
export async function servedHash(baseUrl: string): Promise<string | null> {
  const response = await fetch(`${baseUrl}/ready`);
  await response.arrayBuffer();
  return response.headers.get('x-guichet-supergraph');
}

/** A sample of the gateway's /metrics (0 when absent), e.g. `guichet_supergraph_reloads_total{outcome="refused"}`. */
export async function metricValue(baseUrl: string, series: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/** Polls `check` until it holds; throws with `what` when it never does (a wait, not a timing assertion). */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting until ${what}`);
}
