import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LegacySystem } from '../../schema/index.js';
import { freePort } from '../servers/index.js';
import { legacyServices, stackServices, subgraphWaves, type StackService } from './service-catalog.js';
import { killService, respawnOnPort } from './restart-service.js';
import { spawnService, type SpawnedService } from './spawn-service.js';

export interface StackOptions {
  /** `fixed`: the documented default ports; `ephemeral`: port 0 everywhere (tests, parallel runs). */
  readonly ports: 'fixed' | 'ephemeral';
  /** Extra environment for every service (SEED, SCALE, LATENCY_*, NODE_ENV…). */
  readonly env?: NodeJS.ProcessEnv;
  /** Extra environment per service name. */
  readonly serviceEnv?: Readonly<Record<string, NodeJS.ProcessEnv>>;
  readonly onLine?: (name: string, line: string) => void;
}

export interface Stack {
  readonly gatewayUrl: string;
  readonly services: ReadonlyMap<string, SpawnedService>;
  /** The development identity provider (tokens for tests and `npm run token`). */
  readonly idpUrl: string;
  /** The audit trail's witness (its signed checkpoints, for `audit:verify`). */
  readonly witnessUrl: string;
  /** Legacy base URLs (origins) by system (`rnec`, `ceet`, `urbanisme`…), for tests that inspect the simulators. */
  readonly legacyUrls: Readonly<Record<LegacySystem, string>>;
  /** What the ministry subgraphs were told of the simulators: each adapter's URL variable (`CEET_URL`, `RNEC_URL`…). */
  readonly adapterEnv: Readonly<Record<string, string>>;
  stop(): Promise<void>;
  /** Sends `signal` (default SIGKILL: a crash, no graceful shutdown) to one service; resolves once it is gone. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  /**
   * Starts one service again, with the environment it first ran with and on the port it first bound, so that the
   * services wired to its URL reach the new process. A service still running is stopped gracefully first.
   */
  restart(name: string): Promise<void>;
}

/** dist/ of the package, whether this file runs from dist/ (npm start) or from source (vitest). */
const packageRoot = fileURLToPath(new URL('../../', import.meta.url)).replace(/dist\/$/, '');
const distRoot = `${packageRoot}dist/`;

