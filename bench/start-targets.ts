import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { subgraphUrlVariable } from '../gateway/config.js';
import { gatewayNodeOptions, stackServices, type SpawnedService } from '../scripts/stack/index.js';
import { spawnService } from '../scripts/stack/spawn-service.js';
import type { TargetName } from './bench-options.js';
import { packageRoot, peersDir } from './ensure-peers.js';
import type { Scenario, ScenarioRequest } from './scenarios.js';
import { freePort, spawnHiveGateway } from './spawn-hive-gateway.js';
import type { BenchStack } from './start-bench-stack.js';

/** Where one scenario is sent on one target, and which process tree serves it. */
export interface Endpoint {
  readonly url: string;
  readonly pid: number;
  readonly requests: readonly ScenarioRequest[];
  /** Guichet's gateways: their `/metrics`, for the share of answers served whole from the private response cache. */
  readonly metricsUrl?: string;
}

/** One row label of the tables: a gateway, or the subgraphs called directly. */
export interface BenchTarget {
  readonly name: string;
  readonly kind: TargetName;
  /** Peers and subgraphs need the bench's internal token; Guichet signs its own from the bearer token. */
  readonly sendInternalToken: boolean;
  /** Undefined when the target has nothing to offer this scenario (no single subgraph answers it). */
  endpointFor(scenario: Scenario): Endpoint | undefined;
  /** Stops the processes this target started (not the stack's). */
  stop(): Promise<void>;
}

const pidOf = (service: SpawnedService | undefined): number => {
  const pid = service?.child.pid;
  if (pid === undefined) throw new Error(`${service?.name ?? 'a service'} has no process`);
  return pid;
};

/** A gateway process and its URL as a target that sends every scenario to `<url>/graphql`. */
function gatewayTarget(name: string, kind: TargetName, service: SpawnedService, ownsProcess: boolean): BenchTarget {
  const url = `${service.url.replace(/\/$/, '')}/graphql`;
  return {
    name,
    kind,
    sendInternalToken: kind !== 'guichet',
    endpointFor: (scenario) => ({ url, pid: pidOf(service), requests: scenario.requests, ...(kind === 'guichet' ? { metricsUrl: `${service.url.replace(/\/$/, '')}/metrics` } : {}) }),
    stop: () => (ownsProcess ? service.stop() : Promise.resolve()),
  };
}

function stackGateway(bench: BenchStack): SpawnedService {
  const gateway = bench.stack.services.get('gateway');
  if (!gateway) throw new Error('the stack has no gateway');
  return gateway;
}

/** The stack's own Guichet gateway (started with the comparison's WORKERS). */
export function stackGuichetTarget(bench: BenchStack): BenchTarget {
  return gatewayTarget('guichet', 'guichet', stackGateway(bench), false);
}

/** Its GraphQL URL and process, for figures that are not a scenario of the comparison. */
export function stackGatewayEndpoint(bench: BenchStack): Omit<Endpoint, 'requests'> {
  const gateway = stackGateway(bench);
  return { url: `${gateway.url.replace(/\/$/, '')}/graphql`, pid: pidOf(gateway) };
}

/** The subgraph that owns a scenario's data, called with the bench's internal token. */
export function directTarget(bench: BenchStack): BenchTarget {
  return {
    name: 'direct',
    kind: 'direct',
    sendInternalToken: true,
    endpointFor(scenario) {
      if (!scenario.direct) return undefined;
      const subgraph = bench.stack.services.get(scenario.direct.subgraph);
      if (!subgraph) throw new Error(`the stack has no subgraph ${scenario.direct.subgraph}`);
      return { url: subgraph.url, pid: pidOf(subgraph), requests: scenario.direct.requests };
    },
    stop: () => Promise.resolve(),
  };
}

/**
 * Another Guichet gateway beside the stack's, over the same subgraphs and IdP, with the stack gateway's environment
 * plus `env` (WORKERS for the scaling figure, a switch turned off for a variant). Its own audit trail, reported to the
 * stack's witness under its own log id: two writers would fork one chain.
 */
export async function startGuichetGateway(
  bench: BenchStack,
  name: string,
  env: Readonly<Record<string, string>>,
  onLine: (name: string, line: string) => void,
  execArgv: readonly string[] = [],
): Promise<BenchTarget> {
  return gatewayTarget(name, 'guichet', await spawnGuichetGateway(bench, name, env, onLine, execArgv), true);
}

/** The process of such a gateway, for figures that are not a scenario of the comparison (the push figures). */
export async function spawnGuichetGateway(
  bench: BenchStack,
  name: string,
  env: Readonly<Record<string, string>>,
  onLine: (name: string, line: string) => void,
  execArgv: readonly string[] = [],
): Promise<SpawnedService> {
  const urls: NodeJS.ProcessEnv = {};
  for (const subgraph of stackServices.filter((s) => s.tier === 'subgraph')) urls[subgraphUrlVariable(subgraph.name)] = bench.stack.services.get(subgraph.name)?.url ?? '';
  const auditDir = mkdtempSync(join(bench.dataDir, `${name}-`));
  return spawnService({
    name,
    entryPath: join(packageRoot, 'dist', 'gateway', 'main.js'),
    // As deployed, like the stack's own gateway: its heap cap too (without it, RSS under load is half again higher).
    env: {
      ...process.env,
      ...bench.stackEnv,
      ...bench.gatewayEnv,
      OIDC_ISSUER: bench.stack.idpUrl,
      OIDC_AUDIENCE: 'guichet',
      AUDIT_WITNESS_URL: bench.stack.witnessUrl,
      AUDIT_LOG_ID: `bench-${randomBytes(6).toString('hex')}`,
      ...urls,
      PORT: '0',
      AUDIT_LOG_PATH: join(auditDir, 'audit.jsonl'),
      NODE_OPTIONS: [gatewayNodeOptions, process.env.NODE_OPTIONS].filter(Boolean).join(' '),
      ...env,
    },
    execArgv,
    onLine,
  });
}

/** Stock @apollo/gateway through bench/peers/apollo-gateway.mjs (WORKERS copies under node:cluster share one port). */
export async function startApolloTarget(supergraphPath: string, workers: number, onLine: (name: string, line: string) => void): Promise<BenchTarget> {
  const service = await spawnService({
    name: 'apollo',
    entryPath: join(peersDir, 'apollo-gateway.mjs'),
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(workers > 1 ? await freePort() : 0), WORKERS: String(workers), SUPERGRAPH_PATH: supergraphPath },
    onLine,
  });
  return gatewayTarget('apollo', 'apollo', service, true);
}

/** Hive Gateway's CLI with bench/peers/gateway.config.ts and `--fork workers`; `hive-rust` with its Rust query planner. */
export async function startHiveTarget(supergraphPath: string, workers: number, onLine: (name: string, line: string) => void, kind: 'hive' | 'hive-rust' = 'hive'): Promise<BenchTarget> {
  const service = await spawnHiveGateway({ supergraphPath, workers, onLine, runtime: kind === 'hive-rust' ? 'router' : 'default' });
  return gatewayTarget(kind, kind, service, true);
}
