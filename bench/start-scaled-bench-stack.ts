import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { startScaledStack, type ScaledStack } from '../scripts/stack/index.js';
import { createWitnessKeyFile } from '../witness/index.js';
import { benchAccessTokenTtlSeconds, type BenchIdp } from './credential-pool.js';
import type { BenchStack } from './start-bench-stack.js';

export interface ScaledBenchStack {
  readonly stack: ScaledStack;
  readonly idp: BenchIdp;
  /** Whether pg_stat_statements could be loaded (the per-statement figures need it). */
  readonly statementStats: boolean;
  stop(): Promise<void>;
}

/**
 * `npm run start:scaled`'s stack (PostgreSQL, Redis, HAProxy, `gateways` gateway processes, two replicas of every
 * subgraph) with the embedded bench stack's environment: the same world, production mode, the same raised rate limits
 * and bulkhead queues; only the stores differ. Its own IdP key and witness key (a stack of its own).
 *
 * pg_stat_statements must be preloaded, which the scaled stack does not ask its PostgreSQL for: it is added with
 * ALTER SYSTEM and the server restarted once (fast shutdown) before any figure, the services reconnecting by
 * themselves as after any PostgreSQL restart; then the bench waits for every gateway to be ready again.
 */
export async function startScaledBenchStack(
  embedded: BenchStack,
  options: { readonly gateways: number; readonly onLine: (service: string, line: string) => void; readonly log: (line: string) => void },
): Promise<ScaledBenchStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-bench-scaled-'));
  const witnessKeyPath = join(dataDir, 'witness', 'signing-keys.json');
  await createWitnessKeyFile(witnessKeyPath);
  const idpKeyPath = join(dataDir, 'idp', 'signing-key.json');
  // The file trail's path is the embedded stack's: with DATABASE_URL the gateways keep their trail in PostgreSQL.
  const { AUDIT_LOG_PATH: _file, ...env } = embedded.stackEnv;
  const stack = await startScaledStack({
    ports: 'ephemeral',
    gateways: options.gateways,
    env,
    serviceEnv: {
      idp: { NODE_ENV: 'development', IDP_KEY_PATH: idpKeyPath, IDP_TOKEN_TTL_SECONDS: String(benchAccessTokenTtlSeconds) },
      gateway: { ...embedded.gatewayEnv },
      witness: { WITNESS_KEY_PATH: witnessKeyPath },
    },
    onLine: options.onLine,
  });
  const stop = async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const statementStats = await preloadStatementStats(stack, options.log);
    await waitForGateways(stack);
    return { stack, idp: { url: stack.idpUrl, keyPath: idpKeyPath }, statementStats, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Loads pg_stat_statements (ALTER SYSTEM + one restart) and creates it in the services' database. */
async function preloadStatementStats(stack: ScaledStack, log: (line: string) => void): Promise<boolean> {
  try {
    await withClient(stack.postgres.urlOf('postgres'), async (client) => {
      await client.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
    });
    log('scaled: restarting PostgreSQL once to preload pg_stat_statements');
    await stack.kill('postgres', 'SIGTERM');
    await stack.restart('postgres');
    await withClient(stack.databaseUrl, (client) => client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'));
    return true;
  } catch (error) {
    log(`scaled: pg_stat_statements unavailable (${error instanceof Error ? error.message : String(error)}): database-wide figures only`);
    if (!stack.postgres.running()) await stack.restart('postgres');
    return false;
  }
}

/**
 * Every gateway replica ready (its stores reconnected, every subgraph ready — supervision after its initial load of
 * the feeds, which takes minutes at SCALE 1 on a busy machine), then HAProxy's checks caught up.
 */
export async function waitForGateways(stack: ScaledStack, names: readonly string[] = stack.replicasOf('gateway'), timeoutMs = 300_000): Promise<void> {
  for (const name of names) {
    const service = stack.services.get(name);
    if (!service) throw new Error(`the scaled stack has no ${name}`);
    const readyUrl = `${new URL(service.url).origin}/ready`;
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      try {
        const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
        last = await response.text();
        if (response.ok && (JSON.parse(last) as { status?: unknown }).status === 'ready') break;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      if (Date.now() > deadline) throw new Error(`${name} was not ready within ${timeoutMs / 1000} s: ${last.slice(0, 600)}`);
      await sleep(500);
    }
  }
  // HAProxy checks every 500 ms and takes a server back after one success: a second covers it.
  await sleep(1_000);
}