/**
 * Starts the whole stack as real processes, tier by tier, wiring each tier to the URLs the previous one
 * actually bound: simulators → subgraphs (adapter URLs) → gateway (subgraph URL overrides).
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const services = new Map<string, SpawnedService>();
  /** The environment each service first started with, for `restart`. */
  const startEnvs = new Map<string, NodeJS.ProcessEnv>();
  const onLine = options.onLine ?? (() => undefined);
  // The simulators regenerate their world on every start: a supervision read model kept from an earlier run would
  // count dossiers that no longer exist. It is kept for this run only (it survives `restart`), unless told otherwise.
  const runDir = mkdtempSync(join(tmpdir(), 'guichet-stack-'));
  const runDefaults: Readonly<Record<string, NodeJS.ProcessEnv>> = {
    supervision: { SUPERVISION_STORE_PATH: join(runDir, 'supervision-read-model.sqlite') },
    // Its consumer cursor is a position in this run's event log: a webhooks store kept across runs would resume
    // from a cursor of another log.
    webhooks: { WEBHOOKS_STORE_PATH: join(runDir, 'webhooks.sqlite') },
    // The witness lives as long as the trail it vouches for: a trail of this run only (AUDIT_LOG_PATH given, as in
    // tests, the soak and the bench) gets a witness of this run only; `npm start`'s trail in .data/audit keeps its
    // witness in .data/witness.
    ...(options.env?.AUDIT_LOG_PATH === undefined ? {} : { witness: { WITNESS_DATA_DIR: join(runDir, 'witness') } }),
  };
  // The ministry subgraphs follow the supervision subgraph's event stream (proven-fresh status polls,
  // docs/performance.md) but start before it (it reads their outboxes). On fixed ports they find it at its default
  // address; on ephemeral ones its port is reserved here, as the scaled stack reserves its balancers' ports.
  const reservedPorts: Readonly<Record<string, number>> = options.ports === 'fixed' ? {} : { supervision: await freePort() };
  const start = (service: StackService, env: NodeJS.ProcessEnv) => {
    const reserved = reservedPorts[service.name];
    // A service's own environment (serviceEnv) comes last, so `PORT=… npm start` moves the gateway.
    const fullEnv: NodeJS.ProcessEnv = {
      ...runDefaults[service.name],
      ...process.env,
      ...options.env,
      ...env,
      PORT: reserved !== undefined ? String(reserved) : options.ports === 'fixed' ? String(service.defaultPort) : '0',
      ...options.serviceEnv?.[service.name],
    };
    if (service.nodeOptions) fullEnv.NODE_OPTIONS = [service.nodeOptions, fullEnv.NODE_OPTIONS].filter(Boolean).join(' ');
    startEnvs.set(service.name, fullEnv);
    const spawnOptions = { name: service.name, entryPath: `${distRoot}${service.entry}`, env: fullEnv, onLine };
    // A reserved port was free a moment ago; should another process take it meanwhile, a few attempts say so clearly.
    const spawned = reserved !== undefined ? respawnOnPort(spawnOptions, String(reserved), 3) : spawnService(spawnOptions);
    return spawned.then((spawned) => {
      services.set(service.name, spawned);
      return spawned;
    });
  };
  const stop = async () => {
    // Front to back, so no tier sees its dependencies vanish while serving.
    for (const tier of ['gateway', 'subgraph', 'legacy', 'identity', 'witness'] as const) {
      await Promise.all(stackServices.filter((s) => s.tier === tier).map((s) => services.get(s.name)?.stop()));
    }
    rmSync(runDir, { recursive: true, force: true });
  };
  const url = (name: string) => services.get(name)?.url ?? '';
  try {
    await Promise.all(stackServices.filter((s) => s.tier === 'identity' || s.tier === 'witness' || s.tier === 'legacy').map((s) => start(s, {})));
    const origin = (name: string) => new URL(url(name)).origin;
    const legacyUrls = Object.fromEntries(legacyServices.map((s) => [s.legacy.system, origin(s.name)])) as Record<LegacySystem, string>;
    // RNEC logs its SOAP endpoint (`…/ws/rnec`); the REST systems their base URL.
    const adapterEnv: Record<string, string> = Object.fromEntries(legacyServices.map((s) => [s.legacy.urlEnv, s.legacy.urlFrom === 'endpoint' ? url(s.name) : origin(s.name)]));
    // Where every subgraph bound, named as the gateway reads it (`SUBGRAPH_ELECTRICITY_URL`…); the ones not up yet left out.
    const subgraphUrlEnv = (): NodeJS.ProcessEnv =>
      Object.fromEntries(stackServices.filter((x) => x.tier === 'subgraph' && url(x.name) !== '').map((x) => [`SUBGRAPH_${x.name.toUpperCase().replaceAll('-', '_')}_URL`, url(x.name)]));
    // The supervision subgraph reads the ministry subgraphs' outbox outcomes (docs/events.md), the webhooks subgraph
    // the supervision's event stream: each starts once what it reads is bound, and is told where. The ministry
    // subgraphs are told where the supervision subgraph will be before it is up: they reconnect to its stream until it is.
    const streamEnv = (s: StackService): NodeJS.ProcessEnv =>
      s.outbox && reservedPorts.supervision !== undefined ? { SUBGRAPH_SUPERVISION_URL: `http://127.0.0.1:${reservedPorts.supervision}/graphql` } : {};
    for (const wave of subgraphWaves()) await Promise.all(wave.map((s) => start(s, { ...adapterEnv, ...streamEnv(s), ...(s.reads ? subgraphUrlEnv() : {}) })));
    // The gateway trusts the IdP the stack started and the audience it writes (IDP_AUDIENCE's default; production
    // requires both to be named), and reports its trail to the stack's witness, wherever they bound.
    const subgraphEnv: NodeJS.ProcessEnv = { OIDC_ISSUER: url('idp'), OIDC_AUDIENCE: 'guichet', AUDIT_WITNESS_URL: url('witness'), ...subgraphUrlEnv() };
    const gateway = await Promise.all(stackServices.filter((s) => s.tier === 'gateway').map((s) => start(s, subgraphEnv)));
    const kill = (name: string, signal: NodeJS.Signals = 'SIGKILL') => killService(serviceNamed(services, name), signal);
    const restart = async (name: string) => {
      const previous = serviceNamed(services, name);
      const service = stackServices.find((s) => s.name === name);
      const env = startEnvs.get(name);
      if (!service || !env) throw new Error(`no stack service named ${name}`);
      await previous.stop();
      const spawned = await respawnOnPort({ name, entryPath: `${distRoot}${service.entry}`, env, onLine }, new URL(previous.url).port);
      services.set(name, spawned);
    };
    return { gatewayUrl: `${gateway[0]?.url ?? ''}/graphql`, idpUrl: url('idp'), witnessUrl: url('witness'), services, legacyUrls, adapterEnv, stop, kill, restart };
  } catch (error) {
    await stop();
    throw error;
  }
}

function serviceNamed(services: ReadonlyMap<string, SpawnedService>, name: string): SpawnedService {
  const service = services.get(name);
  if (!service) throw new Error(`no stack service named ${name}`);
  return service;
}
