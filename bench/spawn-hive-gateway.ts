import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SpawnedService } from '../scripts/stack/index.js';
import { peersDir } from './ensure-peers.js';

import { freePort } from '../scripts/servers/index.js';

export { freePort };

/** What the CLI prints when `--hive-router-runtime` cannot load its package: it then falls back to the default runtime. */
const routerRuntimeMissing = 'Could not load the @graphql-hive/router-runtime package';

/**
 * Hive Gateway's CLI (`hive-gateway supergraph <file>`) from bench/peers, with bench/peers/gateway.config.ts and
 * `--fork workers`; resolves once it answers a GraphQL request. Its URL is the origin (`/graphql` is the endpoint).
 * `runtime: 'router'` adds `--hive-router-runtime` (the Rust query planner of @graphql-hive/router-runtime); since
 * the CLI silently falls back to its default runtime when that package does not load, that fallback is an error here.
 */
export async function spawnHiveGateway(options: {
  readonly supergraphPath: string;
  readonly workers: number;
  readonly onLine: (name: string, line: string) => void;
  readonly startTimeoutMs?: number;
  readonly runtime?: 'default' | 'router';
}): Promise<SpawnedService> {
  const port = await freePort();
  const name = options.runtime === 'router' ? 'hive-rust' : 'hive';
  const bin = join(peersDir, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
  const args = [bin, 'supergraph', options.supergraphPath, '--host', '127.0.0.1', '--port', String(port), '--fork', String(options.workers), '--config-path', join(peersDir, 'gateway.config.ts')];
  if (options.runtime === 'router') args.push('--hive-router-runtime');
  const child = spawn(process.execPath, args, { cwd: peersDir, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  let fellBack = false;
  const onLine = (line: string) => {
    recent.push(line);
    if (recent.length > 30) recent.shift();
    if (line.includes(routerRuntimeMissing)) fellBack = true;
    options.onLine(name, line);
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceMs = 5_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Hive Gateway exited (${child.signalCode ?? child.exitCode}) before answering:\n${recent.join('\n')}`);
    if (fellBack) {
      await stop(0);
      throw new Error(`Hive Gateway could not load @graphql-hive/router-runtime (bench/peers):\n${recent.join('\n')}`);
    }
    if (await answers(`${url}/graphql`)) return { name, url, child, stop };
    await sleep(250);
  }
  await stop(0);
  throw new Error(`Hive Gateway did not answer within ${options.startTimeoutMs ?? 90_000} ms:\n${recent.join('\n')}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}', signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}
